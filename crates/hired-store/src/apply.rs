//! Taking an application from the careers site or the public API.
//!
//! The resume is written (and synced) before the transaction; the candidate, the
//! application, its attachment, the confirmation email job and the idempotency key commit
//! together. Only after that commit does the caller answer, so whatever the applicant saw
//! confirmed survives a crash, and a retry with the same key returns the same application.

use chrono::{DateTime, Utc};
use hired_domain::audit::FieldChange;
use hired_domain::candidate::{Candidate, CandidateDetails, phone_key};
use hired_domain::money::Money;
use hired_domain::pipeline::ApplicationStatus;
use hired_domain::posting::Applicant;
use hired_domain::screening::ScreeningResult;
use hired_domain::{ApplicationId, AttachmentId, CandidateId, ChannelId, Invalid, RequisitionId, UserId};
use sea_orm::{ConnectionTrait, FromQueryResult, SqlErr};
use serde::Serialize;
use uuid::Uuid;

use crate::applications::{ApplicationOrigin, NewApplication};
use crate::audit::NewAudit;
use crate::clock::{now, uuid_at};
use crate::files::{check_resume, clean_file_name};
use crate::{Store, StoreError, StoreResult};

/// Longest idempotency key accepted.
pub const MAX_IDEMPOTENCY_KEY: usize = 100;

/// A resume as uploaded.
#[derive(Debug, Clone)]
pub struct Upload {
    /// The name the applicant's computer gave it; shown to staff only, never used as a path.
    pub file_name: String,
    /// The content.
    pub bytes: Vec<u8>,
}

/// Everything one application brings.
#[derive(Debug, Clone)]
pub struct Submission {
    /// The requisition applied to.
    pub requisition: RequisitionId,
    /// Who applies.
    pub applicant: Applicant,
    /// Screening answers, already checked against the requisition's form.
    pub screening: Option<ScreeningResult>,
    /// What the applicant expects to earn, in the period of the requisition's band.
    pub salary_expectation: Option<Money>,
    /// When set, an application failing a knockout enters rejected with this reason.
    pub auto_reject_reason: Option<String>,
    /// The resume.
    pub resume: Option<Upload>,
    /// The tracked channel of the apply link; the careers page when absent or unknown.
    pub channel: Option<ChannelId>,
    /// The employee whose referral link was used.
    pub referrer: Option<UserId>,
    /// A client-chosen key: a retry with the same key returns the first result.
    pub idempotency_key: Option<String>,
}

/// What happened to a submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplyOutcome {
    /// A new application was recorded.
    Created,
    /// This person had already applied to this requisition; nothing was added.
    AlreadyApplied,
    /// The same idempotency key was seen before; this is that result.
    Replayed,
}

/// The answer to a submission.
#[derive(Debug, Clone, Serialize)]
pub struct ApplyReceipt {
    /// What happened.
    pub outcome: ApplyOutcome,
    /// The application.
    pub application_id: ApplicationId,
    /// The candidate (existing, when the person applied before).
    pub candidate_id: CandidateId,
    /// Where the application is.
    pub status: ApplicationStatus,
    /// Knockout verdict, when the requisition has screening questions.
    pub meets_requirements: Option<bool>,
}

#[derive(FromQueryResult)]
struct ExistingApplication {
    id: Uuid,
    candidate_id: Uuid,
    status: String,
    meets_requirements: Option<bool>,
}

impl ExistingApplication {
    fn receipt(self, outcome: ApplyOutcome) -> StoreResult<ApplyReceipt> {
        Ok(ApplyReceipt {
            outcome,
            application_id: self.id.into(),
            candidate_id: self.candidate_id.into(),
            status: ApplicationStatus::parse(&self.status).ok_or_else(|| StoreError::Corrupt(self.status.clone()))?,
            meets_requirements: self.meets_requirements,
        })
    }
}

const EXISTING: &str = "SELECT a.id, a.candidate_id, a.status, a.meets_requirements FROM applications a";

/// One attempt's result: done, or lost a race with a concurrent submission and worth retrying.
enum Attempt {
    Done(ApplyReceipt),
    Raced,
}

impl Store {
    /// Records an application (see the module docs for what is guaranteed).
    pub async fn submit_application(&self, sub: Submission) -> StoreResult<ApplyReceipt> {
        if let Some(key) = &sub.idempotency_key {
            if key.is_empty() || key.len() > MAX_IDEMPOTENCY_KEY || key.chars().any(char::is_control) {
                return Err(Invalid::field(
                    "idempotency_key",
                    format!("must be 1 to {MAX_IDEMPOTENCY_KEY} printable characters"),
                )
                .into());
            }
            if let Some(done) = self.replay(&self.db, key).await? {
                return Ok(done);
            }
        }
        let resume = match &sub.resume {
            Some(upload) => {
                let content_type = check_resume(&upload.bytes).map_err(|e| Invalid::field("resume", e))?;
                let sha256 = self.files.put(&upload.bytes).await?;
                Some((content_type, sha256))
            }
            None => None,
        };
        for _ in 0..5 {
            let txn = self.write_txn().await?;
            match self.apply_in(&txn, &sub, resume.as_ref()).await {
                Ok(Attempt::Done(receipt)) => {
                    if receipt.outcome == ApplyOutcome::Created {
                        txn.commit().await?;
                    }
                    return Ok(receipt);
                }
                Ok(Attempt::Raced) => continue,
                Err(StoreError::Db(e)) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => continue,
                Err(e) => return Err(e),
            }
        }
        Err(StoreError::Conflict("too many applications at once for this person; try again".into()))
    }

    async fn replay(&self, conn: &impl ConnectionTrait, key: &str) -> StoreResult<Option<ApplyReceipt>> {
        let row: Option<ExistingApplication> = self
            .fetch_one(
                conn,
                &format!("{EXISTING} JOIN idempotency_keys k ON k.application_id = a.id WHERE k.idem_key = $1"),
                [key.into()],
            )
            .await?;
        row.map(|r| r.receipt(ApplyOutcome::Replayed)).transpose()
    }

    async fn apply_in(
        &self,
        txn: &crate::sql::WriteTxn,
        sub: &Submission,
        resume: Option<&(&'static str, String)>,
    ) -> StoreResult<Attempt> {
        if let Some(key) = &sub.idempotency_key
            && let Some(done) = self.replay(txn, key).await?
        {
            return Ok(Attempt::Done(done));
        }
        let req = self.requisition_in(txn, sub.requisition).await?;
        let stage =
            req.entry_stage().map_err(|e| Invalid::field("requisition", format!("{e}; applications are closed")))?;
        let at = now();
        let candidate = match self.find_applicant(txn, &sub.applicant.details).await? {
            Some(existing) => {
                let prior: Option<ExistingApplication> = self
                    .fetch_one(
                        txn,
                        &format!("{EXISTING} WHERE a.candidate_id = $1 AND a.requisition_id = $2"),
                        [existing.id.0.into(), sub.requisition.0.into()],
                    )
                    .await?;
                if let Some(prior) = prior {
                    return Ok(Attempt::Done(prior.receipt(ApplyOutcome::AlreadyApplied)?));
                }
                self.refresh_applicant(txn, &existing, &sub.applicant.details, at).await?;
                existing
            }
            None => match self.insert_candidate(txn, None, sub.applicant.details.clone(), at).await {
                Ok(inserted) => inserted,
                Err(StoreError::Invalid(_)) => return Ok(Attempt::Raced),
                Err(e) => return Err(e),
            },
        };
        self.record_consent(txn, candidate.id, sub.applicant.talent_pool, at).await?;
        let (channel_id, source) = self.channel_and_source(txn, sub).await?;
        let failed = sub.screening.as_ref().is_some_and(|s| !s.meets_requirements);
        let origin = ApplicationOrigin {
            channel_id: Some(channel_id),
            referrer_id: sub.referrer,
            screening: sub.screening.clone(),
            cover_letter: sub.applicant.cover_letter.clone(),
            salary_expectation: sub.salary_expectation,
            rejected_reason: if failed { sub.auto_reject_reason.clone() } else { None },
        };
        let new = NewApplication { candidate_id: candidate.id, requisition_id: sub.requisition, source: Some(source) };
        let app = self.insert_application_from(txn, None, &new, &origin, stage, at).await?;
        if let (Some((content_type, sha256)), Some(upload)) = (resume, &sub.resume) {
            let attachment =
                self.insert_resume(txn, &candidate, Some(app.id), upload, content_type, sha256, at).await?;
            self.queue_resume_parse(txn, attachment, content_type).await?;
        }
        self.enqueue_job(txn, "mail.application_received", serde_json::json!({ "application_id": app.id }), 10).await?;
        if let Some(key) = &sub.idempotency_key {
            self.exec(
                txn,
                "INSERT INTO idempotency_keys (idem_key, application_id, created_at) VALUES ($1, $2, $3)",
                [key.clone().into(), app.id.0.into(), at.into()],
            )
            .await?;
        }
        Ok(Attempt::Done(ApplyReceipt {
            outcome: ApplyOutcome::Created,
            application_id: app.id,
            candidate_id: candidate.id,
            status: app.status,
            meets_requirements: sub.screening.as_ref().map(|s| s.meets_requirements),
        }))
    }

    /// The same person is the same email, or else the same phone digits.
    pub(crate) async fn find_applicant(
        &self,
        conn: &impl ConnectionTrait,
        d: &CandidateDetails,
    ) -> StoreResult<Option<Candidate>> {
        #[derive(FromQueryResult)]
        struct Row {
            id: Uuid,
        }
        let mut row: Option<Row> = None;
        if let Some(email) = &d.email {
            row =
                self.fetch_one(conn, "SELECT id FROM candidates WHERE email = $1", [email.to_string().into()]).await?;
        }
        if row.is_none()
            && let Some(phone) = d.phone.as_deref().map(phone_key).filter(|k| k.len() >= 6)
        {
            row = self
                .fetch_one(
                    conn,
                    "SELECT id FROM candidates WHERE phone_key = $1 ORDER BY created_at LIMIT 1",
                    [phone.into()],
                )
                .await?;
        }
        match row {
            Some(r) => Ok(Some(self.candidate_in(conn, r.id.into()).await?)),
            None => Ok(None),
        }
    }

    /// A returning applicant's new details fill what we did not know; nothing known is overwritten.
    pub(crate) async fn refresh_applicant(
        &self,
        conn: &impl ConnectionTrait,
        existing: &Candidate,
        new: &CandidateDetails,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        let old = &existing.details;
        let merged = old.filled_from(new);
        if merged == *old {
            return Ok(());
        }
        self.write_candidate_details(conn, existing.id, &merged, at, None).await?;
        self.append_audit(
            conn,
            NewAudit {
                actor: None,
                action: "candidate.reapply",
                entity_type: "candidate",
                entity_id: Some(existing.id.0),
                changes: hired_domain::audit::diff(&serde_json::to_value(old)?, &serde_json::to_value(&merged)?),
            },
        )
        .await?;
        Ok(())
    }

    async fn record_consent(
        &self,
        conn: &impl ConnectionTrait,
        candidate: CandidateId,
        talent_pool: bool,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        self.exec(
            conn,
            "UPDATE candidates SET consent_at = $1, talent_pool = (COALESCE(talent_pool, $2) OR $2) WHERE id = $3",
            [at.into(), talent_pool.into(), candidate.0.into()],
        )
        .await?;
        Ok(())
    }

    /// The channel to credit (the link's, if it is a known active channel, else the careers
    /// page) and the source label shown on the board.
    async fn channel_and_source(
        &self,
        conn: &impl ConnectionTrait,
        sub: &Submission,
    ) -> StoreResult<(ChannelId, String)> {
        #[derive(FromQueryResult)]
        struct Row {
            id: Uuid,
            name: String,
        }
        let mut row: Option<Row> = None;
        if let Some(channel) = sub.channel {
            row = self
                .fetch_one(conn, "SELECT id, name FROM channels WHERE id = $1 AND active", [channel.0.into()])
                .await?;
        }
        let row = match row {
            Some(row) => row,
            None => {
                let careers = self.careers_channel_in(conn).await?.ok_or(StoreError::NotFound("channel"))?;
                Row { id: careers.id.0, name: careers.spec.name }
            }
        };
        let mut source = row.name;
        if let Some(referrer) = sub.referrer {
            #[derive(FromQueryResult)]
            struct Name {
                name: String,
            }
            let name: Option<Name> =
                self.fetch_one(conn, "SELECT name FROM users WHERE id = $1", [referrer.0.into()]).await?;
            if let Some(n) = name {
                source = format!("{source} · referred by {}", n.name);
            }
        }
        Ok((row.id.into(), source))
    }

    /// Records `upload` (already in the file store under `sha256`) as `candidate`'s resume and
    /// returns its attachment. A resume that comes without an application (an import) and that
    /// the candidate already has, byte for byte, is the attachment they have: importing the same
    /// file again must not list it twice.
    #[expect(clippy::too_many_arguments, reason = "one call site per intake path, each naming every part")]
    pub(crate) async fn insert_resume(
        &self,
        conn: &impl ConnectionTrait,
        candidate: &Candidate,
        application: Option<ApplicationId>,
        upload: &Upload,
        content_type: &str,
        sha256: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<AttachmentId> {
        #[derive(FromQueryResult)]
        struct Existing {
            id: Uuid,
        }
        if application.is_none() {
            let existing: Option<Existing> = self
                .fetch_one(
                    conn,
                    "SELECT id FROM attachments WHERE candidate_id = $1 AND sha256 = $2 ORDER BY created_at, id LIMIT 1",
                    [candidate.id.0.into(), sha256.into()],
                )
                .await?;
            if let Some(existing) = existing {
                return Ok(AttachmentId(existing.id));
            }
        }
        let id = AttachmentId(uuid_at(at));
        let file_name = clean_file_name(&upload.file_name);
        self.exec(
            conn,
            "INSERT INTO attachments (id, candidate_id, application_id, file_name, content_type, size_bytes, sha256,
                uploaded_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, $8)",
            [
                id.0.into(),
                candidate.id.0.into(),
                application.map(|a| a.0).into(),
                file_name.clone().into(),
                content_type.into(),
                (upload.bytes.len() as i64).into(),
                sha256.into(),
                at.into(),
            ],
        )
        .await?;
        self.append_audit(
            conn,
            NewAudit {
                actor: None,
                action: "candidate.attach",
                entity_type: "candidate",
                entity_id: Some(candidate.id.0),
                changes: vec![FieldChange {
                    field: "attachment".into(),
                    before: serde_json::Value::Null,
                    after: file_name.into(),
                }],
            },
        )
        .await?;
        Ok(id)
    }
}
