//! `/admin/channels`: the channels postings go to and applicants come from — the careers
//! page, job boards, referrals, communities, agencies — with what each has brought so far
//! (applications, hires) and what it costs per applicant. Admins and recruiters read them
//! ([`Action::ViewChannels`]); only admins define and change them ([`Action::ManageChannels`]).

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::{get, post};
use hired_domain::authz::Action;
use hired_domain::channel::{ChannelInput, ChannelKind, ChannelSpec, CostBasis};
use hired_domain::money::group_thousands;
use hired_domain::{ChannelId, Currency};
use hired_store::{ChannelStats, StoreError};
use serde::Deserialize;

use super::{parse_id, unprocessable};
use crate::auth::csrf::CsrfForm;
use crate::auth::{Staff, may, require};
use crate::error::AppResult;
use crate::forms::FormErrors;
use crate::state::AppState;
use crate::views::{PageCtx, redirect_with, render};

/// Where every change lands back.
const PAGE: &str = "/admin/channels";

/// The channel routes, merged into the admin router.
pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/channels", get(list).post(create))
        .route("/admin/channels/{id}", post(update))
        .route("/admin/channels/{id}/edit", get(edit))
}

/// `EUR 1,234.50`: minor units with their currency, for costs and spending.
fn money(minor: i64, currency: Currency) -> String {
    format!("{currency} {}.{:02}", group_thousands(minor / 100), (minor % 100).abs())
}

/// What a channel charges, for people: `EUR 300.00 per month`, `Free`.
fn cost(spec: &ChannelSpec) -> String {
    match spec.cost_basis {
        CostBasis::Free => "Free".into(),
        CostBasis::PerMonth => format!("{} per month", money(spec.cost_minor, spec.currency)),
        CostBasis::PerPosting => format!("{} per posting", money(spec.cost_minor, spec.currency)),
    }
}

/// How much of the bar a count fills, in twentieths of the largest count; a non-zero count
/// always shows at least a sliver.
fn bar_steps(count: i64, max: i64) -> i64 {
    if count <= 0 || max <= 0 { 0 } else { (count * 20 / max).clamp(1, 20) }
}

/// One row of the table.
struct Row {
    id: String,
    name: String,
    kind: &'static str,
    active: bool,
    cost: String,
    postings: i64,
    applications: i64,
    hires: i64,
    spent: String,
    per_applicant: String,
    bar: i64,
}

impl Row {
    fn new(stats: ChannelStats, max_applications: i64) -> Self {
        let spec = &stats.channel.spec;
        Self {
            id: stats.channel.id.to_string(),
            name: spec.name.clone(),
            kind: spec.kind.label(),
            active: stats.channel.active,
            cost: cost(spec),
            postings: stats.postings,
            applications: stats.applications,
            hires: stats.hires,
            spent: money(stats.spent_minor, spec.currency),
            per_applicant: stats.cost_per_applicant_minor.map_or_else(|| "—".into(), |m| money(m, spec.currency)),
            bar: bar_steps(stats.applications, max_applications),
        }
    }
}

#[derive(Template)]
#[template(path = "admin/channels.html")]
struct ListPage {
    ctx: PageCtx,
    rows: Vec<Row>,
    can_manage: bool,
    form: ChannelInput,
    errors: FormErrors,
    kinds: &'static [ChannelKind],
    bases: &'static [CostBasis],
}

async fn list_page(state: &AppState, staff: &Staff, form: ChannelInput, errors: FormErrors) -> AppResult<Response> {
    let stats = state.store.channel_stats().await?;
    let max = stats.iter().map(|s| s.applications).max().unwrap_or(0);
    let page = ListPage {
        ctx: PageCtx::new(staff, "channels"),
        rows: stats.into_iter().map(|s| Row::new(s, max)).collect(),
        can_manage: may(&staff.user, Action::ManageChannels),
        form,
        errors,
        kinds: ChannelKind::ALL,
        bases: CostBasis::ALL,
    };
    render(&page.ctx, &page)
}

/// A blank create form: a monthly-paid job board in US dollars, the most common case.
fn blank() -> ChannelInput {
    ChannelInput {
        kind: ChannelKind::JobBoard.as_str().into(),
        cost_basis: CostBasis::PerMonth.as_str().into(),
        currency: Currency::USD.to_string(),
        ..ChannelInput::default()
    }
}

/// `GET /admin/channels`: every channel with its results, and (for admins) the create form.
pub(super) async fn list(State(state): State<AppState>, staff: Staff) -> AppResult<Response> {
    require(&staff.user, Action::ViewChannels)?;
    list_page(&state, &staff, blank(), FormErrors::none()).await
}

/// `POST /admin/channels`: defines a channel.
pub(super) async fn create(State(state): State<AppState>, posted: CsrfForm<ChannelInput>) -> AppResult<Response> {
    let CsrfForm { staff, form } = posted;
    require(&staff.user, Action::ManageChannels)?;
    let created = match ChannelSpec::try_from(&form) {
        Ok(spec) => state.store.create_channel(&staff.user, spec).await,
        Err(invalid) => Err(StoreError::Invalid(invalid)),
    };
    match created {
        Ok(channel) => Ok(redirect_with(PAGE, "success", &format!("Channel “{}” added.", channel.spec.name))),
        Err(StoreError::Invalid(invalid)) => unprocessable(list_page(&state, &staff, form, invalid.into()).await),
        Err(other) => Err(other.into()),
    }
}

/// The edit form as posted: the definition and whether the channel takes new postings.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct EditForm {
    #[serde(flatten)]
    spec: ChannelInput,
    active: String,
}

#[derive(Template)]
#[template(path = "admin/channel_form.html")]
struct FormPage {
    ctx: PageCtx,
    id: ChannelId,
    careers: bool,
    form: ChannelInput,
    active: bool,
    errors: FormErrors,
    kinds: &'static [ChannelKind],
    bases: &'static [CostBasis],
}

fn form_page(staff: &Staff, id: ChannelId, careers: bool, form: EditForm, errors: FormErrors) -> AppResult<Response> {
    let page = FormPage {
        ctx: PageCtx::new(staff, "channels"),
        id,
        careers,
        active: matches!(form.active.as_str(), "on" | "true" | "1"),
        form: form.spec,
        errors,
        kinds: ChannelKind::ALL,
        bases: CostBasis::ALL,
    };
    render(&page.ctx, &page)
}

/// `GET /admin/channels/{id}/edit`.
pub(super) async fn edit(State(state): State<AppState>, staff: Staff, Path(id): Path<String>) -> AppResult<Response> {
    require(&staff.user, Action::ManageChannels)?;
    let channel = state.store.channel(parse_id(&id, "channel")?).await?;
    let form =
        EditForm { spec: channel.spec.to_input(), active: if channel.active { "on".into() } else { String::new() } };
    form_page(&staff, channel.id, channel.spec.kind == ChannelKind::CareersPage, form, FormErrors::none())
}

/// `POST /admin/channels/{id}`: changes a channel and switches it on or off. The careers page
/// cannot be switched off: the store refuses, and the form says why.
pub(super) async fn update(
    State(state): State<AppState>,
    Path(id): Path<String>,
    posted: CsrfForm<EditForm>,
) -> AppResult<Response> {
    let CsrfForm { staff, form } = posted;
    require(&staff.user, Action::ManageChannels)?;
    let channel = state.store.channel(parse_id(&id, "channel")?).await?;
    let active = matches!(form.active.as_str(), "on" | "true" | "1");
    let updated = match ChannelSpec::try_from(&form.spec) {
        Ok(spec) => state.store.update_channel(&staff.user, channel.id, spec, active).await,
        Err(invalid) => Err(StoreError::Invalid(invalid)),
    };
    let careers = channel.spec.kind == ChannelKind::CareersPage;
    match updated {
        Ok(saved) => {
            let state_word = if saved.active { "active" } else { "inactive: it takes no new postings" };
            Ok(redirect_with(PAGE, "success", &format!("Channel “{}” saved; it is {state_word}.", saved.spec.name)))
        }
        Err(StoreError::Invalid(invalid)) => {
            unprocessable(form_page(&staff, channel.id, careers, form, invalid.into()))
        }
        Err(other) => Err(other.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_shows_whole_units_grouped_and_cents() {
        assert_eq!(money(123_450, Currency::USD), "USD 1,234.50");
        assert_eq!(money(0, Currency::USD), "USD 0.00");
    }

    #[test]
    fn bars_scale_to_the_busiest_channel() {
        assert_eq!(bar_steps(0, 0), 0);
        assert_eq!(bar_steps(10, 10), 20);
        assert_eq!(bar_steps(5, 10), 10);
        assert_eq!(bar_steps(1, 1000), 1, "a single application still shows");
    }
}
