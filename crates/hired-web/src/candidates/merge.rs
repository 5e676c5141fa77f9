//! Merging a duplicate into a candidate: `GET /candidates/{id}/merge?duplicate=…` shows both
//! records side by side for confirmation (a merge cannot be undone); `POST` does it.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use hired_domain::authz::Action;
use hired_domain::candidate::Candidate;
use hired_domain::{CandidateId, Email, Invalid};
use serde::Deserialize;

use super::candidate_id;
use crate::auth::csrf::CsrfForm;
use crate::auth::{Staff, require_on_candidate};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::views::{PageCtx, redirect_with, render};

/// The duplicate, as typed: its email, its id, or its page's address.
#[derive(Deserialize)]
pub(super) struct MergeQuery {
    #[serde(default)]
    duplicate: String,
}

#[derive(Template)]
#[template(path = "candidates/merge.html")]
struct MergePage {
    ctx: PageCtx,
    keep: Candidate,
    duplicate: Candidate,
    keep_applications: usize,
    duplicate_applications: usize,
}

/// Finds the duplicate by email, id or candidate page address.
async fn find_duplicate(state: &AppState, raw: &str) -> AppResult<Candidate> {
    let raw = raw.trim();
    let not_found = || AppError::Invalid(Invalid::field("duplicate", "no candidate has that email, id or address"));
    if raw.contains('@') {
        let email = Email::parse(raw).map_err(|e| AppError::Invalid(Invalid::field("duplicate", e.to_string())))?;
        return state.store.candidate_by_email(&email).await?.ok_or_else(not_found);
    }
    let id: CandidateId =
        raw.trim_end_matches('/').rsplit('/').next().unwrap_or("").parse().map_err(|_| not_found())?;
    state.store.candidate(id).await.map_err(|_| not_found())
}

/// Shows what the merge will do, with a button to confirm.
pub(super) async fn confirm(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
    Query(query): Query<MergeQuery>,
) -> AppResult<Response> {
    let id = candidate_id(&id)?;
    require_on_candidate(&state, &staff.user, Action::EditCandidate, id).await?;
    let keep = state.store.candidate(id).await?;
    let duplicate = find_duplicate(&state, &query.duplicate).await?;
    require_on_candidate(&state, &staff.user, Action::EditCandidate, duplicate.id).await?;
    if duplicate.id == keep.id {
        return Err(AppError::Invalid(Invalid::field("duplicate", "that is this candidate; choose the other record")));
    }
    let page = MergePage {
        ctx: PageCtx::new(&staff, "candidates"),
        keep_applications: state.store.candidate_applications(keep.id).await?.len(),
        duplicate_applications: state.store.candidate_applications(duplicate.id).await?.len(),
        keep,
        duplicate,
    };
    render(&page.ctx, &page)
}

/// The confirmed merge.
#[derive(Deserialize)]
pub(super) struct MergeForm {
    duplicate: String,
}

/// Merges the duplicate into this candidate and returns to its page.
pub(super) async fn merge(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm { staff, form }: CsrfForm<MergeForm>,
) -> AppResult<Response> {
    let id = candidate_id(&id)?;
    require_on_candidate(&state, &staff.user, Action::EditCandidate, id).await?;
    let duplicate = candidate_id(&form.duplicate)?;
    require_on_candidate(&state, &staff.user, Action::EditCandidate, duplicate).await?;
    let merged = state.store.merge_candidates(&staff.user, id, duplicate).await?;
    let message = format!("Merged the duplicate record into {}.", merged.details.name);
    Ok(redirect_with(&format!("/candidates/{id}"), "success", &message))
}
