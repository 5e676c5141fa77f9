//! The candidates area: the searchable list, the candidate page (applications,
//! notes, attachments and a timeline of everything that happened) and the
//! forms that create and edit candidates.

mod applications;
mod attachments;
mod contact;
mod form;
pub(crate) mod import;
mod list;
mod merge;
mod notes;
pub(crate) mod profile;
mod profile_edit;
mod show;
mod timeline;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use hired_domain::authz::{ListScope, list_scope};
use hired_domain::requisition::RequisitionStatus;
use hired_domain::user::User;
use hired_domain::{CandidateId, RequisitionId};
use hired_store::{MAX_ATTACHMENT_BYTES, RequisitionFilter, RequisitionListItem};

use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::views::{PageCtx, render};

/// Routes of the candidates area.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/candidates", get(list::list).post(form::create))
        .route("/candidates/new", get(form::new))
        .route(
            "/candidates/import",
            get(import::form).post(import::upload).layer(DefaultBodyLimit::max(import::MAX_BODY)),
        )
        .route("/candidates/import/{batch}", get(import::batch))
        .route("/candidates/{id}", get(show::show).post(form::update))
        .route("/candidates/{id}/edit", get(form::edit))
        .route("/candidates/{id}/notes", post(notes::add))
        .route("/candidates/{id}/do-not-contact", post(contact::set))
        .route("/candidates/{id}/merge", get(merge::confirm).post(merge::merge))
        .route("/candidates/{id}/profile/reparse", post(profile::reparse))
        .route("/candidates/{id}/profile/{section}", post(profile_edit::save))
        .route("/candidates/{id}/profile/{section}/edit", get(profile_edit::edit))
        .route("/candidates/{id}/profile/{section}/revert", post(profile_edit::revert))
        .route("/candidates/{id}/resume.json", get(profile::export))
        .route("/candidates/{id}/applications", post(applications::add))
        .route(
            "/candidates/{id}/attachments",
            post(attachments::upload).layer(DefaultBodyLimit::max(MAX_ATTACHMENT_BYTES + 1024 * 1024)),
        )
        .route("/candidates/{id}/attachments/{attachment_id}", get(attachments::download))
        .route("/candidates/{id}/attachments/{attachment_id}/view", get(attachments::view))
}

/// Reads a candidate id from the path; anything malformed is simply not found.
fn candidate_id(raw: &str) -> AppResult<CandidateId> {
    raw.parse().map_err(|_| AppError::NotFound("candidate"))
}

/// Reads an optional requisition choice from a form select.
fn requisition_choice(raw: &str) -> Result<Option<RequisitionId>, &'static str> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse().map(Some).map_err(|_| "choose a requisition from the list")
}

/// A requisition offered in a select ("Add to requisition", "Match score for").
#[derive(Debug, Clone)]
pub(crate) struct RequisitionOption {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) status_label: &'static str,
}

/// Requisitions `user` can see that still accept candidates, most recently changed first.
pub(crate) async fn open_requisitions(state: &AppState, user: &User) -> AppResult<Vec<RequisitionOption>> {
    let team_member = (list_scope(user.role) == ListScope::MyTeams).then_some(user.id);
    let filter = RequisitionFilter { team_member, ..Default::default() };
    let items: Vec<RequisitionListItem> = state.store.list_requisitions(&filter, None, 200).await?.items;
    Ok(items
        .into_iter()
        .filter_map(|r| {
            let status = RequisitionStatus::parse(&r.status).filter(|s| s.accepts_candidates())?;
            Some(RequisitionOption { id: r.id.to_string(), title: r.title, status_label: status.label() })
        })
        .collect())
}

/// Renders a page with a status other than 200 (a form shown again with its errors).
fn render_with(status: StatusCode, ctx: &PageCtx, template: &impl askama::Template) -> AppResult<Response> {
    Ok((status, render(ctx, template)?).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_ids_are_not_found_rather_than_errors() {
        assert!(matches!(candidate_id("not-a-uuid"), Err(AppError::NotFound("candidate"))));
        assert_eq!(requisition_choice(" "), Ok(None));
        assert!(requisition_choice("42").is_err());
    }
}
