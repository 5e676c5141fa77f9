//! Placeholder replaced by the careers work of issue #3.

use axum::Router;

use crate::state::AppState;

pub(super) fn router() -> Router<AppState> {
    Router::new()
}
