//! `/api/v1/requisitions/{id}/ranking` and `/match-weights`: a requisition's applicants best
//! match first, each score with the lines that add up to it, and the weights that decide it;
//! `/rediscovery`: everyone in the database ranked for it.

use axum::extract::State;
use axum::{Json, Router};
use hired_domain::authz::Action;
use hired_domain::matching::Weights;
use hired_domain::{Invalid, RequisitionId};
use hired_match::Match;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::extract::{ApiJson, ApiQuery, Id};
use crate::auth::{ApiUser, require_on_requisition};
use crate::error::AppResult;
use crate::matching::applicants;
use crate::requisitions::find;
use crate::state::AppState;

/// Routes of the ranking.
pub fn router() -> Router<AppState> {
    use axum::routing::{get, put};
    Router::new()
        .route("/requisitions/{id}/ranking", get(ranking))
        .route("/requisitions/{id}/match-weights", put(set_weights))
        .route("/requisitions/{id}/rediscovery", get(rediscovery))
}

/// Which part of the ranking to answer.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RankingQuery {
    /// How many, 1–500; default 50.
    pub limit: Option<usize>,
    /// How many of the best to skip; default 0.
    pub offset: Option<usize>,
}

/// One line of an explanation.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExplanationLine {
    /// `required | nice | experience | certification | location | salary | knockout`.
    pub part: String,
    /// `met | partial | missing | unknown`.
    pub mark: String,
    /// The line as people read it, with its mark: "✓ Django 4 y (needs 2)".
    pub line: String,
    /// Points earned (negative for a penalty).
    pub points: f32,
    /// Points it could have earned.
    pub max_points: f32,
}

/// One applicant in the ranking.
#[derive(Debug, Serialize, ToSchema)]
pub struct RankedApplicant {
    /// 1 for the best match.
    pub place: usize,
    /// The application.
    pub application_id: Uuid,
    /// The candidate.
    pub candidate_id: Uuid,
    /// Their name.
    pub name: String,
    /// Stage key.
    pub stage: String,
    /// `active | rejected | withdrawn | hired`.
    pub status: String,
    /// 0–100, the rounded sum of the explanation's points; `null` without a profile.
    pub score: Option<u8>,
    /// Why, one line per thing checked; empty without a profile.
    pub explanation: Vec<ExplanationLine>,
}

/// A window of the ranking.
#[derive(Debug, Serialize, ToSchema)]
pub struct Ranking {
    /// Applications to the requisition.
    pub total: usize,
    /// The weights the scores use.
    pub weights: MatchWeights,
    /// Best match first.
    pub items: Vec<RankedApplicant>,
}

/// How many points each part of the match is worth before scaling to 100.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MatchWeights {
    /// Must-have skills, 0–100.
    pub required: u8,
    /// Nice-to-have skills, 0–100.
    pub nice: u8,
    /// Years of experience against the level, 0–100.
    pub experience: u8,
    /// Certifications asked for, 0–100.
    pub certifications: u8,
    /// Location or remote fit, 0–100.
    pub location: u8,
    /// Salary expectation against the band, 0–100.
    pub salary: u8,
}

impl From<Weights> for MatchWeights {
    fn from(w: Weights) -> Self {
        let Weights { required, nice, experience, certifications, location, salary } = w;
        Self { required, nice, experience, certifications, location, salary }
    }
}

impl From<MatchWeights> for Weights {
    fn from(w: MatchWeights) -> Self {
        let MatchWeights { required, nice, experience, certifications, location, salary } = w;
        Self { required, nice, experience, certifications, location, salary }
    }
}

/// New weights for a requisition still at `version`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct WeightsChange {
    /// The requisition's version, as last read.
    pub version: i64,
    /// The weights.
    pub weights: MatchWeights,
}

/// The weights now in force.
#[derive(Debug, Serialize, ToSchema)]
pub struct WeightsSaved {
    /// The requisition's new version.
    pub version: i64,
    /// The weights.
    pub weights: MatchWeights,
}

fn lines(matched: &Match) -> Vec<ExplanationLine> {
    matched
        .reasons
        .iter()
        .map(|r| ExplanationLine {
            part: r.part.key().to_owned(),
            mark: r.mark.key().to_owned(),
            line: r.to_string(),
            points: (r.points * 10.0).round() / 10.0,
            max_points: (r.max_points * 10.0).round() / 10.0,
        })
        .collect()
}

/// A requisition's applicants, best match first, each with its explained score.
#[utoipa::path(
    get, operation_id = "requisition_ranking", path = "/requisitions/{id}/ranking",
    tag = "requisitions",
    params(("id" = Uuid, Path, description = "Requisition id"), RankingQuery),
    responses(
        (status = 200, description = "The ranking", body = Ranking),
        (status = 400, response = super::openapi::BadRequest),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 403, response = super::openapi::Forbidden),
        (status = 404, response = super::openapi::NotFound),
        (status = 422, response = super::openapi::Unprocessable),
    )
)]
pub async fn ranking(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id<RequisitionId>,
    ApiQuery(q): ApiQuery<RankingQuery>,
) -> AppResult<Json<Ranking>> {
    require_on_requisition(&state, &user, Action::ViewRequisition, id).await?;
    let limit = q.limit.unwrap_or(50);
    if !(1..=500).contains(&limit) {
        return Err(Invalid::field("limit", "must be between 1 and 500").into());
    }
    let req = state.store.requisition(id).await?;
    let all = state.store.applicants(id, None).await?;
    let total = all.len();
    let scored =
        applicants::score(&req.spec, all).map_err(|e| Invalid::field("skills", applicants::unranked_reason(&e)))?;
    let items = scored
        .into_iter()
        .enumerate()
        .skip(q.offset.unwrap_or(0))
        .take(limit)
        .map(|(i, s)| RankedApplicant {
            place: i + 1,
            application_id: s.applicant.application.0,
            candidate_id: s.applicant.candidate.0,
            score: s.matched.as_ref().map(|m| m.score),
            explanation: s.matched.as_ref().map(lines).unwrap_or_default(),
            name: s.applicant.name,
            stage: s.applicant.stage,
            status: s.applicant.status,
        })
        .collect();
    Ok(Json(Ranking { total, weights: req.spec.match_weights.into(), items }))
}

/// Sets how a requisition's match scores weigh each part.
#[utoipa::path(
    put, operation_id = "set_match_weights", path = "/requisitions/{id}/match-weights",
    tag = "requisitions", request_body = WeightsChange,
    params(("id" = Uuid, Path, description = "Requisition id")),
    responses(
        (status = 200, description = "Saved", body = WeightsSaved),
        (status = 400, response = super::openapi::BadRequest),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 403, response = super::openapi::Forbidden),
        (status = 404, response = super::openapi::NotFound),
        (status = 409, response = super::openapi::Conflict),
        (status = 422, response = super::openapi::Unprocessable),
    )
)]
pub async fn set_weights(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id<RequisitionId>,
    ApiJson(body): ApiJson<WeightsChange>,
) -> AppResult<Json<WeightsSaved>> {
    require_on_requisition(&state, &user, Action::EditRequisition, id).await?;
    let weights = Weights::from(body.weights).check().map_err(|e| Invalid::field("weights", e))?;
    let req = state.store.set_match_weights(&user, id, body.version, weights).await?;
    Ok(Json(WeightsSaved { version: req.version, weights: req.spec.match_weights.into() }))
}

/// Rediscovery filters.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RediscoveryQuery {
    /// Part of the location, any case.
    pub location: Option<String>,
    /// `junior | mid | senior | lead`: years of experience in that range.
    pub level: Option<String>,
    /// `true` for people who agreed to the talent pool only.
    pub talent_pool: Option<bool>,
    /// One tag, any case.
    pub tag: Option<String>,
    /// `any | never | applied | left` (rejected or withdrew somewhere).
    pub history: Option<String>,
    /// Page from 1, 25 people each, up to 40.
    pub page: Option<usize>,
}

/// One person found.
#[derive(Debug, Serialize, ToSchema)]
pub struct FoundPerson {
    /// 1 for the best match.
    pub place: usize,
    /// The candidate.
    pub candidate_id: Uuid,
    /// Their name.
    pub name: String,
    /// Where they live.
    pub location: String,
    /// Their tags.
    pub tags: Vec<String>,
    /// 0–100, the rounded sum of the explanation's points.
    pub score: u8,
    /// Why.
    pub explanation: Vec<ExplanationLine>,
}

/// A page of rediscovery.
#[derive(Debug, Serialize, ToSchema)]
pub struct Rediscovery {
    /// Best match first.
    pub items: Vec<FoundPerson>,
    /// The next page's number; `null` on the last.
    pub next_page: Option<usize>,
}

/// Everyone in the database ranked for a requisition, filtered; people who asked not to be
/// contacted and those already on it are left out. Admins and recruiters only.
#[utoipa::path(
    get, operation_id = "requisition_rediscovery", path = "/requisitions/{id}/rediscovery",
    tag = "requisitions",
    params(("id" = Uuid, Path, description = "Requisition id"), RediscoveryQuery),
    responses(
        (status = 200, description = "People found", body = Rediscovery),
        (status = 400, response = super::openapi::BadRequest),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 403, response = super::openapi::Forbidden),
        (status = 404, response = super::openapi::NotFound),
        (status = 422, response = super::openapi::Unprocessable),
    )
)]
pub async fn rediscovery(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id<RequisitionId>,
    ApiQuery(q): ApiQuery<RediscoveryQuery>,
) -> AppResult<Json<Rediscovery>> {
    require_on_requisition(&state, &user, Action::AddApplication, id).await?;
    find::require_rediscovery(&user)?;
    let query = find::FindQuery {
        location: q.location.unwrap_or_default(),
        level: q.level.unwrap_or_default(),
        pool: if q.talent_pool == Some(true) { "1".into() } else { String::new() },
        tag: q.tag.unwrap_or_default(),
        history: q.history.unwrap_or_default(),
        page: q.page.map(|p| p.to_string()).unwrap_or_default(),
    };
    let filters = query.filters().map_err(|e| Invalid::field("filters", e))?;
    let page = query.page().map_err(|e| Invalid::field("page", e))?;
    let req = state.store.requisition(id).await?;
    let (found, more) =
        find::search(&state, &req, filters, page).await?.map_err(|why| Invalid::field("skills", why))?;
    let items = found
        .into_iter()
        .map(|(place, f)| FoundPerson {
            place,
            candidate_id: f.candidate.0,
            explanation: lines(&f.matched),
            score: f.matched.score,
            name: f.name,
            location: f.place,
            tags: f.tags,
        })
        .collect();
    Ok(Json(Rediscovery { items, next_page: more.then_some(page + 1) }))
}
