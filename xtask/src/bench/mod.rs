//! `cargo xtask bench <name> [ARGS…]`: benchmarks on a release build, each reporting
//! PASS/FAIL against its targets. The exit status is non-zero if any target is missed.
//!
//! To add a benchmark, write a module with `fn run(args: &[String]) -> Result<bool>` (true when
//! every target was met) and list it in [`BENCHES`].

mod apply;
mod hired;
mod matching;
mod parse;
mod pipeline;
mod search;
mod wrk;

use anyhow::{Result, bail};

/// A benchmark that `cargo xtask bench <name>` can run.
struct Bench {
    /// Its name on the command line.
    name: &'static str,
    /// Its arguments and what it measures, for the help text.
    about: &'static str,
    /// Runs it with the remaining arguments; `Ok(true)` when every target was met.
    run: fn(&[String]) -> Result<bool>,
}

/// Every benchmark.
const BENCHES: &[Bench] = &[
    Bench {
        name: "pipeline",
        about: "[--applications N]  pipeline board and applications API under wrk (sqlite, postgres), p99 <= 20 ms; idle RSS <= 100 MiB",
        run: pipeline::run,
    },
    Bench {
        name: "apply",
        about: "[--postings N]  applications with a 100 KB PDF (p99 <= 100 ms, aim >= 500/s) and the careers listing (p99 <= 10 ms), sqlite and postgres",
        run: apply::run,
    },
    Bench {
        name: "parse",
        about: "resume intake on the shared corpus: per-field precision/recall/F1 and p50/p99 per document, beside npm resume-parser",
        run: parse::run,
    },
    Bench {
        name: "match",
        about: "[--candidates N]  rank N generated profiles (default 1M), top 100 explained: p50 <= 30 ms on one core, build <= 60 s, <= 1.5 KB per candidate; nDCG@10 of the ranking test set",
        run: matching::run,
    },
    Bench {
        name: "search",
        about: "[--candidates N]  search N generated people (default 1M) from a real store, top 20 with facets: p50 <= 20 ms, p99 <= 100 ms; build from the store <= 60 s; beside PostgreSQL FTS and scikit-learn TF-IDF",
        run: search::run,
    },
];

/// The list of benchmarks, for help and errors.
fn list() -> String {
    BENCHES.iter().map(|bench| format!("  cargo xtask bench {} {}\n", bench.name, bench.about)).collect()
}

/// Runs `cargo xtask bench <name> [ARGS…]`.
pub fn run(args: &[String]) -> Result<()> {
    let Some((name, rest)) = args.split_first() else {
        bail!("which benchmark?\n{}", list());
    };
    if ["help", "--help", "-h"].contains(&name.as_str()) {
        print!("{}", list());
        return Ok(());
    }
    let Some(bench) = BENCHES.iter().find(|bench| bench.name == name) else {
        bail!("no benchmark called {name:?}; there are:\n{}", list());
    };
    if !(bench.run)(rest)? {
        bail!("benchmark {name}: some targets were missed (FAIL above)");
    }
    println!("xtask: benchmark {name}: all targets met");
    Ok(())
}
