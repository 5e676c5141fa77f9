//! `GET /search`: one box over everyone's resumes, notes and profiles, with facets to narrow
//! down, highlighted passages, relevance, recency or match-score order, and saved searches
//! (`POST /search/saved`, `POST /search/saved/{id}/delete`). Team-scoped roles find only the
//! candidates of their hiring teams.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use hired_domain::RequisitionId;
use hired_domain::authz::{Action, ListScope, list_scope};
use hired_domain::user::User;
use hired_match::search::{Found, SearchError, SortBy};
use hired_store::{SavedSearch, StoreError};
use serde::Deserialize;

use crate::auth::csrf::CsrfForm;
use crate::auth::{Staff, require, require_on_requisition};
use crate::candidates::{RequisitionOption, open_requisitions};
use crate::error::{AppError, AppResult};
use crate::matching::applicants;
use crate::matching::live::MatchSearchError;
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
    /// `relevance` (default), `recent`, or `match` (with `requisition`).
    pub sort: String,
    /// The requisition whose match score `sort=match` orders by.
    pub requisition: String,
    /// Page from 1.
    pub page: String,
}

/// How results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// By the words (relevance) or by the last change.
    Text(SortBy),
    /// By match score for a requisition, best first.
    Match(RequisitionId),
}

impl Default for Order {
    fn default() -> Self {
        Order::Text(SortBy::Relevance)
    }
}

impl SearchQuery {
    /// Order and page, or which parameter to fix and how.
    pub fn parts(&self) -> Result<(Order, usize), (&'static str, String)> {
        let sort = match self.sort.as_str() {
            "" | "relevance" => Order::Text(SortBy::Relevance),
            "recent" => Order::Text(SortBy::Recent),
            "match" => match self.requisition.trim().parse() {
                Ok(id) => Order::Match(RequisitionId(id)),
                Err(_) => return Err(("requisition", "sorting by match score needs a requisition: choose one".into())),
            },
            other => return Err(("sort", format!("sort must be relevance, recent or match, not {other:?}"))),
        };
        let page = match self.page.trim() {
            "" => 1,
            raw => raw
                .parse::<usize>()
                .ok()
                .filter(|p| (1..=MAX_RESULTS / PER_PAGE).contains(p))
                .ok_or_else(|| ("page", format!("page must be a number from 1 to {}", MAX_RESULTS / PER_PAGE)))?,
        };
        Ok((sort, page))
    }
}

/// Everyone matching `query` that `user` may see: one page of hits with counts and facets.
/// Sorted by match score, each hit's score is its match score (0–100).
pub async fn run(state: &AppState, user: &User, query: &str, order: Order, page: usize) -> AppResult<Found> {
    require(user, Action::Browse)?;
    let job = match order {
        Order::Match(id) => {
            require_on_requisition(state, user, Action::ViewRequisition, id).await?;
            Some(applicants::requisition_job(&state.store.requisition(id).await?.spec))
        }
        Order::Text(_) => None,
    };
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
    tokio::task::spawn_blocking(move || match job {
        Some(job) => people.search_by_match(&query, only.as_deref(), &job, offset, PER_PAGE),
        None => {
            people.search(&query, only.as_deref(), sort_of(order), offset, PER_PAGE).map_err(MatchSearchError::from)
        }
    })
    .await
    .map_err(|e| AppError::Internal(format!("search failed: {e}")))?
    .map_err(|e| match e {
        MatchSearchError::Search(SearchError::Index(inner)) => AppError::Internal(inner),
        MatchSearchError::Search(bad) => AppError::Invalid(hired_domain::Invalid::field("q", bad.to_string())),
        MatchSearchError::Job(why) => {
            AppError::Invalid(hired_domain::Invalid::field("requisition", applicants::unranked_reason(&why)))
        }
    })
}

/// The text order behind `order` (relevance when it is by match score).
fn sort_of(order: Order) -> SortBy {
    match order {
        Order::Text(sort) => sort,
        Order::Match(_) => SortBy::Relevance,
    }
}

/// A facet value and the search that narrows to it.
struct FacetLink {
    value: String,
    /// The count with thousands grouped: "484,650".
    count: String,
    url: String,
}

#[derive(Template)]
#[template(path = "search/index.html")]
struct SearchPage {
    ctx: PageCtx,
    q: String,
    /// `relevance`, `recent` or `match`.
    sort: &'static str,
    /// The requisition matched against, when sorted by match score.
    requisition: String,
    requisitions: Vec<RequisitionOption>,
    found: Option<Found>,
    facets: Vec<(&'static str, Vec<FacetLink>)>,
    /// "602,636 candidates".
    total_label: String,
    /// The facet counts are estimates.
    estimated: bool,
    problem: Option<String>,
    saved: Vec<SavedSearch>,
    prev_url: Option<String>,
    next_url: Option<String>,
}

/// A count for people: 602636 reads "602,636".
fn grouped(n: u64) -> String {
    hired_domain::money::group_thousands(i64::try_from(n).unwrap_or(i64::MAX))
}

fn url(q: &str, order: Order, page: usize) -> String {
    let sort = match order {
        Order::Text(SortBy::Relevance) => String::new(),
        Order::Text(SortBy::Recent) => "&sort=recent".into(),
        Order::Match(id) => format!("&sort=match&requisition={id}"),
    };
    format!("/search?q={}{sort}&page={page}", urlencode(q))
}

/// The facet's label, and the query that adds `field:"value"` to `q`.
fn facet_links(q: &str, order: Order, found: &Found) -> Vec<(&'static str, Vec<FacetLink>)> {
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
                    FacetLink { value: value.clone(), count: grouped(*count), url: url(&narrowed, order, 1) }
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
        Err((_, why)) => (None, Some(why)),
        Ok((sort, page)) => match run(&state, &staff.user, &q, sort, page).await {
            Ok(found) => (Some(found), None),
            Err(AppError::Invalid(invalid)) => {
                (None, Some(invalid.errors.iter().map(|e| e.message.clone()).collect::<Vec<_>>().join("; ")))
            }
            Err(other) => return Err(other),
        },
    };
    let (order, page) = query.parts().unwrap_or_default();
    let total = found.as_ref().map_or(0, |f| f.total);
    let view = SearchPage {
        ctx: PageCtx::new(&staff, "search"),
        sort: match order {
            Order::Text(SortBy::Relevance) => "relevance",
            Order::Text(SortBy::Recent) => "recent",
            Order::Match(_) => "match",
        },
        requisition: query.requisition.trim().to_owned(),
        requisitions: open_requisitions(&state, &staff.user).await?,
        facets: found.as_ref().map(|f| facet_links(&q, order, f)).unwrap_or_default(),
        estimated: found.as_ref().is_some_and(|f| f.facets_estimated),
        total_label: format!("{} candidate{}", grouped(total as u64), if total == 1 { "" } else { "s" }),
        prev_url: (page > 1).then(|| url(&q, order, page - 1)),
        next_url: (page * PER_PAGE < total.min(MAX_RESULTS)).then(|| url(&q, order, page + 1)),
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
    let back = url(&form.q, Order::default(), 1);
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
