//! The `resume.parse` job: reads an uploaded resume into the candidate's profile, off the
//! request path, within a time limit. A file that cannot be read is recorded as such on the
//! profile (with the reason people see) and the job completes: parsing it again would give the
//! same answer. Recruiters can queue it again from the candidate page.

use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use chrono::Datelike;
use hired_domain::AttachmentId;
use hired_domain::profile::PartialDate;
use hired_store::{Job, Store};

/// Longest a single document may take before it is given up on.
const TIME_LIMIT: Duration = Duration::from_secs(20);

/// This month, which ends the jobs held now when intake counts years of experience.
pub fn this_month() -> Result<PartialDate> {
    let now = chrono::Utc::now();
    PartialDate::new(now.year() as u16, Some(now.month() as u8)).context("the system clock is outside 1950–2100")
}

/// Parses the attachment named in `job` and stores the profile or the reason.
pub async fn parse_resume(store: &Store, job: &Job) -> Result<()> {
    let attachment: AttachmentId = job
        .payload
        .get("attachment_id")
        .and_then(|v| v.as_str())
        .and_then(|s| s.parse().ok())
        .context("the job names no attachment")?;
    let record = store.attachment(attachment).await?;
    let bytes = store.files().get(&record.sha256).await?;
    let today = this_month()?;
    let started = Instant::now();
    let work = tokio::task::spawn_blocking(move || hired_resume::parse_document(&bytes, today));
    let outcome = tokio::time::timeout(TIME_LIMIT, work).await;
    let ms = started.elapsed().as_millis() as i64;
    let candidate = record.candidate_id.into();
    match outcome {
        Ok(Ok(Ok(intake))) => {
            store.save_profile(candidate, attachment, Ok((&intake.profile, &intake.warnings)), ms).await?
        }
        Ok(Ok(Err(unreadable))) => store.save_profile(candidate, attachment, Err(&unreadable.to_string()), ms).await?,
        Ok(Err(panicked)) => {
            store.save_profile(candidate, attachment, Err("the reader failed on this file"), ms).await?;
            tracing::error!(error = %panicked, "resume intake panicked");
        }
        Err(_) => {
            let message = format!("reading took longer than {} s and was given up", TIME_LIMIT.as_secs());
            store.save_profile(candidate, attachment, Err(&message), ms).await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use hired_domain::Email;
    use hired_domain::user::Role;
    use hired_store::PARSE_RESUME_JOB;
    use hired_store::testing::Backend;

    use super::*;

    fn corpus_pdf() -> Vec<u8> {
        let root = std::env::var("HIRED_CORPUS_DIR").unwrap_or_else(|_| "/work/shared/corpus".into());
        let path = format!("{root}/resumes/pdf/002.pdf");
        std::fs::read(&path)
            .unwrap_or_else(|e| panic!("the resume corpus is needed at {path} (set HIRED_CORPUS_DIR): {e}"))
    }

    async fn run_queued(store: &Store) {
        let job = store.claim_job("test", &[PARSE_RESUME_JOB]).await.unwrap().expect("a queued resume.parse job");
        parse_resume(store, &job).await.unwrap();
        store.complete_job(job.id).await.unwrap();
    }

    #[tokio::test]
    async fn an_uploaded_resume_becomes_the_candidates_profile_and_a_bad_one_says_why() {
        let t = hired_store::testing::open(Backend::Sqlite).await;
        let store = &t.store;
        let admin =
            store.create_user(&Email::parse("a@example.com").unwrap(), "Admin", Role::Admin, None).await.unwrap();
        let details = hired_domain::candidate::CandidateDetails {
            name: "Richard B.".into(),
            email: Some(Email::parse("richard@example.com").unwrap()),
            phone: None,
            location: None,
            github: None,
            linkedin: None,
            portfolio: None,
            tags: Vec::new(),
            source: None,
        };
        let candidate = store.create_candidate(Some(&admin), details).await.unwrap();
        assert!(store.candidate_profile(candidate.id).await.unwrap().is_none());

        store.add_attachment(&admin, candidate.id, "cv.pdf", &corpus_pdf()).await.unwrap();
        run_queued(store).await;
        let stored = store.candidate_profile(candidate.id).await.unwrap().expect("a profile");
        assert_eq!(stored.status, "parsed");
        let profile = stored.profile.expect("the fields");
        assert_eq!(profile.emails, vec!["richardb@example.net"]);
        assert!(profile.skills.iter().any(|s| s.name == "Vue.js"), "{:?}", profile.skills);

        store.add_attachment(&admin, candidate.id, "broken.pdf", b"%PDF-1.4\nnot really\n%%EOF\n").await.unwrap();
        run_queued(store).await;
        let stored = store.candidate_profile(candidate.id).await.unwrap().expect("a profile");
        assert_eq!(stored.status, "failed");
        assert!(stored.error.as_deref().is_some_and(|e| e.contains("damaged")), "{:?}", stored.error);
    }
}
