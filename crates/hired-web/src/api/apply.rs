//! The public job board API, like the Greenhouse Job Board API: open postings, one posting
//! with its screening questions, and applying to it with a multipart form (the careers
//! site's field names). No token; applying is rate-limited per client address.

use axum::extract::multipart::MultipartRejection;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use hired_domain::Invalid;
use hired_store::{ApplyOutcome, ApplyReceipt, LivePosting};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{PREFIX, created, problem};
use crate::auth::login::ClientAddr;
use crate::careers::apply_read::{MAX_BODY, read_submission};
use crate::error::{AppError, AppResult, Problem};
use crate::state::AppState;

/// Routes under `/board`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/board/postings", get(list_postings))
        .route("/board/postings/{slug}", get(show_posting))
        .route("/board/postings/{slug}/applications", post(apply).layer(DefaultBodyLimit::max(MAX_BODY)))
}

/// An open posting.
#[derive(Debug, Serialize, ToSchema)]
pub struct BoardPosting {
    /// Stable address on the careers site.
    pub slug: String,
    /// Public title.
    pub title: String,
    /// Where the job is: `Berlin, DE`, `Berlin, DE (hybrid)` or `Remote (DE, AT)`.
    pub location: String,
    /// Department, if any.
    pub department: Option<String>,
    /// Remote policy.
    #[schema(schema_with = super::openapi::remote)]
    pub remote: String,
    /// Seniority.
    #[schema(schema_with = super::openapi::level)]
    pub level: String,
    /// Employment type.
    #[schema(schema_with = super::openapi::employment_type)]
    pub employment_type: String,
    /// The posting page.
    pub url: String,
    /// The apply form for people.
    pub apply_url: String,
    /// Last day applications are taken (`YYYY-MM-DD`, UTC).
    pub valid_through: String,
}

/// The open postings.
#[derive(Debug, Serialize, ToSchema)]
pub struct BoardPostingList {
    /// Every open posting, newest first.
    pub items: Vec<BoardPosting>,
}

/// One open posting with what an application to it needs.
#[derive(Debug, Serialize, ToSchema)]
pub struct BoardPostingDetail {
    /// The posting.
    #[serde(flatten)]
    pub posting: BoardPosting,
    /// Description in Markdown.
    pub description: String,
    /// Screening questions; answer each under its `key`.
    pub questions: Vec<BoardQuestion>,
}

/// A screening question.
#[derive(Debug, Serialize, ToSchema)]
pub struct BoardQuestion {
    /// Field name of the answer: `q1`, `q2`, …
    pub key: String,
    /// The question.
    pub prompt: String,
    /// Kind of answer.
    #[schema(schema_with = super::openapi::question_kind)]
    pub kind: String,
    /// Whether an answer is required.
    pub required: bool,
    /// The values a choice question takes (`yes` and `no` for yes/no); send one of them, or
    /// for multiple choice repeat the field once per value.
    pub options: Vec<String>,
}

/// An application as sent: a `multipart/form-data` body with these fields.
#[derive(Debug, Deserialize, ToSchema)]
#[expect(dead_code, reason = "describes the multipart body for the OpenAPI document; read field by field")]
pub struct ApplicationForm {
    /// Full name, on one line.
    pub name: String,
    /// Email; the confirmation goes there. The same email (or else phone) is the same person.
    pub email: String,
    /// Phone.
    pub phone: Option<String>,
    /// City and country.
    pub location: Option<String>,
    /// GitHub profile address or user name.
    pub github: Option<String>,
    /// LinkedIn profile address.
    pub linkedin: Option<String>,
    /// Portfolio address.
    pub portfolio: Option<String>,
    /// The resume: PDF, DOCX or plain text, up to 10 MB, checked by content.
    #[schema(value_type = String, format = Binary)]
    pub resume: Vec<u8>,
    /// Cover letter, up to 10,000 characters.
    pub cover_letter: Option<String>,
    /// `on` (or `true`): the applicant agrees to the processing of the application. Required.
    pub consent: String,
    /// `on` (or `true`): keep the applicant in the talent pool for other jobs.
    pub talent_pool: Option<String>,
    /// What the applicant expects to earn, whole units in the period of the posting's salary
    /// band (`85000`); matching compares it with the band.
    pub salary_expectation: Option<String>,
    /// Its ISO 4217 currency; the band's when absent (then required if the role has no band).
    pub salary_currency: Option<String>,
    /// Tracked channel id of the link the applicant came from.
    pub ch: Option<Uuid>,
    /// Id of the employee who referred the applicant.
    #[serde(rename = "ref")]
    pub referrer: Option<Uuid>,
    /// A key of the client's choosing (also as the `Idempotency-Key` header): a retry with the
    /// same key returns the first result instead of applying twice.
    pub idempotency_key: Option<String>,
    /// Answers to the screening questions go under their keys (`q1`, `q2`, …).
    pub q1: Option<String>,
}

/// What became of an application.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApplicationReceipt {
    /// The application.
    pub application_id: Uuid,
    /// The candidate (an existing one when the person applied before).
    pub candidate_id: Uuid,
    /// Where the application stands: `active`, or `rejected` when a knockout rejected it.
    #[schema(schema_with = super::openapi::application_status)]
    pub status: String,
    /// `false` when a screening knockout failed; `null` without screening questions.
    pub meets_requirements: Option<bool>,
    /// `created`; `replayed` for a retry with the same idempotency key; `already_applied`
    /// when this person had applied to this job (nothing changed).
    pub outcome: String,
}

impl From<ApplyReceipt> for ApplicationReceipt {
    fn from(r: ApplyReceipt) -> Self {
        let outcome = match r.outcome {
            ApplyOutcome::Created => "created",
            ApplyOutcome::Replayed => "replayed",
            ApplyOutcome::AlreadyApplied => "already_applied",
        };
        Self {
            application_id: r.application_id.0,
            candidate_id: r.candidate_id.0,
            status: r.status.as_str().to_owned(),
            meets_requirements: r.meets_requirements,
            outcome: outcome.to_owned(),
        }
    }
}

fn board_posting(state: &AppState, live: &LivePosting) -> BoardPosting {
    let (posting, spec) = (&live.posting, &live.requisition.spec);
    let url = format!("{}/careers/{}", state.config.public_url, posting.slug);
    BoardPosting {
        slug: posting.slug.clone(),
        title: posting.spec.title.clone(),
        location: crate::careers::apply_page::posting_place(&posting.spec, spec.remote),
        department: live.department.clone(),
        remote: spec.remote.as_str().to_owned(),
        level: spec.level.as_str().to_owned(),
        employment_type: spec.employment_type.as_str().to_owned(),
        apply_url: format!("{url}/apply"),
        url,
        valid_through: posting.spec.valid_through.to_string(),
    }
}

/// The open postings.
#[utoipa::path(
    get, operation_id = "list_board_postings", path = "/board/postings", tag = "board", security(()),
    responses((status = 200, description = "Every open posting", body = BoardPostingList))
)]
pub async fn list_postings(State(state): State<AppState>) -> AppResult<Json<BoardPostingList>> {
    let live = state.store.live_postings().await?;
    Ok(Json(BoardPostingList { items: live.iter().map(|l| board_posting(&state, l)).collect() }))
}

/// One open posting with its description and screening questions.
#[utoipa::path(
    get, operation_id = "get_board_posting", path = "/board/postings/{slug}", tag = "board", security(()),
    params(("slug" = String, Path, description = "The posting's slug")),
    responses(
        (status = 200, description = "The posting", body = BoardPostingDetail),
        (status = 404, response = super::openapi::NotFound),
    )
)]
pub async fn show_posting(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> AppResult<Json<BoardPostingDetail>> {
    let live = state.store.live_posting(&slug).await?.ok_or(AppError::NotFound("open posting"))?;
    let form = state.store.screening_form(live.requisition.id).await?;
    let questions = form
        .questions
        .into_iter()
        .map(|q| BoardQuestion {
            options: match q.kind {
                hired_domain::screening::QuestionKind::YesNo => vec!["yes".into(), "no".into()],
                _ => q.options,
            },
            key: q.key,
            prompt: q.prompt,
            kind: q.kind.as_str().to_owned(),
            required: q.required,
        })
        .collect();
    Ok(Json(BoardPostingDetail {
        posting: board_posting(&state, &live),
        description: live.posting.spec.description.clone(),
        questions,
    }))
}

/// Applies to an open posting. The application (and its resume) is committed before the
/// answer is sent; send an idempotency key to retry safely after a lost answer.
#[utoipa::path(
    post, operation_id = "apply_to_board_posting", path = "/board/postings/{slug}/applications", tag = "board",
    security(()),
    params(
        ("slug" = String, Path, description = "The posting's slug"),
        ("Idempotency-Key" = Option<String>, Header, description = "Retry key; overrides the `idempotency_key` field"),
    ),
    request_body(content = ApplicationForm, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "Applied", body = ApplicationReceipt, headers(("Location" = String))),
        (status = 200, description = "A retry with the same key, or this person already applied", body = ApplicationReceipt),
        (status = 400, response = super::openapi::BadRequest),
        (status = 404, response = super::openapi::NotFound),
        (status = 413, description = "The resume is over 10 MB or the body over its limit", body = Problem,
            content_type = "application/problem+json"),
        (status = 422, response = super::openapi::Unprocessable),
        (status = 429, description = "Too many applications from this address; see `Retry-After`", body = Problem,
            content_type = "application/problem+json", headers(("Retry-After" = u64))),
    )
)]
pub async fn apply(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    Path(slug): Path<String>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> AppResult<Response> {
    if let Err(seconds) = state.apply_limiter.check(&addr) {
        let detail = format!("too many applications from your network; try again in {seconds} seconds");
        let mut response =
            problem(StatusCode::TOO_MANY_REQUESTS, "rate-limited", "Too many applications", detail, vec![]);
        response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        return Ok(response);
    }
    let live = state.store.live_posting(&slug).await?.ok_or(AppError::NotFound("open posting"))?;
    let multipart = multipart
        .map_err(|e| AppError::BadRequest(format!("send the application as multipart/form-data: {}", e.body_text())))?;
    let key = match headers.get("idempotency-key").map(HeaderValue::to_str) {
        None => None,
        Some(Ok(key)) => Some(key.trim().to_owned()),
        Some(Err(_)) => return Err(Invalid::field("idempotency_key", "must be printable ASCII").into()),
    };
    let form = state.store.screening_form(live.requisition.id).await?;
    let read = read_submission(multipart, &live.requisition, &form).await?;
    let mut submission = match read.outcome {
        Ok(submission) => submission,
        Err(refused) if refused.status == StatusCode::PAYLOAD_TOO_LARGE => {
            let detail = "the resume must be under 10 MB".to_owned();
            return Ok(problem(refused.status, "too-large", "Too large", detail, refused.errors.errors));
        }
        Err(refused) => return Err(refused.errors.into()),
    };
    if key.is_some() {
        submission.idempotency_key = key;
    }
    let receipt = state.store.submit_application(submission).await?;
    let (outcome, location) = (receipt.outcome, format!("{PREFIX}/applications/{}", receipt.application_id));
    let body = ApplicationReceipt::from(receipt);
    Ok(match outcome {
        ApplyOutcome::Created => created(location, body),
        ApplyOutcome::Replayed | ApplyOutcome::AlreadyApplied => (StatusCode::OK, Json(body)).into_response(),
    })
}
