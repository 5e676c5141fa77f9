//! Taking applications on the careers site: `GET /careers/{slug}/apply` shows the form,
//! `POST` takes it (rate limit, honeypot, checks, then the store commits before we answer),
//! and `GET /careers/{slug}/applied` thanks the applicant.

use axum::Router;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use hired_domain::Invalid;
use hired_domain::screening::ScreeningForm;
use hired_store::{ApplyOutcome, LivePosting, StoreError};
use serde::Deserialize;
use uuid::Uuid;

use super::apply_outcome::{Outcome, OutcomePage};
use super::apply_page::ApplyPage;
use super::apply_read::{MAX_BODY, Sent, read_submission};
use crate::auth::login::ClientAddr;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// The apply form, its submission and the confirmation page.
pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/careers/{slug}/apply", get(show).post(submit).layer(DefaultBodyLimit::max(MAX_BODY)))
        .route("/careers/{slug}/applied", get(applied))
}

/// The tracked link an applicant came from: `?ch={channel}` and/or `?ref={employee}`.
#[derive(Debug, Default, Deserialize)]
struct Tracking {
    #[serde(default)]
    ch: String,
    #[serde(default, rename = "ref")]
    referrer: String,
}

async fn show(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(t): Query<Tracking>,
) -> AppResult<Response> {
    let Some(live) = state.store.live_posting(&slug).await? else {
        return not_open(&state);
    };
    let sent = Sent {
        channel: Uuid::parse_str(t.ch.trim()).ok(),
        referrer: Uuid::parse_str(t.referrer.trim()).ok(),
        ..Sent::default()
    };
    let form = state.store.screening_form(live.requisition.id).await?;
    form_page(&state, &live, &form, sent, &Invalid::default(), StatusCode::OK)
}

async fn submit(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    Path(slug): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> AppResult<Response> {
    if let Err(seconds) = state.apply_limiter.check(&addr) {
        return OutcomePage::new(&state.config.company_name, Outcome::TooMany { seconds }, "", &slug).respond();
    }
    let Some(live) = state.store.live_posting(&slug).await? else {
        return not_open(&state);
    };
    let multipart = multipart.map_err(|e| AppError::BadRequest(e.body_text()))?;
    let form = state.store.screening_form(live.requisition.id).await?;
    let read = read_submission(multipart, &live.requisition, &form).await?;
    let applied = Redirect::to(&format!("/careers/{}/applied", live.posting.slug));
    if read.honeypot {
        return Ok(applied.into_response());
    }
    let submission = match read.outcome {
        Ok(submission) => submission,
        Err(refused) => return form_page(&state, &live, &form, read.sent, &refused.errors, refused.status),
    };
    match state.store.submit_application(submission).await {
        Ok(receipt) if receipt.outcome == ApplyOutcome::AlreadyApplied => {
            let title = &live.posting.spec.title;
            OutcomePage::new(&state.config.company_name, Outcome::AlreadyApplied, title, &live.posting.slug).respond()
        }
        Ok(_) => Ok(applied.into_response()),
        Err(StoreError::Invalid(errors)) => {
            form_page(&state, &live, &form, read.sent, &errors, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(other) => Err(other.into()),
    }
}

/// The confirmation; names the job while it is still open.
async fn applied(State(state): State<AppState>, Path(slug): Path<String>) -> AppResult<Response> {
    let live = state.store.live_posting(&slug).await?;
    let (title, slug) = live.as_ref().map_or(("", ""), |l| (l.posting.spec.title.as_str(), l.posting.slug.as_str()));
    OutcomePage::new(&state.config.company_name, Outcome::Received, title, slug).respond()
}

fn form_page(
    state: &AppState,
    live: &LivePosting,
    form: &ScreeningForm,
    sent: Sent,
    errors: &Invalid,
    status: StatusCode,
) -> AppResult<Response> {
    ApplyPage::new(&state.config.company_name, live, form, sent, errors).respond(status)
}

fn not_open(state: &AppState) -> AppResult<Response> {
    OutcomePage::new(&state.config.company_name, Outcome::NotOpen, "", "").respond()
}
