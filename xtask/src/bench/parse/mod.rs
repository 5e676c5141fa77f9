//! `cargo xtask bench parse`: resume intake's accuracy and speed on the shared corpus, beside
//! the npm package `resume-parser` on the same PDFs.
//!
//! 1. `pdftotext` renders each corpus PDF's text: the scorer counts a ground-truth value only
//!    when the document visibly shows it (the corpus README's rule).
//! 2. The baseline: `resume-parser` 1.1.0 installed with npm into a scratch folder, run over
//!    every PDF by `resume_parser.js`, its time per document recorded.
//! 3. `cargo bench -p hired-resume --bench corpus` (optimized) parses every PDF with hired,
//!    scores both, and prints per-field precision, recall and F1 with p50/p99 time per document.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};

use crate::cmd;
use crate::corpus;
use crate::tempdir::TempDir;
use crate::tools::{self, Tool};

/// The baseline's npm manifest and runner, written into its scratch folder.
const PACKAGE_JSON: &str = include_str!("package.json");
const RUNNER: &str = include_str!("resume_parser.js");

/// Runs the benchmark; `Ok(true)` when every target was met.
pub fn run(args: &[String]) -> Result<bool> {
    if !args.is_empty() {
        bail!("usage: cargo xtask bench parse (no arguments; HIRED_CORPUS_DIR picks the corpus)");
    }
    tools::ensure(&[Tool::Poppler, Tool::Npm])?;
    let corpus = corpus::dir().context("no resume corpus found; set HIRED_CORPUS_DIR to shared/corpus")?;
    let pdfs = corpus_pdfs(&corpus.join("resumes/pdf"))?;
    let dir = TempDir::new("bench-parse")?;
    let visible = dir.path().join("visible");
    fs::create_dir(&visible)?;
    println!("xtask: pdftotext on {} corpus PDFs", pdfs.len());
    for pdf in &pdfs {
        let id = pdf.file_stem().and_then(|s| s.to_str()).context("a corpus file name")?;
        let ok = Command::new("pdftotext").arg(pdf).arg(visible.join(format!("{id}.txt"))).status()?.success();
        if !ok {
            bail!("pdftotext failed on {}", pdf.display());
        }
    }
    let baseline = dir.path().join("baseline");
    fs::create_dir(&baseline)?;
    let baseline_ok = match run_baseline(dir.path(), &baseline, &pdfs) {
        Ok(times) => {
            report_times("resume-parser (npm) time per document", times);
            true
        }
        Err(e) => {
            println!("xtask: baseline resume-parser unavailable: {e:#}");
            false
        }
    };
    let mut bench = cmd::cargo();
    bench.args(["bench", "-p", "hired-resume", "--bench", "corpus", "--", "--visible"]).arg(&visible);
    if baseline_ok {
        bench.arg("--baseline").arg(&baseline);
    }
    bench.env(corpus::CORPUS_VAR, &corpus);
    cmd::status(&mut bench)
}

fn corpus_pdfs(dir: &Path) -> Result<Vec<std::path::PathBuf>> {
    let mut pdfs: Vec<_> = fs::read_dir(dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    pdfs.sort();
    Ok(pdfs)
}

/// Installs and runs resume-parser; returns its milliseconds per document.
fn run_baseline(scratch: &Path, out: &Path, pdfs: &[std::path::PathBuf]) -> Result<Vec<f64>> {
    let home = scratch.join("resume-parser");
    fs::create_dir(&home)?;
    fs::write(home.join("package.json"), PACKAGE_JSON)?;
    fs::write(home.join("run.js"), RUNNER)?;
    let mut install = Command::new("npm");
    install.args(["install", "--no-audit", "--no-fund", "--loglevel=error"]).current_dir(&home);
    if !cmd::status(&mut install)? {
        bail!("npm install failed");
    }
    let output = Command::new("node")
        .arg("run.js")
        .arg(out)
        .args(pdfs)
        .current_dir(&home)
        .stderr(Stdio::null())
        .output()
        .context("cannot run node")?;
    let times: Vec<f64> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.split_whitespace().nth(1)?.parse().ok())
        .collect();
    if times.len() != pdfs.len() {
        bail!("resume-parser finished {} of {} documents", times.len(), pdfs.len());
    }
    Ok(times)
}

fn report_times(what: &str, mut ms: Vec<f64>) {
    ms.sort_by(f64::total_cmp);
    let at = |p: f64| ms.get(((ms.len() as f64 - 1.0) * p).round() as usize).copied().unwrap_or_default();
    println!("xtask: {what}: p50 {:.1} ms, p99 {:.1} ms", at(0.5), at(0.99));
}
