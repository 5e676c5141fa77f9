//! `cargo xtask bench search [--candidates N]`: candidate search at scale, beside its peers.
//! `cargo bench -p hired-web --bench matching -- search` imports N generated people (a
//! million by default) into a SQLite store, builds the live index from it, times selective
//! and broad searches with facets, and runs the peers on the same documents: PostgreSQL
//! full-text search on a throwaway server, and scikit-learn TF-IDF in a virtual environment
//! with pinned packages (`requirements.txt`). The generated store is kept under the target
//! directory and reused by later runs with the same N.

use std::fs;
use std::path::PathBuf;
use std::process::Command;

use anyhow::{Result, bail};

use crate::postgres::Postgres;
use crate::tools::{self, Tool};
use crate::{cmd, tempdir::TempDir};

const PEERS: &str = include_str!("peers.py");
const REQUIREMENTS: &str = include_str!("requirements.txt");

/// Runs the benchmark; `Ok(true)` when every target was met.
pub fn run(args: &[String]) -> Result<bool> {
    let candidates = match args {
        [] => "1000000".to_owned(),
        [flag, n] if flag == "--candidates" && n.replace('_', "").parse::<u64>().is_ok_and(|n| n > 0) => n.clone(),
        _ => bail!("usage: cargo xtask bench search [--candidates N]  (N a positive number)"),
    };
    tools::ensure(&[Tool::Postgres, Tool::PythonVenv])?;
    let cache = target_dir().join("bench-search");
    fs::create_dir_all(&cache)?;
    let python = python_with_peers(&cache)?;
    let scratch = TempDir::new("bench-search")?;
    let script = scratch.path().join("peers.py");
    fs::write(&script, PEERS)?;
    let postgres = Postgres::start()?;
    let mut bench = cmd::cargo();
    bench.args(["bench", "-p", "hired-web", "--bench", "matching", "--", "search", "--candidates", &candidates]);
    bench
        .env("HIRED_BENCH_DATA", cache.join("data"))
        .env("HIRED_BENCH_PYTHON", &python)
        .env("HIRED_BENCH_PEERS", &script)
        .env("HIRED_BENCH_DATABASE_URL", postgres.url("postgres"));
    cmd::status(&mut bench)
}

/// A virtual environment with the peers' packages at their pinned versions; its `python`.
fn python_with_peers(cache: &std::path::Path) -> Result<PathBuf> {
    let venv = cache.join("venv");
    let python = venv.join("bin/python");
    let pinned = venv.join("requirements.txt");
    if fs::read_to_string(&pinned).is_ok_and(|r| r == REQUIREMENTS) && python.is_file() {
        return Ok(python);
    }
    println!("xtask: installing the search peers' Python packages into {}", venv.display());
    cmd::run(Command::new("python3").args(["-m", "venv", "--clear"]).arg(&venv))?;
    let requirements = cache.join("requirements.txt");
    fs::write(&requirements, REQUIREMENTS)?;
    cmd::run(Command::new(&python).args(["-m", "pip", "install", "--quiet", "--no-deps", "-r"]).arg(&requirements))?;
    fs::write(&pinned, REQUIREMENTS)?;
    Ok(python)
}

/// Cargo's target directory, where the benchmark keeps what it may reuse.
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| cmd::workspace_root().join("target"), PathBuf::from)
}
