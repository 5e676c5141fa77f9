//! Merging two records of the same person into one.

use hired_domain::audit::FieldChange;
use hired_domain::candidate::Candidate;
use hired_domain::user::User;
use hired_domain::{CandidateId, Invalid};
use sea_orm::FromQueryResult;

use crate::audit::NewAudit;
use crate::clock::now;
use crate::{Store, StoreResult};

impl Store {
    /// Moves everything of `duplicate` (applications, notes, files) onto `keep`, fills the
    /// details `keep` lacks from `duplicate`, and deletes `duplicate`; all or nothing, audited.
    /// Refused when both applied to the same requisition: a recruiter must withdraw one first.
    pub async fn merge_candidates(
        &self,
        actor: &User,
        keep: CandidateId,
        duplicate: CandidateId,
    ) -> StoreResult<Candidate> {
        if keep == duplicate {
            return Err(Invalid::field("duplicate", "choose a different candidate to merge").into());
        }
        let txn = self.write_txn().await?;
        let kept = self.candidate_in(&txn, keep).await?;
        let dup = self.candidate_in(&txn, duplicate).await?;
        #[derive(FromQueryResult)]
        struct Shared {
            title: String,
        }
        let shared: Option<Shared> = self
            .fetch_one(
                &txn,
                "SELECT r.title FROM applications a JOIN applications b ON b.requisition_id = a.requisition_id
                 JOIN requisitions r ON r.id = a.requisition_id WHERE a.candidate_id = $1 AND b.candidate_id = $2",
                [keep.0.into(), duplicate.0.into()],
            )
            .await?;
        if let Some(s) = shared {
            return Err(Invalid::field(
                "duplicate",
                format!("both applied to {}; withdraw or remove one of those applications first", s.title),
            )
            .into());
        }
        for table in ["applications", "notes", "attachments"] {
            self.exec(
                &txn,
                &format!("UPDATE {table} SET candidate_id = $1 WHERE candidate_id = $2"),
                [keep.0.into(), duplicate.0.into()],
            )
            .await?;
        }
        self.exec(
            &txn,
            "UPDATE candidates SET talent_pool = (COALESCE(talent_pool, $1) OR $2),
                consent_at = COALESCE(consent_at, (SELECT consent_at FROM candidates WHERE id = $3)) WHERE id = $4",
            [false.into(), self.talent_pool_of(&txn, duplicate).await?.into(), duplicate.0.into(), keep.0.into()],
        )
        .await?;
        self.exec(&txn, "DELETE FROM candidates WHERE id = $1", [duplicate.0.into()]).await?;
        let (a, b) = (&kept.details, &dup.details);
        let mut merged = a.filled_from(b);
        merged.source = a.source.clone().or_else(|| b.source.clone());
        for tag in &b.tags {
            if !merged.tags.contains(tag) {
                merged.tags.push(tag.clone());
            }
        }
        let at = now();
        self.write_candidate_details(&txn, keep, &merged, at, None).await?;
        let mut changes = hired_domain::audit::diff(&serde_json::to_value(a)?, &serde_json::to_value(&merged)?);
        changes.insert(
            0,
            FieldChange {
                field: "merged".into(),
                before: serde_json::json!({ "id": duplicate, "name": b.name, "email": b.email }),
                after: serde_json::json!({ "id": keep, "name": a.name }),
            },
        );
        self.append_audit(
            &txn,
            NewAudit {
                actor: Some(actor),
                action: "candidate.merge",
                entity_type: "candidate",
                entity_id: Some(keep.0),
                changes,
            },
        )
        .await?;
        txn.commit().await?;
        Ok(Candidate { details: merged, updated_at: at, version: kept.version + 1, ..kept })
    }

    async fn talent_pool_of(&self, conn: &impl sea_orm::ConnectionTrait, id: CandidateId) -> StoreResult<bool> {
        #[derive(FromQueryResult)]
        struct Row {
            talent_pool: Option<bool>,
        }
        let row: Option<Row> =
            self.fetch_one(conn, "SELECT talent_pool FROM candidates WHERE id = $1", [id.0.into()]).await?;
        Ok(row.and_then(|r| r.talent_pool).unwrap_or(false))
    }
}
