//! Resume imports uploaded through the page or the API: a batch of files, each checked at once
//! and either queued for the `resume.import` job or recorded as failed with the reason; the job
//! then reads the file and records what became of it (a new candidate, a merge, or why not).
//! Uploads are acknowledged as soon as the batch is committed; reading runs in the queue.

use chrono::{DateTime, Utc};
use hired_domain::audit::FieldChange;
use hired_domain::user::User;
use hired_domain::{CandidateId, Invalid, UserId};
use sea_orm::{ConnectionTrait, FromQueryResult};
use serde::Serialize;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::apply::Upload;
use crate::audit::NewAudit;
use crate::clock::{now, uuid_at};
use crate::files::{check_resume, clean_file_name};
use crate::imports::ImportOutcome;
use crate::{Store, StoreError, StoreResult};

/// The job kind that imports one uploaded file; its payload names the item (`item_id`).
pub const IMPORT_RESUME_JOB: &str = "resume.import";

/// Most files one batch takes.
pub const MAX_IMPORT_FILES: usize = 500;

/// Longest failure reason kept on an item.
const MAX_ERROR_CHARS: usize = 1000;

/// Where one uploaded file stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportStatus {
    /// Waiting for the job queue to read it.
    Queued,
    /// Became a new candidate.
    Created,
    /// Added to the existing candidate with the same email or phone.
    Merged,
    /// Not imported; the item says why.
    Failed,
}

impl ImportStatus {
    /// Every status, in the order a file goes through them.
    pub const ALL: &[ImportStatus] =
        &[ImportStatus::Queued, ImportStatus::Created, ImportStatus::Merged, ImportStatus::Failed];

    /// The stable key stored and sent in the API.
    pub fn as_str(self) -> &'static str {
        match self {
            ImportStatus::Queued => "queued",
            ImportStatus::Created => "created",
            ImportStatus::Merged => "merged",
            ImportStatus::Failed => "failed",
        }
    }

    /// What people read.
    pub fn label(self) -> &'static str {
        match self {
            ImportStatus::Queued => "Queued",
            ImportStatus::Created => "New candidate",
            ImportStatus::Merged => "Merged",
            ImportStatus::Failed => "Failed",
        }
    }

    fn parse(raw: &str) -> StoreResult<Self> {
        match raw {
            "queued" => Ok(ImportStatus::Queued),
            "created" => Ok(ImportStatus::Created),
            "merged" => Ok(ImportStatus::Merged),
            "failed" => Ok(ImportStatus::Failed),
            other => Err(StoreError::Corrupt(format!("import item status {other}"))),
        }
    }
}

/// One uploaded file of a batch.
#[derive(Debug, Clone, Serialize)]
pub struct ImportItem {
    /// Identity.
    pub id: Uuid,
    /// The batch.
    pub batch_id: Uuid,
    /// Place in the upload, from 0.
    pub position: i64,
    /// The name the uploader's computer gave it (display only).
    pub file_name: String,
    /// Content address of the file.
    pub sha256: String,
    /// Where it stands.
    pub status: ImportStatus,
    /// The candidate it became or was merged into.
    pub candidate_id: Option<CandidateId>,
    /// That candidate's name.
    pub candidate_name: Option<String>,
    /// Why it was not imported, in words people act on.
    pub error: Option<String>,
    /// When it was done with (at upload for files refused at once).
    pub finished_at: Option<DateTime<Utc>>,
}

/// How many files of a batch are in each state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, FromQueryResult)]
pub struct ImportCounts {
    /// Waiting to be read.
    pub queued: i64,
    /// New candidates.
    pub created: i64,
    /// Merged into existing candidates.
    pub merged: i64,
    /// Not imported.
    pub failed: i64,
}

impl ImportCounts {
    /// Files in the batch.
    pub fn total(&self) -> i64 {
        self.queued + self.created + self.merged + self.failed
    }

    /// Files done with, one way or another.
    pub fn finished(&self) -> i64 {
        self.total() - self.queued
    }

    fn count(&mut self, status: ImportStatus) {
        match status {
            ImportStatus::Queued => self.queued += 1,
            ImportStatus::Created => self.created += 1,
            ImportStatus::Merged => self.merged += 1,
            ImportStatus::Failed => self.failed += 1,
        }
    }
}

/// A batch without its items: who uploaded it, when, and how far it got.
#[derive(Debug, Clone, Serialize)]
pub struct ImportBatchSummary {
    /// Identity.
    pub id: Uuid,
    /// Who uploaded it (gone if the account was deleted).
    pub created_by: Option<UserId>,
    /// Their name.
    pub created_by_name: Option<String>,
    /// When.
    pub created_at: DateTime<Utc>,
    /// Files per state.
    pub counts: ImportCounts,
}

/// A batch with every file, in upload order.
#[derive(Debug, Clone, Serialize)]
pub struct ImportBatch {
    /// Who, when and the counts.
    #[serde(flatten)]
    pub summary: ImportBatchSummary,
    /// The files.
    pub items: Vec<ImportItem>,
}

/// One queued file and who asked for it, for the job that imports it.
#[derive(Debug, Clone)]
pub struct ImportTask {
    /// The file's item.
    pub item: ImportItem,
    /// Who uploaded the batch; the candidates it creates are theirs in the audit log.
    pub requested_by: Option<User>,
}

#[derive(FromQueryResult)]
struct ItemRow {
    id: Uuid,
    batch_id: Uuid,
    position: i64,
    file_name: String,
    sha256: String,
    status: String,
    candidate_id: Option<Uuid>,
    candidate_name: Option<String>,
    error: Option<String>,
    finished_at: Option<DateTime<Utc>>,
}

impl TryFrom<ItemRow> for ImportItem {
    type Error = StoreError;

    fn try_from(r: ItemRow) -> StoreResult<Self> {
        Ok(ImportItem {
            status: ImportStatus::parse(&r.status)?,
            id: r.id,
            batch_id: r.batch_id,
            position: r.position,
            file_name: r.file_name,
            sha256: r.sha256,
            candidate_id: r.candidate_id.map(CandidateId),
            candidate_name: r.candidate_name,
            error: r.error,
            finished_at: r.finished_at,
        })
    }
}

#[derive(FromQueryResult)]
struct BatchRow {
    id: Uuid,
    created_by: Option<Uuid>,
    created_by_name: Option<String>,
    created_at: DateTime<Utc>,
}

#[derive(FromQueryResult)]
struct SummaryRow {
    id: Uuid,
    created_by: Option<Uuid>,
    created_by_name: Option<String>,
    created_at: DateTime<Utc>,
    queued: i64,
    created: i64,
    merged: i64,
    failed: i64,
}

/// Items with the name of their candidate; callers add the `WHERE`.
const ITEMS: &str = "SELECT i.id, i.batch_id, i.position, i.file_name, i.sha256, i.status, i.candidate_id,
    c.name AS candidate_name, i.error, i.finished_at
    FROM import_items i LEFT JOIN candidates c ON c.id = i.candidate_id";

/// A file checked at upload: stored and to be queued, or refused with the reason.
struct Checked {
    file_name: String,
    sha256: String,
    refused: Option<String>,
}

/// The SHA-256 of `bytes` in hex, for a refused file that is not kept.
fn digest(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// A reason cut to what an item keeps.
fn short(reason: &str) -> String {
    reason.chars().take(MAX_ERROR_CHARS).collect()
}

impl Store {
    /// Takes an upload of resumes: every file is checked by its content; good ones are stored
    /// and queued for [`IMPORT_RESUME_JOB`], bad ones recorded as failed with the reason. The
    /// batch, its items, their jobs and the audit entry commit together.
    pub async fn create_import_batch(&self, actor: &User, files: Vec<Upload>) -> StoreResult<ImportBatch> {
        if files.is_empty() {
            return Err(Invalid::field("files", "choose at least one resume to import").into());
        }
        if files.len() > MAX_IMPORT_FILES {
            let message = format!("import at most {MAX_IMPORT_FILES} files at once; this upload has {}", files.len());
            return Err(Invalid::field("files", message).into());
        }
        let mut checked = Vec::with_capacity(files.len());
        for file in files {
            let file_name = clean_file_name(&file.file_name);
            let item = match check_resume(&file.bytes) {
                Ok(_) => Checked { file_name, sha256: self.files.put(&file.bytes).await?, refused: None },
                Err(why) => Checked { file_name, sha256: digest(&file.bytes), refused: Some(why) },
            };
            checked.push(item);
        }
        let txn = self.write_txn().await?;
        let at = now();
        let id = uuid_at(at);
        self.exec(
            &txn,
            "INSERT INTO import_batches (id, created_by, created_at) VALUES ($1, $2, $3)",
            [id.into(), actor.id.0.into(), at.into()],
        )
        .await?;
        for (position, item) in checked.iter().enumerate() {
            self.insert_import_item(&txn, id, position as i64, item, at).await?;
        }
        let refused = checked.iter().filter(|c| c.refused.is_some()).count();
        self.append_audit(
            &txn,
            NewAudit {
                actor: Some(actor),
                action: "import.create",
                entity_type: "import_batch",
                entity_id: Some(id),
                changes: vec![
                    FieldChange { field: "files".into(), before: serde_json::Value::Null, after: checked.len().into() },
                    FieldChange { field: "refused".into(), before: serde_json::Value::Null, after: refused.into() },
                ],
            },
        )
        .await?;
        txn.commit().await?;
        self.import_batch(id).await
    }

    /// One item of a new batch, with its job when the file passed the checks.
    async fn insert_import_item(
        &self,
        conn: &impl ConnectionTrait,
        batch: Uuid,
        position: i64,
        item: &Checked,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        let id = Uuid::now_v7();
        let (status, finished_at) = match item.refused {
            Some(_) => (ImportStatus::Failed, Some(at)),
            None => (ImportStatus::Queued, None),
        };
        self.exec(
            conn,
            "INSERT INTO import_items (id, batch_id, position, file_name, sha256, status, error, finished_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            [
                id.into(),
                batch.into(),
                position.into(),
                item.file_name.clone().into(),
                item.sha256.clone().into(),
                status.as_str().into(),
                item.refused.as_deref().map(short).into(),
                finished_at.into(),
            ],
        )
        .await?;
        if item.refused.is_none() {
            self.enqueue_job(conn, IMPORT_RESUME_JOB, serde_json::json!({ "item_id": id }), 3).await?;
        }
        Ok(())
    }

    /// A batch with its files in upload order and the count in each state.
    pub async fn import_batch(&self, id: Uuid) -> StoreResult<ImportBatch> {
        let batch: BatchRow = self
            .fetch_one(
                &self.db,
                "SELECT b.id, b.created_by, u.name AS created_by_name, b.created_at
                 FROM import_batches b LEFT JOIN users u ON u.id = b.created_by WHERE b.id = $1",
                [id.into()],
            )
            .await?
            .ok_or(StoreError::NotFound("import"))?;
        let rows: Vec<ItemRow> = self
            .fetch_all(&self.db, &format!("{ITEMS} WHERE i.batch_id = $1 ORDER BY i.position"), [id.into()])
            .await?;
        let items = rows.into_iter().map(ImportItem::try_from).collect::<StoreResult<Vec<_>>>()?;
        let mut counts = ImportCounts::default();
        for item in &items {
            counts.count(item.status);
        }
        let summary = ImportBatchSummary {
            id: batch.id,
            created_by: batch.created_by.map(UserId),
            created_by_name: batch.created_by_name,
            created_at: batch.created_at,
            counts,
        };
        Ok(ImportBatch { summary, items })
    }

    /// The newest batches with their counts, at most `limit`.
    pub async fn recent_import_batches(&self, limit: u64) -> StoreResult<Vec<ImportBatchSummary>> {
        let sql = format!(
            "SELECT b.id, b.created_by, u.name AS created_by_name, b.created_at,
                COUNT(CASE WHEN i.status = 'queued' THEN 1 END) AS queued,
                COUNT(CASE WHEN i.status = 'created' THEN 1 END) AS created,
                COUNT(CASE WHEN i.status = 'merged' THEN 1 END) AS merged,
                COUNT(CASE WHEN i.status = 'failed' THEN 1 END) AS failed
             FROM import_batches b
             LEFT JOIN users u ON u.id = b.created_by
             LEFT JOIN import_items i ON i.batch_id = b.id
             GROUP BY b.id, b.created_by, u.name, b.created_at
             ORDER BY b.created_at DESC, b.id DESC LIMIT {limit}"
        );
        let rows: Vec<SummaryRow> = self.fetch_all(&self.db, &sql, []).await?;
        Ok(rows
            .into_iter()
            .map(|r| ImportBatchSummary {
                id: r.id,
                created_by: r.created_by.map(UserId),
                created_by_name: r.created_by_name,
                created_at: r.created_at,
                counts: ImportCounts { queued: r.queued, created: r.created, merged: r.merged, failed: r.failed },
            })
            .collect())
    }

    /// A file to import and who uploaded it, for the job.
    pub async fn import_item(&self, id: Uuid) -> StoreResult<ImportTask> {
        let row: ItemRow = self
            .fetch_one(&self.db, &format!("{ITEMS} WHERE i.id = $1"), [id.into()])
            .await?
            .ok_or(StoreError::NotFound("import item"))?;
        let item = ImportItem::try_from(row)?;
        #[derive(FromQueryResult)]
        struct Creator {
            created_by: Option<Uuid>,
        }
        let creator: Option<Creator> = self
            .fetch_one(&self.db, "SELECT created_by FROM import_batches WHERE id = $1", [item.batch_id.into()])
            .await?;
        let requested_by = match creator.and_then(|c| c.created_by) {
            Some(user) => Some(self.user(UserId(user)).await?),
            None => None,
        };
        Ok(ImportTask { item, requested_by })
    }

    /// Records what became of a file: the candidate it created or was merged into, or why it
    /// was not imported.
    pub async fn finish_import_item(&self, id: Uuid, outcome: Result<ImportOutcome, String>) -> StoreResult<()> {
        let (status, candidate, error) = match outcome {
            Ok(ImportOutcome::Created(c)) => (ImportStatus::Created, Some(c.0), None),
            Ok(ImportOutcome::Merged(c)) => (ImportStatus::Merged, Some(c.0), None),
            Err(why) => (ImportStatus::Failed, None, Some(short(&why))),
        };
        let changed = self
            .exec(
                &self.db,
                "UPDATE import_items SET status = $1, candidate_id = $2, error = $3, finished_at = $4 WHERE id = $5",
                [status.as_str().into(), candidate.into(), error.into(), now().into(), id.into()],
            )
            .await?;
        if changed == 0 { Err(StoreError::NotFound("import item")) } else { Ok(()) }
    }
}

#[cfg(test)]
mod tests {
    use hired_domain::Email;
    use hired_domain::user::Role;

    use super::*;
    use crate::store_test;

    fn upload(file_name: &str, bytes: &[u8]) -> Upload {
        Upload { file_name: file_name.into(), bytes: bytes.to_vec() }
    }

    async fn recruiter(store: &Store) -> User {
        store
            .create_user(&Email::parse("r@example.com").unwrap(), "Rita Recruiter", Role::Recruiter, None)
            .await
            .unwrap()
    }

    store_test!(good_files_are_queued_and_bad_ones_fail_at_once_with_the_reason, |store: Store| async move {
        let actor = recruiter(&store).await;
        let files =
            vec![upload("ada.txt", b"Ada Lovelace\nada@example.com\n"), upload("../tool.exe", b"\x7fELF\x00\x01")];
        let batch = store.create_import_batch(&actor, files).await.unwrap();
        assert_eq!(batch.summary.counts, ImportCounts { queued: 1, failed: 1, ..ImportCounts::default() });
        assert_eq!(batch.summary.created_by_name.as_deref(), Some("Rita Recruiter"));
        let [good, bad] = &batch.items[..] else { panic!("two items: {:?}", batch.items) };
        assert_eq!((good.position, good.status, good.file_name.as_str()), (0, ImportStatus::Queued, "ada.txt"));
        assert_eq!((bad.status, bad.file_name.as_str()), (ImportStatus::Failed, "tool.exe"));
        assert_eq!(bad.error.as_deref(), Some("upload a PDF, DOCX or plain text file"));
        assert!(bad.finished_at.is_some() && good.finished_at.is_none());
        assert_eq!(store.files().get(&good.sha256).await.unwrap(), b"Ada Lovelace\nada@example.com\n");
        assert!(store.files().get(&bad.sha256).await.is_err(), "a refused file is not kept");

        let job = store.claim_job("test", &[IMPORT_RESUME_JOB]).await.unwrap().expect("one job for the good file");
        assert_eq!(job.payload["item_id"], serde_json::json!(good.id));
        assert!(store.claim_job("test", &[IMPORT_RESUME_JOB]).await.unwrap().is_none(), "none for the bad one");
        let task = store.import_item(good.id).await.unwrap();
        assert_eq!(task.requested_by.map(|u| u.id), Some(actor.id));
    });

    store_test!(finished_items_count_as_created_merged_or_failed, |store: Store| async move {
        let actor = recruiter(&store).await;
        let files = (0..3).map(|i| upload(&format!("{i}.txt"), format!("resume {i}").as_bytes())).collect();
        let batch = store.create_import_batch(&actor, files).await.unwrap();
        let candidate = store.create_candidate(Some(&actor), grace()).await.unwrap().id;
        let ids: Vec<Uuid> = batch.items.iter().map(|i| i.id).collect();
        store.finish_import_item(ids[0], Ok(ImportOutcome::Created(candidate))).await.unwrap();
        store.finish_import_item(ids[1], Ok(ImportOutcome::Merged(candidate))).await.unwrap();
        let done = store.import_batch(batch.summary.id).await.unwrap();
        assert_eq!(done.summary.counts, ImportCounts { queued: 1, created: 1, merged: 1, failed: 0 });
        assert_eq!(done.items[1].candidate_id, Some(candidate));
        assert_eq!(done.items[1].candidate_name.as_deref(), Some("Grace Hopper"));
        store.finish_import_item(ids[2], Err("no name found in the resume".into())).await.unwrap();

        let recent = store.recent_import_batches(10).await.unwrap();
        assert_eq!(recent.len(), 1);
        assert_eq!(recent[0].counts, ImportCounts { queued: 0, created: 1, merged: 1, failed: 1 });
        assert_eq!((recent[0].counts.total(), recent[0].counts.finished()), (3, 3));
        let failed = store.import_batch(batch.summary.id).await.unwrap().items.remove(2);
        assert_eq!(failed.error.as_deref(), Some("no name found in the resume"));
        assert!(matches!(
            store.finish_import_item(Uuid::now_v7(), Err("x".into())).await,
            Err(StoreError::NotFound(_))
        ));
    });

    store_test!(an_empty_or_oversized_upload_is_refused_and_writes_nothing, |store: Store| async move {
        let actor = recruiter(&store).await;
        let Err(StoreError::Invalid(empty)) = store.create_import_batch(&actor, Vec::new()).await else {
            panic!("an empty batch is refused")
        };
        assert_eq!(empty.message_for("files"), Some("choose at least one resume to import"));
        let many = (0..=MAX_IMPORT_FILES).map(|i| upload(&format!("{i}.txt"), b"x")).collect();
        let Err(StoreError::Invalid(too_many)) = store.create_import_batch(&actor, many).await else {
            panic!("501 files are refused")
        };
        assert_eq!(too_many.message_for("files"), Some("import at most 500 files at once; this upload has 501"));
        assert!(store.recent_import_batches(10).await.unwrap().is_empty());
        assert!(matches!(store.import_batch(Uuid::now_v7()).await, Err(StoreError::NotFound("import"))));
    });

    fn grace() -> hired_domain::candidate::CandidateDetails {
        hired_domain::candidate::CandidateDetails {
            name: "Grace Hopper".into(),
            email: Some(Email::parse("grace@example.com").unwrap()),
            phone: None,
            location: None,
            github: None,
            linkedin: None,
            portfolio: None,
            tags: Vec::new(),
            source: None,
        }
    }
}
