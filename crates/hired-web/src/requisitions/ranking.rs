//! `GET /requisitions/{id}/ranking`: every applicant best match first, each with the short
//! list that explains the score, and the weights a recruiter can change to re-rank
//! (`POST /requisitions/{id}/match-weights`).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use hired_domain::RequisitionId;
use hired_domain::authz::Action;
use hired_domain::matching::Weights;
use hired_domain::requisition::Requisition;
use hired_match::{Mark, Match, Part, Reason};
use serde::Deserialize;

use super::parse_id;
use crate::auth::csrf::CsrfForm;
use crate::auth::{Staff, may, require_on_requisition};
use crate::error::{AppError, AppResult};
use crate::matching::applicants::{self, Scored};
use crate::state::AppState;
use crate::views::{PageCtx, redirect_with, render};

/// Applicants per page.
const PER_PAGE: usize = 50;

#[derive(Template)]
#[template(path = "requisitions/ranking.html")]
struct RankingPage {
    ctx: PageCtx,
    req: Requisition,
    rows: Vec<(usize, Scored)>,
    /// Applicants listed.
    total: usize,
    /// Applicants in any status.
    all_count: usize,
    /// Rejected, withdrawn and hired are listed too.
    everyone: bool,
    unranked: Option<String>,
    weights: Vec<WeightField>,
    can_edit: bool,
    /// May search everyone (rediscovery).
    can_find: bool,
    prev_url: Option<String>,
    next_url: Option<String>,
}

impl RankingPage {
    fn summary(&self, matched: &Match) -> String {
        summary(matched)
    }

    /// Where an application stands, as people read it.
    fn stage_name(&self, stage: &str, status: &str) -> String {
        match status {
            "active" => {
                self.req.stages.iter().find(|s| s.key == stage).map_or_else(|| stage.to_owned(), |s| s.name.clone())
            }
            other => other.replace('_', " "),
        }
    }
}

/// One line a recruiter reads before opening the explanation: required skills held, and the
/// first few missing.
pub(super) fn summary(matched: &Match) -> String {
    let required: Vec<&Reason> = matched.reasons.iter().filter(|r| r.part == Part::Required).collect();
    let met = required.iter().filter(|r| r.mark == Mark::Met).count();
    let missing: Vec<&str> = required
        .iter()
        .filter(|r| r.mark == Mark::Missing)
        .take(3)
        .map(|r| r.text.split(" (").next().unwrap_or(&r.text))
        .collect();
    let partly = required.iter().filter(|r| r.mark == Mark::Partial).count();
    let mut line = format!("{met} of {} required skills met", required.len());
    if partly > 0 {
        line.push_str(&format!(", {partly} partly"));
    }
    if !missing.is_empty() {
        line.push_str(" · missing ");
        line.push_str(&missing.join(", "));
    }
    line
}

/// One weight as the form shows it.
struct WeightField {
    name: &'static str,
    label: &'static str,
    value: u8,
}

fn weight_fields(w: Weights) -> Vec<WeightField> {
    [
        ("required", "Required skills", w.required),
        ("nice", "Nice-to-have skills", w.nice),
        ("experience", "Experience", w.experience),
        ("certifications", "Certifications", w.certifications),
        ("location", "Location", w.location),
        ("salary", "Salary", w.salary),
    ]
    .into_iter()
    .map(|(name, label, value)| WeightField { name, label, value })
    .collect()
}

#[derive(Deserialize, Default)]
pub(super) struct PageQuery {
    #[serde(default)]
    page: String,
    /// `1` to include rejected, withdrawn and hired applications.
    #[serde(default)]
    all: String,
}

/// The ranking page.
pub(super) async fn ranking(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
    Query(q): Query<PageQuery>,
) -> AppResult<Response> {
    let id: RequisitionId = parse_id(&id, "requisition")?;
    require_on_requisition(&state, &staff.user, Action::ViewRequisition, id).await?;
    let req = state.store.requisition(id).await?;
    let page: usize = match q.page.as_str() {
        "" => 1,
        raw => raw
            .parse()
            .ok()
            .filter(|&p| p >= 1)
            .ok_or_else(|| AppError::BadRequest("that page number is not valid".into()))?,
    };
    let everyone = q.all == "1";
    let mut applicants = state.store.applicants(id, None).await?;
    let all_count = applicants.len();
    if !everyone {
        applicants.retain(|a| a.status == "active");
    }
    let total = applicants.len();
    let (scored, unranked) = match applicants::score(&req.spec, applicants) {
        Ok(scored) => (scored, None),
        Err(why) => (Vec::new(), Some(applicants::unranked_reason(&why))),
    };
    let start = (page - 1) * PER_PAGE;
    let rows: Vec<(usize, Scored)> =
        scored.into_iter().enumerate().skip(start).take(PER_PAGE).map(|(i, s)| (i + 1, s)).collect();
    let all = if everyone { "&all=1" } else { "" };
    let url = |p: usize| format!("/requisitions/{id}/ranking?page={p}{all}");
    let view = RankingPage {
        ctx: PageCtx::new(&staff, "requisitions"),
        prev_url: (page > 1).then(|| url(page - 1)),
        next_url: (unranked.is_none() && start + PER_PAGE < total).then(|| url(page + 1)),
        weights: weight_fields(req.spec.match_weights),
        can_edit: may(&staff.user, Action::EditRequisition),
        can_find: may(&staff.user, Action::AddApplication) && super::find::require_rediscovery(&staff.user).is_ok(),
        rows,
        total,
        all_count,
        everyone,
        unranked,
        req,
    };
    render(&view.ctx, &view)
}

#[derive(Deserialize)]
pub(super) struct WeightsForm {
    version: i64,
    required: String,
    nice: String,
    experience: String,
    certifications: String,
    location: String,
    salary: String,
}

impl WeightsForm {
    /// The weights typed, or what to fix.
    fn weights(&self) -> Result<Weights, String> {
        let field = |label: &str, raw: &str| {
            raw.trim()
                .parse::<u8>()
                .ok()
                .filter(|w| *w <= 100)
                .ok_or_else(|| format!("{label}: give a whole number from 0 to 100"))
        };
        Weights {
            required: field("Required skills", &self.required)?,
            nice: field("Nice-to-have skills", &self.nice)?,
            experience: field("Experience", &self.experience)?,
            certifications: field("Certifications", &self.certifications)?,
            location: field("Location", &self.location)?,
            salary: field("Salary", &self.salary)?,
        }
        .check()
    }
}

/// Saves the requisition's match weights and shows the ranking they give.
pub(super) async fn save_weights(
    State(state): State<AppState>,
    Path(id): Path<String>,
    posted: CsrfForm<WeightsForm>,
) -> AppResult<Response> {
    let CsrfForm { staff, form } = posted;
    let id: RequisitionId = parse_id(&id, "requisition")?;
    require_on_requisition(&state, &staff.user, Action::EditRequisition, id).await?;
    let url = format!("/requisitions/{id}/ranking");
    let weights = match form.weights() {
        Ok(weights) => weights,
        Err(why) => return Ok(redirect_with(&url, "error", &format!("The weights were not saved. {why}."))),
    };
    match state.store.set_match_weights(&staff.user, id, form.version, weights).await {
        Ok(_) => Ok(redirect_with(&url, "success", "Weights saved; the ranking below uses them.")),
        Err(e) => match AppError::from(e) {
            AppError::Conflict(message) => Ok(redirect_with(&url, "error", &message)),
            other => Err(other),
        },
    }
}
