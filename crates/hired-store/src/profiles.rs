//! Candidate profiles read from resumes: queued for parsing when a resume arrives, stored (or
//! the reason it could not be read) by the job that parsed it.

use chrono::{DateTime, Utc};
use hired_domain::profile::Profile;
use hired_domain::{AttachmentId, CandidateId};
use sea_orm::{ConnectionTrait, FromQueryResult};
use serde::Serialize;
use uuid::Uuid;

use crate::clock::now;
use crate::{Store, StoreResult};

/// The job kind that reads a resume into a profile; its payload names the attachment.
pub const PARSE_RESUME_JOB: &str = "resume.parse";

/// Content types intake reads; other attachments (images) are not queued.
const RESUME_TYPES: &[&str] =
    &["application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "text/plain"];

/// Whether an attachment of this (content-decided) type is a resume intake reads.
pub fn is_resume_type(content_type: &str) -> bool {
    RESUME_TYPES.contains(&content_type)
}

/// A candidate's profile as intake left it.
#[derive(Debug, Clone, Serialize)]
pub struct StoredProfile {
    /// The resume it was read from (gone if that file was deleted).
    pub attachment_id: Option<Uuid>,
    /// `parsed` or `failed`.
    pub status: String,
    /// What was read, when parsed.
    pub profile: Option<Profile>,
    /// What a recruiter should check.
    pub warnings: Vec<String>,
    /// Why it could not be read, when failed.
    pub error: Option<String>,
    /// How long reading took.
    pub parse_ms: i64,
    /// When.
    pub parsed_at: DateTime<Utc>,
}

#[derive(FromQueryResult)]
struct Row {
    attachment_id: Option<Uuid>,
    status: String,
    profile: Option<serde_json::Value>,
    warnings: serde_json::Value,
    error: Option<String>,
    parse_ms: i64,
    parsed_at: DateTime<Utc>,
}

impl Store {
    /// Queues reading `attachment` into a profile, inside the caller's transaction, when it is
    /// a resume format.
    pub(crate) async fn queue_resume_parse(
        &self,
        conn: &impl ConnectionTrait,
        attachment: AttachmentId,
        content_type: &str,
    ) -> StoreResult<()> {
        if is_resume_type(content_type) {
            self.enqueue_job(conn, PARSE_RESUME_JOB, serde_json::json!({ "attachment_id": attachment }), 3).await?;
        }
        Ok(())
    }

    /// Queues reading a resume again (after a failure, or a better parser).
    pub async fn reparse_resume(&self, attachment: AttachmentId) -> StoreResult<()> {
        let a = self.attachment(attachment).await?;
        self.queue_resume_parse(&self.db, attachment, &a.content_type).await
    }

    /// Records what intake read from `attachment` for `candidate`, replacing the previous profile.
    pub async fn save_profile(
        &self,
        candidate: CandidateId,
        attachment: AttachmentId,
        outcome: Result<(&Profile, &[String]), &str>,
        parse_ms: i64,
    ) -> StoreResult<()> {
        let txn = self.write_txn().await?;
        self.write_profile(&txn, candidate, attachment, outcome, parse_ms).await?;
        txn.commit().await?;
        Ok(())
    }

    /// [`Store::save_profile`] inside the caller's transaction.
    pub(crate) async fn write_profile(
        &self,
        conn: &impl ConnectionTrait,
        candidate: CandidateId,
        attachment: AttachmentId,
        outcome: Result<(&Profile, &[String]), &str>,
        parse_ms: i64,
    ) -> StoreResult<()> {
        let (status, profile, warnings, error) = match outcome {
            Ok((profile, warnings)) => ("parsed", Some(serde_json::to_value(profile)?), warnings.to_vec(), None),
            Err(error) => ("failed", None, Vec::new(), Some(error.to_owned())),
        };
        self.exec(
            conn,
            "INSERT INTO candidate_profiles (candidate_id, attachment_id, status, profile, warnings, error, parse_ms, parsed_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT (candidate_id) DO UPDATE SET attachment_id = excluded.attachment_id, status = excluded.status,
                profile = excluded.profile, warnings = excluded.warnings, error = excluded.error,
                parse_ms = excluded.parse_ms, parsed_at = excluded.parsed_at",
            [
                candidate.0.into(),
                attachment.0.into(),
                status.into(),
                profile.into(),
                serde_json::to_value(warnings)?.into(),
                error.into(),
                parse_ms.into(),
                now().into(),
            ],
        )
        .await?;
        Ok(())
    }

    /// A candidate's profile, if a resume of theirs was read.
    pub async fn candidate_profile(&self, candidate: CandidateId) -> StoreResult<Option<StoredProfile>> {
        let row: Option<Row> = self
            .fetch_one(
                &self.db,
                "SELECT attachment_id, status, profile, warnings, error, parse_ms, parsed_at FROM candidate_profiles
                 WHERE candidate_id = $1",
                [candidate.0.into()],
            )
            .await?;
        row.map(|r| {
            Ok(StoredProfile {
                attachment_id: r.attachment_id,
                status: r.status,
                profile: r.profile.map(serde_json::from_value).transpose()?,
                warnings: serde_json::from_value(r.warnings)?,
                error: r.error,
                parse_ms: r.parse_ms,
                parsed_at: r.parsed_at,
            })
        })
        .transpose()
    }
}
