//! The public careers site: open postings with filters and search, each posting with its
//! structured data, the apply form, and the feeds and sitemap aggregators read. No sign-in;
//! works without JavaScript.

mod apply;
mod feeds;
mod list;
mod posting;

use axum::Router;

use crate::state::AppState;

/// Every careers route: `/careers…` and `/sitemap.xml`.
pub fn router() -> Router<AppState> {
    Router::new().merge(list::router()).merge(posting::router()).merge(feeds::router()).merge(apply::router())
}
