//! The whole application: every area's router merged, with the layers that
//! apply to all of them.

use askama::Template;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Redirect, Response};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

use crate::state::AppState;
use crate::views::urlencode;
use crate::{
    admin, api, assets, auth, candidates, careers, dashboard, interviews, ops, pipeline, requisitions, search,
};

/// Builds the application router over `state`.
pub fn app(state: AppState) -> Router {
    let pages = Router::new()
        .merge(auth::login::router())
        .merge(dashboard::router())
        .merge(requisitions::router())
        .merge(pipeline::router())
        .merge(candidates::router())
        .merge(interviews::router())
        .merge(search::router())
        .merge(admin::router())
        .merge(careers::router())
        .layer(middleware::from_fn(html_errors));
    Router::new()
        .merge(pages)
        .nest("/api/v1", api::router())
        .merge(assets::router())
        .merge(ops::router())
        .layer(middleware::from_fn(ops::track))
        // Extractors read at most 12 MB unless a route raises it (bulk resume import).
        .layer(DefaultBodyLimit::max(12 * 1024 * 1024))
        .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::if_not_present(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .layer(SetResponseHeaderLayer::overriding(header::REFERRER_POLICY, HeaderValue::from_static("same-origin")))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'",
            ),
        ))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    title: String,
    detail: String,
    status: u16,
}

/// For people: turns problem+json errors from page handlers into a sign-in
/// redirect (401) or an error page; scripts asking for JSON keep the problem document.
async fn html_errors(request: Request, next: Next) -> Response {
    let wants_json = request
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("application/json"));
    let path = request.uri().path_and_query().map_or_else(|| "/".to_owned(), |p| p.as_str().to_owned());
    let response = next.run(request).await;
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/problem+json"));
    if !is_problem || wants_json {
        return response;
    }
    let status = response.status();
    if status == StatusCode::UNAUTHORIZED {
        let next = if path == "/" { String::new() } else { format!("?next={}", urlencode(&path).replace("%2F", "/")) };
        return Redirect::to(&format!("/login{next}")).into_response();
    }
    let body = axum::body::to_bytes(response.into_body(), 64 * 1024).await.unwrap_or_default();
    let problem: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
    let text = |key: &str| problem.get(key).and_then(|v| v.as_str()).unwrap_or("").to_owned();
    let page = ErrorPage { title: text("title"), detail: text("detail"), status: status.as_u16() };
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(_) => status.into_response(),
    }
}
