//! Ranking at scale: a deterministic population of developer profiles (skills drawn from the
//! taxonomy with survey-like frequencies, 1–30 years of experience), held in one
//! [`hired_match::Index`] and ranked against the ranking test set's jobs and the seed
//! requisition, top 100 with explanations, on one core. Prints index build time, resident
//! memory per candidate, rank p50/p99 per job and the test set's nDCG@10, each against its
//! target. `cargo xtask bench match [--candidates N]` runs it.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use hired_match::{Index, Job};
use hired_resume::taxonomy::Taxonomy;
use hired_web::matching::{canonical_job, quality, skill_graph};

use crate::measure::{BUILD, BYTES_PER_CANDIDATE, ms, percentile, rss_bytes, verdict};
use crate::population::{Population, Rng};

/// Targets from the issue.
const RANK_P50: Duration = Duration::from_millis(30);
/// The test set's mean nDCG@10 is expected to stay at least this.
const NDCG: f64 = 0.78;

/// How many results each ranking explains.
const TOP: usize = 100;
/// Timed rankings per job.
const RUNS: usize = 21;

/// Every job of the test set and the seed Django requisition, in the taxonomy's words.
fn jobs(taxonomy: &Taxonomy, set: &Path) -> Vec<(String, Job)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(set)
        .expect("the ranking test set")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    let mut jobs: Vec<(String, Job)> = files
        .iter()
        .map(|f| {
            let job =
                Job::from_toml(&std::fs::read_to_string(f).unwrap()).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
            (f.file_stem().unwrap().to_string_lossy().into_owned(), canonical_job(job, taxonomy))
        })
        .collect();
    let seed = hired_domain::templates::django_backend().spec;
    jobs.push(("seed django requisition".into(), canonical_job(Job::from_requisition(&seed), taxonomy)));
    jobs
}

/// Ranks `n` generated candidates; `true` when every target was met.
pub fn run(n: usize) -> bool {
    let taxonomy = Taxonomy::builtin();
    let population = Population::new(taxonomy);
    let graph = skill_graph(taxonomy);
    let before = rss_bytes();
    let mut rng = Rng(0x68_6972_6564);
    let started = Instant::now();
    let mut index = Index::new(graph);
    for key in 0..n as u32 {
        index.upsert(key, &population.draw(&mut rng));
    }
    let build = started.elapsed();
    let per_candidate = rss_bytes().saturating_sub(before) as f64 / n as f64;
    println!(
        "index of {n} generated candidates built in {:.2} s (target <= {} s, in memory; generation included)",
        build.as_secs_f64(),
        BUILD.as_secs()
    );
    println!("resident memory of the index: {per_candidate:.0} B per candidate (target <= {BYTES_PER_CANDIDATE:.0})");

    let mut all = Vec::new();
    println!("\n{:<32} {:>9} {:>9}", "rank top 100, one core", "p50 ms", "p99 ms");
    for (name, job) in jobs(taxonomy, Path::new(quality::TEST_SET)) {
        let mut times = Vec::with_capacity(RUNS);
        for _ in 0..RUNS {
            let started = Instant::now();
            let top = index.rank(&job, TOP, |_| true).expect("a rankable job");
            times.push(started.elapsed());
            assert_eq!(top.len(), TOP.min(n));
        }
        times.sort();
        println!("{name:<32} {:>9.2} {:>9.2}", ms(percentile(&times, 0.5)), ms(percentile(&times, 0.99)));
        all.extend(times);
    }
    all.sort();
    let p50 = percentile(&all, 0.5);
    println!("{:<32} {:>9.2} {:>9.2}", "all jobs", ms(p50), ms(percentile(&all, 0.99)));

    let corpus =
        std::env::var_os("HIRED_CORPUS_DIR").map_or_else(|| PathBuf::from("/work/shared/corpus"), PathBuf::from);
    let results = quality::evaluate(Path::new(quality::TEST_SET), &corpus).expect("the ranking test set");
    println!("\n{:<32} {:>9}", "quality on the corpus", "nDCG@10");
    let mut sum = 0.0;
    for result in &results {
        let ndcg = result.ndcg.unwrap_or(0.0);
        sum += ndcg;
        println!("{:<32} {ndcg:>9.3}", result.job);
    }
    let mean = sum / results.len() as f64;
    println!("{:<32} {mean:>9.3}", "mean");

    let checks = [
        ("rank p50", p50 <= RANK_P50, format!("{:.2} ms <= {} ms", ms(p50), RANK_P50.as_millis())),
        ("index build", build <= BUILD, format!("{:.2} s <= {} s", build.as_secs_f64(), BUILD.as_secs())),
        (
            "memory per candidate",
            per_candidate <= BYTES_PER_CANDIDATE,
            format!("{per_candidate:.0} B <= {BYTES_PER_CANDIDATE:.0} B"),
        ),
        ("mean nDCG@10", mean >= NDCG, format!("{mean:.3} >= {NDCG}")),
    ];
    println!();
    for (what, ok, detail) in &checks {
        println!("{} {what}: {detail}", verdict(*ok));
    }
    checks.iter().all(|(_, ok, _)| *ok)
}
