//! Searches staff save to run again; each is private to whoever saved it.

use chrono::{DateTime, Utc};
use hired_domain::user::User;
use sea_orm::FromQueryResult;
use serde::Serialize;
use uuid::Uuid;

use crate::clock::{now, uuid_at};
use crate::{Store, StoreError, StoreResult};

/// Most searches one person keeps.
const MAX_SAVED: usize = 100;

/// A saved search.
#[derive(Debug, Clone, PartialEq, FromQueryResult, Serialize)]
pub struct SavedSearch {
    /// Identity.
    pub id: Uuid,
    /// What its author called it.
    pub name: String,
    /// The search as typed.
    pub query: String,
    /// When it was saved.
    pub created_at: DateTime<Utc>,
}

impl Store {
    /// Keeps `query` under `name` for `user`; names and queries must be non-empty and short.
    pub async fn save_search(&self, user: &User, name: &str, query: &str) -> StoreResult<SavedSearch> {
        let (name, query) = (name.trim(), query.trim());
        let mut bad = hired_domain::Invalid::default();
        if name.is_empty() || name.chars().count() > 100 {
            bad.push("name", "give the search a name of at most 100 characters");
        }
        if query.is_empty() || query.chars().count() > 1_000 {
            bad.push("query", "only a search of 1 to 1,000 characters can be saved");
        }
        if self.saved_searches(user).await?.len() >= MAX_SAVED {
            bad.push("name", format!("you keep {MAX_SAVED} searches already; delete one first"));
        }
        if !bad.errors.is_empty() {
            return Err(StoreError::Invalid(bad));
        }
        let at = now();
        let saved = SavedSearch { id: uuid_at(at), name: name.to_owned(), query: query.to_owned(), created_at: at };
        self.exec(
            &self.db,
            "INSERT INTO saved_searches (id, user_id, name, query, created_at) VALUES ($1, $2, $3, $4, $5)",
            [saved.id.into(), user.id.0.into(), saved.name.clone().into(), saved.query.clone().into(), at.into()],
        )
        .await?;
        Ok(saved)
    }

    /// The searches `user` saved, newest first.
    pub async fn saved_searches(&self, user: &User) -> StoreResult<Vec<SavedSearch>> {
        self.fetch_all(
            &self.db,
            "SELECT id, name, query, created_at FROM saved_searches WHERE user_id = $1 ORDER BY created_at DESC, id DESC",
            [user.id.0.into()],
        )
        .await
    }

    /// Deletes one of `user`'s saved searches; false when they have no such search.
    pub async fn delete_saved_search(&self, user: &User, id: Uuid) -> StoreResult<bool> {
        let n = self
            .exec(&self.db, "DELETE FROM saved_searches WHERE id = $1 AND user_id = $2", [id.into(), user.id.0.into()])
            .await?;
        Ok(n > 0)
    }
}
