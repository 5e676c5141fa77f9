//! `POST /candidates/{id}/applications`: puts the candidate into a
//! requisition's first stage from the candidate page.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use hired_domain::authz::Action;
use hired_domain::validation::optional_text;
use hired_domain::{CandidateId, Invalid, RequisitionId};
use hired_store::{NewApplication, StoreError};
use serde::Deserialize;

use super::show::ShowPage;
use super::{candidate_id, requisition_choice};
use crate::auth::csrf::CsrfForm;
use crate::auth::{Staff, require_on_candidate, require_on_requisition};
use crate::error::AppResult;
use crate::state::AppState;
use crate::views::redirect_with;

#[derive(Deserialize)]
pub(super) struct ApplyForm {
    #[serde(default)]
    requisition_id: String,
    #[serde(default)]
    source: String,
}

/// Reads the form: a requisition is required, the source is optional.
fn parse(form: &ApplyForm) -> Result<(RequisitionId, Option<String>), Invalid> {
    let mut bad = Invalid::default();
    let chosen = requisition_choice(&form.requisition_id).and_then(|id| id.ok_or("choose a requisition"));
    let requisition = bad.check("requisition_id", chosen);
    let source = bad.check("source", optional_text(&form.source, 100)).flatten();
    match requisition {
        Some(id) if bad.errors.is_empty() => Ok((id, source)),
        _ => Err(bad),
    }
}

/// Adds the application, or shows the page again with the errors next to the form.
pub(super) async fn add(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm { staff, form }: CsrfForm<ApplyForm>,
) -> AppResult<Response> {
    let id = candidate_id(&id)?;
    require_on_candidate(&state, &staff.user, Action::AddApplication, id).await?;
    let (requisition_id, source) = match parse(&form) {
        Ok(parsed) => parsed,
        Err(invalid) => return refused(&state, &staff, id, form, invalid).await,
    };
    require_on_requisition(&state, &staff.user, Action::AddApplication, requisition_id).await?;
    let title = state.store.requisition(requisition_id).await?.spec.title;
    let new = NewApplication { candidate_id: id, requisition_id, source };
    match state.store.add_application(Some(&staff.user), new).await {
        Ok(_) => Ok(redirect_with(&format!("/candidates/{id}"), "success", &format!("Added to {title}."))),
        Err(StoreError::Invalid(invalid)) => refused(&state, &staff, id, form, invalid).await,
        Err(other) => Err(other.into()),
    }
}

async fn refused(
    state: &AppState,
    staff: &Staff,
    id: CandidateId,
    form: ApplyForm,
    invalid: Invalid,
) -> AppResult<Response> {
    let mut page = ShowPage::load(state, staff, id).await?;
    page.apply_requisition = form.requisition_id;
    page.apply_source = form.source;
    page.apply_errors = invalid.into();
    page.respond(StatusCode::UNPROCESSABLE_ENTITY)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(requisition_id: &str, source: &str) -> ApplyForm {
        ApplyForm { requisition_id: requisition_id.into(), source: source.into() }
    }

    #[test]
    fn a_requisition_must_be_chosen() {
        let err = parse(&form("", "")).unwrap_err();
        assert_eq!(err.message_for("requisition_id"), Some("choose a requisition"));
        assert!(parse(&form("nope", "")).is_err());
        let id = RequisitionId::new();
        assert_eq!(parse(&form(&id.to_string(), " Referral ")).unwrap(), (id, Some("Referral".into())));
    }
}
