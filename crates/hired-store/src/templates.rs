//! Requisition templates and rejection reasons: admin-editable settings with shipped defaults.

use chrono::{DateTime, Utc};
use hired_domain::TemplateId;
use hired_domain::templates::RequisitionTemplate;
use sea_orm::FromQueryResult;
use uuid::Uuid;

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
    /// Inserts the shipped templates and rejection reasons that are missing; idempotent.
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
        id: Option<TemplateId>,
        template: &RequisitionTemplate,
    ) -> StoreResult<TemplateId> {
        let body = serde_json::to_value(template)?;
        let result = match id {
            Some(id) => self
                .exec(
                    &self.db,
                    "UPDATE requisition_templates SET name = $1, body = $2, updated_at = $3 WHERE id = $4",
                    [template.name.clone().into(), body.into(), now().into(), id.0.into()],
                )
                .await
                .and_then(|n| if n == 0 { Err(StoreError::NotFound("template")) } else { Ok(id) }),
            None => {
                let id = TemplateId::new();
                self.exec(
                    &self.db,
                    "INSERT INTO requisition_templates (id, name, body, updated_at) VALUES ($1, $2, $3, $4)",
                    [id.0.into(), template.name.clone().into(), body.into(), now().into()],
                )
                .await
                .map(|_| id)
            }
        };
        result.map_err(|e| match e {
            StoreError::Conflict(_) => hired_domain::Invalid::field("name", "a template with this name exists").into(),
            other => other,
        })
    }

    /// The reasons offered when rejecting, in order.
    pub async fn rejection_reasons(&self) -> StoreResult<Vec<String>> {
        #[derive(FromQueryResult)]
        struct Reason {
            label: String,
        }
        let rows: Vec<Reason> =
            self.fetch_all(&self.db, "SELECT label FROM rejection_reasons ORDER BY position, label", []).await?;
        Ok(rows.into_iter().map(|r| r.label).collect())
    }
}
