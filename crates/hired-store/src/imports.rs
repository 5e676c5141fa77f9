//! Bulk import of resumes already read into profiles (`hired import resumes`): each becomes a
//! candidate — or is merged into the existing one with the same email or phone — with its file
//! and profile, all or nothing per resume.

use hired_domain::candidate::CandidateDetails;
use hired_domain::profile::Profile;
use hired_domain::user::User;
use hired_domain::{CandidateId, Invalid};
use serde::Serialize;

use crate::apply::Upload;
use crate::clock::now;
use crate::files::check_resume;
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
    pub profile: &'a Profile,
    /// What to check.
    pub warnings: &'a [String],
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
            self.write_profile(&txn, candidate.id, attachment, Ok((resume.profile, resume.warnings)), resume.parse_ms)
                .await?;
            txn.commit().await?;
            return Ok(outcome);
        }
        Err(StoreError::Conflict("this person was being imported twice at once; run the import again".into()))
    }
}
