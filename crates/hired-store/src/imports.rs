//! Bulk import of resumes already read into profiles (`hired import resumes`, and the
//! `resume.import` job behind the upload page and the API): each becomes a candidate — or is
//! merged into the existing one with the same email or phone — with its file and profile, all
//! or nothing per resume. The same file imported again for the same person refreshes their
//! profile but stays one attachment.

use hired_domain::candidate::CandidateDetails;
use hired_domain::user::User;
use hired_domain::{CandidateId, Invalid};
use serde::Serialize;

use crate::apply::Upload;
use crate::clock::now;
use crate::files::check_resume;
use crate::profiles::ReadResume;
use crate::{Store, StoreError, StoreResult};

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
        let content_type = check_resume(&resume.file.bytes).map_err(|e| Invalid::field("file", e))?;
        let sha256 = self.files.put(&resume.file.bytes).await?;
        for _ in 0..3 {
            let txn = self.write_txn().await?;
            let at = now();
            let (candidate, outcome) = match self.find_applicant(&txn, &resume.details).await? {
                Some(existing) => {
                    self.refresh_applicant(&txn, &existing, &resume.details, at).await?;
                    let id = existing.id;
                    (existing, ImportOutcome::Merged(id))
                }
                None => match self.insert_candidate(&txn, actor, resume.details.clone(), at).await {
                    Ok(created) => {
                        let id = created.id;
                        (created, ImportOutcome::Created(id))
                    }
                    Err(StoreError::Invalid(_)) => continue,
                    Err(e) => return Err(e),
                },
            };
            let attachment =
                self.insert_resume(&txn, &candidate, None, &resume.file, content_type, &sha256, at).await?;
            self.write_profile(&txn, candidate.id, attachment, Ok(resume.read), resume.parse_ms).await?;
            txn.commit().await?;
            return Ok(outcome);
        }
        Err(StoreError::Conflict("this person was being imported twice at once; run the import again".into()))
    }
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
}
