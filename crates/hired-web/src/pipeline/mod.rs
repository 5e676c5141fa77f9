//! The pipeline: a requisition's board, one column's full list, and moving
//! applications (one by drag-and-drop or form, or many at once).

mod board;
mod moves;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

/// Routes of the pipeline board and moves.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/requisitions/{id}/board", get(board::board))
        .route("/requisitions/{id}/board/{column}", get(board::column))
        .route("/requisitions/{id}/bulk", post(moves::bulk))
        .route("/applications/{id}/move", post(moves::move_one))
}
