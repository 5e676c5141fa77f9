//! Screening forms per requisition and saved question sets.

use chrono::{DateTime, Utc};
use hired_domain::audit::diff;
use hired_domain::screening::{ScreeningForm, ScreeningQuestion};
use hired_domain::user::User;
use hired_domain::validation::required_text;
use hired_domain::{Invalid, QuestionSetId, RequisitionId};
use sea_orm::FromQueryResult;
use serde::Serialize;
use uuid::Uuid;

use crate::audit::NewAudit;
use crate::clock::now;
use crate::{Store, StoreError, StoreResult};

/// A named, reusable list of screening questions.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionSet {
    /// Identity.
    pub id: Uuid,
    /// Name, unique.
    pub name: String,
    /// The questions.
    pub questions: Vec<ScreeningQuestion>,
    /// Last saved.
    pub updated_at: DateTime<Utc>,
}

#[derive(FromQueryResult)]
struct SetRow {
    id: Uuid,
    name: String,
    body: serde_json::Value,
    updated_at: DateTime<Utc>,
}

impl Store {
    /// A requisition's screening form; empty when none was saved.
    pub async fn screening_form(&self, requisition: RequisitionId) -> StoreResult<ScreeningForm> {
        #[derive(FromQueryResult)]
        struct Row {
            body: serde_json::Value,
        }
        let row: Option<Row> = self
            .fetch_one(&self.db, "SELECT body FROM screening_forms WHERE requisition_id = $1", [requisition.0.into()])
            .await?;
        Ok(row.map(|r| serde_json::from_value(r.body)).transpose()?.unwrap_or_default())
    }

    /// Replaces a requisition's screening form. Answers already given keep the questions as asked.
    pub async fn save_screening_form(
        &self,
        actor: &User,
        requisition: RequisitionId,
        form: &ScreeningForm,
    ) -> StoreResult<()> {
        let before = self.screening_form(requisition).await?;
        self.requisition(requisition).await?;
        let txn = self.write_txn().await?;
        self.exec(
            &txn,
            "INSERT INTO screening_forms (requisition_id, body, updated_at) VALUES ($1, $2, $3)
             ON CONFLICT (requisition_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
            [requisition.0.into(), serde_json::to_value(form)?.into(), now().into()],
        )
        .await?;
        self.append_audit(
            &txn,
            NewAudit {
                actor: Some(actor),
                action: "requisition.screening",
                entity_type: "requisition",
                entity_id: Some(requisition.0),
                changes: diff(&serde_json::to_value(&before)?, &serde_json::to_value(form)?),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Every saved question set, by name.
    pub async fn question_sets(&self) -> StoreResult<Vec<QuestionSet>> {
        let rows: Vec<SetRow> =
            self.fetch_all(&self.db, "SELECT id, name, body, updated_at FROM question_sets ORDER BY name", []).await?;
        rows.into_iter()
            .map(|r| {
                Ok(QuestionSet {
                    id: r.id,
                    name: r.name,
                    questions: serde_json::from_value(r.body)?,
                    updated_at: r.updated_at,
                })
            })
            .collect()
    }

    /// One saved question set.
    pub async fn question_set(&self, id: QuestionSetId) -> StoreResult<QuestionSet> {
        let row: Option<SetRow> = self
            .fetch_one(&self.db, "SELECT id, name, body, updated_at FROM question_sets WHERE id = $1", [id.0.into()])
            .await?;
        let r = row.ok_or(StoreError::NotFound("question set"))?;
        Ok(QuestionSet { id: r.id, name: r.name, questions: serde_json::from_value(r.body)?, updated_at: r.updated_at })
    }

    /// Saves questions under a name for reuse, replacing a set of the same name.
    pub async fn save_question_set(
        &self,
        actor: &User,
        name: &str,
        questions: &[ScreeningQuestion],
    ) -> StoreResult<QuestionSetId> {
        let name = required_text(name, 100).map_err(|e| Invalid::field("set_name", e))?;
        if questions.is_empty() {
            return Err(Invalid::field("set_name", "there are no questions to save").into());
        }
        let txn = self.write_txn().await?;
        #[derive(FromQueryResult)]
        struct Saved {
            id: Uuid,
        }
        let saved: Option<Saved> = self
            .fetch_one(
                &txn,
                "INSERT INTO question_sets (id, name, body, updated_at) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (name) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at
                 RETURNING id",
                [
                    QuestionSetId::new().0.into(),
                    name.clone().into(),
                    serde_json::to_value(questions)?.into(),
                    now().into(),
                ],
            )
            .await?;
        let id = QuestionSetId(saved.ok_or(StoreError::NotFound("question set"))?.id);
        self.append_audit(
            &txn,
            NewAudit {
                actor: Some(actor),
                action: "question_set.save",
                entity_type: "question_set",
                entity_id: None,
                changes: diff(
                    &serde_json::Value::Null,
                    &serde_json::json!({"name": name, "questions": questions.len()}),
                ),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(id)
    }
}
