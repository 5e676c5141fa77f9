//! Applications through the API: a requisition's applications with per-column
//! counts, adding a candidate to a requisition, reading one application and
//! moving it through the pipeline.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::response::Response;
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use hired_domain::authz::Action;
use hired_domain::pipeline::{self, MoveTarget};
use hired_domain::validation::optional_text;
use hired_domain::{ApplicationId, CandidateId, Invalid, RequisitionId};
use hired_store::{ApplicationCard, NewApplication, StoreError};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::extract::{ApiJson, ApiQuery, Id};
use super::lists::Window;
use super::{PREFIX, created};
use crate::auth::{ApiUser, require_on_requisition};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// Routes for applications, under a requisition and on their own.
pub fn router() -> Router<AppState> {
    use axum::routing::{get, post};
    Router::new()
        .route("/requisitions/{id}/applications", get(list).post(add))
        .route("/applications/{id}", get(show))
        .route("/applications/{id}/move", post(move_to))
}

/// Board column and window of a requisition's applications.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ApplicationQuery {
    /// Only this board column: a stage key, `rejected` or `withdrawn`.
    pub stage: Option<String>,
    /// Page size, 1–200; default 50.
    pub limit: Option<u64>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// An application as a row of a requisition's list.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApplicationRow {
    /// Application id.
    pub id: Uuid,
    /// Candidate id.
    pub candidate_id: Uuid,
    /// Candidate's name.
    pub candidate_name: String,
    /// Candidate's location.
    pub candidate_location: Option<String>,
    /// Stage key.
    pub stage: String,
    /// In play or not.
    #[schema(schema_with = super::openapi::application_status)]
    pub status: String,
    /// Why rejected or withdrawn.
    pub status_reason: Option<String>,
    /// Where the application came from.
    pub source: Option<String>,
    /// `false` when a screening knockout failed; absent without screening questions.
    pub meets_requirements: Option<bool>,
    /// Send back with a move.
    pub version: i64,
    /// Applied.
    pub created_at: DateTime<Utc>,
    /// Last moved.
    pub updated_at: DateTime<Utc>,
}

impl From<ApplicationCard> for ApplicationRow {
    fn from(c: ApplicationCard) -> Self {
        let ApplicationCard {
            id,
            candidate_id,
            candidate_name,
            candidate_location,
            stage,
            status,
            status_reason,
            source,
            meets_requirements,
            version,
            created_at,
            updated_at,
        } = c;
        Self {
            id,
            candidate_id,
            candidate_name,
            candidate_location,
            stage,
            status,
            status_reason,
            source,
            meets_requirements,
            version,
            created_at,
            updated_at,
        }
    }
}

/// One page of a requisition's applications, with how many each board column holds.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApplicationPage {
    /// The applications, most recently moved first.
    pub items: Vec<ApplicationRow>,
    /// Pass back as `?cursor=` for the next page; `null` on the last one.
    pub next_cursor: Option<String>,
    /// Applications per board column key (every stage, `rejected`, `withdrawn`), whatever the filter.
    pub counts: BTreeMap<String, i64>,
}

/// A candidate to put into the requisition's first stage.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewApplicationBody {
    /// The candidate.
    #[schema(value_type = Uuid)]
    pub candidate_id: String,
    /// Where the application came from, e.g. `referral`.
    #[serde(default)]
    pub source: Option<String>,
}

/// Where an application should go, and the version it was read at.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(tag = "to", rename_all = "snake_case")]
pub enum MoveRequest {
    /// Into a stage (reactivates a rejected or withdrawn application).
    Stage {
        /// The stage key.
        stage: String,
        /// The `version` last read; a stale one is a 409.
        version: i64,
    },
    /// Out of the process, with a reason.
    Reject {
        /// Why.
        reason: String,
        /// The `version` last read; a stale one is a 409.
        version: i64,
    },
    /// The candidate pulled out.
    Withdraw {
        /// Why, if they said.
        #[serde(default)]
        reason: Option<String>,
        /// The `version` last read; a stale one is a 409.
        version: i64,
    },
}

impl MoveRequest {
    fn into_target(self) -> (MoveTarget, i64) {
        match self {
            MoveRequest::Stage { stage, version } => (MoveTarget::Stage { stage }, version),
            MoveRequest::Reject { reason, version } => (MoveTarget::Reject { reason }, version),
            MoveRequest::Withdraw { reason, version } => (MoveTarget::Withdraw { reason }, version),
        }
    }
}

/// A candidate's application to one requisition.
#[derive(Debug, Serialize, ToSchema)]
pub struct Application {
    /// Identity.
    pub id: Uuid,
    /// Who applied.
    pub candidate_id: Uuid,
    /// To what.
    pub requisition_id: Uuid,
    /// Current stage key (kept when rejected or withdrawn).
    pub stage: String,
    /// In play or not.
    #[schema(schema_with = super::openapi::application_status)]
    pub status: String,
    /// Why rejected or withdrawn.
    pub status_reason: Option<String>,
    /// Where the application came from.
    pub source: Option<String>,
    /// Applied.
    pub created_at: DateTime<Utc>,
    /// Last moved.
    pub updated_at: DateTime<Utc>,
    /// Send back with a move.
    pub version: i64,
}

impl From<pipeline::Application> for Application {
    fn from(a: pipeline::Application) -> Self {
        Self {
            id: a.id.0,
            candidate_id: a.candidate_id.0,
            requisition_id: a.requisition_id.0,
            stage: a.stage,
            status: a.status.to_string(),
            status_reason: a.status_reason,
            source: a.source,
            created_at: a.created_at,
            updated_at: a.updated_at,
            version: a.version,
        }
    }
}

/// A page of a requisition's applications and every column's count: two queries whatever the size.
#[utoipa::path(
    get, operation_id = "list_applications", path = "/requisitions/{id}/applications", tag = "applications",
    params(("id" = Uuid, Path, description = "Requisition id"), ApplicationQuery),
    responses(
        (status = 200, description = "A page of applications and every column's count", body = ApplicationPage),
        (status = 400, response = super::openapi::BadRequest),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 404, response = super::openapi::NotFound),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id<RequisitionId>,
    ApiQuery(q): ApiQuery<ApplicationQuery>,
) -> AppResult<Json<ApplicationPage>> {
    require_on_requisition(&state, &user, Action::ViewRequisition, id).await?;
    let window = Window::parse(q.limit, q.cursor.as_deref())?;
    let stages = state.store.requisition(id).await?.stages;
    let columns: Vec<String> =
        stages.into_iter().map(|s| s.key).chain(["rejected".to_owned(), "withdrawn".to_owned()]).collect();
    let stage = q.stage.as_deref().map(str::trim).filter(|s| !s.is_empty());
    if let Some(stage) = stage.filter(|s| !columns.iter().any(|c| c == s)) {
        return Err(AppError::BadRequest(format!(
            "`stage` '{stage}' is not a column of this requisition; use one of: {}",
            columns.join(", ")
        )));
    }
    let counted = state.store.column_counts(id).await?;
    let page = state.store.list_applications(id, stage, window.cursor, window.limit).await?;
    let counts = columns
        .into_iter()
        .map(|key| {
            let n = counted.iter().find(|(k, _)| *k == key).map_or(0, |(_, n)| *n);
            (key, n)
        })
        .collect();
    Ok(Json(ApplicationPage {
        items: page.items.into_iter().map(Into::into).collect(),
        next_cursor: page.next_cursor,
        counts,
    }))
}

/// Puts a candidate into the requisition's first stage.
#[utoipa::path(
    post, operation_id = "add_application", path = "/requisitions/{id}/applications",
    tag = "applications", request_body = NewApplicationBody,
    params(("id" = Uuid, Path, description = "Requisition id")),
    responses(
        (status = 201, description = "Added", body = Application, headers(("Location" = String))),
        (status = 400, response = super::openapi::BadRequest),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 403, response = super::openapi::Forbidden),
        (status = 404, response = super::openapi::NotFound),
        (status = 422, response = super::openapi::Unprocessable),
    )
)]
pub async fn add(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id<RequisitionId>,
    ApiJson(body): ApiJson<NewApplicationBody>,
) -> AppResult<Response> {
    require_on_requisition(&state, &user, Action::AddApplication, id).await?;
    let unknown = || Invalid::field("candidate_id", "is not a known candidate");
    let candidate_id: CandidateId = body.candidate_id.trim().parse().map_err(|_| unknown())?;
    state.store.candidate(candidate_id).await.map_err(|e| match e {
        StoreError::NotFound(_) => unknown().into(),
        other => AppError::from(other),
    })?;
    let source = optional_text(body.source.as_deref().unwrap_or(""), 100).map_err(|e| Invalid::field("source", e))?;
    let new = NewApplication { candidate_id, requisition_id: id, source };
    let application = state.store.add_application(Some(&user), new).await?;
    let location = format!("{PREFIX}/applications/{}", application.id);
    Ok(created(location, Application::from(application)))
}

/// One application.
#[utoipa::path(
    get, operation_id = "get_application", path = "/applications/{id}", tag = "applications",
    params(("id" = Uuid, Path, description = "Application id")),
    responses(
        (status = 200, description = "The application", body = Application),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 404, response = super::openapi::NotFound),
    )
)]
pub async fn show(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id<ApplicationId>,
) -> AppResult<Json<Application>> {
    let application = state.store.application(id).await?;
    require_on_requisition(&state, &user, Action::ViewRequisition, application.requisition_id).await?;
    Ok(Json(application.into()))
}

/// Moves an application to a stage, rejects it or withdraws it, if it is still at `version`.
#[utoipa::path(
    post, operation_id = "move_application", path = "/applications/{id}/move",
    tag = "applications", request_body = MoveRequest,
    params(("id" = Uuid, Path, description = "Application id")),
    responses(
        (status = 200, description = "Moved", body = Application),
        (status = 400, response = super::openapi::BadRequest),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 403, response = super::openapi::Forbidden),
        (status = 404, response = super::openapi::NotFound),
        (status = 409, response = super::openapi::Conflict),
        (status = 422, response = super::openapi::Unprocessable),
    )
)]
pub async fn move_to(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id<ApplicationId>,
    ApiJson(body): ApiJson<MoveRequest>,
) -> AppResult<Json<Application>> {
    let application = state.store.application(id).await?;
    require_on_requisition(&state, &user, Action::MoveApplication, application.requisition_id).await?;
    let (target, version) = body.into_target();
    let moved = state.store.move_application(&user, id, Some(version), &target).await?;
    Ok(Json(moved.into()))
}
