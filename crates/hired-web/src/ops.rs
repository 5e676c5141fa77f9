//! Operations endpoints: liveness, readiness and Prometheus metrics, plus the
//! middleware that records request counts and latencies per route.

use std::sync::OnceLock;
use std::time::Instant;

use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};

use crate::state::AppState;

/// `/healthz`, `/readyz` and `/metrics`.
pub fn router() -> Router<AppState> {
    Router::new().route("/healthz", get(healthz)).route("/readyz", get(readyz)).route("/metrics", get(metrics_text))
}

/// The process-wide Prometheus recorder (the `metrics` facade is global by design).
fn prometheus() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let recorder = PrometheusBuilder::new()
            .set_buckets(&[0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5])
            .expect("static buckets are valid")
            .build_recorder();
        let handle = recorder.handle();
        let _ = metrics::set_global_recorder(recorder);
        handle
    })
}

async fn healthz() -> &'static str {
    "ok"
}

async fn readyz(State(state): State<AppState>) -> Response {
    if state.store.ping().await {
        "ready".into_response()
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unreachable").into_response()
    }
}

async fn metrics_text(State(state): State<AppState>) -> Response {
    let handle = prometheus();
    let (size, idle) = state.store.pool_stats();
    metrics::gauge!("hired_db_pool_connections").set(size as f64);
    metrics::gauge!("hired_db_pool_idle").set(idle as f64);
    if let Ok(counts) = state.store.job_counts().await {
        for (status, n) in counts {
            metrics::gauge!("hired_jobs", "status" => status).set(n as f64);
        }
    }
    ([(axum::http::header::CONTENT_TYPE, "text/plain; version=0.0.4")], handle.render()).into_response()
}

/// Records `hired_http_requests_total` and `hired_http_request_duration_seconds` per route and status.
pub async fn track(request: Request, next: Next) -> Response {
    prometheus();
    let route =
        request.extensions().get::<MatchedPath>().map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    let method = request.method().to_string();
    let started = Instant::now();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    let labels = [("method", method), ("route", route), ("status", status)];
    metrics::counter!("hired_http_requests_total", &labels).increment(1);
    metrics::histogram!("hired_http_request_duration_seconds", &labels).record(started.elapsed().as_secs_f64());
    response
}
