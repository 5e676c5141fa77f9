//! Full-text candidate search: resumes, notes and profile fields in one tantivy index, with
//! the query syntax people expect (phrases, AND/OR/NOT, parentheses, field prefixes such as
//! `skill:django`, `company:`, `title:`, `location:`), facet counts, highlighted snippets and
//! sorting by relevance or recency. Who may see what is the caller's filter, applied inside
//! the query so that counts and facets respect it too.

use std::collections::BTreeMap;
use std::path::Path;

use crate::facet_counts::{SEPARATOR, count_facets};
use crate::keys::{KEY_HIGH, KEY_LOW, Keys};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, EnableScoring, Occur, Query, QueryParser, TermSetQuery};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Index, IndexReader, IndexWriter, Order, ReloadPolicy, TantivyDocument, Term};

/// Longest query accepted, in characters.
const MAX_QUERY_CHARS: usize = 1_000;
/// Most words and operators in one query.
const MAX_TERMS: usize = 64;
/// Deepest nesting of parentheses.
const MAX_DEPTH: usize = 8;
/// Memory the writer may buffer before it flushes a segment (tantivy's minimum per thread).
const WRITER_MEMORY: usize = 15_000_000;
/// Memory per thread while everyone is indexed at once: fewer, larger segments to merge.
const BULK_MEMORY_PER_THREAD: usize = 400_000_000;
/// What starts every commit's payload: the version of what this code writes, so that an
/// index written by another version is built again rather than misread.
const FORMAT: &str = "hired-text-2 ";
/// Above this many matches facets are counted on a sample, so broad searches stay fast.
const EXACT_FACETS_UP_TO: usize = 100_000;
/// About how many matching documents a sample counts.
const FACET_SAMPLE: usize = 10_000;
/// Values shown per facet.
const FACET_VALUES: usize = 10;

/// The facets counted for every search, by field name.
pub const FACETS: &[&str] = &["skill", "level", "location", "source", "stage", "tag"];

/// What the search index holds about one candidate.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchDoc {
    /// The candidate's id, as text.
    pub id: String,
    /// The same id as a number, for collecting everyone a query matches.
    pub key: u128,
    /// Their name.
    pub name: String,
    /// Headline and summary.
    pub headline: String,
    /// The resume's text.
    pub resume: String,
    /// Staff notes, joined.
    pub notes: String,
    /// Skills (canonical names).
    pub skills: Vec<String>,
    /// Employers.
    pub companies: Vec<String>,
    /// Job titles.
    pub titles: Vec<String>,
    /// Where they live.
    pub location: String,
    /// Recruiters' tags.
    pub tags: Vec<String>,
    /// Where they came from.
    pub source: String,
    /// Stage keys of their applications (`screen`, `offer`, `rejected`…).
    pub stages: Vec<String>,
    /// `junior | mid | senior | lead`, from their years of experience.
    pub level: String,
    /// Last change, seconds since the epoch: what "recent" sorts by.
    pub updated: i64,
}

/// How results are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SortBy {
    /// Best match of the words first.
    #[default]
    Relevance,
    /// Most recently changed first.
    Recent,
}

/// One result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The candidate's id, as text.
    pub id: String,
    /// Their name.
    pub name: String,
    /// A passage of the resume or notes with the matched words in `<b>`, HTML-escaped.
    pub snippet: String,
    /// Relevance score (0 when sorted by recency; callers sorting by match score put it here).
    pub score: f32,
}

/// One page of results with counts.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Found {
    /// Everyone matching (who the caller may see).
    pub total: usize,
    /// This page.
    pub hits: Vec<Hit>,
    /// Per facet field, its most frequent values with their counts.
    pub facets: BTreeMap<String, Vec<(String, u64)>>,
    /// The facet counts are estimates from a sample (there were very many matches).
    pub facets_estimated: bool,
}

/// Why a query cannot run, said so its author can fix it.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum SearchError {
    /// The query is not valid syntax or names an unknown field.
    #[error("{0}")]
    Syntax(String),
    /// The query is too large or too deeply nested.
    #[error("{0}")]
    TooBig(String),
    /// The index itself failed.
    #[error("the search index failed: {0}")]
    Index(String),
}

impl From<tantivy::TantivyError> for SearchError {
    fn from(e: tantivy::TantivyError) -> Self {
        SearchError::Index(e.to_string())
    }
}

struct Fields {
    id: Field,
    name: Field,
    headline: Field,
    resume: Field,
    notes: Field,
    skill: Field,
    company: Field,
    title: Field,
    location: Field,
    tag: Field,
    source: Field,
    stage: Field,
    level: Field,
    updated: Field,
    facets: Field,
    key_high: Field,
    key_low: Field,
}

/// The columnar field of `facet\u{1f}value` pairs that facets are counted from.
const FACET_FIELD: &str = "facets";

/// The search index: candidates in, ranked pages out.
pub struct TextIndex {
    index: Index,
    fields: Fields,
    /// Absent only when a writer could not be reopened after [`TextIndex::set_bulk`].
    writer: Option<IndexWriter>,
    reader: IndexReader,
    /// Whether the index is being filled from empty: no earlier copy to replace.
    bulk: bool,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("default")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let stored_text = text.clone().set_stored();
    let keyword = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default().set_tokenizer("raw_lower").set_index_option(IndexRecordOption::Basic),
    );
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        name: b.add_text_field("name", stored_text.clone()),
        headline: b.add_text_field("headline", text.clone()),
        resume: b.add_text_field("resume", stored_text.clone()),
        notes: b.add_text_field("notes", stored_text),
        skill: b.add_text_field("skill", text.clone()),
        company: b.add_text_field("company", text.clone()),
        title: b.add_text_field("title", text.clone()),
        location: b.add_text_field("location", text),
        tag: b.add_text_field("tag", keyword.clone()),
        source: b.add_text_field("source", keyword.clone()),
        stage: b.add_text_field("stage", keyword.clone()),
        level: b.add_text_field("level", keyword),
        updated: b.add_i64_field("updated", INDEXED | FAST),
        facets: b.add_text_field(FACET_FIELD, STRING | FAST),
        key_high: b.add_u64_field(KEY_HIGH, FAST),
        key_low: b.add_u64_field(KEY_LOW, FAST),
    };
    (b.build(), fields)
}

impl TextIndex {
    /// An index in memory (tests, small deployments).
    pub fn in_memory() -> Result<TextIndex, SearchError> {
        let (schema, fields) = schema();
        Self::with(Index::create_in_ram(schema), fields)
    }

    /// The index kept in `dir` across restarts, or a new empty one there when `dir` holds
    /// none, or one this version cannot read (it is a cache of the store, so starting over
    /// loses nothing).
    pub fn in_dir(dir: &Path) -> Result<TextIndex, SearchError> {
        let (schema, fields) = schema();
        let kept = Index::open_in_dir(dir).ok().filter(|index| {
            let marked = index.load_metas().ok().and_then(|m| m.payload).is_some_and(|p| p.starts_with(FORMAT));
            marked && index.schema() == schema
        });
        if let Some(index) = kept {
            return Self::with(index, fields);
        }
        let failed = |e: std::io::Error| SearchError::Index(format!("{}: {e}", dir.display()));
        if dir.exists() {
            std::fs::remove_dir_all(dir).map_err(failed)?;
        }
        std::fs::create_dir_all(dir).map_err(failed)?;
        Self::with(Index::create_in_dir(dir, schema)?, fields)
    }

    fn with(index: Index, fields: Fields) -> Result<TextIndex, SearchError> {
        let lower = tantivy::tokenizer::TextAnalyzer::builder(tantivy::tokenizer::RawTokenizer::default())
            .filter(tantivy::tokenizer::LowerCaser)
            .build();
        index.tokenizers().register("raw_lower", lower);
        // One indexing thread: changes arrive in small batches from the change log, and every
        // server (and every test) holds an index.
        let writer = index.writer_with_num_threads(1, WRITER_MEMORY)?;
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        Ok(TextIndex { index, fields, writer: Some(writer), reader, bulk: false })
    }

    /// Switches to a writer for filling the index from empty (every core, large buffers,
    /// no replacing) or back to the small one for following changes. Changes not yet
    /// committed are dropped: call it right after a commit or before a [`TextIndex::clear`].
    pub fn set_bulk(&mut self, bulk: bool) -> Result<(), SearchError> {
        // Tantivy lets one writer hold an index at a time: the old one goes first.
        self.writer = None;
        let writer = if bulk {
            let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
            self.index.writer_with_num_threads(threads, threads * BULK_MEMORY_PER_THREAD)?
        } else {
            self.index.writer_with_num_threads(1, WRITER_MEMORY)?
        };
        self.writer = Some(writer);
        self.bulk = bulk;
        Ok(())
    }

    fn writer(&mut self) -> Result<&mut IndexWriter, SearchError> {
        self.writer.as_mut().ok_or_else(|| SearchError::Index("the index writer could not be reopened".into()))
    }

    /// Adds `doc`, replacing what its id held before; visible after [`TextIndex::commit`].
    pub fn upsert(&mut self, doc: &SearchDoc) -> Result<(), SearchError> {
        if !self.bulk {
            self.remove(&doc.id);
        }
        let f = &self.fields;
        let mut d = TantivyDocument::default();
        d.add_text(f.id, &doc.id);
        d.add_text(f.name, &doc.name);
        d.add_text(f.headline, &doc.headline);
        d.add_text(f.resume, &doc.resume);
        d.add_text(f.notes, &doc.notes);
        let lists = [
            (f.skill, &doc.skills, "skill"),
            (f.company, &doc.companies, ""),
            (f.title, &doc.titles, ""),
            (f.tag, &doc.tags, "tag"),
            (f.stage, &doc.stages, "stage"),
        ];
        for (field, values, facet) in lists {
            for v in values.iter().filter(|v| !v.trim().is_empty()) {
                d.add_text(field, v);
                if !facet.is_empty() {
                    d.add_text(f.facets, format!("{facet}{SEPARATOR}{}", v.trim()));
                }
            }
        }
        for (field, value, facet) in
            [(f.location, &doc.location, "location"), (f.source, &doc.source, "source"), (f.level, &doc.level, "level")]
        {
            if !value.trim().is_empty() {
                d.add_text(field, value);
                d.add_text(f.facets, format!("{facet}{SEPARATOR}{}", value.trim()));
            }
        }
        d.add_i64(f.updated, doc.updated);
        d.add_u64(f.key_high, (doc.key >> 64) as u64);
        d.add_u64(f.key_low, doc.key as u64);
        self.writer()?.add_document(d)?;
        Ok(())
    }

    /// Forgets the candidate `id`; visible after [`TextIndex::commit`].
    pub fn remove(&mut self, id: &str) {
        if let Some(writer) = &self.writer {
            writer.delete_term(Term::from_field_text(self.fields.id, id));
        }
    }

    /// Forgets everyone; visible after [`TextIndex::commit`].
    pub fn clear(&mut self) -> Result<(), SearchError> {
        self.writer()?.delete_all_documents()?;
        Ok(())
    }

    /// Makes the changes so far searchable and durable, recording `mark`: what the caller
    /// needs to know, after a restart, about where the index stands.
    pub fn commit(&mut self, mark: &str) -> Result<(), SearchError> {
        let mut prepared = self.writer()?.prepare_commit()?;
        prepared.set_payload(&format!("{FORMAT}{mark}"));
        prepared.commit()?;
        self.reader.reload()?;
        Ok(())
    }

    /// The mark of the last commit, when there was one.
    pub fn mark(&self) -> Option<String> {
        let payload = self.index.load_metas().ok()?.payload?;
        payload.strip_prefix(FORMAT).map(str::to_owned)
    }

    /// How many candidates are searchable.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Whether nobody is searchable.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The page of `query` from `offset`, among the candidates `only` lists (everyone when
    /// `None`), sorted by `sort`, with facet counts over everything that matches.
    pub fn search(
        &self,
        query: &str,
        only: Option<&[String]>,
        sort: SortBy,
        offset: usize,
        limit: usize,
    ) -> Result<Found, SearchError> {
        let query = self.scoped(query, only)?;
        let searcher = self.reader.searcher();
        // The page and the count in one pass over the matches (skipping blocks by score was
        // slower here: resumes score alike); the facets in another, which visits only a
        // sample when there are very many.
        let page = TopDocs::with_limit(limit.max(1)).and_offset(offset);
        let (addresses, total): (Vec<(f32, DocAddress)>, usize) = match sort {
            SortBy::Relevance => searcher.search(&query, &(page.order_by_score(), Count))?,
            SortBy::Recent => {
                let by_recency = page.order_by_fast_field::<i64>("updated", Order::Desc);
                let (docs, total) = searcher.search(&query, &(by_recency, Count))?;
                (docs.into_iter().map(|(_, a)| (0.0, a)).collect(), total)
            }
        };
        let every = if total > EXACT_FACETS_UP_TO { total.div_ceil(FACET_SAMPLE) as u32 } else { 1 };
        let weight = query.weight(EnableScoring::disabled_from_searcher(&searcher))?;
        let counts = count_facets(&searcher, weight.as_ref(), FACET_FIELD, total, every)?;
        let mut snippets = SnippetGenerator::create(&searcher, &*query, self.fields.resume)?;
        snippets.set_max_num_chars(240);
        let mut note_snippets = SnippetGenerator::create(&searcher, &*query, self.fields.notes)?;
        note_snippets.set_max_num_chars(240);
        let mut hits = Vec::with_capacity(addresses.len());
        for (score, address) in addresses {
            let doc: TantivyDocument = searcher.doc(address)?;
            let text = |field: Field| doc.get_first(field).and_then(|v| v.as_str()).unwrap_or_default().to_owned();
            let mut snippet = snippets.snippet_from_doc(&doc);
            if snippet.highlighted().is_empty() {
                let from_notes = note_snippets.snippet_from_doc(&doc);
                if !from_notes.highlighted().is_empty() {
                    snippet = from_notes;
                }
            }
            hits.push(Hit {
                id: text(self.fields.id),
                name: text(self.fields.name),
                snippet: snippet.to_html(),
                score,
            });
        }
        let mut facets: BTreeMap<String, Vec<(String, u64)>> =
            FACETS.iter().map(|name| ((*name).to_owned(), Vec::new())).collect();
        for (pair, n) in counts {
            if let Some((name, value)) = pair.split_once(SEPARATOR)
                && let Some(values) = facets.get_mut(name)
            {
                values.push((value.to_owned(), n));
            }
        }
        for values in facets.values_mut() {
            values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            values.truncate(FACET_VALUES);
        }
        Ok(Found { total, hits, facets, facets_estimated: every > 1 })
    }

    /// The key of everyone `query` matches among `only` (everyone when `None`), in no order.
    pub fn keys(&self, query: &str, only: Option<&[String]>) -> Result<Vec<u128>, SearchError> {
        let query = self.scoped(query, only)?;
        Ok(self.reader.searcher().search(&query, &Keys)?)
    }

    /// `query` parsed, limited to the candidates `only` lists when given.
    fn scoped(&self, query: &str, only: Option<&[String]>) -> Result<Box<dyn Query>, SearchError> {
        let parsed = self.parse(query)?;
        Ok(match only {
            None => parsed,
            Some(ids) => {
                let terms = ids.iter().map(|id| Term::from_field_text(self.fields.id, id));
                Box::new(BooleanQuery::new(vec![
                    (Occur::Must, parsed),
                    (Occur::Must, Box::new(TermSetQuery::new(terms))),
                ]))
            }
        })
    }

    /// The query, bounded and parsed; empty or `*` alone means everyone.
    fn parse(&self, query: &str) -> Result<Box<dyn Query>, SearchError> {
        check_bounds(query)?;
        let query = query.trim();
        if query.is_empty() || query == "*" {
            return Ok(Box::new(AllQuery));
        }
        let f = &self.fields;
        let mut parser = QueryParser::for_index(
            &self.index,
            vec![f.name, f.headline, f.resume, f.notes, f.skill, f.company, f.title, f.location, f.tag],
        );
        parser.set_conjunction_by_default();
        parser.set_field_boost(f.name, 3.0);
        parser.set_field_boost(f.skill, 2.0);
        parser.set_field_boost(f.title, 1.5);
        // The grammar reads "a AND NOT b" as "a and (nothing but not-b)", which matches nothing;
        // "a NOT b" is what people mean by it.
        let query = query.replace(" AND NOT ", " NOT ");
        parser.parse_query(&query).map_err(|e| SearchError::Syntax(explain(&e, &query)))
    }
}

/// Refuses queries that would cost too much before parsing them.
fn check_bounds(query: &str) -> Result<(), SearchError> {
    if query.chars().count() > MAX_QUERY_CHARS {
        return Err(SearchError::TooBig(format!("the search is longer than {MAX_QUERY_CHARS} characters; shorten it")));
    }
    if query.split_whitespace().count() > MAX_TERMS {
        return Err(SearchError::TooBig(format!("the search has more than {MAX_TERMS} words; use fewer")));
    }
    let mut depth = 0usize;
    for c in query.chars() {
        match c {
            '(' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(SearchError::TooBig(format!("parentheses nest deeper than {MAX_DEPTH} levels")));
                }
            }
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// The parser's complaint in words a recruiter can act on.
fn explain(error: &tantivy::query::QueryParserError, query: &str) -> String {
    use tantivy::query::QueryParserError as E;
    match error {
        E::FieldDoesNotExist(field) => format!(
            "there is no field \"{field}:\"; use skill:, company:, title:, location:, tag:, source:, stage:, level: or name:"
        ),
        E::SyntaxError(_) => {
            let quotes = query.matches('"').count();
            let open = query.matches('(').count();
            let close = query.matches(')').count();
            if quotes % 2 == 1 {
                "a quotation mark is not closed: phrases go between two \" marks".into()
            } else if open != close {
                "the parentheses do not pair up: each ( needs a )".into()
            } else {
                "the search could not be read: write words, \"phrases\", AND, OR, NOT, parentheses and field:value"
                    .into()
            }
        }
        other => format!("the search could not be read: {other}"),
    }
}
