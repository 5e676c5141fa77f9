//! Importing resumes in bulk from the browser: `GET /candidates/import` shows the upload form
//! and the recent imports, `POST /candidates/import` takes the files (acknowledged as soon as
//! they are stored and queued; the job queue reads them), and `GET /candidates/import/{batch}`
//! follows one import file by file, refreshing itself while anything is still queued. The API's
//! `POST /api/v1/imports` reads its body with the same [`read_files`].

use askama::Template;
use axum::extract::multipart::MultipartError;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use hired_domain::Invalid;
use hired_domain::authz::Action;
use hired_store::{
    ImportBatch, ImportBatchSummary, ImportCounts, ImportItem, ImportStatus, MAX_ATTACHMENT_BYTES, MAX_IMPORT_FILES,
    StoreError, Upload,
};
use uuid::Uuid;

use super::render_with;
use crate::auth::csrf::constant_time_eq;
use crate::auth::{Staff, require};
use crate::error::{AppError, AppResult};
use crate::forms::FormErrors;
use crate::state::AppState;
use crate::views::{PageCtx, redirect_with, render, when};

/// Largest upload body: many resumes at once, each still at most [`MAX_ATTACHMENT_BYTES`].
pub(crate) const MAX_BODY: usize = 100 * 1024 * 1024;
/// What the upload takes, as people read it.
pub(crate) const LIMITS_HINT: &str =
    "PDF, DOCX, TXT or JSON Resume files, up to 500 at once, 10 MB each and 100 MB in all";
/// Imports listed on the upload page.
const RECENT: u64 = 20;
/// Seconds between refreshes of a batch page while files are queued.
const REFRESH_SECONDS: u32 = 3;

/// The files of an upload, and the page's CSRF token when one was sent.
#[derive(Debug, Default)]
pub(crate) struct Uploaded {
    /// The `csrf` field.
    pub csrf: String,
    /// Every non-empty `file` field, in order. A file over the size limit is cut just past it,
    /// so the store refuses it with the size message without holding all of it.
    pub files: Vec<Upload>,
    /// Files past [`MAX_IMPORT_FILES`], counted but not kept.
    pub over_limit: usize,
    /// The body went over [`MAX_BODY`] and was not read to its end.
    pub too_large: bool,
}

impl Uploaded {
    /// Why the upload as a whole cannot be taken, if it cannot: over the body limit, or too
    /// many files.
    pub(crate) fn refusal(&self) -> Option<Invalid> {
        if self.too_large {
            let message = "this upload is over 100 MB in all; import the files in several smaller batches";
            return Some(Invalid::field("files", message));
        }
        (self.over_limit > 0).then(|| {
            let sent = self.files.len() + self.over_limit;
            let message = format!("import at most {MAX_IMPORT_FILES} files at once; this upload has {sent}");
            Invalid::field("files", message)
        })
    }
}

/// Reads `csrf` and every `file` field of a multipart body.
pub(crate) async fn read_files(mut multipart: Multipart) -> AppResult<Uploaded> {
    let mut uploaded = Uploaded::default();
    loop {
        let mut field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                uploaded.too_large = true;
                break;
            }
            Err(e) => return Err(unreadable(&e)),
        };
        match field.name() {
            Some("csrf") => uploaded.csrf = field.text().await.map_err(|e| unreadable(&e))?,
            Some("file") => {
                let file_name = field.file_name().unwrap_or_default().to_owned();
                let mut bytes = Vec::new();
                loop {
                    match field.chunk().await {
                        Ok(Some(chunk)) if bytes.len() <= MAX_ATTACHMENT_BYTES => bytes.extend_from_slice(&chunk),
                        Ok(Some(_)) => {}
                        Ok(None) => break,
                        Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                            uploaded.too_large = true;
                            return Ok(uploaded);
                        }
                        Err(e) => return Err(unreadable(&e)),
                    }
                }
                bytes.truncate(MAX_ATTACHMENT_BYTES + 1);
                if file_name.is_empty() && bytes.is_empty() {
                    continue;
                }
                if uploaded.files.len() == MAX_IMPORT_FILES {
                    uploaded.over_limit += 1;
                } else {
                    uploaded.files.push(Upload { file_name, bytes });
                }
            }
            _ => {}
        }
    }
    Ok(uploaded)
}

fn unreadable(err: &MultipartError) -> AppError {
    AppError::BadRequest(format!("the upload could not be read: {}", err.body_text()))
}

/// A recent import on the upload page.
struct BatchRow {
    url: String,
    when: String,
    by: String,
    counts: ImportCounts,
}

impl From<ImportBatchSummary> for BatchRow {
    fn from(b: ImportBatchSummary) -> Self {
        BatchRow {
            url: format!("/candidates/import/{}", b.id),
            when: when(&b.created_at),
            by: b.created_by_name.unwrap_or_else(|| "a former user".into()),
            counts: b.counts,
        }
    }
}

#[derive(Template)]
#[template(path = "candidates/import.html")]
struct ImportPage {
    ctx: PageCtx,
    errors: FormErrors,
    hint: &'static str,
    recent: Vec<BatchRow>,
}

impl ImportPage {
    async fn load(state: &AppState, staff: &Staff, errors: FormErrors) -> AppResult<Self> {
        let recent = state.store.recent_import_batches(RECENT).await?;
        Ok(ImportPage {
            ctx: PageCtx::new(staff, "candidates"),
            errors,
            hint: LIMITS_HINT,
            recent: recent.into_iter().map(BatchRow::from).collect(),
        })
    }
}

/// `GET /candidates/import`.
pub(super) async fn form(State(state): State<AppState>, staff: Staff) -> AppResult<Response> {
    require(&staff.user, Action::ImportCandidates)?;
    let page = ImportPage::load(&state, &staff, FormErrors::none()).await?;
    render(&page.ctx, &page)
}

/// `POST /candidates/import`: stores and queues the files, then shows their progress; an empty
/// or oversized upload shows the form again with what to fix.
pub(super) async fn upload(State(state): State<AppState>, staff: Staff, multipart: Multipart) -> AppResult<Response> {
    require(&staff.user, Action::ImportCandidates)?;
    let uploaded = read_files(multipart).await?;
    if !constant_time_eq(uploaded.csrf.as_bytes(), staff.csrf.as_bytes()) {
        return Err(AppError::BadRequest(
            "this form has expired or came from another site; reload the page and try again".into(),
        ));
    }
    let created = match uploaded.refusal() {
        Some(refused) => Err(refused.into()),
        None => state.store.create_import_batch(&staff.user, uploaded.files).await,
    };
    match created {
        Ok(batch) => {
            let files = batch.summary.counts.total();
            let message = format!("Uploaded {files} file{}; reading them now.", if files == 1 { "" } else { "s" });
            Ok(redirect_with(&format!("/candidates/import/{}", batch.summary.id), "success", &message))
        }
        Err(StoreError::Invalid(invalid)) => {
            let page = ImportPage::load(&state, &staff, invalid.into()).await?;
            render_with(StatusCode::UNPROCESSABLE_ENTITY, &page.ctx, &page)
        }
        Err(other) => Err(other.into()),
    }
}

/// One file's row on the batch page.
struct ItemRow {
    position: i64,
    file_name: String,
    status: &'static str,
    badge: &'static str,
    candidate: Option<(String, String)>,
    error: String,
}

impl From<ImportItem> for ItemRow {
    fn from(item: ImportItem) -> Self {
        let badge = match item.status {
            ImportStatus::Queued => "badge-draft",
            ImportStatus::Created => "badge-open",
            ImportStatus::Merged => "badge-filled",
            ImportStatus::Failed => "badge-rejected",
        };
        let candidate = item
            .candidate_id
            .map(|id| (format!("/candidates/{id}"), item.candidate_name.unwrap_or_else(|| "Open candidate".into())));
        ItemRow {
            position: item.position + 1,
            file_name: item.file_name,
            status: item.status.label(),
            badge,
            candidate,
            error: item.error.unwrap_or_default(),
        }
    }
}

#[derive(Template)]
#[template(path = "candidates/import_batch.html")]
struct BatchPage {
    ctx: PageCtx,
    when: String,
    by: String,
    counts: ImportCounts,
    working: bool,
    refresh_seconds: u32,
    items: Vec<ItemRow>,
}

/// `GET /candidates/import/{batch}`.
pub(super) async fn batch(State(state): State<AppState>, staff: Staff, Path(id): Path<String>) -> AppResult<Response> {
    require(&staff.user, Action::ImportCandidates)?;
    let id: Uuid = id.parse().map_err(|_| AppError::NotFound("import"))?;
    let ImportBatch { summary, items } = state.store.import_batch(id).await?;
    let page = BatchPage {
        ctx: PageCtx::new(&staff, "candidates"),
        when: when(&summary.created_at),
        by: summary.created_by_name.unwrap_or_else(|| "a former user".into()),
        working: summary.counts.queued > 0,
        counts: summary.counts,
        refresh_seconds: REFRESH_SECONDS,
        items: items.into_iter().map(ItemRow::from).collect(),
    };
    render(&page.ctx, &page)
}
