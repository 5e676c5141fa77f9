//! CSRF protection for form posts: every state-changing form carries the
//! session's token in a `csrf` field (or `X-CSRF-Token` header for scripts).

use axum::extract::{FromRequest, Request};
use axum_extra::extract::Form;
use serde::de::DeserializeOwned;

use crate::auth::Staff;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// A form body from a signed-in staff member whose CSRF token matched.
pub struct CsrfForm<T> {
    /// Who posted it.
    pub staff: Staff,
    /// The parsed form.
    pub form: T,
}

#[derive(serde::Deserialize)]
struct TokenOnly {
    #[serde(default)]
    csrf: String,
}

impl<T: DeserializeOwned + Send> FromRequest<AppState> for CsrfForm<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &AppState) -> AppResult<Self> {
        let (mut parts, body) = req.into_parts();
        let staff = <Staff as axum::extract::FromRequestParts<AppState>>::from_request_parts(&mut parts, state).await?;
        let header_token = parts.headers.get("x-csrf-token").and_then(|v| v.to_str().ok()).map(str::to_owned);
        let bytes = axum::body::to_bytes(body, 1024 * 1024)
            .await
            .map_err(|_| AppError::BadRequest("the form is too large (1 MB at most)".into()))?;
        let posted = form_token(&bytes).or(header_token).unwrap_or_default();
        if !constant_time_eq(posted.as_bytes(), staff.csrf.as_bytes()) {
            return Err(AppError::BadRequest(
                "this form has expired or came from another site; reload the page and try again".into(),
            ));
        }
        let req = Request::from_parts(parts, axum::body::Body::from(bytes));
        let Form(form) = Form::<T>::from_request(req, state)
            .await
            .map_err(|e| AppError::BadRequest(format!("the form could not be read: {e}")))?;
        Ok(CsrfForm { staff, form })
    }
}

fn form_token(bytes: &[u8]) -> Option<String> {
    let parsed: TokenOnly = serde_html_form::from_bytes(bytes).ok()?;
    (!parsed.csrf.is_empty()).then_some(parsed.csrf)
}

/// Compares secrets without leaking where they differ through timing.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
