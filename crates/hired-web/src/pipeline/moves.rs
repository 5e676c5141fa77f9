//! Moving applications: one at a time (drag-and-drop answers JSON, the
//! no-JavaScript form redirects back), or in bulk from the board.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use hired_domain::authz::Action;
use hired_domain::pipeline::MoveTarget;
use hired_domain::{ApplicationId, RequisitionId};
use serde::Deserialize;

use crate::auth::csrf::CsrfForm;
use crate::auth::require_on_requisition;
use crate::error::{AppError, AppResult};
use crate::requisitions::parse_id;
use crate::state::AppState;
use crate::views::redirect_with;

#[derive(Deserialize)]
pub(super) struct MoveForm {
    stage: String,
    #[serde(default)]
    version: Option<i64>,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    return_to: String,
}

fn wants_json(headers: &HeaderMap) -> bool {
    headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|a| a.contains("application/json"))
}

fn target(column: &str, reason: &str) -> MoveTarget {
    let reason = Some(reason.trim().to_owned()).filter(|r| !r.is_empty());
    MoveTarget::from_column(column, reason)
}

/// `POST /applications/{id}/move`: `stage` is a column key (a stage, `rejected` or `withdrawn`).
pub(super) async fn move_one(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    posted: CsrfForm<MoveForm>,
) -> AppResult<Response> {
    let CsrfForm { staff, form } = posted;
    let id: ApplicationId = parse_id(&id, "application")?;
    let app = state.store.application(id).await?;
    require_on_requisition(&state, &staff.user, Action::MoveApplication, app.requisition_id).await?;
    let back = if form.return_to.starts_with('/') && !form.return_to.starts_with("//") {
        form.return_to.clone()
    } else {
        format!("/requisitions/{}/board", app.requisition_id)
    };
    let target = target(&form.stage, &form.reason);
    if matches!(&target, MoveTarget::Reject { reason } if reason.is_empty()) && !wants_json(&headers) {
        let page = format!("/candidates/{}", app.candidate_id);
        return Ok(redirect_with(&page, "info", "Choose a reason, then reject from the application below."));
    }
    let result = state.store.move_application(&staff.user, id, form.version, &target).await;
    if wants_json(&headers) {
        let moved = result?;
        let column = hired_domain::pipeline::board_column(&moved.stage, moved.status).to_owned();
        return Ok(Json(serde_json::json!({"version": moved.version, "stage": column})).into_response());
    }
    match result.map_err(AppError::from) {
        Ok(_) => Ok(redirect_with(&back, "success", "Moved.")),
        Err(AppError::Invalid(invalid)) => Ok(redirect_with(&back, "error", &invalid.to_string())),
        Err(AppError::Conflict(message)) => Ok(redirect_with(&back, "error", &message)),
        Err(other) => Err(other),
    }
}

#[derive(Deserialize)]
pub(super) struct BulkForm {
    #[serde(default)]
    ids: Vec<String>,
    stage: String,
    #[serde(default)]
    reason: String,
}

/// `POST /requisitions/{id}/bulk`: moves or rejects every selected application, all or none.
pub(super) async fn bulk(
    State(state): State<AppState>,
    Path(id): Path<String>,
    posted: CsrfForm<BulkForm>,
) -> AppResult<Response> {
    let CsrfForm { staff, form } = posted;
    let id: RequisitionId = parse_id(&id, "requisition")?;
    require_on_requisition(&state, &staff.user, Action::MoveApplication, id).await?;
    let board = format!("/requisitions/{id}/board");
    if form.ids.is_empty() {
        return Ok(redirect_with(&board, "error", "Select at least one candidate first."));
    }
    if form.ids.len() > 500 {
        return Ok(redirect_with(&board, "error", "Select at most 500 candidates at a time."));
    }
    let ids: Vec<ApplicationId> = form.ids.iter().map(|raw| parse_id(raw, "application")).collect::<AppResult<_>>()?;
    match state
        .store
        .move_applications(&staff.user, id, &ids, &target(&form.stage, &form.reason))
        .await
        .map_err(AppError::from)
    {
        Ok(n) => Ok(redirect_with(&board, "success", &format!("Moved {n} candidates."))),
        Err(AppError::Invalid(invalid)) => Ok(redirect_with(&board, "error", &format!("Nothing was moved: {invalid}"))),
        Err(other) => Err(other),
    }
}
