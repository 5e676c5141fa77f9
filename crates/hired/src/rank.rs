//! `hired rank --job JOB.toml PATH…`: ranks a folder of resumes against a job description
//! without a server, for agencies and hiring managers with a folder of CVs. Each resume is read
//! like `hired parse` does, scored by the same index and scorer as the server, and printed as
//! one JSON line, best first. Files that cannot be read are reported on stderr; the command
//! exits non-zero after printing the others.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use hired_match::{Candidate, Index, Job};
use hired_resume::taxonomy::Taxonomy;
use serde::Serialize;

use crate::cli::RankArgs;

/// One output line, fields in the order people read them.
#[derive(Serialize)]
struct Line<'a> {
    file: String,
    name: Option<&'a str>,
    score: u8,
    explanation: Vec<Explained>,
}

/// One line of the explanation with the points it earned.
#[derive(Serialize)]
struct Explained {
    line: String,
    points: f64,
}

/// Ranks every resume found and prints them best first.
pub fn run(args: &RankArgs) -> Result<()> {
    let text = std::fs::read_to_string(&args.job).with_context(|| format!("cannot read {}", args.job.display()))?;
    let job = Job::from_toml(&text).with_context(|| args.job.display().to_string())?;
    let taxonomy = Taxonomy::builtin();
    let job = hired_web::matching::canonical_job(job, taxonomy);
    let files = crate::import::resume_files(&args.paths)?;
    let today = crate::intake::this_month()?;
    let read = read_all(&files, today);

    let mut index = Index::new(hired_web::matching::skill_graph(taxonomy));
    let mut names = Vec::with_capacity(files.len());
    let mut failed = 0;
    for (slot, (file, result)) in files.iter().zip(read).enumerate() {
        match result {
            Ok(profile) => {
                index.upsert(slot, &Candidate::from_profile(&profile));
                names.push(profile.name);
            }
            Err(e) => {
                failed += 1;
                names.push(None);
                eprintln!("{}: {e:#}", file.display());
            }
        }
    }
    let k = args.top.unwrap_or(files.len());
    let mut stdout = std::io::stdout().lock();
    for ranked in index.rank(&job, k, |_| true)? {
        let line = Line {
            file: files[ranked.key].display().to_string(),
            name: names[ranked.key].as_deref(),
            score: ranked.matched.score,
            explanation: ranked
                .matched
                .reasons
                .iter()
                .map(|r| Explained { line: r.to_string(), points: (f64::from(r.points) * 10.0).round() / 10.0 })
                .collect(),
        };
        writeln!(stdout, "{}", serde_json::to_string(&line)?)?;
    }
    stdout.flush()?;
    if failed > 0 {
        bail!("{failed} of {} files could not be read", files.len());
    }
    Ok(())
}

/// Every file's profile, read on all cores, in the order of `files`.
fn read_all(
    files: &[PathBuf],
    today: hired_domain::profile::PartialDate,
) -> Vec<Result<hired_domain::profile::Profile>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(files.len().max(1));
    let chunk = files.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                let worker = scope.spawn(move || {
                    part.iter()
                        .map(|f| crate::parse::read_file(f, today).map(|(read, _)| read.profile))
                        .collect::<Vec<_>>()
                });
                (part.len(), worker)
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|(len, worker)| {
                worker.join().unwrap_or_else(|_| (0..len).map(|_| Err(anyhow::anyhow!("the reader failed"))).collect())
            })
            .collect()
    })
}
