//! Candidate files: `POST /candidates/{id}/attachments` takes a multipart
//! upload (checked by size and content in the store), and
//! `GET /candidates/{id}/attachments/{attachment_id}` hands it back as a download.

use axum::extract::multipart::MultipartError;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use hired_domain::authz::Action;
use hired_domain::{AttachmentId, Invalid};
use hired_store::{Attachment, MAX_ATTACHMENT_BYTES, StoreError};

use super::candidate_id;
use super::show::ShowPage;
use crate::auth::csrf::constant_time_eq;
use crate::auth::{Staff, require_on_candidate};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::views::redirect_with;

const TOO_LARGE: &str = "files must be under 10 MB; this one is larger";

/// The fields of the upload form.
#[derive(Default)]
struct Upload {
    csrf: String,
    file_name: String,
    bytes: Vec<u8>,
    too_large: bool,
}

/// Reads the form, stopping as soon as the file passes the size limit.
async fn read_upload(mut multipart: Multipart) -> AppResult<Upload> {
    let mut upload = Upload::default();
    while let Some(mut field) = next_field(&mut multipart, &mut upload).await? {
        match field.name() {
            Some("csrf") => upload.csrf = field.text().await.map_err(unreadable)?,
            Some("file") => {
                upload.file_name = field.file_name().unwrap_or_default().to_owned();
                while let Some(chunk) = field.chunk().await.map_err(unreadable)? {
                    if upload.bytes.len() + chunk.len() > MAX_ATTACHMENT_BYTES {
                        upload.too_large = true;
                        return Ok(upload);
                    }
                    upload.bytes.extend_from_slice(&chunk);
                }
            }
            _ => {}
        }
    }
    Ok(upload)
}

/// The next form field; a body over the route's limit counts as a file too large.
async fn next_field<'a>(
    multipart: &'a mut Multipart,
    upload: &mut Upload,
) -> AppResult<Option<axum::extract::multipart::Field<'a>>> {
    match multipart.next_field().await {
        Ok(field) => Ok(field),
        Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            upload.too_large = true;
            Ok(None)
        }
        Err(e) => Err(unreadable(e)),
    }
}

fn unreadable(err: MultipartError) -> AppError {
    AppError::BadRequest(format!("the upload could not be read: {}", err.body_text()))
}

/// Saves the file and returns to the page, or shows the page again with the error next to the upload.
pub(super) async fn upload(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
    multipart: Multipart,
) -> AppResult<Response> {
    let id = candidate_id(&id)?;
    require_on_candidate(&state, &staff.user, Action::EditCandidate, id).await?;
    let upload = read_upload(multipart).await?;
    if !constant_time_eq(upload.csrf.as_bytes(), staff.csrf.as_bytes()) {
        return Err(AppError::BadRequest(
            "this form has expired or came from another site; reload the page and try again".into(),
        ));
    }
    let saved = if upload.too_large {
        Err(Invalid::field("file", TOO_LARGE).into())
    } else if upload.bytes.is_empty() && upload.file_name.is_empty() {
        Err(Invalid::field("file", "choose a file to upload").into())
    } else {
        state.store.add_attachment(&staff.user, id, &upload.file_name, &upload.bytes).await
    };
    match saved {
        Ok(a) => Ok(redirect_with(
            &format!("/candidates/{id}#attachments"),
            "success",
            &format!("Uploaded {}.", a.file_name),
        )),
        Err(StoreError::Invalid(invalid)) => {
            let mut page = ShowPage::load(&state, &staff, id).await?;
            page.upload_errors = invalid.into();
            page.respond(StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(other) => Err(other.into()),
    }
}

/// Sends an attachment as a download with the type decided from its content at upload.
pub(super) async fn download(
    State(state): State<AppState>,
    staff: Staff,
    Path((id, attachment_id)): Path<(String, String)>,
) -> AppResult<Response> {
    let (attachment, bytes) = visible_file(&state, &staff, &id, &attachment_id).await?;
    let content_type = HeaderValue::from_str(&attachment.content_type)
        .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream"));
    let disposition = HeaderValue::from_str(&content_disposition(&attachment.file_name))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"));
    let headers = [
        (header::CONTENT_TYPE, content_type),
        (header::CONTENT_DISPOSITION, disposition),
        (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
        (header::CACHE_CONTROL, HeaderValue::from_static("private, no-store")),
    ];
    Ok((headers, bytes).into_response())
}

/// An attachment of a candidate the staff member may see, with its bytes.
async fn visible_file(
    state: &AppState,
    staff: &Staff,
    id: &str,
    attachment_id: &str,
) -> AppResult<(Attachment, Vec<u8>)> {
    let id = candidate_id(id)?;
    require_on_candidate(state, &staff.user, Action::ViewCandidate, id).await?;
    let attachment_id: AttachmentId = attachment_id.parse().map_err(|_| AppError::NotFound("attachment"))?;
    let attachment = state.store.attachment(attachment_id).await?;
    if attachment.candidate_id != id.0 {
        return Err(AppError::NotFound("attachment"));
    }
    let bytes = state.store.files().get(&attachment.sha256).await?;
    Ok((attachment, bytes))
}

/// Shows a PDF resume inline, for the viewer beside the parsed profile: only PDFs (whose type
/// was decided from their content), only framed by our own pages, never sniffed.
pub(super) async fn view(
    State(state): State<AppState>,
    staff: Staff,
    Path((id, attachment_id)): Path<(String, String)>,
) -> AppResult<Response> {
    let (attachment, bytes) = visible_file(&state, &staff, &id, &attachment_id).await?;
    if attachment.content_type != "application/pdf" {
        return Err(AppError::NotFound("preview"));
    }
    let headers = [
        (header::CONTENT_TYPE, HeaderValue::from_static("application/pdf")),
        (header::CONTENT_DISPOSITION, HeaderValue::from_static("inline")),
        (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
        (header::X_FRAME_OPTIONS, HeaderValue::from_static("SAMEORIGIN")),
        (header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("default-src 'none'; frame-ancestors 'self'")),
        (header::CACHE_CONTROL, HeaderValue::from_static("private, no-store")),
    ];
    Ok((headers, bytes).into_response())
}

/// `attachment` with the name twice: an ASCII fallback and the exact UTF-8 name (RFC 6266).
fn content_disposition(file_name: &str) -> String {
    let fallback: String = file_name
        .chars()
        .map(|c| if (c.is_ascii_graphic() && c != '"' && c != '\\') || c == ' ' { c } else { '_' })
        .collect();
    let encoded: String = file_name
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::content_disposition;

    #[test]
    fn file_names_cannot_break_out_of_the_header() {
        assert_eq!(
            content_disposition("CV \"Ada\" é.pdf"),
            "attachment; filename=\"CV _Ada_ _.pdf\"; filename*=UTF-8''CV%20%22Ada%22%20%C3%A9.pdf"
        );
    }
}
