//! The durable job queue: slow or risky work (parsing, mail, grading) is
//! written here in the same transaction as the request that causes it, then
//! claimed by workers, retried with exponential backoff, and kept when it fails
//! for good so admins can see why.

use chrono::{DateTime, Duration, Utc};
use hired_domain::JobId;
use sea_orm::{ConnectionTrait, DbBackend, FromQueryResult};
use serde::Serialize;
use uuid::Uuid;

use crate::clock::now;
use crate::sql::QueryBuilder;
use crate::{Store, StoreResult};

/// A job's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JobStatus {
    /// Waiting for `run_at`.
    Queued,
    /// Claimed by a worker.
    Running,
    /// Finished.
    Done,
    /// Gave up after `max_attempts`.
    Failed,
}

impl JobStatus {
    fn as_str(self) -> &'static str {
        match self {
            JobStatus::Queued => "queued",
            JobStatus::Running => "running",
            JobStatus::Done => "done",
            JobStatus::Failed => "failed",
        }
    }
}

/// A job as stored.
#[derive(Debug, Clone, FromQueryResult, Serialize)]
pub struct Job {
    /// Identity.
    pub id: Uuid,
    /// What to do, e.g. `resume.parse`.
    pub kind: String,
    /// Input for the handler.
    pub payload: serde_json::Value,
    /// Status key.
    pub status: String,
    /// Tries so far.
    pub attempts: i64,
    /// Tries allowed.
    pub max_attempts: i64,
    /// Not before.
    pub run_at: DateTime<Utc>,
    /// Why the last try failed.
    pub last_error: Option<String>,
    /// Enqueued.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, kind, payload, status, attempts, max_attempts, run_at, last_error, created_at, updated_at";

impl Store {
    /// Enqueues a job inside the caller's transaction, so it exists only if the change commits.
    pub async fn enqueue_job(
        &self,
        conn: &impl ConnectionTrait,
        kind: &str,
        payload: serde_json::Value,
        max_attempts: i64,
    ) -> StoreResult<JobId> {
        let id = JobId::new();
        let at = now();
        self.exec(
            conn,
            "INSERT INTO jobs (id, kind, payload, status, attempts, max_attempts, run_at, created_at, updated_at)
             VALUES ($1, $2, $3, 'queued', 0, $4, $5, $6, $7)",
            [id.0.into(), kind.into(), payload.into(), max_attempts.into(), at.into(), at.into(), at.into()],
        )
        .await?;
        Ok(id)
    }

    /// Enqueues a job on its own.
    pub async fn enqueue(&self, kind: &str, payload: serde_json::Value) -> StoreResult<JobId> {
        self.enqueue_job(&self.db, kind, payload, 5).await
    }

    /// Claims the next due job of one of `kinds` for `worker`, if any. Jobs of other kinds stay
    /// queued for a worker that knows them (mail jobs wait for the mail sender). On PostgreSQL
    /// concurrent workers skip each other's rows; on SQLite one process owns the queue.
    pub async fn claim_job(&self, worker: &str, kinds: &[&str]) -> StoreResult<Option<Job>> {
        let lock = if self.backend() == DbBackend::Postgres { " FOR UPDATE SKIP LOCKED" } else { "" };
        let mut q = QueryBuilder::new("");
        let (worker, at) = (q.arg(worker), q.arg(now()));
        let kinds: Vec<String> = kinds.iter().map(|k| q.arg(*k)).collect();
        let kinds = if kinds.is_empty() { "NULL".to_owned() } else { kinds.join(", ") };
        let sql = format!(
            "UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_by = {worker}, locked_at = {at},
                updated_at = {at}
             WHERE id = (SELECT id FROM jobs WHERE status = 'queued' AND run_at <= {at} AND kind IN ({kinds})
                ORDER BY run_at, id LIMIT 1{lock})
             RETURNING {COLUMNS}"
        );
        self.fetch_one(&self.db, &sql, q.values).await
    }

    /// Marks a claimed job done.
    pub async fn complete_job(&self, id: Uuid) -> StoreResult<()> {
        self.exec(
            &self.db,
            "UPDATE jobs SET status = 'done', locked_by = NULL, updated_at = $1 WHERE id = $2",
            [now().into(), id.into()],
        )
        .await?;
        Ok(())
    }

    /// Records a failed try: retried after 2^attempts seconds (capped at an hour), or failed for good.
    pub async fn fail_job(&self, job: &Job, error: &str) -> StoreResult<JobStatus> {
        let status = if job.attempts >= job.max_attempts { JobStatus::Failed } else { JobStatus::Queued };
        let backoff = Duration::seconds(2i64.saturating_pow(job.attempts.clamp(0, 12) as u32).min(3600));
        let error: String = error.chars().take(2000).collect();
        self.exec(
            &self.db,
            "UPDATE jobs SET status = $1, last_error = $2, run_at = $3, locked_by = NULL, updated_at = $4 WHERE id = $5",
            [status.as_str().into(), error.into(), (now() + backoff).into(), now().into(), job.id.into()],
        )
        .await?;
        Ok(status)
    }

    /// Puts a failed job back in the queue for another round of tries.
    pub async fn retry_job(&self, id: JobId) -> StoreResult<()> {
        let n = self
            .exec(
                &self.db,
                "UPDATE jobs SET status = 'queued', attempts = 0, run_at = $1, updated_at = $1 WHERE id = $2 AND status = 'failed'",
                [now().into(), id.0.into()],
            )
            .await?;
        if n == 0 { Err(crate::StoreError::NotFound("failed job")) } else { Ok(()) }
    }

    /// Jobs with `status`, newest first, at most `limit`.
    pub async fn jobs_with_status(&self, status: JobStatus, limit: u64) -> StoreResult<Vec<Job>> {
        let sql = format!("SELECT {COLUMNS} FROM jobs WHERE status = $1 ORDER BY updated_at DESC LIMIT {limit}");
        self.fetch_all(&self.db, &sql, [status.as_str().into()]).await
    }

    /// Number of jobs per status, for the admin page and `/metrics`.
    pub async fn job_counts(&self) -> StoreResult<Vec<(String, i64)>> {
        #[derive(FromQueryResult)]
        struct Row {
            status: String,
            n: i64,
        }
        let rows: Vec<Row> =
            self.fetch_all(&self.db, "SELECT status, COUNT(*) AS n FROM jobs GROUP BY status", []).await?;
        Ok(rows.into_iter().map(|r| (r.status, r.n)).collect())
    }
}
