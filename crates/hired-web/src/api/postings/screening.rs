//! `/api/v1/requisitions/{id}/screening`: the questions a posting's apply form asks, as
//! structured JSON or in the one-question-per-line text the screening page uses. Either
//! form goes through the same parser, so both accept exactly the same questions.

use axum::extract::State;
use axum::{Json, Router};
use hired_domain::authz::Action;
use hired_domain::screening::{Knockout, QuestionKind, ScreeningForm, ScreeningQuestion, parse_question_lines};
use hired_domain::{Invalid, RequisitionId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::extract::{ApiJson, Id};
use crate::auth::{ApiUser, require_on_requisition};
use crate::error::AppResult;
use crate::state::AppState;

/// Routes under `/requisitions/{id}/screening`.
pub(in crate::api) fn router() -> Router<AppState> {
    use axum::routing::get;
    Router::new().route("/requisitions/{id}/screening", get(show).put(replace))
}

/// One screening question.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Question {
    /// The answer's field name on the apply form (`q1`, `q2`, …); assigned in order, so it is
    /// ignored when sent.
    #[serde(default)]
    pub key: String,
    /// The question as applicants read it; one line, without `|`.
    pub prompt: String,
    /// Kind of answer.
    #[schema(schema_with = crate::api::openapi::question_kind)]
    pub kind: String,
    /// Whether an answer is required; default `true`.
    #[serde(default = "yes")]
    pub required: bool,
    /// The options of a choice question, at least two, without `,` or `|`.
    #[serde(default)]
    pub options: Vec<String>,
    /// The rule an answer must meet: `{"rule": "equals", "value": "yes"}` (yes/no, single
    /// choice), `{"rule": "at_least" | "at_most", "value": 2}` (number) or
    /// `{"rule": "any_of", "value": ["Django"]}` (multiple choice).
    #[serde(default)]
    #[schema(value_type = Option<Object>)]
    pub knockout: Option<Knockout>,
}

fn yes() -> bool {
    true
}

impl From<&ScreeningQuestion> for Question {
    fn from(q: &ScreeningQuestion) -> Self {
        Self {
            key: q.key.clone(),
            prompt: q.prompt.clone(),
            kind: q.kind.to_string(),
            required: q.required,
            options: q.options.clone(),
            knockout: q.knockout.clone(),
        }
    }
}

/// A requisition's screening questions.
#[derive(Debug, Serialize, ToSchema)]
pub struct Screening {
    /// The questions, in order.
    pub questions: Vec<Question>,
    /// The same questions, one per line, as the screening page shows them.
    pub lines: String,
    /// Applications failing a knockout are rejected at once with this reason; `null` only marks them.
    pub auto_reject_reason: Option<String>,
}

impl From<&ScreeningForm> for Screening {
    fn from(form: &ScreeningForm) -> Self {
        Self {
            questions: form.questions.iter().map(Question::from).collect(),
            lines: form.to_lines(),
            auto_reject_reason: form.auto_reject_reason.clone(),
        }
    }
}

/// New screening questions: either `questions` or `lines`, not both.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ScreeningBody {
    /// The questions as structured JSON; `[]` removes them all.
    pub questions: Option<Vec<Question>>,
    /// The questions one per line: `prompt | kind | required or optional | knockout rule`.
    pub lines: Option<String>,
    /// One of the rejection reasons to reject failing applications with; absent or `null` only marks them.
    pub auto_reject_reason: Option<String>,
}

/// Checks structured questions with the line parser, naming problems `questions[i]…`.
fn parse_structured(questions: &[Question]) -> Result<Vec<ScreeningQuestion>, Invalid> {
    let mut bad = Invalid::default();
    let mut typed = Vec::with_capacity(questions.len());
    for (i, q) in questions.iter().enumerate() {
        let kind = bad.check(&format!("questions[{i}].kind"), q.kind.parse::<QuestionKind>());
        if q.prompt.contains(['|', '\n', '\r']) {
            bad.push(format!("questions[{i}].prompt"), "must be one line without |");
        }
        if q.options.iter().any(|o| o.contains([',', '|', '\n', '\r'])) {
            bad.push(format!("questions[{i}].options"), "options cannot contain commas, | or line breaks");
        }
        if let Some(kind) = kind {
            typed.push(ScreeningQuestion {
                key: String::new(),
                prompt: q.prompt.trim().to_owned(),
                kind,
                required: q.required,
                options: q.options.clone(),
                knockout: q.knockout.clone(),
            });
        }
    }
    if !bad.errors.is_empty() {
        return Err(bad);
    }
    let lines = ScreeningForm { questions: typed, auto_reject_reason: None }.to_lines();
    parse_question_lines(&lines).map_err(|message| per_question(&message))
}

/// Re-keys the parser's "line 2: …; line 5: …" as `questions[1]`, `questions[4]`.
fn per_question(message: &str) -> Invalid {
    let mut invalid = Invalid::default();
    let Some(rest) = message.strip_prefix("line ") else {
        return Invalid::field("questions", message);
    };
    for part in rest.split("; line ") {
        match part.split_once(": ").and_then(|(n, m)| Some((n.parse::<usize>().ok()?, m))) {
            Some((line, problem)) => invalid.push(format!("questions[{}]", line - 1), problem),
            None => invalid.push("questions", part),
        }
    }
    invalid
}

/// A requisition's screening questions.
#[utoipa::path(
    get, operation_id = "get_screening", path = "/requisitions/{id}/screening", tag = "postings",
    params(("id" = Uuid, Path, description = "Requisition id")),
    responses(
        (status = 200, description = "The questions; empty when none were set", body = Screening),
        (status = 401, response = crate::api::openapi::Unauthorized),
        (status = 403, response = crate::api::openapi::Forbidden),
        (status = 404, response = crate::api::openapi::NotFound),
    )
)]
pub async fn show(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id<RequisitionId>,
) -> AppResult<Json<Screening>> {
    require_on_requisition(&state, &user, Action::EditRequisition, id).await?;
    Ok(Json(Screening::from(&state.store.screening_form(id).await?)))
}

/// Replaces a requisition's screening questions. Answers already given keep the questions as asked.
#[utoipa::path(
    put, operation_id = "replace_screening", path = "/requisitions/{id}/screening", tag = "postings",
    request_body = ScreeningBody,
    params(("id" = Uuid, Path, description = "Requisition id")),
    responses(
        (status = 200, description = "Saved", body = Screening),
        (status = 400, response = crate::api::openapi::BadRequest),
        (status = 401, response = crate::api::openapi::Unauthorized),
        (status = 403, response = crate::api::openapi::Forbidden),
        (status = 404, response = crate::api::openapi::NotFound),
        (status = 422, response = crate::api::openapi::Unprocessable),
    )
)]
pub async fn replace(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id<RequisitionId>,
    ApiJson(body): ApiJson<ScreeningBody>,
) -> AppResult<Json<Screening>> {
    require_on_requisition(&state, &user, Action::EditRequisition, id).await?;
    let questions = match (&body.questions, &body.lines) {
        (Some(questions), None) => parse_structured(questions)?,
        (None, Some(lines)) => parse_question_lines(lines).map_err(|e| Invalid::field("lines", e))?,
        _ => return Err(Invalid::field("questions", "send exactly one of `questions` and `lines`").into()),
    };
    let reason = body.auto_reject_reason.map(|r| r.trim().to_owned()).filter(|r| !r.is_empty());
    if let Some(reason) = &reason {
        let saved = state.store.screening_form(id).await?.auto_reject_reason;
        if !state.store.rejection_reasons().await?.contains(reason) && saved.as_ref() != Some(reason) {
            return Err(Invalid::field("auto_reject_reason", "must be one of the rejection reasons").into());
        }
    }
    let form = ScreeningForm { questions, auto_reject_reason: reason };
    state.store.save_screening_form(&user, id, &form).await?;
    Ok(Json(Screening::from(&form)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_problems_are_named_by_question_index() {
        let invalid = per_question("line 2: a choice question needs two options; line 3: bad");
        assert_eq!(invalid.message_for("questions[1]"), Some("a choice question needs two options"));
        assert_eq!(invalid.message_for("questions[2]"), Some("bad"));
        assert_eq!(per_question("at most 30 questions").message_for("questions"), Some("at most 30 questions"));
    }
}
