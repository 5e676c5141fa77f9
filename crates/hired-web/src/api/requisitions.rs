//! `/api/v1/requisitions`: list, create, read and replace requisitions, and
//! move them through their lifecycle, with the JSON shapes they answer in.
//! Request bodies and their validation are in `requisition_input`.

use axum::extract::State;
use axum::response::Response;
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use hired_domain::authz::Action;
use hired_domain::pipeline::StageDef;
use hired_domain::requisition::{self, Level, RequisitionStatus};
use hired_domain::user::User;
use hired_domain::{Invalid, RequisitionId};
use hired_store::{RequisitionFilter, RequisitionListItem, TeamMember};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::extract::{ApiJson, ApiQuery, Id};
use super::lists::{Window, team_member};
use super::requisition_input::{RequisitionBody, RequisitionUpdate, Salary, StatusChange};
use super::{PREFIX, created};
use crate::auth::{ApiUser, may, require, require_on_requisition};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// Routes under `/requisitions`.
pub fn router() -> Router<AppState> {
    use axum::routing::{get, post};
    Router::new()
        .route("/requisitions", get(list).post(create))
        .route("/requisitions/{id}", get(show).put(update))
        .route("/requisitions/{id}/status", post(change_status))
}

/// Filters and window of the requisitions list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RequisitionQuery {
    /// Only this status.
    #[param(schema_with = super::openapi::requisition_status)]
    pub status: Option<String>,
    /// Only this level.
    #[param(schema_with = super::openapi::level)]
    pub level: Option<String>,
    /// Only titles containing this text (case-insensitive).
    pub q: Option<String>,
    /// Page size, 1–200; default 50.
    pub limit: Option<u64>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// A row of the requisitions list.
#[derive(Debug, Serialize, ToSchema)]
pub struct RequisitionSummary {
    /// Identity.
    pub id: Uuid,
    /// Job title.
    pub title: String,
    /// Lifecycle status.
    #[schema(schema_with = super::openapi::requisition_status)]
    pub status: String,
    /// Seniority.
    #[schema(schema_with = super::openapi::level)]
    pub level: String,
    /// Department name.
    pub department: Option<String>,
    /// Applications still in play.
    pub active_count: i64,
    /// All applications.
    pub total_count: i64,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

impl From<RequisitionListItem> for RequisitionSummary {
    fn from(r: RequisitionListItem) -> Self {
        let RequisitionListItem { id, title, status, level, department, active_count, total_count, updated_at } = r;
        Self { id, title, status, level, department, active_count, total_count, updated_at }
    }
}

/// One page of requisitions.
#[derive(Debug, Serialize, ToSchema)]
pub struct RequisitionPage {
    /// The requisitions, most recently changed first.
    pub items: Vec<RequisitionSummary>,
    /// Pass back as `?cursor=` for the next page; `null` on the last one.
    pub next_cursor: Option<String>,
}

/// One skill the role asks for.
#[derive(Debug, Serialize, ToSchema)]
pub struct Skill {
    /// Skill name.
    pub skill: String,
    /// Must-have or nice-to-have.
    pub required: bool,
    /// Importance 1–10.
    pub weight: u8,
    /// Minimum years of use.
    pub min_years: Option<u8>,
}

/// One pipeline stage.
#[derive(Debug, Serialize, ToSchema)]
pub struct Stage {
    /// Stable key, also the board column key.
    pub key: String,
    /// Name for people.
    pub name: String,
}

/// A member of the hiring team.
#[derive(Debug, Serialize, ToSchema)]
pub struct HiringTeamMember {
    /// The user.
    pub user_id: Uuid,
    /// Their name.
    pub name: String,
    /// Their email.
    pub email: String,
    /// `hiring_manager | recruiter | interviewer`.
    pub team_role: String,
}

/// A requisition with its pipeline and hiring team.
#[derive(Debug, Serialize, ToSchema)]
pub struct Requisition {
    /// Identity.
    pub id: Uuid,
    /// Job title.
    pub title: String,
    /// Owning department.
    pub department_id: Option<Uuid>,
    /// Office locations.
    pub locations: Vec<String>,
    /// Where the work happens.
    #[schema(schema_with = super::openapi::remote)]
    pub remote: String,
    /// The hire's contract.
    #[schema(schema_with = super::openapi::employment_type)]
    pub employment_type: String,
    /// Who does the work.
    #[schema(schema_with = super::openapi::sourcing)]
    pub sourcing: String,
    /// Seniority.
    #[schema(schema_with = super::openapi::level)]
    pub level: String,
    /// People to hire.
    pub headcount: u16,
    /// What the person will do.
    pub responsibilities: Vec<String>,
    /// Skills asked for.
    pub skills: Vec<Skill>,
    /// Certifications that count.
    pub certifications: Vec<String>,
    /// Pay range (`null` when none is set). Absent for callers who may not see compensation.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Salary>)]
    pub salary: Option<Option<Salary>>,
    /// Lifecycle status.
    #[schema(schema_with = super::openapi::requisition_status)]
    pub status: String,
    /// Pipeline stages, in order.
    pub stages: Vec<Stage>,
    /// Who works on it.
    pub hiring_team: Vec<HiringTeamMember>,
    /// Creator.
    pub created_by: Uuid,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
    /// Send back with changes.
    pub version: i64,
}

impl Requisition {
    fn new(req: requisition::Requisition, team: Vec<TeamMember>, show_salary: bool) -> Self {
        let spec = req.spec;
        Self {
            id: req.id.0,
            title: spec.title,
            department_id: spec.department_id.map(|d| d.0),
            locations: spec.locations,
            remote: spec.remote.to_string(),
            employment_type: spec.employment_type.to_string(),
            sourcing: spec.sourcing.to_string(),
            level: spec.level.to_string(),
            headcount: spec.headcount,
            responsibilities: spec.responsibilities,
            skills: spec
                .skills
                .into_iter()
                .map(|s| Skill { skill: s.skill, required: s.required, weight: s.weight, min_years: s.min_years })
                .collect(),
            certifications: spec.certifications,
            salary: show_salary.then(|| spec.salary.map(Salary::from)),
            status: req.status.to_string(),
            stages: req.stages.into_iter().map(|StageDef { key, name }| Stage { key, name }).collect(),
            hiring_team: team
                .into_iter()
                .map(|m| HiringTeamMember { user_id: m.user_id, name: m.name, email: m.email, team_role: m.team_role })
                .collect(),
            created_by: req.created_by.0,
            created_at: req.created_at,
            updated_at: req.updated_at,
            version: req.version,
        }
    }
}

/// The requisition as `user` may see it: with its hiring team, and its salary only if they may see pay.
async fn render(state: &AppState, user: &User, req: requisition::Requisition) -> AppResult<Requisition> {
    let team = state.store.hiring_team(req.id).await?;
    Ok(Requisition::new(req, team, may(user, Action::ViewCompensation)))
}

/// Reads an optional enum filter from the query string; an unknown value is a 400 listing the known ones.
fn parse_filter<T: std::str::FromStr<Err = String>>(name: &str, raw: Option<&str>) -> AppResult<Option<T>> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(raw) => raw.parse().map(Some).map_err(|e| AppError::BadRequest(format!("`{name}` {e}"))),
    }
}

/// Lists the requisitions the caller can see.
#[utoipa::path(
    get, operation_id = "list_requisitions", path = "/requisitions", tag = "requisitions", params(RequisitionQuery),
    responses(
        (status = 200, description = "A page of requisitions", body = RequisitionPage),
        (status = 400, response = super::openapi::BadRequest),
        (status = 401, response = super::openapi::Unauthorized),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiQuery(q): ApiQuery<RequisitionQuery>,
) -> AppResult<Json<RequisitionPage>> {
    require(&user, Action::Browse)?;
    let window = Window::parse(q.limit, q.cursor.as_deref())?;
    let filter = RequisitionFilter {
        team_member: team_member(&user),
        status: parse_filter::<RequisitionStatus>("status", q.status.as_deref())?,
        level: parse_filter::<Level>("level", q.level.as_deref())?,
        text: q.q,
    };
    let page = state.store.list_requisitions(&filter, window.cursor, window.limit).await?;
    Ok(Json(RequisitionPage { items: page.items.into_iter().map(Into::into).collect(), next_cursor: page.next_cursor }))
}

/// Creates a draft requisition with the default pipeline; the caller joins its hiring team.
#[utoipa::path(
    post, operation_id = "create_requisition", path = "/requisitions",
    tag = "requisitions", request_body = RequisitionBody,
    responses(
        (status = 201, description = "Created", body = Requisition, headers(("Location" = String))),
        (status = 400, response = super::openapi::BadRequest),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 403, response = super::openapi::Forbidden),
        (status = 422, response = super::openapi::Unprocessable),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiJson(body): ApiJson<RequisitionBody>,
) -> AppResult<Response> {
    require(&user, Action::CreateRequisition)?;
    let spec = body.to_spec(&state).await?;
    let req = state.store.create_requisition(&user, spec).await?;
    let location = format!("{PREFIX}/requisitions/{}", req.id);
    Ok(created(location, render(&state, &user, req).await?))
}

/// One requisition with its stages and hiring team.
#[utoipa::path(
    get, operation_id = "get_requisition", path = "/requisitions/{id}", tag = "requisitions",
    params(("id" = Uuid, Path, description = "Requisition id")),
    responses(
        (status = 200, description = "The requisition", body = Requisition),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 404, response = super::openapi::NotFound),
    )
)]
pub async fn show(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id<RequisitionId>,
) -> AppResult<Json<Requisition>> {
    require_on_requisition(&state, &user, Action::ViewRequisition, id).await?;
    let req = state.store.requisition(id).await?;
    Ok(Json(render(&state, &user, req).await?))
}

/// Replaces a requisition's definition if it is still at `version`.
#[utoipa::path(
    put, operation_id = "update_requisition", path = "/requisitions/{id}",
    tag = "requisitions", request_body = RequisitionUpdate,
    params(("id" = Uuid, Path, description = "Requisition id")),
    responses(
        (status = 200, description = "Saved", body = Requisition),
        (status = 400, response = super::openapi::BadRequest),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 403, response = super::openapi::Forbidden),
        (status = 404, response = super::openapi::NotFound),
        (status = 409, response = super::openapi::Conflict),
        (status = 422, response = super::openapi::Unprocessable),
    )
)]
pub async fn update(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id<RequisitionId>,
    ApiJson(body): ApiJson<RequisitionUpdate>,
) -> AppResult<Json<Requisition>> {
    require_on_requisition(&state, &user, Action::EditRequisition, id).await?;
    let spec = body.spec.to_spec(&state).await?;
    let req = state.store.update_requisition(&user, id, body.version, spec).await?;
    Ok(Json(render(&state, &user, req).await?))
}

/// Moves a requisition through its lifecycle (open, hold, fill, close, reopen).
#[utoipa::path(
    post, operation_id = "change_requisition_status", path = "/requisitions/{id}/status",
    tag = "requisitions", request_body = StatusChange,
    params(("id" = Uuid, Path, description = "Requisition id")),
    responses(
        (status = 200, description = "Moved", body = Requisition),
        (status = 400, response = super::openapi::BadRequest),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 403, response = super::openapi::Forbidden),
        (status = 404, response = super::openapi::NotFound),
        (status = 409, response = super::openapi::Conflict),
        (status = 422, response = super::openapi::Unprocessable),
    )
)]
pub async fn change_status(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id<RequisitionId>,
    ApiJson(body): ApiJson<StatusChange>,
) -> AppResult<Json<Requisition>> {
    require_on_requisition(&state, &user, Action::ChangeRequisitionStatus, id).await?;
    let to: RequisitionStatus = body.status.parse().map_err(|e: String| Invalid::field("status", e))?;
    let req = state.store.change_requisition_status(&user, id, body.version, to).await?;
    Ok(Json(render(&state, &user, req).await?))
}
