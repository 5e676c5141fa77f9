//! Requisitions: the list, the definition form, the detail page with its
//! lifecycle and hiring team.

pub(crate) mod find;
mod form;
mod list;
mod posting;
mod ranking;
mod screening;
mod show;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

/// Routes under `/requisitions`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/requisitions", get(list::list).post(form::create))
        .route("/requisitions/new", get(form::new))
        .route("/requisitions/{id}", get(show::show).post(form::update))
        .route("/requisitions/{id}/edit", get(form::edit))
        .route("/requisitions/{id}/status", post(show::change_status))
        .route("/requisitions/{id}/stages", post(show::change_stages))
        .route("/requisitions/{id}/team", post(show::add_member))
        .route("/requisitions/{id}/team/{user_id}/remove", post(show::remove_member))
        .route("/requisitions/{id}/ranking", get(ranking::ranking))
        .route("/requisitions/{id}/find", get(find::find))
        .route("/requisitions/{id}/find/add", post(find::add))
        .route("/requisitions/{id}/match-weights", post(ranking::save_weights))
        .merge(posting::router())
        .merge(screening::router())
}

/// Parses an id from the path; anything malformed is simply not found.
pub fn parse_id<T: std::str::FromStr>(raw: &str, what: &'static str) -> crate::error::AppResult<T> {
    raw.parse().map_err(|_| crate::error::AppError::NotFound(what))
}
