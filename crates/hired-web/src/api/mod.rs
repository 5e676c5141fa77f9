//! The JSON API under `/api/v1`: bearer-token authentication, problem+json
//! errors, cursor pagination and optimistic concurrency, as `docs/API.md`
//! describes. One module per resource; `openapi` serves the generated document.

mod applications;
mod apply;
mod candidates;
mod channels;
mod extract;
mod imports;
mod interviews;
mod lists;
mod openapi;
mod postings;
mod ranking;
mod requisition_input;
mod requisitions;
mod search;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;

use hired_domain::FieldError;

use crate::error::{AppError, Problem};
use crate::state::AppState;

/// Where `app` mounts this router; the OpenAPI document and `Location` headers name paths under it.
pub const PREFIX: &str = "/api/v1";

/// Every API route, relative to [`PREFIX`]; unknown paths answer a 404 problem.
pub fn router() -> Router<AppState> {
    Router::new()
        .merge(requisitions::router())
        .merge(ranking::router())
        .merge(search::router())
        .merge(applications::router())
        .merge(interviews::router())
        .merge(candidates::router())
        .merge(postings::router())
        .merge(channels::router())
        .merge(apply::router())
        .merge(imports::router())
        .route("/openapi.json", get(openapi::document))
        .fallback(|| async { AppError::NotFound("endpoint") })
}

/// `201 Created` with the new resource's address and its JSON.
fn created(location: String, body: impl Serialize) -> Response {
    (StatusCode::CREATED, [(header::LOCATION, location)], Json(body)).into_response()
}

/// A problem+json answer that [`AppError`] has no variant for.
pub(super) fn problem(
    status: StatusCode,
    slug: &str,
    title: &str,
    detail: String,
    errors: Vec<FieldError>,
) -> Response {
    let body = Problem {
        kind: format!("https://hired.dev/problems/{slug}"),
        title: title.to_owned(),
        status: status.as_u16(),
        detail,
        errors,
    };
    let mut response = (status, Json(body)).into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
    response
}
