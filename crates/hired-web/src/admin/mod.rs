//! The admin area (staff accounts, the audit log, the job queue, requisition
//! templates, rejection reasons) and each staff member's own API tokens page.
//!
//! Every handler authorizes first, through the domain's `authorize`, so a
//! non-admin gets 403 before any id or form is even looked at.

mod audit;
mod channels;
mod jobs;
mod reasons;
mod taxonomy;
mod templates;
mod tokens;
mod users;

use axum::Router;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};

use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// Routes under `/admin` and `/account/tokens`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/users", get(users::list).post(users::create))
        .route("/admin/users/{id}/access", post(users::change_access))
        .route("/admin/audit", get(audit::list))
        .route("/admin/jobs", get(jobs::list))
        .route("/admin/jobs/{id}/retry", post(jobs::retry))
        .route("/admin/templates", get(templates::list).post(templates::create))
        .route("/admin/templates/new", get(templates::new))
        .route("/admin/templates/{id}", post(templates::update))
        .route("/admin/templates/{id}/edit", get(templates::edit))
        .route("/admin/reasons", get(reasons::list).post(reasons::add))
        .route("/admin/reasons/remove", post(reasons::remove))
        .route("/admin/reasons/move", post(reasons::move_reason))
        .route("/account/tokens", get(tokens::list).post(tokens::create))
        .route("/account/tokens/{id}/revoke", post(tokens::revoke))
        .merge(channels::router())
        .merge(taxonomy::router())
}

/// A button-only form: nothing but the CSRF token, which [`CsrfForm`](crate::auth::csrf::CsrfForm) checks.
#[derive(Debug, Default, serde::Deserialize)]
struct NoFields {}

/// Parses an id from the path; anything malformed is simply not found.
fn parse_id<T: std::str::FromStr>(raw: &str, what: &'static str) -> AppResult<T> {
    raw.parse().map_err(|_| AppError::NotFound(what))
}

/// A re-rendered form page answers 422, so scripts and tests can tell it from a success.
fn unprocessable(page: AppResult<Response>) -> AppResult<Response> {
    page.map(|mut response| {
        *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        response
    })
}

/// Shortens `text` to at most `max` characters, marking the cut with an ellipsis.
fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", text[..cut].trim_end()),
        None => text.to_owned(),
    }
}

/// Words a field error as a sentence after the field's label ("Work email must look like …"),
/// or keeps a message that already stands on its own; empty when there is no error.
pub(crate) fn sentence(label: &str, message: &str) -> String {
    if message.is_empty() {
        return String::new();
    }
    let fragment = ["is ", "must ", "cannot ", "should ", "needs "].iter().any(|p| message.starts_with(p));
    let mut text = if fragment { format!("{label} {message}") } else { message.to_owned() };
    if let Some(first) = text.chars().next() {
        text.replace_range(..first.len_utf8(), &first.to_uppercase().to_string());
    }
    if !text.ends_with(['.', '!', '?']) {
        text.push('.');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncate_keeps_short_text_and_cuts_long_text_on_a_character_boundary() {
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("ééééé", 3), "ééé…");
        assert_eq!(truncate("ab cd", 3), "ab…");
    }

    #[test]
    fn field_errors_read_as_sentences() {
        assert_eq!(
            sentence("Work email", "must look like name@example.com"),
            "Work email must look like name@example.com."
        );
        assert_eq!(
            sentence("Work email", "a user with this email already exists"),
            "A user with this email already exists."
        );
        assert_eq!(sentence("Name", ""), "");
    }
}
