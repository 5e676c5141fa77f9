//! `/requisitions/{id}/posting`: the staff side of a requisition's careers posting —
//! writing it, saving it as a draft, publishing and unpublishing it — and the links to
//! share: its public address, one tracked apply link per channel, and the signed-in
//! person's own referral link. Editing a posting is editing the requisition, so every
//! route asks for [`Action::EditRequisition`] on it.

mod prefill;

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::{NaiveDate, Utc};
use hired_domain::authz::Action;
use hired_domain::channel::{Channel, ChannelKind};
use hired_domain::posting::{Posting, PostingInput, PostingSpec};
use hired_domain::requisition::{RemotePolicy, Requisition, RequisitionStatus};
use hired_domain::{ChannelId, Invalid, RequisitionId};
use serde::Deserialize;

use super::parse_id;
use crate::auth::csrf::CsrfForm;
use crate::auth::{Staff, may, require_on_requisition};
use crate::error::{AppError, AppResult};
use crate::forms::FormErrors;
use crate::state::AppState;
use crate::views::{PageCtx, redirect_with, render};

/// The posting routes, merged into the requisitions router.
pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/requisitions/{id}/posting", get(edit).post(save))
        .route("/requisitions/{id}/posting/unpublish", post(unpublish))
}

/// Today as the careers site counts days (UTC), for the last day of a posting.
pub(super) fn today() -> NaiveDate {
    Utc::now().date_naive()
}

/// Where a posting stands, for this page and the requisition page's panel.
pub(super) struct PostingState {
    /// Short label.
    pub label: &'static str,
    /// Badge modifier (`open`, `on_hold`, `draft`).
    pub badge: &'static str,
    /// What applicants see, and why.
    pub note: String,
}

impl PostingState {
    /// The state of `posting` (if any) on a requisition in `status`.
    pub(super) fn of(posting: Option<&Posting>, status: RequisitionStatus, today: NaiveDate) -> Self {
        let (label, badge, note) = match posting {
            None => ("Not posted yet", "draft", "No posting has been written for this requisition yet.".to_owned()),
            Some(p) if p.is_live(status, today) => (
                "Published",
                "open",
                format!("Live on the careers site and its channels until {}.", p.spec.valid_through),
            ),
            Some(p) if p.published && status != RequisitionStatus::Open => (
                "Published, not live",
                "on_hold",
                format!(
                    "The requisition is {}; the posting goes live again when it is open.",
                    status.label().to_lowercase()
                ),
            ),
            Some(p) if p.published => (
                "Published, expired",
                "on_hold",
                format!("Its last day ({}) has passed; set a later one and save.", p.spec.valid_through),
            ),
            Some(_) => ("Draft", "draft", "Saved as a draft; applicants cannot see it.".to_owned()),
        };
        Self { label, badge, note }
    }
}

/// The posting form as posted: the posting's fields, the version edited and the button pressed.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct PostingForm {
    title: String,
    description: String,
    city: String,
    region: String,
    country: String,
    postal_code: String,
    applicant_countries: String,
    show_salary: String,
    valid_through: String,
    channels: Vec<String>,
    version: String,
    publish: String,
}

impl PostingForm {
    /// The posting's fields as the domain reads them.
    fn input(&self) -> PostingInput {
        PostingInput {
            title: self.title.clone(),
            description: self.description.clone(),
            city: self.city.clone(),
            region: self.region.clone(),
            country: self.country.clone(),
            postal_code: self.postal_code.clone(),
            applicant_countries: self.applicant_countries.clone(),
            show_salary: self.show_salary.clone(),
            valid_through: self.valid_through.clone(),
            channels: self.channels.clone(),
        }
    }

    /// The version the form was loaded at; empty for a posting not saved yet.
    fn version(&self) -> AppResult<Option<i64>> {
        match self.version.trim() {
            "" => Ok(None),
            raw => raw.parse().map(Some).map_err(|_| AppError::BadRequest("the form's version is malformed".into())),
        }
    }
}

/// A channel offered on the form.
struct ChannelChoice {
    id: String,
    name: String,
    kind: &'static str,
    checked: bool,
    active: bool,
}

/// A link to copy: what it is for, and the address.
struct ShareLink {
    label: String,
    url: String,
}

#[derive(Template)]
#[template(path = "requisitions/posting.html")]
struct PostingPage {
    ctx: PageCtx,
    req: Requisition,
    input: PostingInput,
    version: String,
    errors: FormErrors,
    state: PostingState,
    published: bool,
    remote: bool,
    salary: Option<String>,
    channels: Vec<ChannelChoice>,
    public_url: Option<String>,
    tracked: Vec<ShareLink>,
    referral: Option<String>,
    can_view_channels: bool,
}

/// What the page shows besides the form: the requisition, its saved posting and the channels.
struct Loaded {
    req: Requisition,
    posting: Option<Posting>,
    channels: Vec<Channel>,
}

async fn load(state: &AppState, id: RequisitionId) -> AppResult<Loaded> {
    Ok(Loaded {
        req: state.store.requisition(id).await?,
        posting: state.store.posting_for(id).await?,
        channels: state.store.channels().await?,
    })
}

impl PostingPage {
    fn new(state: &AppState, staff: &Staff, loaded: Loaded, input: PostingInput, version: String) -> Self {
        let Loaded { req, posting, channels } = loaded;
        let channels_offered = channels
            .iter()
            .filter(|c| c.active || input.channels.contains(&c.id.to_string()))
            .map(|c| ChannelChoice {
                id: c.id.to_string(),
                name: c.spec.name.clone(),
                kind: c.spec.kind.label(),
                checked: input.channels.contains(&c.id.to_string()),
                active: c.active,
            })
            .collect();
        let public_url = posting.as_ref().map(|p| format!("{}/careers/{}", state.config.public_url, p.slug));
        let tracked = match (&posting, &public_url) {
            (Some(p), Some(url)) => tracked_links(url, &p.spec.channels, &channels),
            _ => Vec::new(),
        };
        Self {
            ctx: PageCtx::new(staff, "requisitions"),
            state: PostingState::of(posting.as_ref(), req.status, today()),
            published: posting.as_ref().is_some_and(|p| p.published),
            remote: req.spec.remote == RemotePolicy::Remote,
            salary: may(&staff.user, Action::ViewCompensation).then(|| req.spec.salary.map(|b| b.display())).flatten(),
            channels: channels_offered,
            referral: public_url.as_ref().map(|url| format!("{url}?ref={}", staff.user.id)),
            public_url,
            tracked,
            can_view_channels: may(&staff.user, Action::ViewChannels),
            req,
            input,
            version,
            errors: FormErrors::none(),
        }
    }
}

/// One apply link per channel the posting goes to, each carrying the channel's tracking code.
fn tracked_links(public_url: &str, selected: &[ChannelId], channels: &[Channel]) -> Vec<ShareLink> {
    channels
        .iter()
        .filter(|c| selected.contains(&c.id))
        .map(|c| ShareLink { label: c.spec.name.clone(), url: format!("{public_url}?ch={}", c.id) })
        .collect()
}

/// `GET /requisitions/{id}/posting`: the saved posting, or a first draft written from the requisition.
pub(super) async fn edit(State(state): State<AppState>, staff: Staff, Path(id): Path<String>) -> AppResult<Response> {
    let id: RequisitionId = parse_id(&id, "requisition")?;
    require_on_requisition(&state, &staff.user, Action::EditRequisition, id).await?;
    let loaded = load(&state, id).await?;
    let (input, version) = match &loaded.posting {
        Some(p) => (p.spec.to_input(), p.version.to_string()),
        None => {
            let careers: Vec<ChannelId> = loaded
                .channels
                .iter()
                .filter(|c| c.active && c.spec.kind == ChannelKind::CareersPage)
                .map(|c| c.id)
                .collect();
            (prefill::draft(&loaded.req.spec, today(), &careers), String::new())
        }
    };
    let page = PostingPage::new(&state, &staff, loaded, input, version);
    render(&page.ctx, &page)
}

/// `POST /requisitions/{id}/posting`: saves the posting as a draft, or publishes it
/// (`publish=true`), if nobody saved it since the form was loaded.
pub(super) async fn save(
    State(state): State<AppState>,
    Path(id): Path<String>,
    posted: CsrfForm<PostingForm>,
) -> AppResult<Response> {
    let CsrfForm { staff, form } = posted;
    let id: RequisitionId = parse_id(&id, "requisition")?;
    require_on_requisition(&state, &staff.user, Action::EditRequisition, id).await?;
    let publish = matches!(form.publish.as_str(), "true" | "on" | "1");
    let input = form.input();
    let result = match PostingSpec::parse(&input, today()) {
        Ok(spec) => state.store.save_posting(&staff.user, id, form.version()?, spec, publish).await.map_err(Into::into),
        Err(invalid) => Err(AppError::Invalid(invalid)),
    };
    let (status, errors) = match result {
        Ok(posting) => {
            let url = format!("{}/careers/{}", state.config.public_url, posting.slug);
            let message = if publish {
                format!("Posting published: applicants can see it at {url}.")
            } else {
                "Draft saved. Applicants cannot see it until you publish it.".to_owned()
            };
            return Ok(redirect_with(&format!("/requisitions/{id}/posting"), "success", &message));
        }
        Err(AppError::Invalid(invalid)) => (StatusCode::UNPROCESSABLE_ENTITY, FormErrors::from(invalid)),
        Err(AppError::Conflict(message)) => (StatusCode::CONFLICT, FormErrors::from(Invalid::field("form", message))),
        Err(other) => return Err(other),
    };
    let mut page = PostingPage::new(&state, &staff, load(&state, id).await?, input, form.version);
    page.errors = errors;
    Ok((status, render(&page.ctx, &page)?).into_response())
}

/// A button-only form: the CSRF token is all it carries.
#[derive(Debug, Default, Deserialize)]
pub(super) struct NoFields {}

/// `POST /requisitions/{id}/posting/unpublish`: takes the posting off the careers site, the
/// feeds and every channel; publishing it again brings it back unchanged.
pub(super) async fn unpublish(
    State(state): State<AppState>,
    Path(id): Path<String>,
    posted: CsrfForm<NoFields>,
) -> AppResult<Response> {
    let staff = posted.staff;
    let id: RequisitionId = parse_id(&id, "requisition")?;
    require_on_requisition(&state, &staff.user, Action::EditRequisition, id).await?;
    state.store.unpublish_posting(&staff.user, id).await?;
    let message = "Posting unpublished: it is off the careers site, the feeds and every channel. \
                   Press Publish to bring it back as it was.";
    Ok(redirect_with(&format!("/requisitions/{id}/posting"), "success", message))
}
