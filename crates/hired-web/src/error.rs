//! One error type for every handler. It answers as RFC 9457 problem+json;
//! the HTML routes' layer turns that into an error page (or a sign-in
//! redirect) for people. Internal causes are logged, never shown.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use hired_domain::authz::Access;
use hired_domain::{FieldError, Invalid};
use hired_store::StoreError;
use serde::Serialize;

/// Everything a handler can fail with.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Not signed in, or a bad token.
    #[error("sign in to continue")]
    Unauthorized,
    /// Signed in, but this role may not do this.
    #[error("your role does not allow this")]
    Forbidden,
    /// No such record, or one outside the caller's reach.
    #[error("{0} not found")]
    NotFound(&'static str),
    /// Someone else changed the record first.
    #[error("{0}")]
    Conflict(String),
    /// Input failed validation; each field says what to fix.
    #[error("{0}")]
    Invalid(Invalid),
    /// The request itself is malformed.
    #[error("{0}")]
    BadRequest(String),
    /// Too many attempts; try later.
    #[error("too many attempts; wait a few minutes and try again")]
    TooManyRequests,
    /// A failure that is ours, not the caller's.
    #[error("internal error")]
    Internal(String),
}

/// Handler result.
pub type AppResult<T> = Result<T, AppError>;

/// The problem+json body.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Problem {
    /// A URI naming the problem type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Short summary.
    pub title: String,
    /// HTTP status.
    pub status: u16,
    /// What happened and what to do.
    pub detail: String,
    /// Field errors, for validation problems.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schema(value_type = Vec<Object>)]
    pub errors: Vec<FieldError>,
}

impl AppError {
    fn status(&self) -> StatusCode {
        match self {
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The problem document for this error.
    pub fn problem(&self) -> Problem {
        let status = self.status();
        let (slug, title) = match self {
            AppError::Unauthorized => ("unauthorized", "Sign-in required"),
            AppError::Forbidden => ("forbidden", "Not allowed"),
            AppError::NotFound(_) => ("not-found", "Not found"),
            AppError::Conflict(_) => ("conflict", "Changed by someone else"),
            AppError::Invalid(_) => ("validation", "Some fields need fixing"),
            AppError::BadRequest(_) => ("bad-request", "Bad request"),
            AppError::TooManyRequests => ("rate-limited", "Too many attempts"),
            AppError::Internal(_) => ("internal", "Something went wrong on our side"),
        };
        let detail = match self {
            AppError::Internal(_) => "the error was logged; try again, and tell an admin if it persists".to_owned(),
            other => other.to_string(),
        };
        let errors = match self {
            AppError::Invalid(invalid) => invalid.errors.clone(),
            _ => Vec::new(),
        };
        Problem {
            kind: format!("https://hired.dev/problems/{slug}"),
            title: title.into(),
            status: status.as_u16(),
            detail,
            errors,
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::Internal(cause) = &self {
            tracing::error!(%cause, "request failed");
        }
        let mut response = (self.status(), Json(self.problem())).into_response();
        response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
        if matches!(self, AppError::TooManyRequests) {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("900"));
        }
        response
    }
}

impl From<StoreError> for AppError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound(what) => AppError::NotFound(what),
            StoreError::Conflict(message) => AppError::Conflict(message),
            StoreError::Invalid(invalid) => AppError::Invalid(invalid),
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl From<Invalid> for AppError {
    fn from(invalid: Invalid) -> Self {
        AppError::Invalid(invalid)
    }
}

impl From<askama::Error> for AppError {
    fn from(err: askama::Error) -> Self {
        AppError::Internal(format!("template: {err}"))
    }
}

/// Turns an authorization decision into a result.
pub fn check(access: Access, what: &'static str) -> AppResult<()> {
    match access {
        Access::Allow => Ok(()),
        Access::Forbidden => Err(AppError::Forbidden),
        Access::NotFound => Err(AppError::NotFound(what)),
    }
}
