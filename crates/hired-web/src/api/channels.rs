//! `/api/v1/channels`: the channels postings go to and applicants come from, each with what
//! it has brought so far. Admins and recruiters read them; only admins change them — the
//! same rule as the `/admin/channels` pages.

use axum::extract::State;
use axum::response::Response;
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use hired_domain::authz::Action;
use hired_domain::channel::{ChannelInput, ChannelSpec};
use hired_domain::{ChannelId, Invalid};
use hired_store::ChannelStats;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::extract::{ApiJson, Id, PathId};
use super::{PREFIX, created};
use crate::auth::{ApiUser, require};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// Routes under `/channels`.
pub(super) fn router() -> Router<AppState> {
    use axum::routing::get;
    Router::new().route("/channels", get(list).post(create)).route("/channels/{id}", get(show).patch(update))
}

impl PathId for ChannelId {
    const WHAT: &'static str = "channel";
}

/// What a channel has brought so far.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChannelResults {
    /// Postings sent to it.
    pub postings: i64,
    /// Applications that came through it.
    pub applications: i64,
    /// Of those, hired.
    pub hires: i64,
    /// Spent so far, in minor units of the channel's currency: months begun times the monthly
    /// cost, or postings times the per-posting cost.
    pub spent_minor: i64,
    /// Spent per application, minor units; `null` before the first application.
    pub cost_per_applicant_minor: Option<i64>,
}

/// A channel and its results.
#[derive(Debug, Serialize, ToSchema)]
pub struct Channel {
    /// Identity; also the `ch` tracking code of apply links.
    pub id: Uuid,
    /// What kind of channel it is.
    #[schema(schema_with = super::openapi::channel_kind)]
    pub kind: String,
    /// Name shown to staff.
    pub name: String,
    /// How it charges.
    #[schema(schema_with = super::openapi::cost_basis)]
    pub cost_basis: String,
    /// Cost per month or per posting, minor units; 0 when free.
    pub cost_minor: i64,
    /// ISO 4217 currency of the cost.
    pub currency: String,
    /// Whether it takes new postings.
    pub active: bool,
    /// When it was defined.
    pub created_at: DateTime<Utc>,
    /// What it has brought so far.
    pub results: ChannelResults,
}

impl From<ChannelStats> for Channel {
    fn from(s: ChannelStats) -> Self {
        let spec = s.channel.spec;
        Self {
            id: s.channel.id.0,
            kind: spec.kind.to_string(),
            name: spec.name,
            cost_basis: spec.cost_basis.to_string(),
            cost_minor: spec.cost_minor,
            currency: spec.currency.to_string(),
            active: s.channel.active,
            created_at: s.channel.created_at,
            results: ChannelResults {
                postings: s.postings,
                applications: s.applications,
                hires: s.hires,
                spent_minor: s.spent_minor,
                cost_per_applicant_minor: s.cost_per_applicant_minor,
            },
        }
    }
}

/// Every channel, the careers page first.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChannelList {
    /// The channels with their results.
    pub items: Vec<Channel>,
}

/// A channel to define.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewChannel {
    /// What kind of channel it is.
    #[schema(schema_with = super::openapi::channel_kind)]
    pub kind: String,
    /// Name shown to staff, unique, at most 100 characters.
    pub name: String,
    /// How it charges.
    #[schema(schema_with = super::openapi::cost_basis)]
    pub cost_basis: String,
    /// Cost per month or per posting in minor units, a whole number of units (a multiple of
    /// 100); 0 or absent for free channels.
    #[serde(default)]
    pub cost_minor: i64,
    /// ISO 4217 code; default `USD`.
    pub currency: Option<String>,
}

/// Changes to a channel; absent fields stay as they are.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ChannelChange {
    /// New kind.
    #[schema(schema_with = super::openapi::channel_kind)]
    pub kind: Option<String>,
    /// New name.
    pub name: Option<String>,
    /// New way of charging.
    #[schema(schema_with = super::openapi::cost_basis)]
    pub cost_basis: Option<String>,
    /// New cost, minor units (a multiple of 100).
    pub cost_minor: Option<i64>,
    /// New currency.
    pub currency: Option<String>,
    /// Switch it on or off; the careers page is always on.
    pub active: Option<bool>,
}

/// The channel form's whole-unit cost from minor units; cents are refused rather than dropped.
fn whole_units(cost_minor: i64) -> Result<String, Invalid> {
    if cost_minor < 0 {
        return Err(Invalid::field("cost_minor", "cannot be negative"));
    }
    if cost_minor % 100 != 0 {
        return Err(Invalid::field("cost_minor", "must be whole units: a multiple of 100 minor units"));
    }
    Ok(if cost_minor == 0 { String::new() } else { (cost_minor / 100).to_string() })
}

/// Validates through the domain's rules, naming the cost by its JSON field.
fn to_spec(input: &ChannelInput) -> Result<ChannelSpec, Invalid> {
    ChannelSpec::try_from(input).map_err(|mut invalid| {
        for error in &mut invalid.errors {
            if error.field == "cost" {
                error.field = "cost_minor".into();
            }
        }
        invalid
    })
}

/// The channel with its results.
async fn load(state: &AppState, id: ChannelId) -> AppResult<Channel> {
    let stats = state.store.channel_stats().await?;
    stats.into_iter().find(|s| s.channel.id == id).map(Channel::from).ok_or(AppError::NotFound("channel"))
}

/// Lists every channel with its postings, applications, hires and spending.
#[utoipa::path(
    get, operation_id = "list_channels", path = "/channels", tag = "channels",
    responses(
        (status = 200, description = "Every channel", body = ChannelList),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 403, response = super::openapi::Forbidden),
    )
)]
pub async fn list(State(state): State<AppState>, ApiUser(user): ApiUser) -> AppResult<Json<ChannelList>> {
    require(&user, Action::ViewChannels)?;
    let stats = state.store.channel_stats().await?;
    Ok(Json(ChannelList { items: stats.into_iter().map(Channel::from).collect() }))
}

/// Defines a channel (admins only).
#[utoipa::path(
    post, operation_id = "create_channel", path = "/channels", tag = "channels", request_body = NewChannel,
    responses(
        (status = 201, description = "Created", body = Channel, headers(("Location" = String))),
        (status = 400, response = super::openapi::BadRequest),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 403, response = super::openapi::Forbidden),
        (status = 422, response = super::openapi::Unprocessable),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiJson(body): ApiJson<NewChannel>,
) -> AppResult<Response> {
    require(&user, Action::ManageChannels)?;
    let input = ChannelInput {
        kind: body.kind,
        name: body.name,
        cost_basis: body.cost_basis,
        cost: whole_units(body.cost_minor)?,
        currency: body.currency.unwrap_or_default(),
    };
    let channel = state.store.create_channel(&user, to_spec(&input)?).await?;
    Ok(created(format!("{PREFIX}/channels/{}", channel.id), load(&state, channel.id).await?))
}

/// One channel with its results.
#[utoipa::path(
    get, operation_id = "get_channel", path = "/channels/{id}", tag = "channels",
    params(("id" = Uuid, Path, description = "Channel id")),
    responses(
        (status = 200, description = "The channel", body = Channel),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 403, response = super::openapi::Forbidden),
        (status = 404, response = super::openapi::NotFound),
    )
)]
pub async fn show(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id<ChannelId>,
) -> AppResult<Json<Channel>> {
    require(&user, Action::ViewChannels)?;
    Ok(Json(load(&state, id).await?))
}

/// Changes a channel, or switches it on or off (admins only). The careers page cannot be
/// switched off or given another kind.
#[utoipa::path(
    patch, operation_id = "update_channel", path = "/channels/{id}", tag = "channels", request_body = ChannelChange,
    params(("id" = Uuid, Path, description = "Channel id")),
    responses(
        (status = 200, description = "Saved", body = Channel),
        (status = 400, response = super::openapi::BadRequest),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 403, response = super::openapi::Forbidden),
        (status = 404, response = super::openapi::NotFound),
        (status = 422, response = super::openapi::Unprocessable),
    )
)]
pub async fn update(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id<ChannelId>,
    ApiJson(body): ApiJson<ChannelChange>,
) -> AppResult<Json<Channel>> {
    require(&user, Action::ManageChannels)?;
    let current = state.store.channel(id).await?;
    let current_input = current.spec.to_input();
    let input = ChannelInput {
        kind: body.kind.unwrap_or(current_input.kind),
        name: body.name.unwrap_or(current_input.name),
        cost_basis: body.cost_basis.unwrap_or(current_input.cost_basis),
        cost: body.cost_minor.map(whole_units).transpose()?.unwrap_or(current_input.cost),
        currency: body.currency.unwrap_or(current_input.currency),
    };
    let spec = to_spec(&input)?;
    state.store.update_channel(&user, id, spec, body.active.unwrap_or(current.active)).await?;
    Ok(Json(load(&state, id).await?))
}
