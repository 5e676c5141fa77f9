//! `hired parse FILE…`: resume intake without a server. Each file's profile is printed as a
//! JSON Resume document on stdout (pretty, or one per line with `--jsonl`), with what intake
//! noticed under `meta.hired`; a file that cannot be read is reported on stderr and the
//! command exits non-zero after the others are done.

use std::io::Write;
use std::path::Path;
use std::time::Duration;

use anyhow::{Result, bail};
use hired_domain::profile::PartialDate;
use hired_resume::Intake;

use crate::cli::ParseArgs;

/// Largest file read; intake refuses larger ones anyway, this keeps them off the heap.
const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// Parses every file and prints its profile.
pub fn run(args: &ParseArgs) -> Result<()> {
    let today = crate::intake::this_month()?;
    let mut stdout = std::io::stdout().lock();
    let mut failed = 0;
    for file in &args.files {
        match document(file, today) {
            Ok(doc) => {
                let text = if args.jsonl { serde_json::to_string(&doc)? } else { serde_json::to_string_pretty(&doc)? };
                writeln!(stdout, "{text}")?;
            }
            Err(e) => {
                failed += 1;
                eprintln!("{}: {e:#}", file.display());
            }
        }
    }
    stdout.flush()?;
    if failed > 0 {
        bail!("{failed} of {} files could not be read", args.files.len());
    }
    Ok(())
}

/// One resume file read in this process, with the time reading took.
pub fn read_file(file: &Path, today: PartialDate) -> Result<(Intake, Duration)> {
    let size = std::fs::metadata(file)?.len();
    if size > MAX_FILE_BYTES {
        bail!("larger than {} MB", MAX_FILE_BYTES / 1024 / 1024);
    }
    let bytes = std::fs::read(file)?;
    let started = std::time::Instant::now();
    let read = hired_resume::parse_document(&bytes, today)?;
    Ok((read, started.elapsed()))
}

/// One file as a JSON Resume document with `meta.hired` (file, format, warnings, time).
fn document(file: &Path, today: PartialDate) -> Result<serde_json::Value> {
    let (read, took) = read_file(file, today)?;
    let mut doc = hired_resume::jsonresume::write(&read.profile);
    doc["meta"] = serde_json::json!({
        "hired": {
            "file": file.display().to_string(),
            "format": read.format,
            "warnings": read.warnings,
            "parse_ms": (took.as_secs_f64() * 1e4).round() / 10.0,
            "total_years": read.profile.total_years,
        }
    });
    Ok(doc)
}
