//! The search benchmark's peers: PostgreSQL full-text search (a stored tsvector with a GIN
//! index, ranked by ts_rank_cd) and scikit-learn TF-IDF with cosine similarity, what Python
//! resume rankers do. Both run in xtask's `bench/search/peers.py` on the documents hired indexed; the
//! interpreter (with scikit-learn and psycopg) and the database come from the environment
//! `cargo xtask bench search` sets up.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use serde::Deserialize;

/// One query of the benchmark.
pub struct Query {
    /// How it is printed.
    pub label: &'static str,
    /// Whether it matches a large share of everyone.
    pub broad: bool,
    /// What hired is asked.
    pub hired: &'static str,
    /// The same need for the peers (PostgreSQL's web-search syntax; plain words for TF-IDF);
    /// empty for "everyone", which the peers do not answer.
    pub words: &'static str,
}

/// One peer's timings.
pub struct PeerTimes {
    /// Its name.
    pub name: String,
    /// Seconds to load and index the documents.
    pub build_s: f64,
    /// Per query.
    pub times: Vec<QueryTime>,
}

/// A peer's time for one query.
#[derive(Deserialize)]
pub struct QueryTime {
    /// The query's label.
    pub label: String,
    /// Documents the peer counted as matching (TF-IDF: with any word in common).
    pub matches: u64,
    /// Median.
    pub p50_ms: f64,
    /// 99th percentile.
    pub p99_ms: f64,
}

#[derive(Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Line {
    Built { peer: String, seconds: f64 },
    Query { peer: String, time: QueryTime },
    Note { text: String },
}

/// Runs both peers on `docs` (one document per line); an error says why they could not run.
pub fn run(docs: &Path, queries: &[Query]) -> Result<Vec<PeerTimes>, String> {
    let python = std::env::var("HIRED_BENCH_PYTHON").map_err(|_| "HIRED_BENCH_PYTHON is not set".to_owned())?;
    let url =
        std::env::var("HIRED_BENCH_DATABASE_URL").map_err(|_| "HIRED_BENCH_DATABASE_URL is not set".to_owned())?;
    let script = std::env::var("HIRED_BENCH_PEERS").map_err(|_| "HIRED_BENCH_PEERS is not set".to_owned())?;
    let mut child = Command::new(&python)
        .arg(&script)
        .arg("--docs")
        .arg(docs)
        .arg("--database-url")
        .arg(&url)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{python}: {e}"))?;
    let spec: Vec<serde_json::Value> = queries
        .iter()
        .filter(|q| !q.words.is_empty())
        .map(|q| serde_json::json!({ "label": q.label, "words": q.words }))
        .collect();
    let mut stdin = child.stdin.take().ok_or("no stdin for the peers")?;
    stdin.write_all(serde_json::to_string(&spec).map_err(|e| e.to_string())?.as_bytes()).map_err(|e| e.to_string())?;
    drop(stdin);
    let mut peers: Vec<PeerTimes> = Vec::new();
    let stdout = child.stdout.take().ok_or("no stdout from the peers")?;
    for line in BufReader::new(stdout).lines() {
        let line = line.map_err(|e| e.to_string())?;
        match serde_json::from_str::<Line>(&line).map_err(|e| format!("{line}: {e}"))? {
            Line::Note { text } => println!("peers: {text}"),
            Line::Built { peer, seconds } => peers.push(PeerTimes { name: peer, build_s: seconds, times: Vec::new() }),
            Line::Query { peer, time } => match peers.iter_mut().find(|p| p.name == peer) {
                Some(p) => p.times.push(time),
                None => return Err(format!("{peer} reported a query before it was built")),
            },
        }
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    if !status.success() || peers.len() < 2 {
        return Err(format!("the peers script ended with {status} after {} peers", peers.len()));
    }
    Ok(peers)
}
