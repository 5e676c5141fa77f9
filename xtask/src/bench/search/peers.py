"""Peers of hired's candidate search, run by `cargo xtask bench search` on the same documents.

PostgreSQL full-text search: the documents in a table with a stored tsvector column and a GIN
index, queried with websearch_to_tsquery and ranked by ts_rank_cd, top 20.
scikit-learn: TfidfVectorizer over the documents, each query a vector ranked by cosine
similarity (what Python resume rankers do), top 20.

Reads the queries as JSON ([{"label", "words"}]) on stdin, prints one JSON object per line.
"""

import argparse
import json
import re
import statistics
import sys
import time

import numpy as np
import psycopg
from sklearn.feature_extraction.text import TfidfVectorizer

RUNS = 25
SLOW_RUNS = 5
PAGE = 20


def say(**line):
    print(json.dumps(line), flush=True)


def timed(run):
    """p50 and p99 in ms; fewer runs when one takes over a second."""
    first = time.perf_counter()
    run()
    runs = SLOW_RUNS if time.perf_counter() - first > 1.0 else RUNS
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, round((len(times) - 1) * 0.99))]


def postgres(url, docs, queries):
    with psycopg.connect(url, autocommit=True) as db:
        started = time.perf_counter()
        db.execute("DROP TABLE IF EXISTS peer_docs")
        db.execute("CREATE TABLE peer_docs (id BIGSERIAL PRIMARY KEY, body TEXT NOT NULL)")
        with db.cursor() as cur, cur.copy("COPY peer_docs (body) FROM STDIN") as copy, open(docs, encoding="utf-8") as f:
            for line in f:
                copy.write_row((line.rstrip("\n"),))
        db.execute(
            "ALTER TABLE peer_docs ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', body)) STORED"
        )
        db.execute("CREATE INDEX peer_docs_tsv ON peer_docs USING GIN (tsv)")
        db.execute("ANALYZE peer_docs")
        say(kind="built", peer="postgresql-fts", seconds=time.perf_counter() - started)
        for q in queries:
            query = q["words"]
            top = (
                "SELECT id, ts_rank_cd(tsv, q) AS rank FROM peer_docs, websearch_to_tsquery('english', %s) q "
                "WHERE tsv @@ q ORDER BY rank DESC LIMIT %s"
            )
            run = lambda: db.execute(top, (query, PAGE)).fetchall()
            p50, p99 = timed(run)
            (matches,) = db.execute(
                "SELECT count(*) FROM peer_docs WHERE tsv @@ websearch_to_tsquery('english', %s)", (query,)
            ).fetchone()
            say(kind="query", peer="postgresql-fts", time=dict(label=q["label"], matches=matches, p50_ms=p50, p99_ms=p99))
        db.execute("DROP TABLE peer_docs")


def tfidf(docs, queries):
    started = time.perf_counter()
    vectorizer = TfidfVectorizer(dtype=np.float32)
    with open(docs, encoding="utf-8") as f:
        matrix = vectorizer.fit_transform(f)
    say(kind="built", peer="scikit-learn-tfidf", seconds=time.perf_counter() - started)
    say(kind="note", text=f"tf-idf: {matrix.shape[0]} documents, {matrix.shape[1]} terms, {matrix.nnz} entries")
    for q in queries:
        words = re.sub(r'"|\bor\b', " ", q["words"])
        hits = {}

        def run():
            vector = vectorizer.transform([words])
            scores = (matrix @ vector.T).toarray().ravel()
            top = np.argpartition(-scores, PAGE)[:PAGE]
            hits["top"] = top[np.argsort(-scores[top])]
            hits["matches"] = int(np.count_nonzero(scores))

        p50, p99 = timed(run)
        say(kind="query", peer="scikit-learn-tfidf", time=dict(label=q["label"], matches=hits["matches"], p50_ms=p50, p99_ms=p99))


def main():
    args = argparse.ArgumentParser(description=__doc__)
    args.add_argument("--docs", required=True)
    args.add_argument("--database-url", required=True)
    parsed = args.parse_args()
    queries = json.load(sys.stdin)
    postgres(parsed.database_url, parsed.docs, queries)
    tfidf(parsed.docs, queries)


if __name__ == "__main__":
    main()
