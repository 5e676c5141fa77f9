//! Candidate profiles read from resumes: queued for parsing when a resume arrives, stored (or
//! the reason it could not be read) by the job that parsed it. Recruiters' edits live in their
//! own column, which reading a resume again never touches.

use chrono::{DateTime, Utc};
use hired_domain::audit::FieldChange;
use hired_domain::profile::{PartialDate, Profile};
use hired_domain::profile_edits::{EditMark, ProfileEdits, ProfileSection, section_text};
use hired_domain::user::User;
use hired_domain::{AttachmentId, CandidateId};
use sea_orm::{ConnectionTrait, DbBackend, FromQueryResult};
use serde::Serialize;
use uuid::Uuid;

use crate::audit::NewAudit;
use crate::clock::now;
use crate::{Store, StoreError, StoreResult};

/// The job kind that reads a resume into a profile; its payload names the attachment.
pub const PARSE_RESUME_JOB: &str = "resume.parse";

/// Content types intake reads; other attachments (images) are not queued.
const RESUME_TYPES: &[&str] =
    &["application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "text/plain"];

/// Whether an attachment of this (content-decided) type is a resume intake reads.
pub fn is_resume_type(content_type: &str) -> bool {
    RESUME_TYPES.contains(&content_type)
}

/// The status of a profile a recruiter started by hand, before any resume was read.
pub const MANUAL_PROFILE: &str = "manual";

/// Longest resume text kept beside a profile; longer text is cut (the file itself is kept whole).
const MAX_TEXT_CHARS: usize = 200_000;

/// What intake read from one resume, ready to store.
#[derive(Debug, Clone, Copy)]
pub struct ReadResume<'a> {
    /// The fields.
    pub profile: &'a Profile,
    /// What a recruiter should check.
    pub warnings: &'a [String],
    /// The document's plain text, shown beside the profile.
    pub text: &'a str,
}

/// A candidate's profile as intake left it.
#[derive(Debug, Clone, Serialize)]
pub struct StoredProfile {
    /// The resume it was read from (gone if that file was deleted).
    pub attachment_id: Option<Uuid>,
    /// `parsed`, `failed`, or [`MANUAL_PROFILE`] when only edited by hand so far.
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
    /// The resume's plain text, when it was read.
    pub resume_text: Option<String>,
    /// Recruiters' corrections, kept across readings.
    pub edits: ProfileEdits,
}

impl StoredProfile {
    /// The profile to show, export and match on: what was read (if anything), with every edited
    /// section replaced by the edit. `today` ends a current job when edited work is counted.
    pub fn effective(&self, today: PartialDate) -> Profile {
        self.edits.apply(self.profile.as_ref().unwrap_or(&Profile::default()), today)
    }
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
    resume_text: Option<String>,
    edits: Option<serde_json::Value>,
}

/// The parts of a profile an edit reads, locked for the change.
#[derive(FromQueryResult)]
struct EditRow {
    status: String,
    profile: Option<serde_json::Value>,
    edits: Option<serde_json::Value>,
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
        outcome: Result<ReadResume<'_>, &str>,
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
        outcome: Result<ReadResume<'_>, &str>,
        parse_ms: i64,
    ) -> StoreResult<()> {
        let (status, profile, warnings, text, error) = match outcome {
            Ok(read) => {
                let text: String = read.text.chars().take(MAX_TEXT_CHARS).collect();
                ("parsed", Some(serde_json::to_value(read.profile)?), read.warnings.to_vec(), Some(text), None)
            }
            Err(error) => ("failed", None, Vec::new(), None, Some(error.to_owned())),
        };
        self.exec(
            conn,
            "INSERT INTO candidate_profiles
                (candidate_id, attachment_id, status, profile, warnings, error, parse_ms, parsed_at, resume_text)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             ON CONFLICT (candidate_id) DO UPDATE SET attachment_id = excluded.attachment_id, status = excluded.status,
                profile = excluded.profile, warnings = excluded.warnings, error = excluded.error,
                parse_ms = excluded.parse_ms, parsed_at = excluded.parsed_at, resume_text = excluded.resume_text",
            [
                candidate.0.into(),
                attachment.0.into(),
                status.into(),
                profile.into(),
                serde_json::to_value(warnings)?.into(),
                error.into(),
                parse_ms.into(),
                now().into(),
                text.into(),
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
                "SELECT attachment_id, status, profile, warnings, error, parse_ms, parsed_at, resume_text, edits
                 FROM candidate_profiles WHERE candidate_id = $1",
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
                resume_text: r.resume_text,
                edits: r.edits.map(serde_json::from_value).transpose()?.unwrap_or_default(),
            })
        })
        .transpose()
    }

    /// Sets one section of a candidate's profile to what `value` holds (its other sections are
    /// ignored), or with `None` drops the edit so what was read shows again. A candidate whose
    /// resume was not read yet (or who has none) gets a [`MANUAL_PROFILE`] row to hold the edit.
    /// The change and its audit entry commit together.
    pub async fn edit_profile_section(
        &self,
        actor: &User,
        candidate: CandidateId,
        section: ProfileSection,
        value: Option<&Profile>,
    ) -> StoreResult<()> {
        let txn = self.write_txn().await?;
        if value.is_some() {
            self.start_manual_profile(&txn, candidate).await?;
        }
        let lock = if self.backend() == DbBackend::Postgres { " FOR UPDATE" } else { "" };
        let row: Option<EditRow> = self
            .fetch_one(
                &txn,
                &format!("SELECT status, profile, edits FROM candidate_profiles WHERE candidate_id = $1{lock}"),
                [candidate.0.into()],
            )
            .await?;
        let Some(row) = row else { return Ok(()) };
        let parsed: Profile = row.profile.map(serde_json::from_value).transpose()?.unwrap_or_default();
        let mut edits: ProfileEdits = row.edits.map(serde_json::from_value).transpose()?.unwrap_or_default();
        let shown = |edits: &ProfileEdits| match edits.mark(section) {
            Some(_) => section_text(&edits.values, section),
            None => section_text(&parsed, section),
        };
        let before = shown(&edits);
        let action = match value {
            Some(value) => {
                edits.set(section, value, EditMark { by: actor.name.clone(), at: now() });
                "candidate.profile_edit"
            }
            None if edits.revert(section) => "candidate.profile_revert",
            None => return Ok(()),
        };
        let change =
            FieldChange { field: format!("profile.{section}"), before: before.into(), after: shown(&edits).into() };
        if row.status == MANUAL_PROFILE && edits.is_empty() {
            self.exec(&txn, "DELETE FROM candidate_profiles WHERE candidate_id = $1", [candidate.0.into()]).await?;
        } else {
            self.exec(
                &txn,
                "UPDATE candidate_profiles SET edits = $2 WHERE candidate_id = $1",
                [candidate.0.into(), serde_json::to_value(&edits)?.into()],
            )
            .await?;
        }
        let entry = NewAudit {
            actor: Some(actor),
            action,
            entity_type: "candidate",
            entity_id: Some(candidate.0),
            changes: vec![change],
        };
        self.append_audit(&txn, entry).await?;
        txn.commit().await?;
        Ok(())
    }

    /// Adds an empty [`MANUAL_PROFILE`] row for `candidate` unless they have a profile already.
    async fn start_manual_profile(&self, conn: &impl ConnectionTrait, candidate: CandidateId) -> StoreResult<()> {
        self.exec(
            conn,
            "INSERT INTO candidate_profiles (candidate_id, status, warnings, parse_ms, parsed_at)
             VALUES ($1, $2, $3, 0, $4) ON CONFLICT (candidate_id) DO NOTHING",
            [candidate.0.into(), MANUAL_PROFILE.into(), serde_json::json!([]).into(), now().into()],
        )
        .await
        .map_err(|e| match e {
            StoreError::Db(_) => StoreError::NotFound("candidate"),
            other => other,
        })?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use hired_domain::Email;
    use hired_domain::candidate::CandidateDetails;
    use hired_domain::profile::ProfileSkill;
    use hired_domain::user::Role;

    use super::*;
    use crate::{AuditFilter, store_test};

    async fn admin(store: &Store) -> User {
        store.create_user(&Email::parse("a@example.com").unwrap(), "Ada Admin", Role::Admin, None).await.unwrap()
    }

    async fn candidate(store: &Store, actor: &User, email: &str) -> CandidateId {
        let details = CandidateDetails {
            name: "Lee Chen".into(),
            email: Some(Email::parse(email).unwrap()),
            phone: None,
            location: None,
            github: None,
            linkedin: None,
            portfolio: None,
            tags: Vec::new(),
            source: None,
        };
        store.create_candidate(Some(actor), details).await.unwrap().id
    }

    fn read(headline: &str, skill: &str) -> Profile {
        Profile {
            headline: Some(headline.into()),
            skills: vec![ProfileSkill { name: skill.into(), category: "framework".into(), years: None }],
            ..Profile::default()
        }
    }

    async fn save(store: &Store, id: CandidateId, attachment: AttachmentId, profile: &Profile) {
        let read = ReadResume { profile, warnings: &[], text: "Lee Chen" };
        store.save_profile(id, attachment, Ok(read), 3).await.unwrap();
    }

    async fn stored(store: &Store, id: CandidateId) -> StoredProfile {
        store.candidate_profile(id).await.unwrap().expect("a profile row")
    }

    fn today() -> PartialDate {
        PartialDate::new(2026, Some(6)).unwrap()
    }

    store_test!(edits_survive_reading_the_resume_again_and_revert_restores_the_reading, |store: Store| async move {
        let actor = admin(&store).await;
        let id = candidate(&store, &actor, "lee@example.com").await;
        let file = store.add_attachment(&actor, id, "cv.txt", b"Lee Chen, Flask").await.unwrap();
        save(&store, id, AttachmentId(file.id), &read("Backend Engineer", "Flask")).await;
        let edit = Profile { skills: read("", "Django").skills, ..Profile::default() };
        store.edit_profile_section(&actor, id, ProfileSection::Skills, Some(&edit)).await.unwrap();
        let first = stored(&store, id).await;
        assert_eq!(first.effective(today()).skills[0].name, "Django");
        assert_eq!(first.edits.mark(ProfileSection::Skills).unwrap().by, "Ada Admin");

        save(&store, id, AttachmentId(file.id), &read("Staff Engineer", "Go")).await;
        let again = stored(&store, id).await;
        assert_eq!(again.profile.as_ref().unwrap().skills[0].name, "Go", "the new reading is stored");
        let effective = again.effective(today());
        assert_eq!(effective.skills[0].name, "Django", "the edit is kept");
        assert_eq!(effective.headline.as_deref(), Some("Staff Engineer"), "unedited sections show the new reading");

        store.edit_profile_section(&actor, id, ProfileSection::Skills, None).await.unwrap();
        let reverted = stored(&store, id).await;
        assert!(reverted.edits.is_empty());
        assert_eq!(reverted.effective(today()).skills[0].name, "Go");
        assert_eq!(reverted.status, "parsed");

        let filter = AuditFilter { entity_id: Some(id.0), ..AuditFilter::default() };
        let log = store.audit_log(&filter, None, 50).await.unwrap().items;
        let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
        assert!(actions.contains(&"candidate.profile_edit") && actions.contains(&"candidate.profile_revert"));
        let edit_entry = log.iter().find(|e| e.action == "candidate.profile_edit").unwrap();
        assert_eq!(edit_entry.changes[0]["field"], "profile.skills");
        assert_eq!(
            (edit_entry.changes[0]["before"].as_str(), edit_entry.changes[0]["after"].as_str()),
            (Some("Flask"), Some("Django"))
        );
    });

    store_test!(a_candidate_without_a_reading_is_edited_by_hand, |store: Store| async move {
        let actor = admin(&store).await;
        let id = candidate(&store, &actor, "lee@example.com").await;
        store.edit_profile_section(&actor, id, ProfileSection::Headline, None).await.unwrap();
        assert!(store.candidate_profile(id).await.unwrap().is_none(), "reverting nothing writes nothing");

        let edit = Profile { headline: Some("Data Engineer".into()), ..Profile::default() };
        store.edit_profile_section(&actor, id, ProfileSection::Headline, Some(&edit)).await.unwrap();
        let manual = stored(&store, id).await;
        assert_eq!((manual.status.as_str(), manual.profile.is_none()), (MANUAL_PROFILE, true));
        assert_eq!(manual.effective(today()).headline.as_deref(), Some("Data Engineer"));

        let file = store.add_attachment(&actor, id, "cv.txt", b"Lee Chen").await.unwrap();
        store.save_profile(id, AttachmentId(file.id), Err("the file is damaged"), 2).await.unwrap();
        let failed = stored(&store, id).await;
        assert_eq!(failed.status, "failed");
        assert_eq!(
            failed.effective(today()).headline.as_deref(),
            Some("Data Engineer"),
            "a failed reading keeps edits"
        );
        save(&store, id, AttachmentId(file.id), &read("Analyst", "SQL")).await;
        let parsed = stored(&store, id).await;
        assert_eq!(parsed.status, "parsed");
        assert_eq!(parsed.effective(today()).headline.as_deref(), Some("Data Engineer"));

        let other = candidate(&store, &actor, "kim@example.com").await;
        store.edit_profile_section(&actor, other, ProfileSection::Headline, Some(&edit)).await.unwrap();
        store.edit_profile_section(&actor, other, ProfileSection::Headline, None).await.unwrap();
        assert!(store.candidate_profile(other).await.unwrap().is_none(), "a fully reverted manual profile is removed");

        let missing = CandidateId(Uuid::now_v7());
        let err = store.edit_profile_section(&actor, missing, ProfileSection::Headline, Some(&edit)).await.unwrap_err();
        assert!(matches!(err, StoreError::NotFound("candidate")), "{err:?}");
    });
}
