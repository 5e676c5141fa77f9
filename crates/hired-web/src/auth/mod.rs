//! Who is calling: staff sessions for pages, bearer tokens for the API, and
//! the checks that put every request through the domain's `authorize`.

pub mod csrf;
pub mod login;
pub mod password;

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use axum_extra::extract::CookieJar;
use hired_domain::authz::{Access, Action, ListScope, Scope, authorize, list_scope};
use hired_domain::user::User;
use hired_domain::{CandidateId, RequisitionId};

use crate::error::{AppError, AppResult, check};
use crate::state::AppState;
use crate::views::Flash;

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "hired_session";

/// A signed-in staff member on a page request.
#[derive(Debug, Clone)]
pub struct Staff {
    /// The user.
    pub user: User,
    /// Token every form must echo.
    pub csrf: String,
    /// A message left by the previous request (after a redirect).
    pub flash: Option<Flash>,
}

impl FromRequestParts<AppState> for Staff {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> AppResult<Self> {
        let jar = CookieJar::from_headers(&parts.headers);
        let secret = jar.get(SESSION_COOKIE).map(|c| c.value().to_owned()).ok_or(AppError::Unauthorized)?;
        let session = state.store.session(&secret).await?.ok_or(AppError::Unauthorized)?;
        Ok(Staff { user: session.user, csrf: session.csrf_token, flash: Flash::from_jar(&jar) })
    }
}

impl axum::extract::OptionalFromRequestParts<AppState> for Staff {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> AppResult<Option<Self>> {
        match <Staff as FromRequestParts<AppState>>::from_request_parts(parts, state).await {
            Ok(staff) => Ok(Some(staff)),
            Err(AppError::Unauthorized) => Ok(None),
            Err(other) => Err(other),
        }
    }
}

/// The user an API request acts as, from `Authorization: Bearer <token>`.
#[derive(Debug, Clone)]
pub struct ApiUser(pub User);

impl FromRequestParts<AppState> for ApiUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> AppResult<Self> {
        let value =
            parts.headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).ok_or(AppError::Unauthorized)?;
        let token =
            value.strip_prefix("Bearer ").map(str::trim).filter(|t| !t.is_empty()).ok_or(AppError::Unauthorized)?;
        let user = state.store.user_for_token(token).await?.ok_or(AppError::Unauthorized)?;
        Ok(ApiUser(user))
    }
}

/// Checks an organization-wide action.
pub fn require(user: &User, action: Action) -> AppResult<()> {
    check(authorize(user.role, action, Scope::Organization), "page")
}

/// Checks an action on a requisition, looking up team membership only when the role needs it.
pub async fn require_on_requisition(state: &AppState, user: &User, action: Action, id: RequisitionId) -> AppResult<()> {
    let on_team = match list_scope(user.role) {
        ListScope::All => true,
        ListScope::MyTeams => state.store.is_on_team(id, user.id).await?,
    };
    check(authorize(user.role, action, Scope::Team { on_team }), "requisition")
}

/// Checks an action on a candidate: team-scoped roles reach candidates through their requisitions.
pub async fn require_on_candidate(state: &AppState, user: &User, action: Action, id: CandidateId) -> AppResult<()> {
    let on_team = match list_scope(user.role) {
        ListScope::All => true,
        ListScope::MyTeams => state.store.candidate_on_users_team(id, user.id).await?,
    };
    check(authorize(user.role, action, Scope::Team { on_team }), "candidate")
}

/// Whether `user` may do `action` on a requisition they can already see (for showing buttons).
pub fn may(user: &User, action: Action) -> bool {
    authorize(user.role, action, Scope::Team { on_team: true }) == Access::Allow
}
