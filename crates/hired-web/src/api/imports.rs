//! `/api/v1/imports`: bulk resume import, like the `/candidates/import` page. `POST` takes the
//! files and answers `202 Accepted` as soon as they are stored and queued; the job queue reads
//! them. `GET /imports/{id}` tells how far the import got, file by file.

use axum::extract::multipart::MultipartRejection;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use hired_domain::authz::Action;
use hired_store::{ImportBatch, ImportCounts, ImportItem};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{PREFIX, problem};
use crate::auth::{ApiUser, require};
use crate::candidates::import::{MAX_BODY, read_files};
use crate::error::{AppError, AppResult, Problem};
use crate::state::AppState;

/// Routes under `/imports`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/imports", post(create).layer(DefaultBodyLimit::max(MAX_BODY)))
        .route("/imports/{id}", get(show))
}

/// The upload: a `multipart/form-data` body with one `file` field per resume.
#[derive(Debug, Deserialize, ToSchema)]
#[expect(dead_code, reason = "describes the multipart body for the OpenAPI document; read field by field")]
pub struct ImportForm {
    /// The resumes, one `file` field each: PDF, DOCX, plain text or JSON Resume, checked by
    /// content, 10 MB each; up to 500 files and 100 MB in all.
    #[schema(value_type = Vec<String>, format = Binary)]
    pub file: Vec<Vec<u8>>,
}

/// How many files of an import are in each state.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportTotals {
    /// Waiting to be read.
    pub queued: i64,
    /// Became new candidates.
    pub created: i64,
    /// Merged into the existing candidate with the same email or phone.
    pub merged: i64,
    /// Not imported; each file says why.
    pub failed: i64,
    /// Files uploaded.
    pub total: i64,
}

impl From<ImportCounts> for ImportTotals {
    fn from(c: ImportCounts) -> Self {
        Self { total: c.total(), queued: c.queued, created: c.created, merged: c.merged, failed: c.failed }
    }
}

/// One uploaded file.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportFile {
    /// Identity.
    pub id: Uuid,
    /// Place in the upload, from 0.
    pub position: i64,
    /// The name it was sent with.
    pub file_name: String,
    /// Where it stands.
    #[schema(schema_with = super::openapi::import_status)]
    pub status: String,
    /// The candidate it created or was merged into.
    pub candidate_id: Option<Uuid>,
    /// That candidate's name.
    pub candidate_name: Option<String>,
    /// Why it was not imported (`failed` only): what to fix in the file.
    pub error: Option<String>,
    /// When it was done with.
    pub finished_at: Option<DateTime<Utc>>,
}

impl From<ImportItem> for ImportFile {
    fn from(i: ImportItem) -> Self {
        Self {
            id: i.id,
            position: i.position,
            file_name: i.file_name,
            status: i.status.as_str().to_owned(),
            candidate_id: i.candidate_id.map(|c| c.0),
            candidate_name: i.candidate_name,
            error: i.error,
            finished_at: i.finished_at,
        }
    }
}

/// An import with every file.
#[derive(Debug, Serialize, ToSchema)]
pub struct Import {
    /// Identity.
    pub id: Uuid,
    /// Who uploaded it.
    pub created_by: Option<Uuid>,
    /// When.
    pub created_at: DateTime<Utc>,
    /// `true` once no file is queued any more.
    pub done: bool,
    /// Files per state.
    pub counts: ImportTotals,
    /// The files, in upload order.
    pub items: Vec<ImportFile>,
}

impl From<ImportBatch> for Import {
    fn from(b: ImportBatch) -> Self {
        let s = b.summary;
        Self {
            id: s.id,
            created_by: s.created_by.map(|u| u.0),
            created_at: s.created_at,
            done: s.counts.queued == 0,
            counts: s.counts.into(),
            items: b.items.into_iter().map(Into::into).collect(),
        }
    }
}

/// Uploads resumes to import. Files that fail the checks (type, size) are `failed` at once with
/// the reason; the others are `queued` and read in the background: poll the `Location`.
#[utoipa::path(
    post, operation_id = "create_import", path = "/imports", tag = "imports",
    request_body(content = ImportForm, content_type = "multipart/form-data"),
    responses(
        (status = 202, description = "Stored and queued", body = Import, headers(("Location" = String))),
        (status = 400, response = super::openapi::BadRequest),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 403, response = super::openapi::Forbidden),
        (status = 413, description = "The body is over 100 MB", body = Problem,
            content_type = "application/problem+json"),
        (status = 422, response = super::openapi::Unprocessable),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    multipart: Result<Multipart, MultipartRejection>,
) -> AppResult<Response> {
    require(&user, Action::ImportCandidates)?;
    let multipart = multipart
        .map_err(|e| AppError::BadRequest(format!("send the files as multipart/form-data: {}", e.body_text())))?;
    let uploaded = read_files(multipart).await?;
    match uploaded.refusal() {
        Some(refused) if uploaded.too_large => {
            let detail = refused.message_for("files").unwrap_or("the upload is too large").to_owned();
            return Ok(problem(StatusCode::PAYLOAD_TOO_LARGE, "too-large", "Too large", detail, refused.errors));
        }
        Some(refused) => return Err(refused.into()),
        None => {}
    }
    let batch = state.store.create_import_batch(&user, uploaded.files).await?;
    let location = format!("{PREFIX}/imports/{}", batch.summary.id);
    Ok((StatusCode::ACCEPTED, [(header::LOCATION, location)], Json(Import::from(batch))).into_response())
}

/// One import with the state of every file.
#[utoipa::path(
    get, operation_id = "get_import", path = "/imports/{id}", tag = "imports",
    params(("id" = Uuid, Path, description = "Import id")),
    responses(
        (status = 200, description = "The import", body = Import),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 403, response = super::openapi::Forbidden),
        (status = 404, response = super::openapi::NotFound),
    )
)]
pub async fn show(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
) -> AppResult<Json<Import>> {
    require(&user, Action::ImportCandidates)?;
    let id: Uuid = id.parse().map_err(|_| AppError::NotFound("import"))?;
    Ok(Json(state.store.import_batch(id).await?.into()))
}
