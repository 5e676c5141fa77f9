//! `/api/v1/requisitions/{id}/posting`: a requisition's careers posting — read it, write
//! it as a draft or publish it, unpublish it — and, in [`screening`], the questions its
//! apply form asks. Same rule as the pages: changing a posting is editing the requisition.

pub(super) mod screening;

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use chrono::{DateTime, NaiveDate, Utc};
use hired_domain::RequisitionId;
use hired_domain::authz::Action;
use hired_domain::posting::{Posting, PostingInput, PostingSpec};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::extract::{ApiJson, Id};
use super::{PREFIX, created};
use crate::auth::{ApiUser, require_on_requisition};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// Routes under `/requisitions/{id}/posting` and `/requisitions/{id}/screening`.
pub(super) fn router() -> Router<AppState> {
    use axum::routing::{get, post};
    Router::new()
        .route("/requisitions/{id}/posting", get(show).put(save))
        .route("/requisitions/{id}/posting/unpublish", post(unpublish))
        .merge(screening::router())
}

/// A channel the posting goes to, with the apply link that credits it.
#[derive(Debug, Serialize, ToSchema)]
pub struct PostingChannel {
    /// The channel.
    pub id: Uuid,
    /// Its name.
    pub name: String,
    /// The posting's address with the channel's tracking code (`?ch=`).
    pub apply_url: String,
}

/// A requisition's posting as stored, with where it can be seen.
#[derive(Debug, Serialize, ToSchema)]
pub struct PostingView {
    /// Identity.
    pub id: Uuid,
    /// The requisition published.
    pub requisition_id: Uuid,
    /// Address on the careers site: `/careers/{slug}`.
    pub slug: String,
    /// The full public address.
    pub url: String,
    /// Whether the recruiter has it published.
    pub published: bool,
    /// Whether applicants can see it now: published, the requisition open, not past its last day.
    pub live: bool,
    /// First published.
    pub published_at: Option<DateTime<Utc>>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
    /// Send back with changes.
    pub version: i64,
    /// Public title.
    pub title: String,
    /// Description in Markdown.
    pub description: String,
    /// City.
    pub city: Option<String>,
    /// State or region.
    pub region: Option<String>,
    /// ISO 3166-1 alpha-2 country.
    pub country: String,
    /// Postal code.
    pub postal_code: Option<String>,
    /// For remote roles, where applicants may live (alpha-2); empty means anywhere.
    pub applicant_countries: Vec<String>,
    /// Whether the requisition's salary band is shown.
    pub show_salary: bool,
    /// Last day applications are taken.
    pub valid_through: NaiveDate,
    /// Channels it goes to, each with its tracked apply link.
    pub channels: Vec<PostingChannel>,
}

/// A posting as sent: its fields, whether to publish it, and the version it was read at.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct PostingBody {
    /// Public title, at most 200 characters.
    pub title: String,
    /// Description in Markdown, at most 20,000 characters; rendered and sanitized on display.
    pub description: String,
    /// City.
    pub city: Option<String>,
    /// State or region.
    pub region: Option<String>,
    /// Two-letter country code of the workplace (or of the company, for remote roles).
    pub country: String,
    /// Postal code.
    pub postal_code: Option<String>,
    /// For remote roles, two-letter codes of the countries applicants may live in.
    pub applicant_countries: Vec<String>,
    /// Show the requisition's salary band.
    pub show_salary: bool,
    /// Last day to apply, `YYYY-MM-DD`: not in the past, at most a year ahead.
    #[schema(value_type = String, format = Date)]
    pub valid_through: String,
    /// Channel ids to distribute to; only active channels take a published posting.
    #[schema(value_type = Vec<Uuid>)]
    pub channels: Vec<String>,
    /// `true` publishes (the requisition must be open); `false` saves a draft and takes a
    /// published posting down.
    pub publish: bool,
    /// The posting's `version` when it was read; leave out only when there is no posting yet.
    pub version: Option<i64>,
}

impl PostingBody {
    fn input(&self) -> PostingInput {
        PostingInput {
            title: self.title.clone(),
            description: self.description.clone(),
            city: self.city.clone().unwrap_or_default(),
            region: self.region.clone().unwrap_or_default(),
            country: self.country.clone(),
            postal_code: self.postal_code.clone().unwrap_or_default(),
            applicant_countries: self.applicant_countries.join(","),
            show_salary: if self.show_salary { "true".into() } else { String::new() },
            valid_through: self.valid_through.clone(),
            channels: self.channels.clone(),
        }
    }
}

fn today() -> NaiveDate {
    Utc::now().date_naive()
}

/// The posting with its liveness and its channels' apply links.
async fn view(state: &AppState, posting: Posting) -> AppResult<PostingView> {
    let req = state.store.requisition(posting.requisition_id).await?;
    let channels = state.store.channels().await?;
    let url = format!("{}/careers/{}", state.config.public_url, posting.slug);
    let spec = &posting.spec;
    Ok(PostingView {
        id: posting.id.0,
        requisition_id: posting.requisition_id.0,
        live: posting.is_live(req.status, today()),
        channels: channels
            .into_iter()
            .filter(|c| spec.channels.contains(&c.id))
            .map(|c| PostingChannel { id: c.id.0, apply_url: format!("{url}?ch={}", c.id), name: c.spec.name })
            .collect(),
        url,
        published: posting.published,
        published_at: posting.published_at,
        updated_at: posting.updated_at,
        version: posting.version,
        title: spec.title.clone(),
        description: spec.description.clone(),
        city: spec.city.clone(),
        region: spec.region.clone(),
        country: spec.country.clone(),
        postal_code: spec.postal_code.clone(),
        applicant_countries: spec.applicant_countries.clone(),
        show_salary: spec.show_salary,
        valid_through: spec.valid_through,
        slug: posting.slug,
    })
}

/// A requisition's posting, published or not.
#[utoipa::path(
    get, operation_id = "get_posting", path = "/requisitions/{id}/posting", tag = "postings",
    params(("id" = Uuid, Path, description = "Requisition id")),
    responses(
        (status = 200, description = "The posting", body = PostingView),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 403, response = super::openapi::Forbidden),
        (status = 404, response = super::openapi::NotFound),
    )
)]
pub async fn show(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id<RequisitionId>,
) -> AppResult<Json<PostingView>> {
    require_on_requisition(&state, &user, Action::EditRequisition, id).await?;
    let posting = state.store.posting_for(id).await?.ok_or(AppError::NotFound("posting"))?;
    Ok(Json(view(&state, posting).await?))
}

/// Writes the posting — creating it on first save — and publishes it or keeps it a draft.
#[utoipa::path(
    put, operation_id = "save_posting", path = "/requisitions/{id}/posting", tag = "postings",
    request_body = PostingBody,
    params(("id" = Uuid, Path, description = "Requisition id")),
    responses(
        (status = 200, description = "Saved", body = PostingView),
        (status = 201, description = "Created", body = PostingView, headers(("Location" = String))),
        (status = 400, response = super::openapi::BadRequest),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 403, response = super::openapi::Forbidden),
        (status = 404, response = super::openapi::NotFound),
        (status = 409, response = super::openapi::Conflict),
        (status = 422, response = super::openapi::Unprocessable),
    )
)]
pub async fn save(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id<RequisitionId>,
    ApiJson(body): ApiJson<PostingBody>,
) -> AppResult<Response> {
    require_on_requisition(&state, &user, Action::EditRequisition, id).await?;
    let existed = state.store.posting_for(id).await?.is_some();
    let spec = PostingSpec::parse(&body.input(), today())?;
    let posting = state.store.save_posting(&user, id, body.version, spec, body.publish).await?;
    let view = view(&state, posting).await?;
    if existed {
        Ok(Json(view).into_response())
    } else {
        Ok(created(format!("{PREFIX}/requisitions/{id}/posting"), view))
    }
}

/// Takes the posting off the careers site, the feeds and every channel; saving it with
/// `publish: true` brings it back.
#[utoipa::path(
    post, operation_id = "unpublish_posting", path = "/requisitions/{id}/posting/unpublish", tag = "postings",
    params(("id" = Uuid, Path, description = "Requisition id")),
    responses(
        (status = 200, description = "Unpublished", body = PostingView),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 403, response = super::openapi::Forbidden),
        (status = 404, response = super::openapi::NotFound),
    )
)]
pub async fn unpublish(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id<RequisitionId>,
) -> AppResult<Json<PostingView>> {
    require_on_requisition(&state, &user, Action::EditRequisition, id).await?;
    state.store.unpublish_posting(&user, id).await?;
    let posting = state.store.posting_for(id).await?.ok_or(AppError::NotFound("posting"))?;
    Ok(Json(view(&state, posting).await?))
}
