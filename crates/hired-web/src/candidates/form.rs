//! Creating and editing candidates: `GET /candidates/new` and `POST /candidates`,
//! `GET /candidates/{id}/edit` and `POST /candidates/{id}`. Edits carry the
//! version they started from, so a concurrent change is never overwritten unseen.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use hired_domain::authz::{Action, ListScope, list_scope};
use hired_domain::candidate::{Candidate, CandidateDetails, CandidateInput};
use hired_domain::{CandidateId, Email, Invalid, RequisitionId};
use hired_store::{CandidateFilter, StoreError};
use serde::Deserialize;

use super::{RequisitionOption, candidate_id, open_requisitions, render_with, requisition_choice};
use crate::auth::csrf::CsrfForm;
use crate::auth::{Staff, require, require_on_candidate, require_on_requisition};
use crate::error::{AppError, AppResult};
use crate::forms::FormErrors;
use crate::state::AppState;
use crate::views::{PageCtx, redirect_with};

/// The candidate form as posted: the details, plus the requisition (new) or version (edit).
#[derive(Deserialize)]
pub(super) struct CandidateForm {
    #[serde(flatten)]
    input: CandidateInput,
    #[serde(default)]
    requisition_id: String,
    #[serde(default)]
    version: String,
}

/// The candidate an edit form is for.
struct Editing {
    id: String,
    name: String,
}

#[derive(Template)]
#[template(path = "candidates/form.html")]
struct FormPage {
    ctx: PageCtx,
    /// `None` when adding a candidate.
    editing: Option<Editing>,
    input: CandidateInput,
    errors: FormErrors,
    version: i64,
    conflict: Option<String>,
    existing: Option<String>,
    requisitions: Vec<RequisitionOption>,
    requisition_id: String,
}

impl FormPage {
    async fn adding(state: &AppState, staff: &Staff, input: CandidateInput, requisition_id: String) -> AppResult<Self> {
        Ok(FormPage {
            ctx: PageCtx::new(staff, "candidates"),
            editing: None,
            input,
            errors: FormErrors::none(),
            version: 0,
            conflict: None,
            existing: None,
            requisitions: open_requisitions(state, &staff.user).await?,
            requisition_id,
        })
    }

    fn editing(staff: &Staff, candidate: &Candidate, input: CandidateInput) -> Self {
        FormPage {
            ctx: PageCtx::new(staff, "candidates"),
            editing: Some(Editing { id: candidate.id.to_string(), name: candidate.details.name.clone() }),
            input,
            errors: FormErrors::none(),
            version: candidate.version,
            conflict: None,
            existing: None,
            requisitions: Vec::new(),
            requisition_id: String::new(),
        }
    }

    /// Shows the refusal next to the fields, linking to the candidate who already has the email.
    async fn refused(mut self, state: &AppState, staff: &Staff, invalid: Invalid) -> AppResult<Response> {
        if invalid.message_for("email").is_some() {
            self.existing = holder_of_email(state, staff, &self.input.email).await?;
        }
        self.errors = invalid.into();
        render_with(StatusCode::UNPROCESSABLE_ENTITY, &self.ctx, &self)
    }
}

/// The page of the candidate with this email, if the caller can see one.
async fn holder_of_email(state: &AppState, staff: &Staff, email: &str) -> AppResult<Option<String>> {
    let Ok(email) = Email::parse(email) else { return Ok(None) };
    let team_member = (list_scope(staff.user.role) == ListScope::MyTeams).then_some(staff.user.id);
    let filter = CandidateFilter { team_member, text: Some(email.as_str().to_owned()) };
    let found = state.store.list_candidates(&filter, None, 20).await?.items;
    Ok(found.into_iter().find(|c| c.email.as_deref() == Some(email.as_str())).map(|c| format!("/candidates/{}", c.id)))
}

/// Validates a new candidate and the optional requisition, reporting every problem at once.
fn parse_new(form: &CandidateForm) -> Result<(CandidateDetails, Option<RequisitionId>), Invalid> {
    let details = CandidateDetails::try_from(&form.input);
    let requisition = requisition_choice(&form.requisition_id);
    match (details, requisition) {
        (Ok(details), Ok(requisition)) => Ok((details, requisition)),
        (details, requisition) => {
            let mut bad = details.err().unwrap_or_default();
            bad.check("requisition_id", requisition);
            Err(bad)
        }
    }
}

/// `GET /candidates/new`.
pub(super) async fn new(State(state): State<AppState>, staff: Staff) -> AppResult<Response> {
    require(&staff.user, Action::CreateCandidate)?;
    let page = FormPage::adding(&state, &staff, CandidateInput::default(), String::new()).await?;
    render_with(StatusCode::OK, &page.ctx, &page)
}

/// `POST /candidates`: creates the candidate (and their application, when a requisition was chosen).
pub(super) async fn create(
    State(state): State<AppState>,
    CsrfForm { staff, form }: CsrfForm<CandidateForm>,
) -> AppResult<Response> {
    require(&staff.user, Action::CreateCandidate)?;
    let (details, requisition) = match parse_new(&form) {
        Ok(parsed) => parsed,
        Err(invalid) => return refused_new(&state, &staff, form, invalid).await,
    };
    if let Some(id) = requisition {
        require_on_requisition(&state, &staff.user, Action::AddApplication, id).await?;
    }
    let created = match requisition {
        Some(id) => state.store.create_candidate_with_application(&staff.user, details, id).await.map(|(c, _)| c),
        None => state.store.create_candidate(Some(&staff.user), details).await,
    };
    match created {
        Ok(c) => {
            let message = format!("Added {}.", c.details.name);
            Ok(redirect_with(&format!("/candidates/{}", c.id), "success", &message))
        }
        Err(StoreError::Invalid(invalid)) => refused_new(&state, &staff, form, invalid).await,
        Err(other) => Err(other.into()),
    }
}

async fn refused_new(state: &AppState, staff: &Staff, form: CandidateForm, invalid: Invalid) -> AppResult<Response> {
    let page = FormPage::adding(state, staff, form.input, form.requisition_id).await?;
    page.refused(state, staff, invalid).await
}

/// `GET /candidates/{id}/edit`.
pub(super) async fn edit(State(state): State<AppState>, staff: Staff, Path(id): Path<String>) -> AppResult<Response> {
    let id = candidate_id(&id)?;
    require_on_candidate(&state, &staff.user, Action::EditCandidate, id).await?;
    let candidate = state.store.candidate(id).await?;
    let page = FormPage::editing(&staff, &candidate, candidate.details.to_input());
    render_with(StatusCode::OK, &page.ctx, &page)
}

/// `POST /candidates/{id}`: saves the edit if nobody changed the candidate since the form was opened.
pub(super) async fn update(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm { staff, form }: CsrfForm<CandidateForm>,
) -> AppResult<Response> {
    let id = candidate_id(&id)?;
    require_on_candidate(&state, &staff.user, Action::EditCandidate, id).await?;
    let version: i64 = form
        .version
        .trim()
        .parse()
        .map_err(|_| AppError::BadRequest("the form lost its version; reload the page and try again".into()))?;
    let details = match CandidateDetails::try_from(&form.input) {
        Ok(details) => details,
        Err(invalid) => return refused_edit(&state, &staff, id, version, form.input, invalid).await,
    };
    match state.store.update_candidate(&staff.user, id, version, details).await {
        Ok(c) => {
            let message = format!("Saved changes to {}.", c.details.name);
            Ok(redirect_with(&format!("/candidates/{id}"), "success", &message))
        }
        Err(StoreError::Invalid(invalid)) => refused_edit(&state, &staff, id, version, form.input, invalid).await,
        Err(StoreError::Conflict(_)) => changed_meanwhile(&state, &staff, id, form.input).await,
        Err(other) => Err(other.into()),
    }
}

async fn refused_edit(
    state: &AppState,
    staff: &Staff,
    id: CandidateId,
    version: i64,
    input: CandidateInput,
    invalid: Invalid,
) -> AppResult<Response> {
    let candidate = state.store.candidate(id).await?;
    let page = FormPage { version, ..FormPage::editing(staff, &candidate, input) };
    page.refused(state, staff, invalid).await
}

/// The form again with the person's input and the latest version, saying someone else saved first.
async fn changed_meanwhile(
    state: &AppState,
    staff: &Staff,
    id: CandidateId,
    input: CandidateInput,
) -> AppResult<Response> {
    let latest = state.store.candidate(id).await?;
    let mut page = FormPage::editing(staff, &latest, input);
    page.conflict = Some(format!(
        "Someone else changed {} while you were editing. Your changes below have not been saved: \
         compare them with the current profile, then save again to replace it.",
        latest.details.name
    ));
    render_with(StatusCode::CONFLICT, &page.ctx, &page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_candidate_form_reports_details_and_requisition_problems_together() {
        let form = CandidateForm {
            input: CandidateInput { email: "nope".into(), ..Default::default() },
            requisition_id: "42".into(),
            version: String::new(),
        };
        let invalid = parse_new(&form).unwrap_err();
        for field in ["name", "email", "requisition_id"] {
            assert!(invalid.message_for(field).is_some(), "{field}");
        }
    }
}
