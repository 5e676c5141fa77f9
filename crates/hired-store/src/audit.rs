//! The append-only audit log: who changed what, when, with before and after.

use chrono::{DateTime, Utc};
use hired_domain::audit::FieldChange;
use hired_domain::user::User;
use sea_orm::{ConnectionTrait, FromQueryResult};
use serde::Serialize;
use uuid::Uuid;

use crate::clock::now;
use crate::page::{Cursor, Page};
use crate::sql::QueryBuilder;
use crate::{Store, StoreResult};

/// One entry to append.
#[derive(Debug, Clone)]
pub struct NewAudit<'a> {
    /// Who did it; `None` for the system (demo seeding, jobs).
    pub actor: Option<&'a User>,
    /// What was done: `requisition.create`, `application.move`, …
    pub action: &'a str,
    /// The kind of record.
    pub entity_type: &'a str,
    /// The record.
    pub entity_id: Option<Uuid>,
    /// Changed fields.
    pub changes: Vec<FieldChange>,
}

/// An audit entry as read back.
#[derive(Debug, Clone, FromQueryResult, Serialize)]
pub struct AuditEntry {
    /// Identity.
    pub id: Uuid,
    /// Acting user, if any.
    pub actor_id: Option<Uuid>,
    /// The actor's name and email at the time.
    pub actor_label: String,
    /// What was done.
    pub action: String,
    /// Kind of record.
    pub entity_type: String,
    /// Which record.
    pub entity_id: Option<Uuid>,
    /// JSON list of `{field, before, after}`.
    pub changes: serde_json::Value,
    /// When.
    pub at: DateTime<Utc>,
}

/// Filters for browsing the log.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Only this actor.
    pub actor_id: Option<Uuid>,
    /// Only this kind of record.
    pub entity_type: Option<String>,
    /// Only this record.
    pub entity_id: Option<Uuid>,
    /// Only this action.
    pub action: Option<String>,
}

impl Store {
    /// Appends an entry inside the caller's transaction, so it commits with the change.
    pub(crate) async fn append_audit(&self, conn: &impl ConnectionTrait, entry: NewAudit<'_>) -> StoreResult<()> {
        let actor_label = entry.actor.map_or_else(|| "system".to_owned(), |u| format!("{} <{}>", u.name, u.email));
        let changes = serde_json::to_value(&entry.changes)?;
        self.exec(
            conn,
            "INSERT INTO audit_events (id, actor_id, actor_label, action, entity_type, entity_id, changes, at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            [
                Uuid::now_v7().into(),
                entry.actor.map(|u| u.id.0).into(),
                actor_label.into(),
                entry.action.into(),
                entry.entity_type.into(),
                entry.entity_id.into(),
                changes.into(),
                now().into(),
            ],
        )
        .await?;
        Ok(())
    }

    /// A page of the log, newest first.
    pub async fn audit_log(
        &self,
        filter: &AuditFilter,
        cursor: Option<Cursor>,
        limit: u64,
    ) -> StoreResult<Page<AuditEntry>> {
        let mut q = QueryBuilder::new(
            "SELECT id, actor_id, actor_label, action, entity_type, entity_id, changes, at FROM audit_events WHERE 1 = 1",
        );
        if let Some(actor) = filter.actor_id {
            q.and("actor_id = {}", actor);
        }
        if let Some(t) = &filter.entity_type {
            q.and("entity_type = {}", t.clone());
        }
        if let Some(id) = filter.entity_id {
            q.and("entity_id = {}", id);
        }
        if let Some(a) = &filter.action {
            q.and("action = {}", a.clone());
        }
        q.after_cursor("at", "id", cursor);
        q.push(&format!(" ORDER BY at DESC, id DESC LIMIT {}", limit + 1));
        let rows: Vec<AuditEntry> = self.fetch_all(&self.db, &q.sql, q.values).await?;
        Ok(Page::from_rows(rows, limit, |e| Cursor { at: e.at, id: e.id }))
    }
}
