//! `/admin/jobs`: the background job queue at a glance — how many jobs wait,
//! run, finished or failed, why the failed ones failed, and a way to retry them.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use hired_domain::JobId;
use hired_domain::authz::Action;
use hired_store::{Job, JobStatus};

use super::{NoFields, parse_id, truncate};
use crate::auth::csrf::CsrfForm;
use crate::auth::{Staff, require};
use crate::error::AppResult;
use crate::state::AppState;
use crate::views::{PageCtx, redirect_with, render, when};

/// Jobs listed per table.
const TABLE_ROWS: u64 = 100;

#[derive(Template)]
#[template(path = "admin/jobs.html")]
struct JobsPage {
    ctx: PageCtx,
    tiles: Vec<Tile>,
    failed: Vec<JobRow>,
    pending: Vec<JobRow>,
    table_rows: u64,
}

struct Tile {
    label: &'static str,
    value: i64,
    hint: &'static str,
}

struct JobRow {
    id: String,
    kind: String,
    status: &'static str,
    badge: &'static str,
    attempts: String,
    payload: String,
    last_error: String,
    run_at: String,
    updated: String,
}

impl From<&Job> for JobRow {
    fn from(job: &Job) -> Self {
        let (badge, status) = match job.status.as_str() {
            "running" => ("badge-active", "Running"),
            "failed" => ("badge-rejected", "Failed"),
            "done" => ("badge-open", "Done"),
            _ => ("badge-draft", "Queued"),
        };
        JobRow {
            badge,
            status,
            id: job.id.to_string(),
            kind: job.kind.clone(),
            attempts: format!("{} of {}", job.attempts, job.max_attempts),
            payload: truncate(&job.payload.to_string(), 120),
            last_error: job.last_error.as_deref().map(|e| truncate(e, 300)).unwrap_or_default(),
            run_at: when(&job.run_at),
            updated: when(&job.updated_at),
        }
    }
}

/// `GET /admin/jobs`.
pub(super) async fn list(State(state): State<AppState>, staff: Staff) -> AppResult<Response> {
    require(&staff.user, Action::ViewJobs)?;
    let counts = state.store.job_counts().await?;
    let count = |status: &str| counts.iter().find(|(s, _)| s == status).map_or(0, |(_, n)| *n);
    let failed = state.store.jobs_with_status(JobStatus::Failed, TABLE_ROWS).await?;
    let mut pending = state.store.jobs_with_status(JobStatus::Running, TABLE_ROWS).await?;
    pending.extend(state.store.jobs_with_status(JobStatus::Queued, TABLE_ROWS).await?);
    let page = JobsPage {
        ctx: PageCtx::new(&staff, "jobs"),
        tiles: vec![
            Tile { label: "Queued", value: count("queued"), hint: "Waiting for their turn or a retry" },
            Tile { label: "Running", value: count("running"), hint: "Claimed by a worker" },
            Tile { label: "Failed", value: count("failed"), hint: "Gave up after every attempt" },
            Tile { label: "Done", value: count("done"), hint: "Finished successfully" },
        ],
        failed: failed.iter().map(JobRow::from).collect(),
        pending: pending.iter().map(JobRow::from).collect(),
        table_rows: TABLE_ROWS,
    };
    render(&page.ctx, &page)
}

/// `POST /admin/jobs/{id}/retry`: puts a failed job back in the queue with fresh attempts.
pub(super) async fn retry(
    State(state): State<AppState>,
    Path(raw_id): Path<String>,
    posted: CsrfForm<NoFields>,
) -> AppResult<Response> {
    require(&posted.staff.user, Action::ViewJobs)?;
    let id: JobId = parse_id(&raw_id, "failed job")?;
    state.store.retry_job(id).await?;
    Ok(redirect_with("/admin/jobs", "success", "The job is queued again and will run on the next worker pass."))
}
