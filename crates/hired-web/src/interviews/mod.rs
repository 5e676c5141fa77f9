//! The interviews area: planning an application's interviews from its requisition's plan,
//! each interview's kit, and scorecards under the blind-review rule (the store applies it).

mod new;
mod show;

use axum::Router;
use axum::routing::{get, post};
use hired_domain::authz::{Access, Action, Scope, authorize};
use hired_domain::{ApplicationId, InterviewId};
use hired_store::Interview;

use crate::auth::require_on_requisition;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// Routes of the interviews area.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/applications/{id}/interviews", post(new::create))
        .route("/applications/{id}/interviews/new", get(new::form))
        .route("/interviews/{id}", get(show::show))
        .route("/interviews/{id}/scorecard", post(show::submit))
}

/// Reads an application id from the path; anything malformed is simply not found.
fn application_id(raw: &str) -> AppResult<ApplicationId> {
    raw.parse().map_err(|_| AppError::NotFound("application"))
}

/// The interview under `raw`, once the caller may do `action` on its requisition.
async fn interview_for(
    state: &AppState,
    user: &hired_domain::user::User,
    raw: &str,
    action: Action,
) -> AppResult<Interview> {
    let id: InterviewId = raw.parse().map_err(|_| AppError::NotFound("interview"))?;
    let interview = state.store.interview(id).await?.ok_or(AppError::NotFound("interview"))?;
    require_on_requisition(state, user, action, interview.requisition_id).await?;
    Ok(interview)
}

/// Whether `user` could open the candidates of a requisition whose hiring team is `team`:
/// a panel is chosen among them, since an interviewer off the team could not.
fn sees_requisition(user: &hired_domain::user::User, team: &[uuid::Uuid]) -> bool {
    let scope = Scope::Team { on_team: team.contains(&user.id.0) };
    authorize(user.role, Action::ViewCandidate, scope) == Access::Allow
}
