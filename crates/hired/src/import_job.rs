//! The `resume.import` job: reads one file uploaded for bulk import (through the page or the
//! API) and imports it as a candidate, or merges it into the one with the same email or phone,
//! then records on the upload's item what happened, or the reason people see when it could not
//! be imported (unreadable file, no name, no way to reach the person). A file that cannot be
//! imported is an outcome, not a retried job; only trouble on our side is retried.

use anyhow::{Context, Result};
use hired_store::{
    ImportOutcome, ImportStatus, ImportTask, ImportedResume, Job, ReadResume, Store, StoreError, Upload,
};

use hired_domain::user::User;

use crate::intake::Reader;

/// Imports the item named in `job` (see the module docs).
pub async fn import_item(store: &Store, reader: &Reader, job: &Job) -> Result<()> {
    let id = job
        .payload
        .get("item_id")
        .and_then(|v| v.as_str())
        .and_then(|s| s.parse().ok())
        .context("the job names no import item")?;
    let task = store.import_item(id).await?;
    if task.item.status != ImportStatus::Queued {
        return Ok(());
    }
    match import(store, reader, &task).await {
        Ok(outcome) => Ok(store.finish_import_item(id, outcome).await?),
        Err(error) if job.attempts >= job.max_attempts => {
            let why =
                format!("could not be imported after {} tries; ask an admin to look at the job queue", job.attempts);
            store.finish_import_item(id, Err(why)).await?;
            Err(error)
        }
        Err(error) => Err(error),
    }
}

/// Reads and imports the file: `Ok(Err(reason))` when the file itself is the problem, `Err`
/// when something on our side failed and trying again may help.
async fn import(store: &Store, reader: &Reader, task: &ImportTask) -> Result<Result<ImportOutcome, String>> {
    let item = &task.item;
    let bytes = match store.files().get(&item.sha256).await {
        Ok(bytes) => bytes,
        Err(StoreError::NotFound(_)) => {
            return Ok(Err("the uploaded file is no longer in storage; upload it again".into()));
        }
        Err(e) => return Err(e.into()),
    };
    let file = Upload { file_name: item.file_name.clone(), bytes };
    import_file(store, reader, task.requested_by.as_ref(), file).await
}

/// Reads one resume file and imports it as a candidate (or merges it into the same person):
/// `Ok(Err(reason))` when the file itself cannot be imported, `Err` when something on our
/// side failed. Shared by the `resume.import` job and `hired import resumes`.
pub async fn import_file(
    store: &Store,
    reader: &Reader,
    actor: Option<&User>,
    file: Upload,
) -> Result<Result<ImportOutcome, String>> {
    let reading = reader.read(store, &file.bytes).await?;
    let intake = match reading.result {
        Ok(intake) => intake,
        Err(why) => return Ok(Err(why)),
    };
    let details = match intake.profile.candidate_details("Import") {
        Ok(details) => details,
        Err(why) => return Ok(Err(why)),
    };
    let resume = ImportedResume {
        details,
        file,
        read: ReadResume { profile: &intake.profile, warnings: &intake.warnings, text: &intake.text },
        parse_ms: reading.ms,
    };
    match store.import_resume(actor, resume).await {
        Ok(outcome) => Ok(Ok(outcome)),
        Err(StoreError::Invalid(invalid)) => {
            Ok(Err(invalid.errors.into_iter().map(|e| e.message).collect::<Vec<_>>().join("; ")))
        }
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use hired_domain::Email;
    use hired_domain::user::Role;
    use hired_store::testing::Backend;
    use hired_store::{IMPORT_RESUME_JOB, ImportItem};

    use super::*;
    use crate::intake::{Limits, test_reader};

    fn corpus(path: &str) -> Upload {
        let root = std::env::var("HIRED_CORPUS_DIR").unwrap_or_else(|_| "/work/shared/corpus".into());
        let full = format!("{root}/resumes/{path}");
        let bytes = std::fs::read(&full)
            .unwrap_or_else(|e| panic!("the resume corpus is needed at {full} (set HIRED_CORPUS_DIR): {e}"));
        Upload { file_name: path.rsplit('/').next().unwrap_or(path).into(), bytes }
    }

    /// Runs every queued import job, as the worker would.
    async fn run_queue(store: &Store, reader: &Reader) {
        while let Some(job) = store.claim_job("test", &[IMPORT_RESUME_JOB]).await.unwrap() {
            import_item(store, reader, &job).await.unwrap();
            store.complete_job(job.id).await.unwrap();
        }
    }

    fn item<'a>(items: &'a [ImportItem], file_name: &str) -> &'a ImportItem {
        items.iter().find(|i| i.file_name == file_name).unwrap_or_else(|| panic!("{file_name} in {items:?}"))
    }

    async fn uploads_become_candidates_merges_and_failures_with_reasons(backend: Backend) {
        let t = hired_store::testing::open(backend).await;
        let store = &t.store;
        let reader = test_reader(Limits::default());
        let email = Email::parse("r@example.com").unwrap();
        let recruiter = store.create_user(&email, "Rita Recruiter", Role::Recruiter, None).await.unwrap();
        let broken = Upload { file_name: "broken.pdf".into(), bytes: b"%PDF-1.4\nnot really\n%%EOF\n".to_vec() };
        let files = vec![
            corpus("pdf/002.pdf"),
            corpus("docx/012.docx"),
            corpus("json/001.json"),
            Upload { file_name: "012 again.docx".into(), ..corpus("docx/012.docx") },
            corpus("docx/051.docx"),
            broken,
        ];
        let batch = store.create_import_batch(&recruiter, files).await.unwrap();
        assert_eq!(batch.summary.counts.queued, 6);
        run_queue(store, &reader).await;

        let done = store.import_batch(batch.summary.id).await.unwrap();
        let counts = done.summary.counts;
        assert_eq!((counts.queued, counts.created, counts.merged, counts.failed), (0, 3, 1, 2), "{:?}", done.items);
        for name in ["002.pdf", "012.docx", "001.json"] {
            assert_eq!(item(&done.items, name).status, ImportStatus::Created, "{name}");
        }
        let first = item(&done.items, "012.docx");
        let again = item(&done.items, "012 again.docx");
        assert_eq!((again.status, again.candidate_id), (ImportStatus::Merged, first.candidate_id));
        let candidate = first.candidate_id.expect("the new candidate");
        assert_eq!(store.attachments(candidate).await.unwrap().len(), 1, "the same file is attached once");
        let no_contact = item(&done.items, "051.docx");
        assert!(no_contact.error.as_deref().is_some_and(|e| e.contains("no email or phone")), "{no_contact:?}");
        let unreadable = item(&done.items, "broken.pdf");
        assert!(unreadable.error.as_deref().is_some_and(|e| e.contains("damaged")), "{unreadable:?}");
        assert!(done.items.iter().all(|i| i.finished_at.is_some()));

        let richard = item(&done.items, "002.pdf").candidate_id.expect("a candidate");
        let profile = store.candidate_profile(richard).await.unwrap().expect("the profile is stored");
        assert_eq!(profile.status, "parsed");
        let created = store.candidate(richard).await.unwrap();
        assert_eq!(created.details.source.as_deref(), Some("Import"));
    }

    #[tokio::test]
    async fn uploads_become_candidates_merges_and_failures_with_reasons_on_sqlite() {
        uploads_become_candidates_merges_and_failures_with_reasons(Backend::Sqlite).await;
    }

    #[tokio::test]
    async fn uploads_become_candidates_merges_and_failures_with_reasons_on_postgres() {
        uploads_become_candidates_merges_and_failures_with_reasons(Backend::Postgres).await;
    }

    #[tokio::test]
    async fn an_item_already_finished_is_left_as_it_is() {
        let t = hired_store::testing::open(Backend::Sqlite).await;
        let store = &t.store;
        let email = Email::parse("r@example.com").unwrap();
        let recruiter = store.create_user(&email, "Rita Recruiter", Role::Recruiter, None).await.unwrap();
        let batch = store.create_import_batch(&recruiter, vec![corpus("pdf/002.pdf")]).await.unwrap();
        let id = batch.items[0].id;
        store.finish_import_item(id, Err("stopped by hand".into())).await.unwrap();
        let job = store.claim_job("test", &[IMPORT_RESUME_JOB]).await.unwrap().expect("the queued job");
        import_item(store, &test_reader(Limits::default()), &job).await.unwrap();
        let item = store.import_batch(batch.summary.id).await.unwrap().items.remove(0);
        assert_eq!((item.status, item.error.as_deref()), (ImportStatus::Failed, Some("stopped by hand")));
    }
}
