//! `GET /requisitions/{id}/find`: talent rediscovery — everyone in the database ranked for the
//! requisition (past applicants, imported and sourced profiles), filtered, without those who
//! asked not to be contacted or are already on it; `POST /requisitions/{id}/find/add` puts
//! one of them on the requisition in one click. Recruiters and admins only: the search reaches
//! every candidate, which team-scoped roles may not see.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use hired_domain::authz::{Action, ListScope, list_scope};
use hired_domain::requisition::{Level, Requisition};
use hired_domain::user::User;
use hired_domain::{CandidateId, RequisitionId};
use hired_store::NewApplication;
use serde::Deserialize;

use super::parse_id;
use crate::auth::csrf::CsrfForm;
use crate::auth::{Staff, require_on_requisition};
use crate::error::{AppError, AppResult};
use crate::matching::applicants;
use crate::matching::live::{Filters, Found, History};
use crate::state::AppState;
use crate::views::{PageCtx, redirect_with, render, urlencode};

/// People per page.
const PER_PAGE: usize = 25;
/// Deepest page served: rediscovery is for the best matches, not for paging through everyone.
const MAX_RESULTS: usize = 1_000;

/// The filter form as typed.
#[derive(Debug, Deserialize, Default, Clone)]
#[serde(default)]
pub struct FindQuery {
    /// Part of the location.
    pub location: String,
    /// `junior | mid | senior | lead` or empty.
    pub level: String,
    /// `1` for talent-pool consent only.
    pub pool: String,
    /// One tag.
    pub tag: String,
    /// `any | never | applied | left`.
    pub history: String,
    /// Page number from 1.
    pub page: String,
}

impl FindQuery {
    /// The filters, or what to fix.
    pub fn filters(&self) -> Result<Filters, String> {
        let text = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        let level = match self.level.trim() {
            "" => None,
            raw => Some(
                Level::parse(raw).ok_or_else(|| format!("level must be junior, mid, senior or lead, not {raw:?}"))?,
            ),
        };
        let history = match self.history.trim() {
            "" | "any" => History::Any,
            "never" => History::NeverApplied,
            "applied" => History::Applied,
            "left" => History::RejectedOrWithdrew,
            other => return Err(format!("history must be any, never, applied or left, not {other:?}")),
        };
        if [&self.location, &self.tag].iter().any(|t| t.chars().count() > 200) {
            return Err("keep the location and tag under 200 characters".into());
        }
        Ok(Filters {
            location: text(&self.location),
            level,
            talent_pool_only: self.pool == "1",
            tag: text(&self.tag),
            history,
        })
    }

    /// Page number, from 1.
    pub fn page(&self) -> Result<usize, String> {
        match self.page.trim() {
            "" => Ok(1),
            raw => raw
                .parse::<usize>()
                .ok()
                .filter(|p| (1..=MAX_RESULTS / PER_PAGE).contains(p))
                .ok_or_else(|| format!("page must be a number from 1 to {}", MAX_RESULTS / PER_PAGE)),
        }
    }

    /// The query string for page `page` with the same filters.
    fn link(&self, page: usize) -> String {
        let pairs = [
            ("location", self.location.as_str()),
            ("level", self.level.as_str()),
            ("pool", self.pool.as_str()),
            ("tag", self.tag.as_str()),
            ("history", self.history.as_str()),
        ];
        let mut query: Vec<String> =
            pairs.iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| format!("{k}={}", urlencode(v))).collect();
        query.push(format!("page={page}"));
        query.join("&")
    }
}

/// Only roles that see every candidate may search them all.
pub fn require_rediscovery(user: &User) -> AppResult<()> {
    match list_scope(user.role) {
        ListScope::All => Ok(()),
        ListScope::MyTeams => Err(AppError::Forbidden),
    }
}

#[derive(Template)]
#[template(path = "requisitions/find.html")]
struct FindPage {
    ctx: PageCtx,
    req: Requisition,
    q: FindQuery,
    found: Vec<(usize, Found)>,
    problem: Option<String>,
    searched: usize,
    prev_url: Option<String>,
    next_url: Option<String>,
}

impl FindPage {
    /// This page's address, to come back to after adding someone.
    fn here(&self) -> String {
        format!("/requisitions/{}/find?{}", self.req.id, self.q.link(self.q.page().unwrap_or(1)))
    }

    fn summary(&self, matched: &hired_match::Match) -> String {
        super::ranking::summary(matched)
    }
}

/// The rediscovery page.
pub(super) async fn find(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
    Query(q): Query<FindQuery>,
) -> AppResult<Response> {
    let id: RequisitionId = parse_id(&id, "requisition")?;
    require_on_requisition(&state, &staff.user, Action::AddApplication, id).await?;
    require_rediscovery(&staff.user)?;
    let req = state.store.requisition(id).await?;
    let (found, problem, more) = match q.filters().and_then(|f| Ok((f, q.page()?))) {
        Ok((filters, page)) => match search(&state, &req, filters, page).await? {
            Ok((found, more)) => (found, None, more),
            Err(why) => (Vec::new(), Some(why), false),
        },
        Err(why) => (Vec::new(), Some(why), false),
    };
    let page = q.page().unwrap_or(1);
    let base = format!("/requisitions/{id}/find?");
    let view = FindPage {
        ctx: PageCtx::new(&staff, "requisitions"),
        prev_url: (page > 1 && problem.is_none()).then(|| format!("{base}{}", q.link(page - 1))),
        next_url: more.then(|| format!("{base}{}", q.link(page + 1))),
        searched: state.people.len(),
        found,
        problem,
        q,
        req,
    };
    render(&view.ctx, &view)
}

/// One page of rediscovery: the people found from place `start + 1`, and whether there are
/// more; `Err(why)` when the requisition cannot rank anyone.
pub async fn search(
    state: &AppState,
    req: &Requisition,
    filters: Filters,
    page: usize,
) -> AppResult<Result<(Vec<(usize, Found)>, bool), String>> {
    state.people.catch_up(&state.store).await?;
    let job = applicants::requisition_job(&req.spec);
    let people = state.people.clone();
    let id = req.id;
    let offset = (page - 1) * PER_PAGE;
    let ranked = tokio::task::spawn_blocking(move || people.rediscover(&job, id, &filters, offset, PER_PAGE + 1))
        .await
        .map_err(|e| AppError::Internal(format!("rediscovery failed: {e}")))?;
    Ok(match ranked {
        Ok(mut found) => {
            let more = found.len() > PER_PAGE && offset + PER_PAGE < MAX_RESULTS;
            found.truncate(PER_PAGE);
            Ok((found.into_iter().enumerate().map(|(i, f)| (offset + i + 1, f)).collect(), more))
        }
        Err(why) => Err(applicants::unranked_reason(&why)),
    })
}

#[derive(Deserialize)]
pub(super) struct AddForm {
    candidate_id: String,
    /// The results page to return to.
    #[serde(default)]
    back: String,
}

/// Puts a found person on the requisition, credited to rediscovery, and returns to the results.
pub(super) async fn add(
    State(state): State<AppState>,
    Path(id): Path<String>,
    posted: CsrfForm<AddForm>,
) -> AppResult<Response> {
    let CsrfForm { staff, form } = posted;
    let id: RequisitionId = parse_id(&id, "requisition")?;
    require_on_requisition(&state, &staff.user, Action::AddApplication, id).await?;
    require_rediscovery(&staff.user)?;
    let candidate: CandidateId = parse_id(&form.candidate_id, "candidate")?;
    let back = if form.back.starts_with(&format!("/requisitions/{id}/find")) {
        form.back.clone()
    } else {
        format!("/requisitions/{id}/find")
    };
    let name = state.store.candidate(candidate).await?.details.name;
    let new = NewApplication { candidate_id: candidate, requisition_id: id, source: Some("Rediscovery".into()) };
    match state.store.add_application(Some(&staff.user), new).await {
        Ok(_) => Ok(redirect_with(&back, "success", &format!("{name} was added to this requisition."))),
        Err(e) => match AppError::from(e) {
            AppError::Invalid(invalid) => Ok(redirect_with(&back, "error", &format!("{name}: {invalid}"))),
            AppError::Conflict(message) => Ok(redirect_with(&back, "error", &message)),
            other => Err(other),
        },
    }
}
