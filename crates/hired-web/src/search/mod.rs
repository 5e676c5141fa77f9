//! `GET /search`: one box over everyone's resumes, notes and profiles, with facets to narrow
//! down, highlighted passages, relevance or recency order, and saved searches
//! (`POST /search/saved`, `POST /search/saved/{id}/delete`). Team-scoped roles find only the
//! candidates of their hiring teams.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use hired_domain::authz::{Action, ListScope, list_scope};
use hired_domain::user::User;
use hired_match::search::{Found, SortBy};
use hired_store::{SavedSearch, StoreError};
use serde::Deserialize;

use crate::auth::csrf::CsrfForm;
use crate::auth::{Staff, require};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::views::{PageCtx, redirect_with, render, urlencode};

/// Results per page.
pub const PER_PAGE: usize = 20;
/// Deepest result served.
const MAX_RESULTS: usize = 1_000;

/// Routes of the search page.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/search", get(search))
        .route("/search/saved", post(save))
        .route("/search/saved/{id}/delete", post(delete))
}

/// The search as typed.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct SearchQuery {
    /// The words.
    pub q: String,
    /// `relevance` (default) or `recent`.
    pub sort: String,
    /// Page from 1.
    pub page: String,
}

impl SearchQuery {
    /// Sort order and page, or what to fix.
    pub fn parts(&self) -> Result<(SortBy, usize), String> {
        let sort = match self.sort.as_str() {
            "" | "relevance" => SortBy::Relevance,
            "recent" => SortBy::Recent,
            other => return Err(format!("sort must be relevance or recent, not {other:?}")),
        };
        let page = match self.page.trim() {
            "" => 1,
            raw => raw
                .parse::<usize>()
                .ok()
                .filter(|p| (1..=MAX_RESULTS / PER_PAGE).contains(p))
                .ok_or_else(|| format!("page must be a number from 1 to {}", MAX_RESULTS / PER_PAGE))?,
        };
        Ok((sort, page))
    }
}

/// Everyone matching `query` that `user` may see: one page of hits with counts and facets.
pub async fn run(state: &AppState, user: &User, query: &str, sort: SortBy, page: usize) -> AppResult<Found> {
    require(user, Action::Browse)?;
    state.people.catch_up(&state.store).await?;
    let only: Option<Vec<String>> = match list_scope(user.role) {
        ListScope::All => None,
        ListScope::MyTeams => {
            Some(state.store.team_candidates(user.id).await?.into_iter().map(|c| c.0.to_string()).collect())
        }
    };
    let people = state.people.clone();
    let query = query.to_owned();
    let offset = (page - 1) * PER_PAGE;
    tokio::task::spawn_blocking(move || people.search(&query, only.as_deref(), sort, offset, PER_PAGE))
        .await
        .map_err(|e| AppError::Internal(format!("search failed: {e}")))?
        .map_err(|e| match e {
            hired_match::search::SearchError::Index(inner) => AppError::Internal(inner),
            bad => AppError::Invalid(hired_domain::Invalid::field("q", bad.to_string())),
        })
}

/// A facet value and the search that narrows to it.
struct FacetLink {
    value: String,
    count: u64,
    url: String,
}

#[derive(Template)]
#[template(path = "search/index.html")]
struct SearchPage {
    ctx: PageCtx,
    q: String,
    recent: bool,
    found: Option<Found>,
    facets: Vec<(&'static str, Vec<FacetLink>)>,
    problem: Option<String>,
    saved: Vec<SavedSearch>,
    prev_url: Option<String>,
    next_url: Option<String>,
}

fn url(q: &str, sort: SortBy, page: usize) -> String {
    let sort = if sort == SortBy::Recent { "&sort=recent" } else { "" };
    format!("/search?q={}{sort}&page={page}", urlencode(q))
}

/// The facet's label, and the query that adds `field:"value"` to `q`.
fn facet_links(q: &str, found: &Found) -> Vec<(&'static str, Vec<FacetLink>)> {
    let labels = [
        ("skill", "Skills"),
        ("level", "Level"),
        ("location", "Location"),
        ("source", "Source"),
        ("stage", "Stage"),
        ("tag", "Tags"),
    ];
    labels
        .iter()
        .filter_map(|(field, label)| {
            let values = found.facets.get(*field)?;
            let links: Vec<FacetLink> = values
                .iter()
                .map(|(value, count)| {
                    let term = format!("{field}:\"{}\"", value.replace('"', ""));
                    let narrowed =
                        if q.trim().is_empty() || q.trim() == "*" { term } else { format!("{} {term}", q.trim()) };
                    FacetLink { value: value.clone(), count: *count, url: url(&narrowed, SortBy::Relevance, 1) }
                })
                .collect();
            (!links.is_empty()).then_some((*label, links))
        })
        .collect()
}

/// The search page.
async fn search(State(state): State<AppState>, staff: Staff, Query(query): Query<SearchQuery>) -> AppResult<Response> {
    require(&staff.user, Action::Browse)?;
    let saved = state.store.saved_searches(&staff.user).await?;
    let q = query.q.trim().to_owned();
    let (found, problem) = match query.parts() {
        Err(why) => (None, Some(why)),
        Ok((sort, page)) => match run(&state, &staff.user, &q, sort, page).await {
            Ok(found) => (Some(found), None),
            Err(AppError::Invalid(invalid)) => {
                (None, Some(invalid.errors.iter().map(|e| e.message.clone()).collect::<Vec<_>>().join("; ")))
            }
            Err(other) => return Err(other),
        },
    };
    let (sort, page) = query.parts().unwrap_or_default();
    let total = found.as_ref().map_or(0, |f| f.total);
    let view = SearchPage {
        ctx: PageCtx::new(&staff, "search"),
        recent: sort == SortBy::Recent,
        facets: found.as_ref().map(|f| facet_links(&q, f)).unwrap_or_default(),
        prev_url: (page > 1).then(|| url(&q, sort, page - 1)),
        next_url: (page * PER_PAGE < total.min(MAX_RESULTS)).then(|| url(&q, sort, page + 1)),
        found,
        problem,
        saved,
        q,
    };
    render(&view.ctx, &view)
}

#[derive(Deserialize)]
struct SaveForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    q: String,
}

/// Keeps the current search under a name.
async fn save(State(state): State<AppState>, CsrfForm { staff, form }: CsrfForm<SaveForm>) -> AppResult<Response> {
    require(&staff.user, Action::Browse)?;
    let back = url(&form.q, SortBy::Relevance, 1);
    match state.store.save_search(&staff.user, &form.name, &form.q).await {
        Ok(saved) => Ok(redirect_with(&back, "success", &format!("Saved as “{}”.", saved.name))),
        Err(StoreError::Invalid(invalid)) => Ok(redirect_with(&back, "error", &invalid.to_string())),
        Err(other) => Err(other.into()),
    }
}

/// Deletes one of the caller's saved searches.
async fn delete(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm { staff, .. }: CsrfForm<Empty>,
) -> AppResult<Response> {
    require(&staff.user, Action::Browse)?;
    let id: uuid::Uuid = id.parse().map_err(|_| AppError::NotFound("saved search"))?;
    if !state.store.delete_saved_search(&staff.user, id).await? {
        return Err(AppError::NotFound("saved search"));
    }
    Ok(redirect_with("/search", "success", "Saved search deleted."))
}

#[derive(Deserialize)]
struct Empty {}
