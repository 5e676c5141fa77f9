//! `POST /candidates/{id}/notes`: anyone who can see a candidate may write a note.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use hired_domain::authz::Action;
use hired_store::StoreError;
use serde::Deserialize;

use super::candidate_id;
use super::show::ShowPage;
use crate::auth::csrf::CsrfForm;
use crate::auth::require_on_candidate;
use crate::error::AppResult;
use crate::state::AppState;
use crate::views::redirect_with;

#[derive(Deserialize)]
pub(super) struct NoteForm {
    #[serde(default)]
    body: String,
}

/// Saves the note and returns to the page, or shows the page again with the error next to the note.
pub(super) async fn add(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm { staff, form }: CsrfForm<NoteForm>,
) -> AppResult<Response> {
    let id = candidate_id(&id)?;
    require_on_candidate(&state, &staff.user, Action::AddNote, id).await?;
    match state.store.add_note(&staff.user, id, &form.body).await {
        Ok(_) => Ok(redirect_with(&format!("/candidates/{id}#notes"), "success", "Note saved.")),
        Err(StoreError::Invalid(invalid)) => {
            let mut page = ShowPage::load(&state, &staff, id).await?;
            page.note_body = form.body;
            page.note_errors = invalid.into();
            page.respond(StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(other) => Err(other.into()),
    }
}
