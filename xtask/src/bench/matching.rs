//! `cargo xtask bench match [--candidates N]`: ranking at scale and ranking quality.
//! `cargo bench -p hired-web --bench matching` (optimized) builds an index of N generated
//! developer profiles (a million by default), ranks them against every job of the ranking test
//! set, top 100 with explanations on one core, and prints build time, memory per candidate,
//! p50/p99 per job and the test set's nDCG@10 on the shared corpus, each against its target.

use anyhow::{Context, Result, bail};

use crate::cmd;
use crate::corpus;

/// Runs the benchmark; `Ok(true)` when every target was met.
pub fn run(args: &[String]) -> Result<bool> {
    let candidates = match args {
        [] => "1000000".to_owned(),
        [flag, n] if flag == "--candidates" && n.replace('_', "").parse::<u64>().is_ok_and(|n| n > 0) => n.clone(),
        _ => bail!(
            "usage: cargo xtask bench match [--candidates N]  (N a positive number; HIRED_CORPUS_DIR picks the corpus)"
        ),
    };
    let corpus = corpus::dir().context("no resume corpus found; set HIRED_CORPUS_DIR to shared/corpus")?;
    let mut bench = cmd::cargo();
    bench.args(["bench", "-p", "hired-web", "--bench", "matching", "--", "--candidates", &candidates]);
    bench.env(corpus::CORPUS_VAR, &corpus);
    cmd::status(&mut bench)
}
