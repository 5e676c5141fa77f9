//! `/api/v1/candidates`: list, create, read and edit candidates. A candidate
//! shows only the applications whose requisitions the caller can see.

use axum::extract::State;
use axum::response::Response;
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use hired_domain::authz::Action;
use hired_domain::candidate::{self, CandidateDetails, CandidateInput};
use hired_domain::user::User;
use hired_domain::{CandidateId, RequisitionId};
use hired_store::{ApplicationSummary, CandidateFilter, CandidateListItem};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::extract::{ApiJson, ApiQuery, Id};
use super::lists::{Window, team_member};
use super::{PREFIX, created};
use crate::auth::{ApiUser, require, require_on_candidate};
use crate::error::AppResult;
use crate::state::AppState;

/// Routes under `/candidates`.
pub fn router() -> Router<AppState> {
    use axum::routing::get;
    Router::new().route("/candidates", get(list).post(create)).route("/candidates/{id}", get(show).put(update))
}

/// Search and window of the candidates list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CandidateQuery {
    /// Name or email contains this text (case-insensitive).
    pub q: Option<String>,
    /// Page size, 1–200; default 50.
    pub limit: Option<u64>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// A row of the candidates list.
#[derive(Debug, Serialize, ToSchema)]
pub struct CandidateSummary {
    /// Identity.
    pub id: Uuid,
    /// Full name.
    pub name: String,
    /// Email.
    pub email: Option<String>,
    /// Location.
    pub location: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// How many applications they have.
    pub application_count: i64,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

impl From<CandidateListItem> for CandidateSummary {
    fn from(c: CandidateListItem) -> Self {
        Self {
            id: c.id,
            name: c.name,
            email: c.email,
            location: c.location,
            tags: serde_json::from_value(c.tags).unwrap_or_default(),
            application_count: c.application_count,
            updated_at: c.updated_at,
        }
    }
}

/// One page of candidates.
#[derive(Debug, Serialize, ToSchema)]
pub struct CandidatePage {
    /// The candidates, most recently changed first.
    pub items: Vec<CandidateSummary>,
    /// Pass back as `?cursor=` for the next page; `null` on the last one.
    pub next_cursor: Option<String>,
}

/// A candidate's details, as sent to create or replace them.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CandidateBody {
    /// Full name, at most 200 characters.
    pub name: String,
    /// Email; one candidate per address. An email or a phone is required.
    pub email: Option<String>,
    /// Phone, e.g. `+1 415 555 0100`.
    pub phone: Option<String>,
    /// City / country.
    pub location: Option<String>,
    /// GitHub profile URL or user name.
    pub github: Option<String>,
    /// LinkedIn profile URL.
    pub linkedin: Option<String>,
    /// Portfolio URL.
    pub portfolio: Option<String>,
    /// Free tags; stored lower-case, without duplicates.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Where we first met them.
    pub source: Option<String>,
}

impl CandidateBody {
    /// Validates with the domain's rules (the same as the candidate form's).
    fn to_details(&self) -> Result<CandidateDetails, hired_domain::Invalid> {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        CandidateDetails::try_from(&CandidateInput {
            name: self.name.clone(),
            email: text(&self.email),
            phone: text(&self.phone),
            location: text(&self.location),
            github: text(&self.github),
            linkedin: text(&self.linkedin),
            portfolio: text(&self.portfolio),
            tags: self.tags.join(","),
            source: text(&self.source),
        })
    }
}

/// New details for a candidate and the version they replace.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CandidateUpdate {
    /// The whole new details.
    #[serde(flatten)]
    pub details: CandidateBody,
    /// The `version` last read; a stale one is a 409.
    pub version: i64,
}

/// One of a candidate's applications.
#[derive(Debug, Serialize, ToSchema)]
pub struct CandidateApplication {
    /// Application id.
    pub id: Uuid,
    /// Requisition applied to.
    pub requisition_id: Uuid,
    /// Its title.
    pub requisition_title: String,
    /// Stage key.
    pub stage: String,
    /// In play or not.
    #[schema(schema_with = super::openapi::application_status)]
    pub status: String,
    /// Why rejected or withdrawn.
    pub status_reason: Option<String>,
    /// Where the application came from.
    pub source: Option<String>,
    /// Send back with a move.
    pub version: i64,
    /// Applied.
    pub created_at: DateTime<Utc>,
    /// Screening answers with their knockout verdicts, when the requisition asked questions.
    #[schema(value_type = Option<Object>)]
    pub screening: Option<serde_json::Value>,
    /// `false` when a screening knockout failed.
    pub meets_requirements: Option<bool>,
    /// Cover letter.
    pub cover_letter: Option<String>,
    /// What the applicant expects to earn: `{"minor": cents, "currency": "EUR"}`, in the
    /// period of the requisition's band.
    #[schema(value_type = Option<Object>)]
    pub salary_expectation: Option<serde_json::Value>,
}

impl From<ApplicationSummary> for CandidateApplication {
    fn from(a: ApplicationSummary) -> Self {
        let ApplicationSummary {
            id,
            requisition_id,
            requisition_title,
            stage,
            status,
            status_reason,
            source,
            version,
            created_at,
            screening,
            meets_requirements,
            cover_letter,
            salary_expectation,
        } = a;
        Self {
            id,
            requisition_id,
            requisition_title,
            stage,
            status,
            status_reason,
            source,
            version,
            created_at,
            screening,
            meets_requirements,
            cover_letter,
            salary_expectation,
        }
    }
}

/// A candidate with the applications the caller can see.
#[derive(Debug, Serialize, ToSchema)]
pub struct Candidate {
    /// Identity.
    pub id: Uuid,
    /// Full name.
    pub name: String,
    /// Email.
    pub email: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// City / country.
    pub location: Option<String>,
    /// GitHub profile URL.
    pub github: Option<String>,
    /// LinkedIn profile URL.
    pub linkedin: Option<String>,
    /// Portfolio URL.
    pub portfolio: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Where we first met them.
    pub source: Option<String>,
    /// Applications on requisitions the caller can see, newest first.
    pub applications: Vec<CandidateApplication>,
    /// First recorded.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
    /// Send back with changes.
    pub version: i64,
}

impl Candidate {
    fn new(c: candidate::Candidate, applications: Vec<CandidateApplication>) -> Self {
        let d = c.details;
        Self {
            id: c.id.0,
            name: d.name,
            email: d.email.map(String::from),
            phone: d.phone,
            location: d.location,
            github: d.github,
            linkedin: d.linkedin,
            portfolio: d.portfolio,
            tags: d.tags,
            source: d.source,
            applications,
            created_at: c.created_at,
            updated_at: c.updated_at,
            version: c.version,
        }
    }
}

/// The candidate with the applications `user` may see: team-scoped roles only their teams'.
async fn render(state: &AppState, user: &User, candidate: candidate::Candidate) -> AppResult<Candidate> {
    let mut applications = Vec::new();
    for application in state.store.candidate_applications(candidate.id).await? {
        let visible = match team_member(user) {
            None => true,
            Some(member) => state.store.is_on_team(RequisitionId(application.requisition_id), member).await?,
        };
        if visible {
            applications.push(application.into());
        }
    }
    Ok(Candidate::new(candidate, applications))
}

/// Lists the candidates the caller can see.
#[utoipa::path(
    get, operation_id = "list_candidates", path = "/candidates", tag = "candidates", params(CandidateQuery),
    responses(
        (status = 200, description = "A page of candidates", body = CandidatePage),
        (status = 400, response = super::openapi::BadRequest),
        (status = 401, response = super::openapi::Unauthorized),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiQuery(q): ApiQuery<CandidateQuery>,
) -> AppResult<Json<CandidatePage>> {
    require(&user, Action::Browse)?;
    let window = Window::parse(q.limit, q.cursor.as_deref())?;
    let filter = CandidateFilter { team_member: team_member(&user), text: q.q };
    let page = state.store.list_candidates(&filter, window.cursor, window.limit).await?;
    Ok(Json(CandidatePage { items: page.items.into_iter().map(Into::into).collect(), next_cursor: page.next_cursor }))
}

/// Records a new candidate.
#[utoipa::path(
    post, operation_id = "create_candidate", path = "/candidates", tag = "candidates", request_body = CandidateBody,
    responses(
        (status = 201, description = "Created", body = Candidate, headers(("Location" = String))),
        (status = 400, response = super::openapi::BadRequest),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 403, response = super::openapi::Forbidden),
        (status = 422, response = super::openapi::Unprocessable),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiJson(body): ApiJson<CandidateBody>,
) -> AppResult<Response> {
    require(&user, Action::CreateCandidate)?;
    let details = body.to_details()?;
    let candidate = state.store.create_candidate(Some(&user), details).await?;
    let location = format!("{PREFIX}/candidates/{}", candidate.id);
    Ok(created(location, Candidate::new(candidate, Vec::new())))
}

/// One candidate with the applications the caller can see.
#[utoipa::path(
    get, operation_id = "get_candidate", path = "/candidates/{id}", tag = "candidates",
    params(("id" = Uuid, Path, description = "Candidate id")),
    responses(
        (status = 200, description = "The candidate", body = Candidate),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 404, response = super::openapi::NotFound),
    )
)]
pub async fn show(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id<CandidateId>,
) -> AppResult<Json<Candidate>> {
    require_on_candidate(&state, &user, Action::ViewCandidate, id).await?;
    let candidate = state.store.candidate(id).await?;
    Ok(Json(render(&state, &user, candidate).await?))
}

/// Replaces a candidate's details if they are still at `version`.
#[utoipa::path(
    put, operation_id = "update_candidate", path = "/candidates/{id}",
    tag = "candidates", request_body = CandidateUpdate,
    params(("id" = Uuid, Path, description = "Candidate id")),
    responses(
        (status = 200, description = "Saved", body = Candidate),
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
    Id(id): Id<CandidateId>,
    ApiJson(body): ApiJson<CandidateUpdate>,
) -> AppResult<Json<Candidate>> {
    require_on_candidate(&state, &user, Action::EditCandidate, id).await?;
    let details = body.details.to_details()?;
    let candidate = state.store.update_candidate(&user, id, body.version, details).await?;
    Ok(Json(render(&state, &user, candidate).await?))
}
