//! `GET /api/v1/search`: full-text candidate search with facets and highlighted passages,
//! the same as the search page; team-scoped roles find only their teams' candidates.

use std::collections::BTreeMap;

use axum::Json;
use axum::Router;
use axum::extract::State;
use hired_domain::Invalid;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::extract::ApiQuery;
use crate::auth::ApiUser;
use crate::error::AppResult;
use crate::search::{self as page, SearchQuery};
use crate::state::AppState;

/// Routes of search.
pub fn router() -> Router<AppState> {
    Router::new().route("/search", axum::routing::get(search))
}

/// The search.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// Words, "phrases", AND/OR/NOT, parentheses and `field:value` (skill, company, title,
    /// location, tag, stage, level, source, name); empty or `*` for everyone.
    pub q: Option<String>,
    /// `relevance` (default), `recent`, or `match`: by match score for `requisition`, best
    /// first.
    pub sort: Option<String>,
    /// The requisition whose match score `sort=match` orders by.
    pub requisition: Option<Uuid>,
    /// Page from 1, 20 candidates each, up to 50.
    pub page: Option<usize>,
}

/// One candidate found.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchHit {
    /// The candidate.
    pub candidate_id: Uuid,
    /// Their name.
    pub name: String,
    /// A passage with the matched words in `<b>`, HTML-escaped otherwise.
    pub snippet: String,
    /// The match score (0–100) for the requisition, when sorted by it.
    pub match_score: Option<u8>,
}

/// A page of results with counts.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchResults {
    /// Everyone matching whom the caller may see.
    pub total: usize,
    /// This page.
    pub items: Vec<SearchHit>,
    /// Per facet (skill, level, location, source, stage, tag), its most frequent values as
    /// `[value, count]` pairs.
    #[schema(value_type = Object)]
    pub facets: BTreeMap<String, Vec<(String, u64)>>,
    /// The facet counts are estimates from a sample: there were more than 100,000 matches.
    pub facets_estimated: bool,
    /// The next page's number; `null` on the last.
    pub next_page: Option<usize>,
}

/// Searches candidates.
#[utoipa::path(
    get, operation_id = "search_candidates", path = "/search", tag = "candidates",
    params(SearchParams),
    responses(
        (status = 200, description = "Results", body = SearchResults),
        (status = 400, response = super::openapi::BadRequest),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 403, response = super::openapi::Forbidden),
        (status = 422, response = super::openapi::Unprocessable),
    )
)]
pub async fn search(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiQuery(p): ApiQuery<SearchParams>,
) -> AppResult<Json<SearchResults>> {
    let query = SearchQuery {
        q: p.q.unwrap_or_default(),
        sort: p.sort.unwrap_or_default(),
        requisition: p.requisition.map(|id| id.to_string()).unwrap_or_default(),
        page: p.page.map(|n| n.to_string()).unwrap_or_default(),
    };
    let (order, number) = query.parts().map_err(|(field, why)| Invalid::field(field, why))?;
    let found = page::run(&state, &user, query.q.trim(), order, number).await?;
    let by_match = matches!(order, page::Order::Match(_));
    let next_page = (number * page::PER_PAGE < found.total.min(1_000)).then_some(number + 1);
    let items = found
        .hits
        .into_iter()
        .filter_map(|h| {
            Some(SearchHit {
                candidate_id: h.id.parse().ok()?,
                name: h.name,
                snippet: h.snippet,
                match_score: by_match.then_some(h.score as u8),
            })
        })
        .collect();
    Ok(Json(SearchResults {
        total: found.total,
        items,
        facets: found.facets,
        facets_estimated: found.facets_estimated,
        next_page,
    }))
}
