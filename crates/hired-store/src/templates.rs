//! Requisition templates and rejection reasons: admin-editable settings with shipped defaults.

use chrono::{DateTime, Utc};
use hired_domain::audit::FieldChange;
use hired_domain::templates::RequisitionTemplate;
use hired_domain::user::User;
use hired_domain::validation::required_text;
use hired_domain::{Invalid, TemplateId};
use sea_orm::{ConnectionTrait, FromQueryResult};
use serde_json::Value;
use uuid::Uuid;

use crate::audit::NewAudit;
use crate::clock::now;
use crate::{Store, StoreError, StoreResult};

#[derive(FromQueryResult)]
struct TemplateRow {
    id: Uuid,
    body: serde_json::Value,
    updated_at: DateTime<Utc>,
}

/// A stored template.
#[derive(Debug, Clone)]
pub struct StoredTemplate {
    /// Identity.
    pub id: TemplateId,
    /// The template.
    pub template: RequisitionTemplate,
    /// Last edit.
    pub updated_at: DateTime<Utc>,
}

impl TryFrom<TemplateRow> for StoredTemplate {
    type Error = StoreError;
    fn try_from(r: TemplateRow) -> StoreResult<Self> {
        Ok(Self { id: r.id.into(), template: serde_json::from_value(r.body)?, updated_at: r.updated_at })
    }
}

impl Store {
    /// Inserts the shipped templates that are missing, and the shipped rejection reasons when
    /// there are none yet (so a reason an admin removed stays removed); idempotent.
    pub(crate) async fn seed_defaults(&self) -> StoreResult<()> {
        for template in hired_domain::templates::defaults() {
            self.exec(
                &self.db,
                "INSERT INTO requisition_templates (id, name, body, updated_at) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (name) DO NOTHING",
                [
                    TemplateId::new().0.into(),
                    template.name.clone().into(),
                    serde_json::to_value(&template)?.into(),
                    now().into(),
                ],
            )
            .await?;
        }
        if !self.rejection_reasons().await?.is_empty() {
            return Ok(());
        }
        for (position, label) in hired_domain::pipeline::DEFAULT_REJECTION_REASONS.iter().enumerate() {
            self.exec(
                &self.db,
                "INSERT INTO rejection_reasons (label, position) VALUES ($1, $2) ON CONFLICT (label) DO NOTHING",
                [(*label).into(), (position as i64).into()],
            )
            .await?;
        }
        Ok(())
    }

    /// Every template, by name.
    pub async fn list_templates(&self) -> StoreResult<Vec<StoredTemplate>> {
        let rows: Vec<TemplateRow> = self
            .fetch_all(&self.db, "SELECT id, body, updated_at FROM requisition_templates ORDER BY name", [])
            .await?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    /// One template.
    pub async fn template(&self, id: TemplateId) -> StoreResult<StoredTemplate> {
        let row: Option<TemplateRow> = self
            .fetch_one(&self.db, "SELECT id, body, updated_at FROM requisition_templates WHERE id = $1", [id.0.into()])
            .await?;
        row.ok_or(StoreError::NotFound("template"))?.try_into()
    }

    /// Saves a template under its name: creates it, or replaces the one with `id`.
    pub async fn save_template(
        &self,
        actor: &User,
        id: Option<TemplateId>,
        template: &RequisitionTemplate,
    ) -> StoreResult<TemplateId> {
        let body = serde_json::to_value(template)?;
        let txn = self.write_txn().await?;
        let result = match id {
            Some(id) => self
                .exec(
                    &txn,
                    "UPDATE requisition_templates SET name = $1, body = $2, updated_at = $3 WHERE id = $4",
                    [template.name.clone().into(), body.clone().into(), now().into(), id.0.into()],
                )
                .await
                .and_then(|n| if n == 0 { Err(StoreError::NotFound("template")) } else { Ok(id) }),
            None => {
                let id = TemplateId::new();
                self.exec(
                    &txn,
                    "INSERT INTO requisition_templates (id, name, body, updated_at) VALUES ($1, $2, $3, $4)",
                    [id.0.into(), template.name.clone().into(), body.clone().into(), now().into()],
                )
                .await
                .map(|_| id)
            }
        };
        let saved = result.map_err(|e| match e {
            StoreError::Conflict(_) => hired_domain::Invalid::field("name", "a template with this name exists").into(),
            other => other,
        })?;
        self.append_audit(
            &txn,
            NewAudit {
                actor: Some(actor),
                action: "template.save",
                entity_type: "template",
                entity_id: Some(saved.0),
                changes: vec![FieldChange { field: "template".into(), before: serde_json::Value::Null, after: body }],
            },
        )
        .await?;
        txn.commit().await?;
        Ok(saved)
    }

    /// The reasons offered when rejecting, in order.
    pub async fn rejection_reasons(&self) -> StoreResult<Vec<String>> {
        self.reasons_in(&self.db).await
    }

    /// The reasons in order, read through `conn` (the pool, or a write transaction).
    async fn reasons_in(&self, conn: &impl ConnectionTrait) -> StoreResult<Vec<String>> {
        let rows: Vec<ReasonRow> =
            self.fetch_all(conn, "SELECT label FROM rejection_reasons ORDER BY position, label", []).await?;
        Ok(rows.into_iter().map(|r| r.label).collect())
    }

    /// Appends a rejection reason at the end of the list on behalf of `actor`; the label is
    /// trimmed, 1–120 characters, and must differ (ignoring case) from every existing one.
    pub async fn add_rejection_reason(&self, actor: &User, label: &str) -> StoreResult<String> {
        let label = required_text(label, 120).map_err(|e| Invalid::field("label", e))?;
        let txn = self.write_txn().await?;
        let existing = self.reasons_in(&txn).await?;
        if existing.iter().any(|r| r.to_lowercase() == label.to_lowercase()) {
            return Err(Invalid::field("label", DUPLICATE_REASON).into());
        }
        self.exec(
            &txn,
            "INSERT INTO rejection_reasons (label, position)
             VALUES ($1, (SELECT COALESCE(MAX(position), -1) + 1 FROM rejection_reasons))",
            [label.clone().into()],
        )
        .await
        .map_err(|e| match e {
            StoreError::Conflict(_) => Invalid::field("label", DUPLICATE_REASON).into(),
            other => other,
        })?;
        let changes = vec![FieldChange { field: "label".into(), before: Value::Null, after: label.clone().into() }];
        self.append_audit(&txn, settings_audit(actor, "rejection_reason.add", changes)).await?;
        txn.commit().await?;
        Ok(label)
    }

    /// Removes a rejection reason on behalf of `actor`. The last remaining reason stays, so
    /// rejecting always offers a choice. Past rejections keep the reason they were given.
    pub async fn remove_rejection_reason(&self, actor: &User, label: &str) -> StoreResult<()> {
        let txn = self.write_txn().await?;
        let existing = self.reasons_in(&txn).await?;
        if !existing.iter().any(|r| r == label) {
            return Err(StoreError::NotFound("rejection reason"));
        }
        if existing.len() <= 1 {
            return Err(Invalid::field("label", "the last reason cannot be removed; add another one first").into());
        }
        self.exec(&txn, "DELETE FROM rejection_reasons WHERE label = $1", [label.into()]).await?;
        let changes = vec![FieldChange { field: "label".into(), before: label.into(), after: Value::Null }];
        self.append_audit(&txn, settings_audit(actor, "rejection_reason.remove", changes)).await?;
        txn.commit().await?;
        Ok(())
    }

    /// Moves a rejection reason one place up (earlier) or down on behalf of `actor`, swapping it
    /// with its neighbour; at either end of the list nothing changes and nothing is audited.
    pub async fn move_rejection_reason(&self, actor: &User, label: &str, up: bool) -> StoreResult<()> {
        let txn = self.write_txn().await?;
        let mut reasons = self.reasons_in(&txn).await?;
        let from = reasons.iter().position(|r| r == label).ok_or(StoreError::NotFound("rejection reason"))?;
        let to = if up { from.checked_sub(1) } else { Some(from + 1).filter(|&i| i < reasons.len()) };
        let Some(to) = to else {
            return Ok(());
        };
        reasons.swap(from, to);
        for (position, reason) in reasons.iter().enumerate() {
            self.exec(
                &txn,
                "UPDATE rejection_reasons SET position = $1 WHERE label = $2",
                [(position as i64).into(), reason.clone().into()],
            )
            .await?;
        }
        let changes =
            vec![FieldChange { field: label.into(), before: (from as i64).into(), after: (to as i64).into() }];
        self.append_audit(&txn, settings_audit(actor, "rejection_reason.move", changes)).await?;
        txn.commit().await?;
        Ok(())
    }
}

/// The message for a label that is already on the list.
const DUPLICATE_REASON: &str = "that reason already exists";

#[derive(FromQueryResult)]
struct ReasonRow {
    label: String,
}

/// An audit entry about the settings (no single record), by `actor`.
fn settings_audit<'a>(actor: &'a User, action: &'a str, changes: Vec<FieldChange>) -> NewAudit<'a> {
    NewAudit { actor: Some(actor), action, entity_type: "settings", entity_id: None, changes }
}
