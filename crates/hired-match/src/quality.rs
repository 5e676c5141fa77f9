//! Ranking quality against human judgments: graded relevance labels for pairs of job and
//! candidate, and nDCG@k of a ranking against them. The ranking test set in
//! `tests/ranking/` and `cargo xtask bench match` both use it.

use std::collections::HashMap;

/// Graded relevance (0 not relevant … 3 excellent) of candidates per job.
#[derive(Debug, Default, Clone)]
pub struct Labels {
    by_job: HashMap<String, HashMap<String, u8>>,
}

impl Labels {
    /// Reads a tab-separated `job  candidate  relevance` file with a header line.
    pub fn from_tsv(text: &str) -> Result<Self, String> {
        let mut labels = Self::default();
        for (n, line) in text.lines().enumerate().skip(1).filter(|(_, l)| !l.trim().is_empty()) {
            let fields: Vec<&str> = line.split('\t').collect();
            let [job, candidate, relevance] = fields.as_slice() else {
                return Err(format!("line {}: expected job, candidate and relevance separated by tabs", n + 1));
            };
            let relevance: u8 = relevance
                .trim()
                .parse()
                .ok()
                .filter(|r| *r <= 3)
                .ok_or_else(|| format!("line {}: relevance must be 0, 1, 2 or 3, not {relevance:?}", n + 1))?;
            labels.by_job.entry((*job).to_owned()).or_default().insert((*candidate).to_owned(), relevance);
        }
        Ok(labels)
    }

    /// The jobs labelled, sorted.
    pub fn jobs(&self) -> Vec<&str> {
        let mut jobs: Vec<&str> = self.by_job.keys().map(String::as_str).collect();
        jobs.sort_unstable();
        jobs
    }

    /// The relevance of `candidate` for `job`; unlabelled pairs count as not relevant.
    pub fn relevance(&self, job: &str, candidate: &str) -> u8 {
        self.by_job.get(job).and_then(|c| c.get(candidate)).copied().unwrap_or(0)
    }

    /// nDCG@k of `ranking` (candidates best first) for `job`: 1.0 when the k best-labelled
    /// candidates come first in the best order, `None` when no candidate is relevant.
    pub fn ndcg_at(&self, k: usize, job: &str, ranking: &[&str]) -> Option<f64> {
        let mut ideal: Vec<u8> = self.by_job.get(job)?.values().copied().collect();
        ideal.sort_unstable_by(|a, b| b.cmp(a));
        let best = dcg(k, ideal.into_iter());
        (best > 0.0).then(|| dcg(k, ranking.iter().map(|c| self.relevance(job, c))) / best)
    }
}

/// Discounted cumulative gain of the first `k` grades, with the exponential gain 2^rel − 1.
fn dcg(k: usize, grades: impl Iterator<Item = u8>) -> f64 {
    grades.take(k).enumerate().map(|(i, rel)| (f64::from(rel).exp2() - 1.0) / ((i + 2) as f64).log2()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TSV: &str = "job\tresume\trelevance\nj\ta\t3\nj\tb\t2\nj\tc\t0\nnone\ta\t0\n";

    #[test]
    fn the_ideal_order_scores_one_and_a_reversed_order_less() {
        let labels = Labels::from_tsv(TSV).unwrap();
        assert_eq!(labels.ndcg_at(10, "j", &["a", "b", "c"]), Some(1.0));
        let reversed = labels.ndcg_at(10, "j", &["c", "b", "a"]).unwrap();
        assert!(reversed < 0.7, "{reversed}");
        assert_eq!(labels.ndcg_at(1, "j", &["b", "a"]), Some(3.0 / 7.0));
        assert_eq!(labels.ndcg_at(10, "none", &["a"]), None);
        assert_eq!(labels.jobs(), ["j", "none"]);
    }

    #[test]
    fn a_malformed_label_file_says_which_line() {
        let err = Labels::from_tsv("job\tresume\trelevance\nj\ta\t7\n").unwrap_err();
        assert!(err.starts_with("line 2: relevance must be"), "{err}");
        assert!(Labels::from_tsv("h\nj a 1\n").unwrap_err().starts_with("line 2: expected"));
    }
}
