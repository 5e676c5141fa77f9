//! `GET /interviews/{id}`: the kit (what to assess, questions, strong and weak answers), the
//! caller's scorecard form when they are on the panel, and the scorecards they may read with
//! a per-competency summary. `POST /interviews/{id}/scorecard` submits theirs.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use hired_domain::Invalid;
use hired_domain::authz::Action;
use hired_domain::interviews::{
    Competency, CompetencyRating, Rating, Recommendation, ScorecardInput, recommendations_split, summarize,
};
use hired_store::{Interview, Scorecard, StoreError};

use super::interview_for;
use crate::auth::csrf::CsrfForm;
use crate::auth::{Staff, may};
use crate::error::{AppError, AppResult};
use crate::forms::FormErrors;
use crate::state::AppState;
use crate::views::{PageCtx, redirect_with, render, when};

/// One competency of the kit, with the caller's rating and note when they have one.
struct KitItem {
    competency: Competency,
    rating: u8,
    note: String,
}

/// A scorecard the caller may read.
struct CardView {
    author: String,
    mine: bool,
    recommendation: &'static str,
    yes: bool,
    ratings: Vec<(String, u8, String)>,
    notes: String,
    when: String,
}

/// One competency across the readable scorecards.
struct SummaryRow {
    name: String,
    ratings: String,
    mean: String,
    disagreement: bool,
}

#[derive(Template)]
#[template(path = "interviews/show.html")]
struct ShowPage {
    ctx: PageCtx,
    id: String,
    title: String,
    kind: &'static str,
    minutes: u16,
    requisition_title: String,
    candidate_id: String,
    candidate_name: String,
    panel: Vec<(String, bool)>,
    kit: Vec<KitItem>,
    can_submit: bool,
    submitted: bool,
    recommendation: String,
    notes: String,
    recommendations: Vec<(&'static str, &'static str)>,
    ratings: Vec<(u8, &'static str)>,
    cards: Vec<CardView>,
    hidden: usize,
    summary: Vec<SummaryRow>,
    split: bool,
    errors: FormErrors,
}

impl ShowPage {
    async fn load(state: &AppState, staff: &Staff, interview: Interview) -> AppResult<Self> {
        let user = &staff.user;
        let visible = state.store.scorecards_for(user, interview.application_id).await?;
        let candidate = state.store.candidate(interview.candidate_id).await?;
        let cards: Vec<&Scorecard> = visible.scorecards.iter().filter(|s| s.interview_id == interview.id).collect();
        let mine = cards.iter().find(|s| s.author_id == user.id).map(|s| s.card.clone());
        let name_of = |key: &str| {
            interview.competencies.iter().find(|c| c.key == key).map_or_else(|| key.to_owned(), |c| c.name.clone())
        };
        let summary = if cards.len() >= 2 {
            summarize(cards.iter().map(|s| &s.card))
                .into_iter()
                .map(|s| SummaryRow {
                    name: name_of(&s.competency),
                    ratings: s.ratings.iter().map(|r| r.value().to_string()).collect::<Vec<_>>().join(" · "),
                    mean: format!("{:.1}", s.mean),
                    disagreement: s.disagreement,
                })
                .collect()
        } else {
            Vec::new()
        };
        let split = recommendations_split(&cards.iter().map(|s| s.card.recommendation).collect::<Vec<_>>());
        Ok(ShowPage {
            ctx: PageCtx::new(staff, "candidates"),
            id: interview.id.to_string(),
            title: interview.title.clone(),
            kind: interview.kind.label(),
            minutes: interview.minutes,
            requisition_title: interview.requisition_title.clone(),
            candidate_id: candidate.id.to_string(),
            candidate_name: candidate.details.name,
            panel: interview.panel.iter().map(|p| (p.name.clone(), p.submitted)).collect(),
            kit: interview
                .competencies
                .iter()
                .map(|c| {
                    let given = mine.as_ref().and_then(|m| m.ratings.iter().find(|r| r.competency == c.key));
                    KitItem {
                        competency: c.clone(),
                        rating: given.map_or(0, |r| r.rating.value()),
                        note: given.map(|r| r.note.clone()).unwrap_or_default(),
                    }
                })
                .collect(),
            can_submit: interview.on_panel(user.id) && may(user, Action::SubmitScorecard),
            submitted: mine.is_some(),
            recommendation: mine.as_ref().map(|m| m.recommendation.as_str().to_owned()).unwrap_or_default(),
            notes: mine.map(|m| m.notes).unwrap_or_default(),
            recommendations: Recommendation::ALL.iter().map(|r| (r.as_str(), r.label())).collect(),
            ratings: Rating::ALL.iter().map(|r| (r.value(), r.label())).collect(),
            cards: cards
                .iter()
                .map(|s| CardView {
                    author: s.author_name.clone(),
                    mine: s.author_id == user.id,
                    recommendation: s.card.recommendation.label(),
                    yes: s.card.recommendation.is_yes(),
                    ratings: s
                        .card
                        .ratings
                        .iter()
                        .map(|r| (name_of(&r.competency), r.rating.value(), r.note.clone()))
                        .collect(),
                    notes: s.card.notes.clone(),
                    when: when(&s.submitted_at),
                })
                .collect(),
            hidden: visible.hidden,
            summary,
            split,
            errors: FormErrors::none(),
        })
    }
}

/// The interview page.
pub(super) async fn show(State(state): State<AppState>, staff: Staff, Path(id): Path<String>) -> AppResult<Response> {
    let interview = interview_for(&state, &staff.user, &id, Action::ViewCandidate).await?;
    let page = ShowPage::load(&state, &staff, interview).await?;
    render(&page.ctx, &page)
}

/// Reads the scorecard form: `rating.KEY` and `note.KEY` per competency, `recommendation`
/// and `notes`. Missing or unreadable ratings are left out for the kit's validation to name.
fn read_card(interview: &Interview, fields: &[(String, String)]) -> Result<ScorecardInput, Invalid> {
    let value = |name: &str| fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim());
    let ratings = interview
        .competencies
        .iter()
        .filter_map(|c| {
            let rating = value(&format!("rating.{}", c.key))?.parse::<u8>().ok()?;
            Some(CompetencyRating {
                competency: c.key.clone(),
                rating: Rating::try_from(rating).ok()?,
                note: value(&format!("note.{}", c.key)).unwrap_or_default().to_owned(),
            })
        })
        .collect();
    let recommendation = value("recommendation").and_then(Recommendation::parse);
    let notes = value("notes").unwrap_or_default().to_owned();
    let card = ScorecardInput { ratings, recommendation: recommendation.unwrap_or(Recommendation::No), notes };
    let mut invalid = card.validate(&interview.competencies).err().unwrap_or_default();
    if recommendation.is_none() {
        invalid.push("recommendation", "give your overall recommendation");
    }
    invalid.into_result(|| card)
}

/// Submits the caller's scorecard, or shows the page again with what to fix.
pub(super) async fn submit(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm { staff, form }: CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let interview = interview_for(&state, &staff.user, &id, Action::SubmitScorecard).await?;
    if !interview.on_panel(staff.user.id) {
        return Err(AppError::Forbidden);
    }
    let stored = match read_card(&interview, &form) {
        Ok(card) => state.store.submit_scorecard(&staff.user, &interview, &card).await,
        Err(invalid) => Err(StoreError::Invalid(invalid)),
    };
    match stored {
        Ok(_) => Ok(redirect_with(&format!("/interviews/{}", interview.id), "success", "Scorecard submitted.")),
        Err(StoreError::Invalid(invalid)) => {
            let mut page = ShowPage::load(&state, &staff, interview).await?;
            keep_answers(&mut page, &form);
            page.errors = invalid.into();
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page.ctx, &page)?).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

/// Puts what was posted back into the form, so a refused scorecard loses nothing.
fn keep_answers(page: &mut ShowPage, fields: &[(String, String)]) {
    let value = |name: &str| fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    for item in &mut page.kit {
        item.rating = value(&format!("rating.{}", item.competency.key)).and_then(|v| v.parse().ok()).unwrap_or(0);
        item.note = value(&format!("note.{}", item.competency.key)).unwrap_or_default();
    }
    page.recommendation = value("recommendation").unwrap_or_default();
    page.notes = value("notes").unwrap_or_default();
}
