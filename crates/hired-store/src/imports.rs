//! Bulk import of resumes already read into profiles (`hired import resumes`, and the
//! `resume.import` job behind the upload page and the API): each becomes a candidate — or is
//! merged into the existing one with the same email or phone — with its file and profile, all
//! or nothing per resume. The same file imported again for the same person refreshes their
//! profile but stays one attachment.

use futures_util::StreamExt;
use hired_domain::candidate::CandidateDetails;
use hired_domain::user::User;
use hired_domain::{CandidateId, Invalid};
use sea_orm::ConnectionTrait;
use serde::Serialize;

use crate::apply::Upload;
use crate::clock::now;
use crate::files::check_resume;
use crate::profiles::ReadResume;
use crate::{Store, StoreError, StoreResult};

/// Files written at once by a bulk import: enough to overlap their flushes to disk.
const FILES_AT_ONCE: usize = 16;

/// What importing one resume did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportOutcome {
    /// A new candidate.
    Created(CandidateId),
    /// Added to the candidate with the same email or phone.
    Merged(CandidateId),
}

/// One resume, read, ready to import.
#[derive(Debug, Clone)]
pub struct ImportedResume<'a> {
    /// The person's details from the profile.
    pub details: CandidateDetails,
    /// The file, kept as an attachment.
    pub file: Upload,
    /// What was read.
    pub read: ReadResume<'a>,
    /// How long reading took.
    pub parse_ms: i64,
}

impl Store {
    /// Imports one resume (see the module docs).
    pub async fn import_resume(&self, actor: Option<&User>, resume: ImportedResume<'_>) -> StoreResult<ImportOutcome> {
        let (content_type, sha256) = self.keep_file(&resume).await?;
        for _ in 0..3 {
            let txn = self.write_txn().await?;
            match self.import_in(&txn, actor, &resume, content_type, &sha256).await {
                Err(StoreError::Invalid(_)) => continue,
                Err(e) => return Err(e),
                Ok(outcome) => {
                    txn.commit().await?;
                    return Ok(outcome);
                }
            }
        }
        Err(raced())
    }

    /// Imports many resumes with one commit, each still all or nothing (a savepoint of its
    /// own): for bulk loads, where a durable commit per resume is what takes the time. The
    /// files are written first, several at once. One result per resume, in order.
    pub async fn import_resumes(
        &self,
        actor: Option<&User>,
        resumes: &[ImportedResume<'_>],
    ) -> StoreResult<Vec<StoreResult<ImportOutcome>>> {
        let files: Vec<_> = futures_util::stream::iter(resumes.iter().map(|r| self.keep_file(r)))
            .buffered(FILES_AT_ONCE)
            .collect()
            .await;
        let txn = self.write_txn().await?;
        let mut outcomes = Vec::with_capacity(resumes.len());
        for (resume, file) in resumes.iter().zip(files) {
            let outcome = match file {
                Err(e) => Err(e),
                Ok((content_type, sha256)) => {
                    let mut outcome = Err(raced());
                    for _ in 0..3 {
                        let savepoint = txn.savepoint().await?;
                        outcome = self.import_in(&savepoint, actor, resume, content_type, &sha256).await;
                        match outcome {
                            Err(StoreError::Invalid(_)) => continue,
                            Err(_) => break,
                            Ok(_) => {
                                savepoint.commit().await?;
                                break;
                            }
                        }
                    }
                    outcome
                }
            };
            outcomes.push(outcome);
        }
        txn.commit().await?;
        Ok(outcomes)
    }

    /// Checks the resume's file and keeps it, returning its type and digest.
    async fn keep_file(&self, resume: &ImportedResume<'_>) -> StoreResult<(&'static str, String)> {
        let content_type = check_resume(&resume.file.bytes).map_err(|e| Invalid::field("file", e))?;
        Ok((content_type, self.files.put(&resume.file.bytes).await?))
    }

    /// The candidate, attachment and profile rows of one import, inside `conn`'s transaction.
    /// `Invalid` when someone else created the same person meanwhile: run it again.
    async fn import_in(
        &self,
        conn: &impl ConnectionTrait,
        actor: Option<&User>,
        resume: &ImportedResume<'_>,
        content_type: &str,
        sha256: &str,
    ) -> StoreResult<ImportOutcome> {
        let at = now();
        let (candidate, outcome) = match self.find_applicant(conn, &resume.details).await? {
            Some(existing) => {
                self.refresh_applicant(conn, &existing, &resume.details, at).await?;
                let id = existing.id;
                (existing, ImportOutcome::Merged(id))
            }
            None => {
                let created = self.insert_candidate(conn, actor, resume.details.clone(), at).await?;
                let id = created.id;
                (created, ImportOutcome::Created(id))
            }
        };
        let attachment = self.insert_resume(conn, &candidate, None, &resume.file, content_type, sha256, at).await?;
        self.write_profile(conn, candidate.id, attachment, Ok(resume.read), resume.parse_ms).await?;
        Ok(outcome)
    }
}

fn raced() -> StoreError {
    StoreError::Conflict("this person was being imported twice at once; run the import again".into())
}

#[cfg(test)]
mod tests {
    use hired_domain::Email;
    use hired_domain::profile::Profile;
    use hired_domain::user::Role;

    use super::*;
    use crate::store_test;

    fn resume<'a>(profile: &'a Profile, bytes: &[u8]) -> ImportedResume<'a> {
        let details = profile.candidate_details("Import").expect("a name and an email");
        ImportedResume {
            details,
            file: Upload { file_name: "ada.txt".into(), bytes: bytes.to_vec() },
            read: ReadResume { profile, warnings: &[], text: "Ada Lovelace" },
            parse_ms: 5,
        }
    }

    store_test!(the_same_file_imported_twice_is_one_attachment_and_a_fresh_profile, |store: Store| async move {
        let admin =
            store.create_user(&Email::parse("a@example.com").unwrap(), "Admin", Role::Admin, None).await.unwrap();
        let profile =
            Profile { name: Some("Ada Lovelace".into()), emails: vec!["ada@example.com".into()], ..Profile::default() };
        let bytes = b"Ada Lovelace\nada@example.com\n";
        let first = store.import_resume(Some(&admin), resume(&profile, bytes)).await.unwrap();
        let ImportOutcome::Created(id) = first else { panic!("a new candidate: {first:?}") };

        let reread = Profile { headline: Some("Analyst".into()), ..profile.clone() };
        let again = store.import_resume(Some(&admin), resume(&reread, bytes)).await.unwrap();
        assert_eq!(again, ImportOutcome::Merged(id));
        let attachments = store.attachments(id).await.unwrap();
        assert_eq!(attachments.len(), 1, "the same file is not attached twice");
        let stored = store.candidate_profile(id).await.unwrap().expect("a profile");
        assert_eq!(stored.attachment_id, Some(attachments[0].id));
        assert_eq!(stored.profile.and_then(|p| p.headline).as_deref(), Some("Analyst"), "the profile is refreshed");

        let other = store.import_resume(Some(&admin), resume(&profile, b"Ada Lovelace, 2nd edition\n")).await.unwrap();
        assert_eq!(other, ImportOutcome::Merged(id));
        assert_eq!(store.attachments(id).await.unwrap().len(), 2, "a different file is kept beside the first");
    });

    store_test!(a_bulk_import_keeps_each_resume_whole_and_merges_within_the_batch, |store: Store| async move {
        let ada =
            Profile { name: Some("Ada Lovelace".into()), emails: vec!["ada@example.com".into()], ..Profile::default() };
        let grace = Profile {
            name: Some("Grace Hopper".into()),
            emails: vec!["grace@example.com".into()],
            ..Profile::default()
        };
        let binary = ImportedResume {
            file: Upload { file_name: "x.bin".into(), bytes: vec![0, 159, 146, 150, 0, 1] },
            ..resume(&grace, b"")
        };
        let batch = [
            resume(&ada, b"Ada Lovelace\n"),
            binary,
            resume(&ada, b"Ada Lovelace, again\n"),
            resume(&grace, b"Grace\n"),
        ];
        let outcomes = store.import_resumes(None, &batch).await.unwrap();
        let Ok(ImportOutcome::Created(first)) = outcomes[0] else { panic!("a new candidate: {:?}", outcomes[0]) };
        assert!(matches!(outcomes[1], Err(StoreError::Invalid(_))), "a binary file is refused: {:?}", outcomes[1]);
        assert!(matches!(outcomes[2], Ok(ImportOutcome::Merged(id)) if id == first), "{:?}", outcomes[2]);
        let Ok(ImportOutcome::Created(second)) = outcomes[3] else { panic!("a new candidate: {:?}", outcomes[3]) };
        assert_eq!(store.attachments(first).await.unwrap().len(), 2);
        assert_eq!(store.attachments(second).await.unwrap().len(), 1, "the refused file left nothing behind");
    });
}
