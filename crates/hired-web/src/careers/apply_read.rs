//! Reading an application from a multipart body and checking it. The apply form and the
//! public API share this, so both take the same fields, the same limits and the same rules.

use std::collections::BTreeMap;

use axum::extract::Multipart;
use axum::extract::multipart::{Field, MultipartError};
use axum::http::StatusCode;
use hired_domain::money::salary_expectation;
use hired_domain::posting::{Applicant, ApplyInput};
use hired_domain::requisition::Requisition;
use hired_domain::screening::ScreeningForm;
use hired_domain::{ChannelId, Invalid, UserId};
use hired_store::{MAX_ATTACHMENT_BYTES, Submission, Upload, check_resume};
use uuid::Uuid;

use crate::error::AppError;

/// Largest body the apply routes read: the largest resume plus room for the text fields. Under
/// the global 12 MB limit, so the limit applicants meet is this one, with its clear message.
pub(crate) const MAX_BODY: usize = MAX_ATTACHMENT_BYTES + 1024 * 1024;
/// Most bytes read of one text field; longer ones are refused, not read on.
const MAX_FIELD_BYTES: usize = 20 * 1024;
/// Most bytes read of the cover letter (10,000 characters of any script).
const MAX_COVER_LETTER_BYTES: usize = 40 * 1024;
/// Most parts read from one body; a form with every screening question has far fewer.
const MAX_PARTS: usize = 400;
/// The name of the honeypot field people never see.
pub(crate) const HONEYPOT: &str = "website";
/// What the resume field accepts, as applicants read it.
pub(crate) const RESUME_HINT: &str = "PDF, DOCX or TXT, up to 10 MB";

/// The values an application was sent with, kept to show the form again (all but the file).
#[derive(Debug, Clone, Default)]
pub(crate) struct Sent {
    /// The applicant's fields.
    pub input: ApplyInput,
    /// Screening answers by question key; several values for checkboxes.
    pub answers: BTreeMap<String, Vec<String>>,
    /// The tracked channel of the apply link, when it was a UUID.
    pub channel: Option<Uuid>,
    /// The referring employee of the apply link, when it was a UUID.
    pub referrer: Option<Uuid>,
    /// The idempotency key the form or client chose.
    pub idempotency_key: Option<String>,
}

/// Why an application was not taken: the status to answer with and every problem, by field.
#[derive(Debug)]
pub(crate) struct Refused {
    /// 413 when the file or body is too large, else 422.
    pub status: StatusCode,
    /// The problems.
    pub errors: Invalid,
}

/// An application read from its body.
#[derive(Debug)]
pub(crate) struct Read {
    /// What was sent, to show again.
    pub sent: Sent,
    /// The honeypot was filled in: a robot, to be thanked and ignored.
    pub honeypot: bool,
    /// The checked application, or why it cannot be taken.
    pub outcome: Result<Submission, Refused>,
}

/// Everything taken from the body before checking.
#[derive(Default)]
struct Body {
    sent: Sent,
    honeypot: bool,
    resume: Option<Upload>,
    problems: Invalid,
    too_large: bool,
}

/// Reads the multipart body of an application to `requisition` and checks it against the
/// applicant rules, its salary band and its screening `form`. The file is read chunk by chunk and refused as
/// soon as it passes [`MAX_ATTACHMENT_BYTES`]; its name and declared type are never trusted.
pub(crate) async fn read_submission(
    mut multipart: Multipart,
    requisition: &Requisition,
    form: &ScreeningForm,
) -> Result<Read, AppError> {
    let mut body = Body::default();
    let mut parts = 0;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) if is_too_large(&e) => {
                body.too_large = true;
                break;
            }
            Err(e) => return Err(unreadable(&e)),
        };
        parts += 1;
        if parts > MAX_PARTS {
            return Err(AppError::BadRequest(format!("an application has at most {MAX_PARTS} fields")));
        }
        if !read_field(field, &mut body).await? {
            break;
        }
    }
    Ok(check(body, requisition, form))
}

/// Takes one field into `body`; `false` once the body is too large to go on.
async fn read_field(mut field: Field<'_>, body: &mut Body) -> Result<bool, AppError> {
    let name = field.name().unwrap_or_default().to_owned();
    if name == "resume" {
        let file_name = field.file_name().unwrap_or_default().to_owned();
        let mut bytes = Vec::new();
        while let Some(chunk) = next_chunk(&mut field, &mut body.too_large).await? {
            if bytes.len() + chunk.len() > MAX_ATTACHMENT_BYTES {
                body.too_large = true;
                return Ok(false);
            }
            bytes.extend_from_slice(&chunk);
        }
        if body.too_large {
            return Ok(false);
        }
        if !(bytes.is_empty() && file_name.is_empty()) {
            body.resume = Some(Upload { file_name, bytes });
        }
        return Ok(true);
    }
    if !is_known(&name) {
        return Ok(true);
    }
    let limit = if name == "cover_letter" { MAX_COVER_LETTER_BYTES } else { MAX_FIELD_BYTES };
    let mut bytes = Vec::new();
    while let Some(chunk) = next_chunk(&mut field, &mut body.too_large).await? {
        if bytes.len() + chunk.len() > limit {
            body.problems.push(name, "is too long");
            return Ok(true);
        }
        bytes.extend_from_slice(&chunk);
    }
    if body.too_large {
        return Ok(false);
    }
    let Ok(value) = String::from_utf8(bytes) else {
        body.problems.push(name, "must be text");
        return Ok(true);
    };
    store_text(&mut body.sent, &mut body.honeypot, name, value);
    Ok(true)
}

/// The next chunk of a field; a body over the route's limit ends the field and marks it too large.
async fn next_chunk(field: &mut Field<'_>, too_large: &mut bool) -> Result<Option<axum::body::Bytes>, AppError> {
    match field.chunk().await {
        Ok(chunk) => Ok(chunk),
        Err(e) if is_too_large(&e) => {
            *too_large = true;
            Ok(None)
        }
        Err(e) => Err(unreadable(&e)),
    }
}

/// Puts a text field where it belongs; unknown fields are ignored.
fn store_text(sent: &mut Sent, honeypot: &mut bool, name: String, value: String) {
    let input = &mut sent.input;
    let slot = match name.as_str() {
        "name" => &mut input.name,
        "email" => &mut input.email,
        "phone" => &mut input.phone,
        "location" => &mut input.location,
        "github" => &mut input.github,
        "linkedin" => &mut input.linkedin,
        "portfolio" => &mut input.portfolio,
        "cover_letter" => &mut input.cover_letter,
        "consent" => &mut input.consent,
        "talent_pool" => &mut input.talent_pool,
        "salary_expectation" => &mut input.salary_expectation,
        "salary_currency" => &mut input.salary_currency,
        "ch" => {
            sent.channel = Uuid::parse_str(value.trim()).ok();
            return;
        }
        "ref" => {
            sent.referrer = Uuid::parse_str(value.trim()).ok();
            return;
        }
        "idempotency_key" => {
            sent.idempotency_key = Some(value.trim().to_owned()).filter(|k| !k.is_empty());
            return;
        }
        HONEYPOT => {
            *honeypot |= !value.trim().is_empty();
            return;
        }
        key if is_question_key(key) => {
            sent.answers.entry(name).or_default().push(value);
            return;
        }
        _ => return,
    };
    *slot = value;
}

/// The text fields an application has; others are skipped unread.
fn is_known(name: &str) -> bool {
    const TEXT: &[&str] = &[
        "name",
        "email",
        "phone",
        "location",
        "github",
        "linkedin",
        "portfolio",
        "cover_letter",
        "consent",
        "talent_pool",
        "salary_expectation",
        "salary_currency",
        "ch",
        "ref",
        "idempotency_key",
        HONEYPOT,
    ];
    TEXT.contains(&name) || is_question_key(name)
}

/// Screening answers arrive under their question keys: `q1`, `q2`, …
fn is_question_key(name: &str) -> bool {
    name.strip_prefix('q').is_some_and(|n| !n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Applies the rules: the applicant's details, the screening answers and the resume's content.
fn check(body: Body, requisition: &Requisition, form: &ScreeningForm) -> Read {
    let Body { sent, honeypot, resume, mut problems, too_large } = body;
    if too_large {
        let errors = Invalid::field("resume", format!("is larger than 10 MB; upload a smaller file ({RESUME_HINT})"));
        return Read { sent, honeypot, outcome: Err(Refused { status: StatusCode::PAYLOAD_TOO_LARGE, errors }) };
    }
    let applicant = Applicant::try_from(&sent.input).map_err(|e| problems.errors.extend(e.errors)).ok();
    let screening = form.evaluate(&sent.answers).map_err(|e| problems.errors.extend(e.errors)).ok();
    let (amount, currency) = (&sent.input.salary_expectation, &sent.input.salary_currency);
    let salary_expectation = salary_expectation(amount, currency, requisition.spec.salary.as_ref())
        .map_err(|(field, why)| problems.push(field, why))
        .ok()
        .flatten();
    match &resume {
        None => problems.push("resume", format!("is required: attach a {RESUME_HINT}")),
        Some(upload) => {
            if let Err(message) = check_resume(&upload.bytes) {
                problems.push("resume", message);
            }
        }
    }
    let outcome = match applicant {
        Some(applicant) if problems.errors.is_empty() => Ok(Submission {
            requisition: requisition.id,
            applicant,
            screening: (!form.questions.is_empty()).then_some(screening).flatten(),
            salary_expectation,
            auto_reject_reason: form.auto_reject_reason.clone(),
            resume,
            channel: sent.channel.map(ChannelId),
            referrer: sent.referrer.map(UserId),
            idempotency_key: sent.idempotency_key.clone(),
        }),
        _ => Err(Refused { status: StatusCode::UNPROCESSABLE_ENTITY, errors: problems }),
    };
    Read { sent, honeypot, outcome }
}

/// Whether reading stopped at a body limit. Axum recognises only some of the ways a limit
/// error arrives, so the causes are searched too.
fn is_too_large(err: &MultipartError) -> bool {
    let mut cause: Option<&dyn std::error::Error> = Some(err);
    while let Some(e) = cause {
        if e.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        cause = e.source();
    }
    err.status() == StatusCode::PAYLOAD_TOO_LARGE
}

fn unreadable(err: &MultipartError) -> AppError {
    AppError::BadRequest(format!("the application could not be read as multipart/form-data: {}", err.body_text()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_numbered_q_fields_are_screening_answers() {
        assert!(is_question_key("q1"));
        assert!(is_question_key("q30"));
        assert!(!is_question_key("q"));
        assert!(!is_question_key("query"));
        assert!(!is_question_key("q1234"));
    }

    #[test]
    fn tracking_fields_keep_only_uuids_and_the_honeypot_catches_any_text() {
        let (mut sent, mut honeypot) = (Sent::default(), false);
        store_text(&mut sent, &mut honeypot, "ch".into(), "<script>".into());
        let id = Uuid::now_v7();
        store_text(&mut sent, &mut honeypot, "ref".into(), format!(" {id} "));
        store_text(&mut sent, &mut honeypot, HONEYPOT.into(), "http://spam.example".into());
        store_text(&mut sent, &mut honeypot, "q2".into(), "Django".into());
        store_text(&mut sent, &mut honeypot, "q2".into(), "Flask".into());
        assert_eq!((sent.channel, sent.referrer), (None, Some(id)));
        assert!(honeypot);
        assert_eq!(sent.answers["q2"], vec!["Django", "Flask"]);
    }
}
