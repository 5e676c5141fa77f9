//! `hired import resumes PATH…`: reads every resume in the files and folders given (PDF, DOCX,
//! text, JSON Resume; folders searched recursively) and imports each as a candidate with its
//! profile and file. The same person twice (same email or phone) is merged. A progress bar
//! shows on a terminal; the summary lists what was imported, merged and why anything failed.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use hired_store::{ImportOutcome, Store, Upload};
use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::ImportResumesArgs;
use crate::db;
use crate::import_job::import_file;
use crate::intake::Reader;

/// File endings looked at inside folders (files named on the command line are always read).
const RESUME_ENDINGS: &[&str] = &["pdf", "docx", "txt", "json"];
/// How deep folders are searched.
const MAX_DEPTH: usize = 16;
/// Largest file read.
const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// What happened to the whole import.
#[derive(Default)]
struct Summary {
    created: usize,
    merged: usize,
    failed: Vec<(PathBuf, String)>,
}

/// Imports every resume found and prints the summary.
pub async fn resumes(args: ImportResumesArgs) -> Result<()> {
    let files = resume_files(&args.paths)?;
    let store = db::open(&args.store).await?;
    let reader = Reader::current(args.intake.limits())?;
    let bar = ProgressBar::new(files.len() as u64).with_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} resumes, {eta} left  {msg}")
            .context("progress bar template")?,
    );
    let mut summary = Summary::default();
    for file in &files {
        bar.set_message(file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default());
        match import_one(&store, &reader, file).await {
            Ok(ImportOutcome::Created(_)) => summary.created += 1,
            Ok(ImportOutcome::Merged(_)) => summary.merged += 1,
            Err(e) => summary.failed.push((file.clone(), format!("{e:#}"))),
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    store.refresh_statistics().await?;
    println!(
        "imported {} resumes: {} new candidates, {} merged into existing ones, {} failed",
        files.len(),
        summary.created,
        summary.merged,
        summary.failed.len()
    );
    for (file, why) in &summary.failed {
        println!("  failed: {}: {why}", file.display());
    }
    Ok(())
}

/// The files named and the resume files in the folders named, folders in name order.
pub fn resume_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            collect(path, 0, &mut files)?;
        } else if path.is_file() {
            files.push(path.clone());
        } else {
            bail!("{} does not exist", path.display());
        }
    }
    Ok(files)
}

/// Files with a resume ending under `dir`, in name order.
fn collect(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) -> Result<()> {
    if depth > MAX_DEPTH {
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, depth + 1, out)?;
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| RESUME_ENDINGS.contains(&e.to_ascii_lowercase().as_str()))
        {
            out.push(path);
        }
    }
    Ok(())
}

async fn import_one(store: &Store, reader: &Reader, file: &Path) -> Result<ImportOutcome> {
    if std::fs::metadata(file)?.len() > MAX_FILE_BYTES {
        bail!("larger than {} MB", MAX_FILE_BYTES / 1024 / 1024);
    }
    let bytes = std::fs::read(file)?;
    let file_name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    import_file(store, reader, None, Upload { file_name, bytes }).await?.map_err(anyhow::Error::msg)
}
