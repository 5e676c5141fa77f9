//! What every API list shares: the page window (`limit`, `cursor`) and the
//! caller's reach (team-scoped roles only list their hiring teams' records).

use hired_domain::UserId;
use hired_domain::authz::{ListScope, list_scope};
use hired_domain::user::User;
use hired_store::{Cursor, clamp_limit};

use crate::error::{AppError, AppResult};

/// Where a page starts and how long it is, from `?cursor=` and `?limit=`.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    /// Continue after this item; `None` for the first page.
    pub cursor: Option<Cursor>,
    /// Page size, clamped to 1..=200.
    pub limit: u64,
}

impl Window {
    /// Reads the window; a cursor this server did not issue is a 400 problem.
    pub fn parse(limit: Option<u64>, cursor: Option<&str>) -> AppResult<Self> {
        let cursor = match cursor.map(str::trim).filter(|c| !c.is_empty()) {
            None => None,
            Some(raw) => Some(Cursor::decode(raw).ok_or_else(|| {
                AppError::BadRequest(
                    "the cursor is not one this server issued; pass `next_cursor` back unchanged, \
                     or leave it out to start from the first page"
                        .into(),
                )
            })?),
        };
        Ok(Self { cursor, limit: clamp_limit(limit) })
    }
}

/// The user whose hiring teams bound a list, or `None` when the role sees everything.
pub fn team_member(user: &User) -> Option<UserId> {
    (list_scope(user.role) == ListScope::MyTeams).then_some(user.id)
}
