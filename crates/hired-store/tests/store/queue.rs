//! The job queue and file storage.

use hired_domain::user::Role;
use hired_store::{JobStatus, Store, store_test};

use crate::{person, user};

store_test!(jobs_are_claimed_once_retried_and_failed_for_good, |store: Store| async move {
    store.enqueue("mail.later", serde_json::json!({})).await.unwrap();
    store.enqueue("test.echo", serde_json::json!({"n": 1})).await.unwrap();
    assert!(store.claim_job("w1", &["test.other"]).await.unwrap().is_none(), "only the kinds asked for");
    let job = store.claim_job("w1", &["test.echo"]).await.unwrap().expect("a due job");
    assert_eq!((job.kind.as_str(), job.attempts), ("test.echo", 1));
    assert!(store.claim_job("w2", &["test.echo"]).await.unwrap().is_none(), "a running job is not claimed twice");
    assert_eq!(store.fail_job(&job, "boom").await.unwrap(), JobStatus::Queued);
    assert!(store.claim_job("w1", &["test.echo"]).await.unwrap().is_none(), "backoff delays the retry");
    let last = hired_store::Job { attempts: job.max_attempts, ..job };
    assert_eq!(store.fail_job(&last, "boom again").await.unwrap(), JobStatus::Failed);
    let failed = store.jobs_with_status(JobStatus::Failed, 10).await.unwrap();
    assert_eq!(failed[0].last_error.as_deref(), Some("boom again"));
    store.retry_job(hired_domain::JobId(failed[0].id)).await.unwrap();
    let again = store.claim_job("w1", &["test.echo"]).await.unwrap().expect("requeued");
    store.complete_job(again.id).await.unwrap();
    let counts = store.job_counts().await.unwrap();
    assert!(counts.contains(&("done".into(), 1)) && counts.contains(&("queued".into(), 1)), "{counts:?}");
});

store_test!(attachments_are_content_addressed_and_checked, |store: Store| async move {
    let admin = user(&store, "admin@example.com", Role::Admin).await;
    let c = store.create_candidate(Some(&admin), person("Ada", "ada@example.com")).await.unwrap();
    let a = store.add_attachment(&admin, c.id, "../../etc/cv.pdf", b"%PDF-1.7 hello").await.unwrap();
    assert_eq!((a.file_name.as_str(), a.content_type.as_str()), ("cv.pdf", "application/pdf"));
    assert_eq!(store.files().get(&a.sha256).await.unwrap(), b"%PDF-1.7 hello");
    let b = store.add_attachment(&admin, c.id, "copy.pdf", b"%PDF-1.7 hello").await.unwrap();
    assert_eq!(a.sha256, b.sha256, "identical content shares an address");
    assert!(store.add_attachment(&admin, c.id, "empty.txt", b"").await.is_err());
    assert!(store.add_attachment(&admin, c.id, "bin.exe", &[0u8, 159, 146, 150]).await.is_err());
    assert!(store.files().get("../../etc/passwd").await.is_err());
    assert_eq!(store.attachments(c.id).await.unwrap().len(), 2);
});
