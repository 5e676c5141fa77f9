//! `/api/v1/applications/{id}/scorecards` and `/api/v1/interviews/{id}/scorecard`: the
//! scorecards the caller may read (the store applies the blind-review rule) and submitting
//! one's own for an interview one is on the panel of.

use axum::extract::State;
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use hired_domain::authz::Action;
use hired_domain::interviews::{CompetencyRating, Rating, Recommendation, ScorecardInput};
use hired_domain::{ApplicationId, InterviewId, Invalid};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::extract::{ApiJson, Id};
use crate::auth::{ApiUser, require_on_requisition};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// Routes of interviews and scorecards.
pub fn router() -> Router<AppState> {
    use axum::routing::{get, put};
    Router::new().route("/applications/{id}/scorecards", get(list)).route("/interviews/{id}/scorecard", put(submit))
}

/// One competency's rating.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RatingBody {
    /// The competency's key in the library (`python`, `attention_to_detail`, …).
    pub competency: String,
    /// 1 (well below the bar) to 4 (above it).
    pub rating: u8,
    /// What the interviewer saw.
    #[serde(default)]
    pub note: String,
}

/// A scorecard as submitted.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ScorecardBody {
    /// One rating per competency of the interview's kit.
    pub ratings: Vec<RatingBody>,
    /// `strong_no | no | yes | strong_yes`.
    pub recommendation: String,
    /// Anything else.
    #[serde(default)]
    pub notes: String,
}

/// A submitted scorecard the caller may read.
#[derive(Debug, Serialize, ToSchema)]
pub struct ScorecardView {
    /// The scorecard.
    pub id: Uuid,
    /// The interview it rates.
    pub interview_id: Uuid,
    /// The interview's title.
    pub interview_title: String,
    /// Who wrote it.
    pub author_id: Uuid,
    /// Their name.
    pub author_name: String,
    /// `strong_no | no | yes | strong_yes`.
    pub recommendation: String,
    /// The ratings.
    pub ratings: Vec<RatingBody>,
    /// Anything else.
    pub notes: String,
    /// When it was last submitted.
    pub submitted_at: DateTime<Utc>,
}

/// The scorecards of an application the caller may read.
#[derive(Debug, Serialize, ToSchema)]
pub struct Scorecards {
    /// Whether the caller still owes a scorecard for this application (then they read only theirs).
    pub owes_one: bool,
    /// How many submitted scorecards they may not read yet.
    pub hidden: usize,
    /// Theirs and, when allowed, everyone's.
    pub items: Vec<ScorecardView>,
}

/// The scorecards of an application that the caller may read: whoever still owes one reads
/// only their own; interviewers read others' after submitting theirs.
#[utoipa::path(
    get, operation_id = "application_scorecards", path = "/applications/{id}/scorecards",
    tag = "applications",
    params(("id" = Uuid, Path, description = "Application id")),
    responses(
        (status = 200, description = "The readable scorecards", body = Scorecards),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 404, response = super::openapi::NotFound),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id<ApplicationId>,
) -> AppResult<Json<Scorecards>> {
    let application = state.store.application(id).await?;
    require_on_requisition(&state, &user, Action::ViewCandidate, application.requisition_id).await?;
    let visible = state.store.scorecards_for(&user, id).await?;
    let items = visible
        .scorecards
        .into_iter()
        .map(|s| ScorecardView {
            id: s.id.0,
            interview_id: s.interview_id.0,
            interview_title: s.interview_title,
            author_id: s.author_id.0,
            author_name: s.author_name,
            recommendation: s.card.recommendation.as_str().to_owned(),
            ratings: s
                .card
                .ratings
                .into_iter()
                .map(|r| RatingBody { competency: r.competency, rating: r.rating.value(), note: r.note })
                .collect(),
            notes: s.card.notes,
            submitted_at: s.submitted_at,
        })
        .collect();
    Ok(Json(Scorecards { owes_one: visible.owes_one, hidden: visible.hidden, items }))
}

/// The submitted scorecard's id.
#[derive(Debug, Serialize, ToSchema)]
pub struct Submitted {
    /// The scorecard.
    pub id: Uuid,
}

fn card(body: ScorecardBody) -> Result<ScorecardInput, Invalid> {
    let mut invalid = Invalid::default();
    let mut ratings = Vec::new();
    for (i, r) in body.ratings.into_iter().enumerate() {
        if let Some(rating) = invalid.check(&format!("ratings[{i}].rating"), Rating::try_from(r.rating)) {
            ratings.push(CompetencyRating { competency: r.competency, rating, note: r.note });
        }
    }
    let recommendation = Recommendation::parse(&body.recommendation);
    if recommendation.is_none() {
        invalid.push("recommendation", "must be one of: strong_no, no, yes, strong_yes");
    }
    invalid.into_result(|| ScorecardInput {
        ratings,
        recommendation: recommendation.unwrap_or(Recommendation::No),
        notes: body.notes,
    })
}

/// Submits (or replaces) the caller's scorecard for an interview whose panel they are on.
#[utoipa::path(
    put, operation_id = "submit_scorecard", path = "/interviews/{id}/scorecard",
    tag = "applications",
    params(("id" = Uuid, Path, description = "Interview id")),
    request_body = ScorecardBody,
    responses(
        (status = 200, description = "Submitted", body = Submitted),
        (status = 400, response = super::openapi::BadRequest),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 403, response = super::openapi::Forbidden),
        (status = 404, response = super::openapi::NotFound),
        (status = 422, response = super::openapi::Unprocessable),
    )
)]
pub async fn submit(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id<InterviewId>,
    ApiJson(body): ApiJson<ScorecardBody>,
) -> AppResult<Json<Submitted>> {
    let interview = state.store.interview(id).await?.ok_or(AppError::NotFound("interview"))?;
    require_on_requisition(&state, &user, Action::SubmitScorecard, interview.requisition_id).await?;
    if !interview.on_panel(user.id) {
        return Err(AppError::Forbidden);
    }
    let card = card(body)?;
    let id = state.store.submit_scorecard(&user, &interview, &card).await?;
    Ok(Json(Submitted { id: id.0 }))
}
