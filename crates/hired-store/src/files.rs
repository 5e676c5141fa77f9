//! Files on disk, content-addressed by SHA-256, and their attachment records.
//!
//! A file is written to a temporary name and renamed into place, so a crash
//! never leaves a half-written file under a valid address; identical uploads
//! share one copy.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use hired_domain::user::User;
use hired_domain::{AttachmentId, CandidateId, Invalid};
use sea_orm::FromQueryResult;
use serde::Serialize;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::audit::NewAudit;
use crate::clock::now;
use crate::{Store, StoreError, StoreResult};

/// Largest attachment accepted.
pub const MAX_ATTACHMENT_BYTES: usize = 10 * 1024 * 1024;

/// A directory of content-addressed files.
#[derive(Debug, Clone)]
pub struct FileStore {
    root: PathBuf,
}

/// A file attached to a candidate.
#[derive(Debug, Clone, FromQueryResult, Serialize)]
pub struct Attachment {
    /// Identity.
    pub id: Uuid,
    /// Candidate.
    pub candidate_id: Uuid,
    /// Name as uploaded.
    pub file_name: String,
    /// MIME type, decided from the content.
    pub content_type: String,
    /// Size.
    pub size_bytes: i64,
    /// Content address.
    pub sha256: String,
    /// Uploaded at.
    pub created_at: DateTime<Utc>,
}

impl FileStore {
    /// A store rooted at `root` (created on first write).
    pub fn new(root: PathBuf) -> Self {
        Self { root }
    }

    /// Where files live.
    pub fn root(&self) -> &Path {
        &self.root
    }

    fn path_for(&self, sha256: &str) -> Option<PathBuf> {
        let valid = sha256.len() == 64 && sha256.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase());
        valid.then(|| self.root.join(&sha256[..2]).join(sha256))
    }

    /// Stores `bytes` durably (written and synced before it gets its name) and returns their
    /// SHA-256 (hex).
    pub async fn put(&self, bytes: &[u8]) -> StoreResult<String> {
        let sha: String = Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect();
        let path = self.path_for(&sha).ok_or_else(|| StoreError::Io("bad digest".into()))?;
        if tokio::fs::try_exists(&path).await.unwrap_or(false) {
            return Ok(sha);
        }
        let dir = path.parent().ok_or_else(|| StoreError::Io("bad path".into()))?;
        let io = |e: std::io::Error| StoreError::Io(e.to_string());
        tokio::fs::create_dir_all(dir).await.map_err(io)?;
        let tmp = dir.join(format!(".{sha}.{}", Uuid::now_v7()));
        let mut file = tokio::fs::File::create(&tmp).await.map_err(io)?;
        tokio::io::AsyncWriteExt::write_all(&mut file, bytes).await.map_err(io)?;
        file.sync_all().await.map_err(io)?;
        tokio::fs::rename(&tmp, &path).await.map_err(io)?;
        Ok(sha)
    }

    /// Reads the file with this digest.
    pub async fn get(&self, sha256: &str) -> StoreResult<Vec<u8>> {
        let path = self.path_for(sha256).ok_or(StoreError::NotFound("file"))?;
        tokio::fs::read(&path).await.map_err(|_| StoreError::NotFound("file"))
    }
}

/// The resume formats the apply form takes.
pub const RESUME_TYPES: &str = "PDF, DOCX or plain text";

/// Checks an uploaded resume by its content and structure, never its name or declared type,
/// and returns its MIME type. A ZIP that is not a Word document, a PDF without its trailer,
/// or binary data sent as text is refused with a message saying what is accepted.
pub fn check_resume(bytes: &[u8]) -> Result<&'static str, String> {
    const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    if bytes.is_empty() {
        return Err("the file is empty".into());
    }
    if bytes.len() > MAX_ATTACHMENT_BYTES {
        return Err("files must be under 10 MB".into());
    }
    match sniff_content_type(bytes) {
        Some("application/pdf") => {
            let tail = &bytes[bytes.len().saturating_sub(2048)..];
            if tail.windows(5).any(|w| w == b"%%EOF") {
                Ok("application/pdf")
            } else {
                Err("this PDF is incomplete or damaged; export it again and retry".into())
            }
        }
        Some("application/zip") => {
            if is_word_document(bytes) {
                Ok(DOCX)
            } else {
                Err(format!("this file is an archive, not a resume; upload a {RESUME_TYPES} file"))
            }
        }
        Some("text/plain") if !bytes.contains(&0) => Ok("text/plain"),
        _ => Err(format!("upload a {RESUME_TYPES} file")),
    }
}

/// A Word document is a ZIP with the OOXML content types and a main document part, and no
/// entry that would escape a folder if it were extracted.
fn is_word_document(bytes: &[u8]) -> bool {
    let Ok(archive) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return false;
    };
    let Ok(names) = archive.file_names().collect::<Result<Vec<_>, _>>() else {
        return false;
    };
    let safe = names.iter().all(|n| !n.starts_with('/') && !n.split(['/', '\\']).any(|part| part == ".."));
    let has = |wanted: &str| names.iter().any(|n| n == wanted);
    safe && has("[Content_Types].xml") && has("word/document.xml")
}

/// A file name safe to show and to send back in `Content-Disposition`: no folders, no
/// control characters or quotes, at most 200 characters.
pub fn clean_file_name(raw: &str) -> String {
    let name: String = raw
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_control() && *c != '"')
        .take(200)
        .collect();
    let name = name.trim().trim_start_matches('.').to_owned();
    if name.is_empty() { "file".into() } else { name }
}

/// Decides a file's type from its first bytes, never from its name.
pub fn sniff_content_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(b"PK\x03\x04") {
        Some("application/zip")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(b"\xff\xd8\xff") {
        Some("image/jpeg")
    } else if std::str::from_utf8(bytes).is_ok() {
        Some("text/plain")
    } else {
        None
    }
}

impl Store {
    /// Saves an uploaded file for a candidate, checked by size and content.
    pub async fn add_attachment(
        &self,
        actor: &User,
        candidate: CandidateId,
        file_name: &str,
        bytes: &[u8],
    ) -> StoreResult<Attachment> {
        if bytes.is_empty() {
            return Err(Invalid::field("file", "the file is empty").into());
        }
        if bytes.len() > MAX_ATTACHMENT_BYTES {
            return Err(Invalid::field("file", "files must be under 10 MB").into());
        }
        let content_type = match check_resume(bytes) {
            Ok(resume) => resume,
            Err(_) => sniff_content_type(bytes)
                .ok_or_else(|| Invalid::field("file", "attach a PDF, DOCX, text or image file"))?,
        };
        let file_name = clean_file_name(file_name);
        self.candidate(candidate).await?;
        let sha256 = self.files.put(bytes).await?;
        let a = Attachment {
            id: AttachmentId::new().0,
            candidate_id: candidate.0,
            file_name,
            content_type: content_type.into(),
            size_bytes: bytes.len() as i64,
            sha256,
            created_at: now(),
        };
        let txn = self.write_txn().await?;
        self.exec(
            &txn,
            "INSERT INTO attachments (id, candidate_id, file_name, content_type, size_bytes, sha256, uploaded_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            [
                a.id.into(),
                a.candidate_id.into(),
                a.file_name.clone().into(),
                a.content_type.clone().into(),
                a.size_bytes.into(),
                a.sha256.clone().into(),
                actor.id.0.into(),
                a.created_at.into(),
            ],
        )
        .await?;
        self.queue_resume_parse(&txn, AttachmentId(a.id), &a.content_type).await?;
        self.append_audit(
            &txn,
            NewAudit {
                actor: Some(actor),
                action: "candidate.attach",
                entity_type: "candidate",
                entity_id: Some(candidate.0),
                changes: vec![hired_domain::audit::FieldChange {
                    field: "attachment".into(),
                    before: serde_json::Value::Null,
                    after: a.file_name.clone().into(),
                }],
            },
        )
        .await?;
        txn.commit().await?;
        Ok(a)
    }

    /// A candidate's attachments, newest first.
    pub async fn attachments(&self, candidate: CandidateId) -> StoreResult<Vec<Attachment>> {
        self.fetch_all(
            &self.db,
            "SELECT id, candidate_id, file_name, content_type, size_bytes, sha256, created_at FROM attachments
             WHERE candidate_id = $1 ORDER BY created_at DESC",
            [candidate.0.into()],
        )
        .await
    }

    /// One attachment's record.
    pub async fn attachment(&self, id: AttachmentId) -> StoreResult<Attachment> {
        let row: Option<Attachment> = self
            .fetch_one(
                &self.db,
                "SELECT id, candidate_id, file_name, content_type, size_bytes, sha256, created_at FROM attachments WHERE id = $1",
                [id.0.into()],
            )
            .await?;
        row.ok_or(StoreError::NotFound("attachment"))
    }
}
