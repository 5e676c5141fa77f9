//! `POST /candidates/{id}/applications`: puts the candidate into a
//! requisition's first stage from the candidate page.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use hired_domain::authz::Action;
use hired_domain::validation::optional_text;
use hired_domain::{CandidateId, ChannelId, Invalid, RequisitionId};
use hired_store::{ApplicationOrigin, NewApplication, StoreError};
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
    channel_id: String,
    #[serde(default)]
    source: String,
}

/// What the form asks for: the requisition, and where the candidate came from.
#[derive(Debug, PartialEq)]
struct Choice {
    requisition: RequisitionId,
    channel: Option<ChannelId>,
    source: Option<String>,
}

/// Reads the form: a requisition is required; the channel and the source are optional.
fn parse(form: &ApplyForm) -> Result<Choice, Invalid> {
    let mut bad = Invalid::default();
    let chosen = requisition_choice(&form.requisition_id).and_then(|id| id.ok_or("choose a requisition"));
    let requisition = bad.check("requisition_id", chosen);
    let channel = match form.channel_id.trim() {
        "" => None,
        raw => bad.check("channel_id", raw.parse::<ChannelId>().map_err(|_| "choose a channel from the list")),
    };
    let source = bad.check("source", optional_text(&form.source, 100)).flatten();
    match requisition {
        Some(requisition) if bad.errors.is_empty() => Ok(Choice { requisition, channel, source }),
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
    let choice = match parse(&form) {
        Ok(parsed) => parsed,
        Err(invalid) => return refused(&state, &staff, id, form, invalid).await,
    };
    let requisition_id = choice.requisition;
    require_on_requisition(&state, &staff.user, Action::AddApplication, requisition_id).await?;
    let title = state.store.requisition(requisition_id).await?.spec.title;
    let channel_name = match choice.channel {
        Some(channel) => Some(state.store.channel(channel).await?.spec.name),
        None => None,
    };
    let new = NewApplication { candidate_id: id, requisition_id, source: choice.source.or(channel_name) };
    let origin = ApplicationOrigin { channel_id: choice.channel, ..ApplicationOrigin::default() };
    match state.store.add_application_from(Some(&staff.user), new, origin).await {
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
    page.apply_channel = form.channel_id;
    page.apply_source = form.source;
    page.apply_errors = invalid.into();
    page.respond(StatusCode::UNPROCESSABLE_ENTITY)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(requisition_id: &str, channel_id: &str, source: &str) -> ApplyForm {
        ApplyForm { requisition_id: requisition_id.into(), channel_id: channel_id.into(), source: source.into() }
    }

    #[test]
    fn a_requisition_must_be_chosen_and_a_channel_is_optional() {
        let err = parse(&form("", "", "")).unwrap_err();
        assert_eq!(err.message_for("requisition_id"), Some("choose a requisition"));
        assert!(parse(&form("nope", "", "")).is_err());
        let id = RequisitionId::new();
        let expected = Choice { requisition: id, channel: None, source: Some("Referral".into()) };
        assert_eq!(parse(&form(&id.to_string(), "", " Referral ")).unwrap(), expected);
        let channel = ChannelId::new();
        assert_eq!(parse(&form(&id.to_string(), &channel.to_string(), "")).unwrap().channel, Some(channel));
        assert!(parse(&form(&id.to_string(), "x", "")).unwrap_err().message_for("channel_id").is_some());
    }
}
