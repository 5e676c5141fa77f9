//! The ranking test set (`crates/hired-match/tests/ranking/`: job files and human relevance
//! labels for the shared corpus's JSON resumes) ranked by the real intake and scorer, with
//! nDCG@10 per job. The quality test and `cargo xtask bench match` both run it.

use std::path::Path;

use hired_domain::profile::PartialDate;
use hired_match::quality::Labels;
use hired_match::{Candidate, Index, Job, Ranked};
use hired_resume::taxonomy::Taxonomy;

/// Where the test set lives in the repository.
pub const TEST_SET: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../hired-match/tests/ranking");

/// The month the labels were judged in: open-ended jobs run until then.
pub const LABELLED_IN: PartialDate = PartialDate { year: 2026, month: Some(12) };

/// How many results nDCG looks at.
pub const CUTOFF: usize = 10;

/// One job of the test set, ranked.
#[derive(Debug)]
pub struct JobQuality {
    /// The job file's name without `.toml`, as in the labels.
    pub job: String,
    /// nDCG@10 of the ranking; `None` when no candidate is labelled relevant.
    pub ndcg: Option<f64>,
    /// The top ten, best first, keyed by resume id ("012").
    pub top: Vec<Ranked<String>>,
}

/// Ranks the corpus's JSON resumes (`corpus/resumes/json/NNN.json`) for every job of the test
/// set in `set`.
/// Errors name the file that could not be used.
pub fn evaluate(set: &Path, corpus: &Path) -> Result<Vec<JobQuality>, String> {
    let labels = Labels::from_tsv(&read(&set.join("labels.tsv"))?)?;
    let taxonomy = Taxonomy::builtin();
    let mut index = Index::new(super::skill_graph(taxonomy));
    let folder = corpus.join("resumes/json");
    let entries = std::fs::read_dir(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        let Some(id) =
            path.file_stem().and_then(|s| s.to_str()).filter(|_| path.extension().is_some_and(|e| e == "json"))
        else {
            continue;
        };
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let read = hired_resume::parse_document(&bytes, LABELLED_IN).map_err(|e| format!("{}: {e}", path.display()))?;
        index.upsert(id.to_owned(), &Candidate::from_profile(&read.profile));
    }
    labels
        .jobs()
        .into_iter()
        .map(|name| {
            let file = set.join(format!("{name}.toml"));
            let job = Job::from_toml(&read(&file)?).map_err(|e| format!("{}: {e}", file.display()))?;
            let job = super::canonical_job(job, taxonomy);
            let ranking = index.rank(&job, index.len(), |_| true).map_err(|e| format!("{}: {e}", file.display()))?;
            let order: Vec<&str> = ranking.iter().map(|r| r.key.as_str()).collect();
            let ndcg = labels.ndcg_at(CUTOFF, name, &order);
            Ok(JobQuality { job: name.to_owned(), ndcg, top: ranking.into_iter().take(CUTOFF).collect() })
        })
        .collect()
}

fn read(file: &Path) -> Result<String, String> {
    std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))
}
