//! `/admin/reasons`: the rejection reasons offered on the board, the bulk form and the
//! candidate page. Admins add, reorder and remove them; every change is audited.
//! Past rejections keep the reason they were given, whatever happens to the list.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use hired_domain::Invalid;
use hired_domain::authz::Action;
use hired_store::{StoreError, StoreResult};
use serde::Deserialize;

use super::unprocessable;
use crate::auth::csrf::CsrfForm;
use crate::auth::{Staff, require};
use crate::error::AppResult;
use crate::forms::FormErrors;
use crate::state::AppState;
use crate::views::{PageCtx, redirect_with, render};

/// Where every change lands back.
const PAGE: &str = "/admin/reasons";

/// The add and remove forms: one reason.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct ReasonForm {
    label: String,
}

/// The Up / Down buttons: which reason, and `up` or `down`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct MoveForm {
    label: String,
    direction: String,
}

#[derive(Template)]
#[template(path = "admin/reasons.html")]
struct ReasonsPage {
    ctx: PageCtx,
    rows: Vec<ReasonRow>,
    form: ReasonForm,
    errors: FormErrors,
}

struct ReasonRow {
    label: String,
    error: String,
}

/// A refused change to one listed reason: which one, and why.
type RowError = Option<(String, String)>;

async fn reasons_page(
    state: &AppState,
    staff: &Staff,
    form: ReasonForm,
    errors: FormErrors,
    row_error: RowError,
) -> AppResult<Response> {
    let rows = state
        .store
        .rejection_reasons()
        .await?
        .into_iter()
        .map(|label| ReasonRow {
            error: row_error.as_ref().filter(|(l, _)| *l == label).map(|(_, e)| e.clone()).unwrap_or_default(),
            label,
        })
        .collect();
    let page = ReasonsPage { ctx: PageCtx::new(staff, "reasons"), rows, form, errors };
    render(&page.ctx, &page)
}

/// `GET /admin/reasons`.
pub(super) async fn list(State(state): State<AppState>, staff: Staff) -> AppResult<Response> {
    require(&staff.user, Action::ManageTemplates)?;
    reasons_page(&state, &staff, ReasonForm::default(), FormErrors::none(), None).await
}

/// `POST /admin/reasons`: appends a reason to the list.
pub(super) async fn add(State(state): State<AppState>, posted: CsrfForm<ReasonForm>) -> AppResult<Response> {
    let CsrfForm { staff, form } = posted;
    require(&staff.user, Action::ManageTemplates)?;
    match state.store.add_rejection_reason(&staff.user, &form.label).await {
        Ok(label) => Ok(redirect_with(PAGE, "success", &format!("“{label}” is now offered when rejecting."))),
        Err(StoreError::Invalid(invalid)) => {
            unprocessable(reasons_page(&state, &staff, form, invalid.into(), None).await)
        }
        Err(other) => Err(other.into()),
    }
}

/// `POST /admin/reasons/remove`: takes a reason off the list; the last one stays.
pub(super) async fn remove(State(state): State<AppState>, posted: CsrfForm<ReasonForm>) -> AppResult<Response> {
    let CsrfForm { staff, form } = posted;
    require(&staff.user, Action::ManageTemplates)?;
    let removed = state.store.remove_rejection_reason(&staff.user, &form.label).await;
    row_outcome(&state, &staff, &form.label, removed, &format!("“{}” removed.", form.label)).await
}

/// `POST /admin/reasons/move`: moves a reason one place up or down.
pub(super) async fn move_reason(State(state): State<AppState>, posted: CsrfForm<MoveForm>) -> AppResult<Response> {
    let CsrfForm { staff, form } = posted;
    require(&staff.user, Action::ManageTemplates)?;
    let moved = match form.direction.as_str() {
        "up" => state.store.move_rejection_reason(&staff.user, &form.label, true).await,
        "down" => state.store.move_rejection_reason(&staff.user, &form.label, false).await,
        _ => Err(Invalid::field("direction", "must be up or down").into()),
    };
    row_outcome(&state, &staff, &form.label, moved, &format!("“{}” moved {}.", form.label, form.direction)).await
}

/// Redirects with `message` after a change to one row, or shows the page again (422) with the
/// refusal next to that row; unknown reasons are not found.
async fn row_outcome(
    state: &AppState,
    staff: &Staff,
    label: &str,
    outcome: StoreResult<()>,
    message: &str,
) -> AppResult<Response> {
    match outcome {
        Ok(()) => Ok(redirect_with(PAGE, "success", message)),
        Err(StoreError::Invalid(invalid)) => {
            let why = invalid
                .errors
                .first()
                .map(|e| super::sentence(if e.field == "direction" { "Direction" } else { "Reason" }, &e.message))
                .unwrap_or_default();
            let row_error = Some((label.to_owned(), why));
            unprocessable(reasons_page(state, staff, ReasonForm::default(), FormErrors::none(), row_error).await)
        }
        Err(other) => Err(other.into()),
    }
}
