//! Extractors for the API that fail as problem+json instead of axum's plain
//! text: JSON bodies, query strings and ids in the path.

use std::error::Error;
use std::str::FromStr;

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request};
use axum::http::request::Parts;
use hired_domain::{ApplicationId, CandidateId, InterviewId, RequisitionId};
use serde::de::DeserializeOwned;

use crate::error::AppError;

/// A JSON request body; anything that is not the expected JSON is a 400 problem saying why.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, AppError> {
        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(value)) => Ok(ApiJson(value)),
            Err(JsonRejection::MissingJsonContentType(_)) => {
                Err(AppError::BadRequest("send the body as JSON with `Content-Type: application/json`".into()))
            }
            Err(JsonRejection::JsonSyntaxError(e)) => {
                Err(AppError::BadRequest(format!("the body is not valid JSON: {}", cause(&e))))
            }
            Err(JsonRejection::JsonDataError(e)) => {
                Err(AppError::BadRequest(format!("the JSON does not have the expected shape: {}", cause(&e))))
            }
            Err(other) => Err(AppError::BadRequest(other.body_text())),
        }
    }
}

/// The underlying error's message (serde's, with the field path), without axum's preamble.
fn cause(error: &dyn Error) -> String {
    error.source().map_or_else(|| error.to_string(), ToString::to_string)
}

/// A query string; a malformed one (say `limit=ten`) is a 400 problem.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        Query::<T>::from_request_parts(parts, state)
            .await
            .map(|Query(value)| ApiQuery(value))
            .map_err(|e| AppError::BadRequest(format!("the query string is malformed: {}", cause(&e))))
    }
}

/// An id type that can appear as `{id}` in an API path.
pub trait PathId: FromStr {
    /// What it names, for the 404 detail.
    const WHAT: &'static str;
}

impl PathId for RequisitionId {
    const WHAT: &'static str = "requisition";
}

impl PathId for CandidateId {
    const WHAT: &'static str = "candidate";
}

impl PathId for ApplicationId {
    const WHAT: &'static str = "application";
}

impl PathId for InterviewId {
    const WHAT: &'static str = "interview";
}

/// The `{id}` of the route, parsed; a malformed id names nothing, so it is a 404 like an unknown one.
#[derive(Debug, Clone, Copy)]
pub struct Id<T>(pub T);

impl<T: PathId + Send, S: Send + Sync> FromRequestParts<S> for Id<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let Path(raw) =
            Path::<String>::from_request_parts(parts, state).await.map_err(|_| AppError::NotFound(T::WHAT))?;
        raw.parse().map(Id).map_err(|_| AppError::NotFound(T::WHAT))
    }
}
