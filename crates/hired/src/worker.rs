//! The background job worker that runs inside `hired serve`: claims due jobs
//! from the store's queue one at a time, runs the handler for the job's kind,
//! and records success or failure (failures are retried with backoff by the
//! store). It also schedules the hourly maintenance jobs.

use std::time::Duration;

use anyhow::{Result, bail};
use hired_store::{IMPORT_RESUME_JOB, Job, PARSE_RESUME_JOB, Store};
use tokio::sync::watch;
use tokio::time::Instant;
use tracing::Instrument;

use crate::intake::Reader;

/// Deletes expired sessions and old sign-in failures.
pub const PURGE_SESSIONS: &str = "maintenance.purge_sessions";

/// The job kinds this worker runs; others (mail, until the mail sender lands) stay queued.
const HANDLED: &[&str] = &[PURGE_SESSIONS, PARSE_RESUME_JOB, IMPORT_RESUME_JOB];

/// How long to wait before looking again when the queue is empty.
const IDLE_WAIT: Duration = Duration::from_secs(1);

/// How often maintenance jobs are enqueued.
const MAINTENANCE_EVERY: Duration = Duration::from_secs(3600);

/// Works the queue until `stop` turns true (or its sender is dropped).
pub async fn run(store: Store, reader: Reader, mut stop: watch::Receiver<bool>) {
    let worker_id = format!("hired-{}-{}", std::process::id(), &hired_store::random_secret()[..8]);
    tracing::info!(worker = %worker_id, "job worker started");
    let mut next_maintenance = Instant::now();
    while !*stop.borrow() {
        if Instant::now() >= next_maintenance {
            if let Err(e) = store.enqueue(PURGE_SESSIONS, serde_json::json!({})).await {
                tracing::warn!(error = %e, "cannot enqueue {PURGE_SESSIONS}");
            }
            next_maintenance += MAINTENANCE_EVERY;
        }
        let idle = match store.claim_job(&worker_id, HANDLED).await {
            Ok(Some(job)) => {
                run_job(&store, &reader, job).await;
                false
            }
            Ok(None) => true,
            Err(e) => {
                tracing::warn!(error = %e, "cannot claim a job");
                true
            }
        };
        if idle {
            tokio::select! {
                changed = stop.changed() => if changed.is_err() { break },
                () = tokio::time::sleep(IDLE_WAIT) => {}
            }
        }
    }
    tracing::info!(worker = %worker_id, "job worker stopped");
}

/// Runs one claimed job and records how it went.
async fn run_job(store: &Store, reader: &Reader, job: Job) {
    let span = tracing::info_span!("job", id = %job.id, kind = %job.kind, attempt = job.attempts);
    let recorded = match handle(store, reader, &job).instrument(span.clone()).await {
        Ok(()) => store.complete_job(job.id).await,
        Err(error) => {
            let message = format!("{error:#}");
            match store.fail_job(&job, &message).await {
                Ok(status) => {
                    span.in_scope(|| tracing::warn!(error = %message, ?status, "job failed"));
                    Ok(())
                }
                Err(e) => Err(e),
            }
        }
    };
    if let Err(e) = recorded {
        span.in_scope(|| tracing::error!(error = %e, "cannot record the job's outcome"));
    }
}

/// Dispatches a job to the handler for its kind.
async fn handle(store: &Store, reader: &Reader, job: &Job) -> Result<()> {
    match job.kind.as_str() {
        PURGE_SESSIONS => {
            let removed = store.purge_expired_sessions().await?;
            tracing::info!(removed, "expired sessions purged");
            Ok(())
        }
        PARSE_RESUME_JOB => crate::intake::parse_resume(store, reader, job).await,
        IMPORT_RESUME_JOB => crate::import_job::import_item(store, reader, job).await,
        other => bail!("no handler for job kind {other}"),
    }
}
