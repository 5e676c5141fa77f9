//! Everyone in the store held for ranking (talent rediscovery) and full-text search, kept
//! current by following the store's candidate change log. Each `hired serve` node holds its own copy and follows the
//! same log; a request catches up before it ranks, so a node always sees what was written
//! before the request, and a background loop keeps the catching-up small.

use std::collections::{BTreeSet, HashMap};
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use hired_domain::profile::Profile;
use hired_domain::requisition::Level;
use hired_domain::{CandidateId, RequisitionId};
use hired_match::search::{Found as SearchFound, Hit as SearchHit, SearchDoc, SearchError, SortBy, TextIndex};
use hired_match::{Candidate, Index, Job, JobError, Match};
use hired_store::{MatchFacts, Store, Texts};
use tokio::sync::Mutex;

use super::applicants::effective_profile;
use crate::error::{AppError, AppResult};

/// How far behind its newest entry a node re-reads the log: on PostgreSQL an entry can commit
/// after a higher-numbered one, and is picked up when it does.
const LOOKBACK: i64 = 1_000;
/// Entries read per round, and candidates per page when building.
const BATCH: u64 = 2_000;
/// How often the background loop looks for changes.
const POLL: Duration = Duration::from_millis(250);
/// Most processes sharing one data directory, each with its own on-disk text index.
const SLOTS: usize = 64;

/// What rediscovery filters on, per person.
#[derive(Debug, Clone)]
struct Person {
    name: String,
    /// Location as entered and the profile's city, for substring filters.
    place: String,
    tags: Vec<String>,
    talent_pool: bool,
    do_not_contact: bool,
    total_years: Option<f32>,
    applications: Vec<(RequisitionId, String)>,
}

/// Where following the log stands.
#[derive(Default)]
struct Progress {
    built: bool,
    /// The store's identity, recorded with every text index commit.
    store: String,
    /// The highest entry applied.
    last: i64,
    /// Entries applied within [`LOOKBACK`] of `last`.
    seen: BTreeSet<i64>,
    /// Where the text index kept on disk was caught up from at start, when it was reused.
    resumed_from: Option<i64>,
}

impl Progress {
    /// What the text index records at each commit: which store, how far in its log.
    fn mark(&self) -> String {
        format!("{} {}", self.store, self.last)
    }
}

/// Where a text index kept on disk stands in `store`'s log, when it can be caught up from
/// there: it was built from this store, is not ahead of its log (a restored backup), and no
/// entry it has not seen was pruned.
fn resume_point(mark: Option<String>, store: &str, first: i64, last: i64) -> Option<i64> {
    let mark = mark?;
    let (of, seq) = mark.split_once(' ')?;
    let seq: i64 = seq.parse().ok()?;
    (of == store && seq <= last && seq + 1 >= first).then_some(seq)
}

/// What a [`LiveIndex`] holds: the ranking index, the facts filters need, the text index.
struct Held {
    index: Index<CandidateId>,
    people: HashMap<CandidateId, Person>,
    text: TextIndex,
}

/// The index of everyone, with the facts filters need.
pub struct LiveIndex {
    data: RwLock<Held>,
    /// One catch-up at a time; holds where the log was read to.
    progress: Mutex<Progress>,
    /// The lock on this process's folder of the on-disk text index, held while it lives.
    _slot: Option<File>,
}

/// Who to look for, beyond the requisition's skills.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Part of the location ("berlin", "portugal"), any case.
    pub location: Option<String>,
    /// Years of experience in this level's range.
    pub level: Option<Level>,
    /// Only people who agreed to be kept for other roles.
    pub talent_pool_only: bool,
    /// Only people with this tag, any case.
    pub tag: Option<String>,
    /// Their history with us.
    pub history: History,
}

/// A person's history with the company, as a filter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum History {
    /// Anyone.
    #[default]
    Any,
    /// Never applied to anything (sourced profiles, imports).
    NeverApplied,
    /// Applied before.
    Applied,
    /// Was rejected or withdrew somewhere: a silver medallist, perhaps.
    RejectedOrWithdrew,
}

/// One person found, with their match.
pub struct Found {
    /// Who.
    pub candidate: CandidateId,
    /// Their name.
    pub name: String,
    /// Where they live, as entered.
    pub place: String,
    /// Their tags.
    pub tags: Vec<String>,
    /// Score and explanation.
    pub matched: Match,
}

impl Person {
    fn from_facts(facts: &MatchFacts, total_years: Option<f32>) -> Person {
        let city = facts.profile.as_ref().and_then(|p| p.location.as_ref()).and_then(|l| l.city.clone());
        let place = [facts.location.clone(), city].into_iter().flatten().collect::<Vec<_>>().join(" · ");
        Person {
            name: facts.name.clone(),
            place,
            tags: facts.tags.iter().map(|t| t.to_lowercase()).collect(),
            talent_pool: facts.talent_pool,
            do_not_contact: facts.do_not_contact,
            total_years,
            applications: facts.applications.clone(),
        }
    }

    fn passes(&self, filters: &Filters, requisition: RequisitionId) -> bool {
        if self.do_not_contact || self.applications.iter().any(|(r, _)| *r == requisition) {
            return false;
        }
        let applied = !self.applications.is_empty();
        let left = self.applications.iter().any(|(_, s)| s == "rejected" || s == "withdrawn");
        let history = match filters.history {
            History::Any => true,
            History::NeverApplied => !applied,
            History::Applied => applied,
            History::RejectedOrWithdrew => left,
        };
        let level = filters.level.is_none_or(|level| {
            let (lo, hi) = level.years();
            self.total_years.is_some_and(|t| t >= f32::from(lo) && hi.is_none_or(|hi| t <= f32::from(hi)))
        });
        history
            && level
            && (!filters.talent_pool_only || self.talent_pool)
            && filters.location.as_deref().is_none_or(|l| self.place.to_lowercase().contains(&l.to_lowercase()))
            && filters.tag.as_deref().is_none_or(|t| self.tags.iter().any(|mine| mine.eq_ignore_ascii_case(t)))
    }
}

impl LiveIndex {
    /// An index that builds itself from the store on first use. Its text index is kept in a
    /// folder under `root` that no other process holds, and reused after a restart; without
    /// `root`, in memory. The ranking index and filter facts are always rebuilt at start.
    pub fn new(root: Option<&Path>) -> Result<Arc<LiveIndex>, SearchError> {
        let (text, slot) = match root {
            Some(root) => {
                let (dir, lock) = take_slot(root)?;
                (TextIndex::in_dir(&dir)?, Some(lock))
            }
            None => (TextIndex::in_memory()?, None),
        };
        let held = Held { index: Index::new(super::applicants::graph().clone()), people: HashMap::new(), text };
        Ok(Arc::new(LiveIndex { data: RwLock::new(held), progress: Mutex::new(Progress::default()), _slot: slot }))
    }

    /// How many people it holds for ranking.
    pub fn len(&self) -> usize {
        self.data.read().map_or(0, |d| d.index.len())
    }

    /// The change log entry the text index on disk was caught up from at start, when it was
    /// reused rather than built again (`None` before the first catch-up too).
    pub async fn resumed_from(&self) -> Option<i64> {
        self.progress.lock().await.resumed_from
    }

    /// Whether it holds nobody.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Applies what the log says changed since the last call (building everything the first
    /// time); returns how many people were re-read.
    pub async fn catch_up(&self, store: &Store) -> AppResult<usize> {
        let read = self.read_changes(store).await?;
        metrics::gauge!("hired_matching_people").set(self.len() as f64);
        Ok(read)
    }

    async fn read_changes(&self, store: &Store) -> AppResult<usize> {
        let mut progress = self.progress.lock().await;
        let mut read = 0;
        if !progress.built {
            read = self.build(store, &mut progress).await?;
        }
        loop {
            let from = (progress.last - LOOKBACK).max(0);
            let entries = store.candidate_changes(from, BATCH).await?;
            let fresh: Vec<(i64, CandidateId)> = entries
                .iter()
                .copied()
                .filter(|(seq, _)| *seq > progress.last || !progress.seen.contains(seq))
                .collect();
            if fresh.is_empty() {
                return Ok(read);
            }
            let mut ids: Vec<CandidateId> = fresh.iter().map(|(_, id)| *id).collect();
            ids.sort_unstable_by_key(|id| id.0);
            ids.dedup();
            let facts = store.match_facts(&ids).await?;
            read += ids.len();
            self.index(&ids, facts, Texts::Read).map_err(search_failed)?;
            for (seq, _) in &fresh {
                progress.seen.insert(*seq);
                progress.last = progress.last.max(*seq);
            }
            let floor = progress.last - LOOKBACK;
            progress.seen = progress.seen.split_off(&floor);
            self.commit(&progress.mark()).map_err(search_failed)?;
            if entries.len() < BATCH as usize {
                return Ok(read);
            }
        }
    }

    /// Reads everyone from the store into the ranking index and filter facts, and into the
    /// text index unless the one on disk can be caught up from the log; leaves `progress`
    /// where the log is to be followed from. Returns how many people were read.
    async fn build(&self, store: &Store, progress: &mut Progress) -> AppResult<usize> {
        let identity = store.identity().await?.to_string();
        let (first, last) = store.candidate_change_bounds().await?;
        let mark = self.data.read().ok().and_then(|d| d.text.mark());
        let resume = resume_point(mark, &identity, first, last);
        let texts = if resume.is_some() { Texts::Skip } else { Texts::Read };
        {
            // A fresh writer either way drops what a failed earlier build left uncommitted.
            let mut data = self.data.write().map_err(|_| search_failed(poisoned()))?;
            data.text.set_bulk(texts == Texts::Read).map_err(search_failed)?;
            if texts == Texts::Read {
                data.text.clear().map_err(search_failed)?;
            }
        }
        // The next page is read (and its JSON parsed) on another thread while this one is
        // indexed.
        let fetch = |after: Option<CandidateId>| {
            let store = store.clone();
            tokio::spawn(async move { store.match_facts_page(after, BATCH, texts).await })
        };
        let (mut next, mut read) = (fetch(None), 0);
        loop {
            let page = next.await.map_err(|e| AppError::Internal(format!("reading the store failed: {e}")))??;
            let Some(end) = page.last().map(|f| f.candidate) else { break };
            next = fetch(Some(end));
            read += page.len();
            self.index(&[], page, texts).map_err(search_failed)?;
        }
        match resume {
            Some(at) => tracing::info!(from = at, "search index on disk reused; catching up from the change log"),
            None => tracing::info!(people = read, "search index built from the store"),
        }
        *progress = Progress {
            built: true,
            store: identity,
            last: resume.unwrap_or(last),
            seen: BTreeSet::new(),
            resumed_from: resume,
        };
        self.commit(&progress.mark()).map_err(search_failed)?;
        if texts == Texts::Read {
            self.data.write().map_err(|_| search_failed(poisoned()))?.text.set_bulk(false).map_err(search_failed)?;
        }
        Ok(read)
    }

    /// Re-reads `changed` from `facts`: those present are (re)indexed, the others removed;
    /// searchable after [`LiveIndex::commit`]. With [`Texts::Skip`] the text index is left
    /// alone (the facts carry no texts).
    fn index(&self, changed: &[CandidateId], facts: Vec<MatchFacts>, texts: Texts) -> Result<(), SearchError> {
        let Ok(mut data) = self.data.write() else { return Ok(()) };
        let Held { index, people, text } = &mut *data;
        for id in changed {
            if !facts.iter().any(|f| f.candidate == *id) {
                index.remove(id);
                people.remove(id);
                text.remove(&id.0.to_string());
            }
        }
        for f in facts {
            let profile = effective_profile(f.profile.as_ref(), &f.edits);
            if texts == Texts::Read {
                text.upsert(&search_doc(&f, profile.as_deref()))?;
            }
            match profile.as_deref().map(Candidate::from_profile) {
                Some(candidate) => {
                    people.insert(f.candidate, Person::from_facts(&f, candidate.total_years));
                    index.upsert(f.candidate, &candidate);
                }
                None => {
                    index.remove(&f.candidate);
                    people.remove(&f.candidate);
                }
            }
        }
        if index.dead_share() > 0.25 {
            index.compact();
        }
        Ok(())
    }

    /// Makes what was indexed searchable, the text index recording `mark`.
    fn commit(&self, mark: &str) -> Result<(), SearchError> {
        let Ok(mut data) = self.data.write() else { return Ok(()) };
        data.text.commit(mark)
    }

    /// Full-text search among everyone, or only `only` (a team-scoped caller's candidates).
    pub fn search(
        &self,
        query: &str,
        only: Option<&[String]>,
        sort: SortBy,
        offset: usize,
        limit: usize,
    ) -> Result<SearchFound, SearchError> {
        let data = self.data.read().map_err(|_| poisoned())?;
        data.text.search(query, only, sort, offset, limit)
    }

    /// Full-text search among everyone (or only `only`), the page from `offset` ordered by
    /// match score for `job`, best first; each hit's score is its match score. Totals and
    /// facets count everyone matching; people without a profile to score are left out of
    /// the pages.
    pub fn search_by_match(
        &self,
        query: &str,
        only: Option<&[String]>,
        job: &Job,
        offset: usize,
        limit: usize,
    ) -> Result<SearchFound, MatchSearchError> {
        let data = self.data.read().map_err(|_| poisoned())?;
        let Held { index, text, .. } = &*data;
        let matching: std::collections::HashSet<u128> = text.keys(query, only)?.into_iter().collect();
        let ranked = index.rank(job, offset + limit, |id| matching.contains(&id.0.as_u128()))?;
        let page: Vec<(String, f32)> =
            ranked.iter().skip(offset).map(|r| (r.key.0.to_string(), f32::from(r.matched.score))).collect();
        let ids: Vec<String> = page.iter().map(|(id, _)| id.clone()).collect();
        let mut found = text.search(query, only, SortBy::Relevance, 0, 1)?;
        let mut hits = text.search(query, Some(&ids), SortBy::Relevance, 0, ids.len())?.hits;
        found.hits = page
            .iter()
            .filter_map(|(id, score)| {
                let at = hits.iter().position(|h| h.id == *id)?;
                Some(SearchHit { score: *score, ..hits.swap_remove(at) })
            })
            .collect();
        Ok(found)
    }

    /// Follows the log in the background until the process ends.
    pub fn follow(self: Arc<Self>, store: Store) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            loop {
                if let Err(e) = self.catch_up(&store).await {
                    tracing::warn!(error = %e, "matching index could not follow the change log");
                }
                tokio::time::sleep(POLL).await;
            }
        })
    }

    /// The best people for `job` who pass `filters` and are not on `requisition` yet, best
    /// first: `offset` skipped, then up to `limit`.
    pub fn rediscover(
        &self,
        job: &Job,
        requisition: RequisitionId,
        filters: &Filters,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<Found>, JobError> {
        let Ok(data) = self.data.read() else { return Ok(Vec::new()) };
        let Held { index, people, .. } = &*data;
        let allow = |id: &CandidateId| people.get(id).is_some_and(|p| p.passes(filters, requisition));
        let ranked = index.rank(job, offset + limit, allow)?;
        Ok(ranked
            .into_iter()
            .skip(offset)
            .filter_map(|r| {
                let person = people.get(&r.key)?;
                Some(Found {
                    candidate: r.key,
                    name: person.name.clone(),
                    place: person.place.clone(),
                    tags: person.tags.clone(),
                    matched: r.matched,
                })
            })
            .collect())
    }
}

/// Why a search sorted by match score cannot run.
#[derive(Debug, thiserror::Error)]
pub enum MatchSearchError {
    /// The query is wrong, or the index failed.
    #[error(transparent)]
    Search(#[from] SearchError),
    /// The requisition cannot be matched against (it names no skills, say).
    #[error(transparent)]
    Job(#[from] JobError),
}

fn search_failed(e: SearchError) -> AppError {
    AppError::Internal(e.to_string())
}

fn poisoned() -> SearchError {
    SearchError::Index("the index lock was poisoned".into())
}

/// The first folder under `root` that no other process holds, with the lock that holds it
/// for as long as the file is open: every node sharing a data directory keeps its own
/// on-disk text index, and finds it again after a restart.
fn take_slot(root: &Path) -> Result<(PathBuf, File), SearchError> {
    let failed = |e: std::io::Error| SearchError::Index(format!("{}: {e}", root.display()));
    std::fs::create_dir_all(root).map_err(failed)?;
    for n in 0..SLOTS {
        let lock = OpenOptions::new()
            .create(true)
            .write(true)
            .truncate(false)
            .open(root.join(format!("node-{n}.lock")))
            .map_err(failed)?;
        match lock.try_lock() {
            Ok(()) => return Ok((root.join(format!("node-{n}")), lock)),
            Err(TryLockError::WouldBlock) => {}
            Err(TryLockError::Error(e)) => return Err(failed(e)),
        }
    }
    Err(SearchError::Index(format!("{SLOTS} processes already keep search indexes in {}", root.display())))
}

/// `junior | mid | senior` from years of experience, for the level facet.
fn level_of(years: Option<f32>) -> &'static str {
    match years {
        Some(y) if y < 2.0 => "junior",
        Some(y) if y < 5.0 => "mid",
        Some(_) => "senior",
        None => "",
    }
}

/// What the text index holds about a candidate: their profile as recruiters corrected it, the
/// resume's text and the notes.
fn search_doc(f: &MatchFacts, profile: Option<&Profile>) -> SearchDoc {
    let work = profile.map(|p| p.work.as_slice()).unwrap_or_default();
    let headline =
        profile.map(|p| [p.headline.clone(), p.summary.clone()].into_iter().flatten().collect::<Vec<_>>().join("\n"));
    let city = profile.and_then(|p| p.location.as_ref()).and_then(|l| l.city.clone());
    SearchDoc {
        id: f.candidate.0.to_string(),
        key: f.candidate.0.as_u128(),
        name: f.name.clone(),
        headline: headline.unwrap_or_default(),
        resume: f.resume_text.clone().unwrap_or_default(),
        notes: f.notes.join("\n"),
        skills: profile.map(|p| p.skills.iter().map(|s| s.name.clone()).collect()).unwrap_or_default(),
        companies: work.iter().filter_map(|w| w.employer.clone()).collect(),
        titles: work.iter().filter_map(|w| w.title.clone()).collect(),
        location: f.location.clone().or(city).unwrap_or_default(),
        tags: f.tags.clone(),
        source: f.source.clone().unwrap_or_default(),
        stages: f.stages.clone(),
        level: level_of(profile.and_then(|p| p.total_years)).to_owned(),
        updated: f.updated_at.timestamp(),
    }
}
