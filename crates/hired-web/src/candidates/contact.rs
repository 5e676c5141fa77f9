//! `POST /candidates/{id}/do-not-contact`: records that a candidate asked not to be contacted
//! (or withdrew that), so rediscovery leaves them out.

use axum::extract::{Path, State};
use axum::response::Response;
use hired_domain::authz::Action;
use serde::Deserialize;

use super::candidate_id;
use crate::auth::csrf::CsrfForm;
use crate::auth::require_on_candidate;
use crate::error::AppResult;
use crate::state::AppState;
use crate::views::redirect_with;

#[derive(Deserialize)]
pub(super) struct ContactForm {
    /// `1` when they asked not to be contacted, `0` when that no longer holds.
    value: String,
}

/// Sets the flag and returns to the candidate page.
pub(super) async fn set(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm { staff, form }: CsrfForm<ContactForm>,
) -> AppResult<Response> {
    let id = candidate_id(&id)?;
    require_on_candidate(&state, &staff.user, Action::EditCandidate, id).await?;
    let value = form.value == "1";
    state.store.set_do_not_contact(&staff.user, id, value).await?;
    let message = if value {
        "Marked as not to be contacted; rediscovery leaves them out."
    } else {
        "They may be contacted again."
    };
    Ok(redirect_with(&format!("/candidates/{id}"), "success", message))
}
