//! The public careers site: open postings with filters and search, each posting with its
//! structured data, the apply form, and the feeds and sitemap aggregators read. No sign-in;
//! works without JavaScript.

mod apply;
mod apply_outcome;
pub(crate) mod apply_page;
pub(crate) mod apply_read;
mod feeds;
mod jsonld;
mod list;
mod markdown;
mod posting;

use axum::Router;

use crate::state::AppState;

/// Every careers route: `/careers…` and `/sitemap.xml`.
pub fn router() -> Router<AppState> {
    Router::new().merge(list::router()).merge(posting::router()).merge(feeds::router()).merge(apply::router())
}
