//! Placeholder while the area is written.

use axum::Router;

use crate::state::AppState;

/// The area's routes.
pub fn router() -> Router<AppState> {
    Router::new()
}
