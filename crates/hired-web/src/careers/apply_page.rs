//! The apply form as a page: the applicant's fields, the requisition's screening questions by
//! kind, the privacy notice, and every error next to its field and in a summary at the top.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use hired_domain::Invalid;
use hired_domain::posting::{ApplyInput, PostingSpec};
use hired_domain::requisition::RemotePolicy;
use hired_domain::screening::{QuestionKind, ScreeningForm, ScreeningQuestion};
use hired_store::LivePosting;

use super::apply_read::{HONEYPOT, RESUME_HINT, Sent};
use crate::admin::sentence;
use crate::error::AppResult;

/// The apply form.
#[derive(Template)]
#[template(path = "careers/apply.html")]
pub(super) struct ApplyPage {
    company_name: String,
    slug: String,
    title: String,
    place: String,
    input: ApplyInput,
    consent: bool,
    talent_pool: bool,
    /// "EUR per year": what a salary expectation is asked in, when the role has a band.
    salary_unit: Option<String>,
    questions: Vec<QuestionView>,
    errors: Messages,
    summary: Vec<SummaryItem>,
    channel: String,
    referrer: String,
    idempotency_key: String,
    honeypot: &'static str,
    resume_hint: &'static str,
}

/// One screening question, ready to show.
struct QuestionView {
    key: String,
    prompt: String,
    /// `radio`, `checkbox`, `number`, `text` or `textarea`.
    control: &'static str,
    required: bool,
    options: Vec<OptionView>,
    value: String,
    error: String,
}

/// One choice of a radio or checkbox group.
struct OptionView {
    id: String,
    value: String,
    label: String,
    checked: bool,
}

/// A line of the error summary: the field's id to jump to (empty when not a field) and the text.
struct SummaryItem {
    anchor: String,
    text: String,
}

/// Each field's error as a sentence, for showing next to it.
#[derive(Default)]
struct Messages(Vec<(String, String)>);

impl Messages {
    /// The message for `field`, or empty.
    fn get(&self, field: &str) -> &str {
        self.0.iter().find(|(f, _)| f == field).map_or("", |(_, m)| m.as_str())
    }

    /// Whether anything is wrong.
    fn any(&self) -> bool {
        !self.0.is_empty()
    }

    /// `" has-error"` for a field with an error, for its CSS class.
    fn class(&self, field: &str) -> &'static str {
        if self.get(field).is_empty() { "" } else { " has-error" }
    }
}

/// What a refused idempotency key (only ever a tampered form) means to the applicant.
const RESEND: &str = "this form could not be sent as it was; please submit it again";

/// The applicant's fields in form order, with their labels.
const FIELDS: &[(&str, &str)] = &[
    ("name", "Full name"),
    ("email", "Email"),
    ("phone", "Phone"),
    ("location", "Location"),
    ("github", "GitHub"),
    ("linkedin", "LinkedIn"),
    ("portfolio", "Portfolio or website"),
    ("resume", "Resume"),
    ("cover_letter", "Cover letter"),
    ("salary_expectation", "Salary expectation"),
    ("salary_currency", "Salary currency"),
];

impl ApplyPage {
    /// The form for `live` with `sent` values and `errors`; a fresh idempotency key unless one was sent.
    pub(super) fn new(
        company_name: &str,
        live: &LivePosting,
        form: &ScreeningForm,
        sent: Sent,
        errors: &Invalid,
    ) -> Self {
        let questions: Vec<QuestionView> = form.questions.iter().map(|q| question_view(q, &sent, errors)).collect();
        let mut messages = Messages::default();
        let mut summary = Vec::new();
        for e in ordered(errors, form) {
            let message = if e.field == "idempotency_key" { RESEND } else { e.message.as_str() };
            let question = form.questions.iter().find(|q| q.key == e.field);
            let (label, anchor) = match (question, label_of(&e.field)) {
                (Some(q), _) => (format!("Your answer to “{}”", q.prompt), first_control_id(q)),
                (None, Some(label)) => (label.to_owned(), e.field.clone()),
                (None, None) => ("This application".to_owned(), String::new()),
            };
            let inline = if question.is_some() { sentence("Your answer", message) } else { sentence(&label, message) };
            summary.push(SummaryItem { anchor, text: summary_sentence(&label, message) });
            messages.0.push((e.field.clone(), inline));
        }
        let checked = |v: &str| matches!(v, "on" | "true" | "yes" | "1");
        Self {
            company_name: company_name.to_owned(),
            slug: live.posting.slug.clone(),
            title: live.posting.spec.title.clone(),
            place: posting_place(&live.posting.spec, live.requisition.spec.remote),
            consent: checked(&sent.input.consent),
            talent_pool: checked(&sent.input.talent_pool),
            salary_unit: live.requisition.spec.salary.map(|b| format!("{} {}", b.currency, b.period.label())),
            input: sent.input,
            questions,
            errors: messages,
            summary,
            channel: sent.channel.map(|c| c.to_string()).unwrap_or_default(),
            referrer: sent.referrer.map(|r| r.to_string()).unwrap_or_default(),
            idempotency_key: sent
                .idempotency_key
                .filter(|_| errors.message_for("idempotency_key").is_none())
                .unwrap_or_else(hired_store::random_secret),
            honeypot: HONEYPOT,
            resume_hint: RESUME_HINT,
        }
    }

    /// The page with `status`.
    pub(super) fn respond(&self, status: StatusCode) -> AppResult<Response> {
        Ok((status, Html(self.render()?)).into_response())
    }
}

/// Where the job is, as applicants read it: `Berlin, DE`, `Berlin, DE (hybrid)`, `Remote (DE, AT)`.
pub(crate) fn posting_place(spec: &PostingSpec, remote: RemotePolicy) -> String {
    let place = [spec.city.as_deref(), spec.region.as_deref(), Some(spec.country.as_str())]
        .into_iter()
        .flatten()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    match remote {
        RemotePolicy::Onsite => place,
        RemotePolicy::Hybrid => format!("{place} (hybrid)"),
        RemotePolicy::Remote if spec.applicant_countries.is_empty() => "Remote".to_owned(),
        RemotePolicy::Remote => format!("Remote ({})", spec.applicant_countries.join(", ")),
    }
}

fn question_view(q: &ScreeningQuestion, sent: &Sent, errors: &Invalid) -> QuestionView {
    let given = sent.answers.get(&q.key).cloned().unwrap_or_default();
    let choices: Vec<(String, String)> = match q.kind {
        QuestionKind::YesNo => vec![("yes".into(), "Yes".into()), ("no".into(), "No".into())],
        _ => q.options.iter().map(|o| (o.clone(), o.clone())).collect(),
    };
    let options = choices
        .into_iter()
        .enumerate()
        .map(|(i, (value, label))| OptionView {
            id: format!("{}-{i}", q.key),
            checked: given.iter().any(|g| g.trim().eq_ignore_ascii_case(&value)),
            value,
            label,
        })
        .collect();
    let control = match q.kind {
        QuestionKind::YesNo | QuestionKind::SingleChoice => "radio",
        QuestionKind::MultipleChoice => "checkbox",
        QuestionKind::Number => "number",
        QuestionKind::ShortText => "text",
        QuestionKind::LongText => "textarea",
    };
    QuestionView {
        key: q.key.clone(),
        prompt: q.prompt.clone(),
        control,
        required: q.required,
        options,
        value: given.into_iter().next().unwrap_or_default(),
        error: errors.message_for(&q.key).map(|m| sentence("Your answer", m)).unwrap_or_default(),
    }
}

/// The id the summary links to: the question's input, or the first choice of a group.
fn first_control_id(q: &ScreeningQuestion) -> String {
    match q.kind {
        QuestionKind::YesNo | QuestionKind::SingleChoice | QuestionKind::MultipleChoice => format!("{}-0", q.key),
        _ => q.key.clone(),
    }
}

fn label_of(field: &str) -> Option<&'static str> {
    match field {
        "consent" => Some("Consent"),
        "talent_pool" => Some("Talent pool"),
        other => FIELDS.iter().find(|(f, _)| *f == other).map(|(_, label)| *label),
    }
}

/// Errors in the order of the form: the applicant's fields, the questions, consent, the rest.
fn ordered<'a>(errors: &'a Invalid, form: &ScreeningForm) -> Vec<&'a hired_domain::FieldError> {
    let rank = |field: &str| -> usize {
        if let Some(i) = FIELDS.iter().position(|(f, _)| *f == field) {
            return i;
        }
        if let Some(i) = form.questions.iter().position(|q| q.key == field) {
            return FIELDS.len() + i;
        }
        FIELDS.len() + form.questions.len() + usize::from(field != "consent")
    };
    let mut list: Vec<_> = errors.errors.iter().collect();
    list.sort_by_key(|e| rank(&e.field));
    list
}

/// A summary line names its field even when the message stands on its own.
fn summary_sentence(label: &str, message: &str) -> String {
    let text = sentence(label, message);
    if text.starts_with(label) { text } else { format!("{label}: {text}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_read_as_sentences_that_name_their_field() {
        assert_eq!(sentence("Full name", "is required"), "Full name is required.");
        assert_eq!(sentence("Resume", "the file is empty"), "The file is empty.");
        assert_eq!(summary_sentence("Resume", "the file is empty"), "Resume: The file is empty.");
        assert_eq!(summary_sentence("Email", "is required"), "Email is required.");
    }

    #[test]
    fn errors_follow_the_order_of_the_form() {
        let form = ScreeningForm {
            questions: hired_domain::screening::parse_question_lines("Years? | number | required").unwrap(),
            auto_reject_reason: None,
        };
        let mut errors = Invalid::default();
        for field in ["idempotency_key", "consent", "q1", "resume", "name"] {
            errors.push(field, "is required");
        }
        let fields: Vec<&str> = ordered(&errors, &form).iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["name", "resume", "q1", "consent", "idempotency_key"]);
    }
}
