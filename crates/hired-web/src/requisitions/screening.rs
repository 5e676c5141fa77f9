//! `/requisitions/{id}/screening`: the questions a requisition's apply form asks, written one
//! per line, with knockout rules and optional automatic rejection; and the saved question
//! sets a recruiter can load from or save to. Changing them is editing the requisition, so
//! every route asks for [`Action::EditRequisition`] on it.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use hired_domain::authz::Action;
use hired_domain::requisition::Requisition;
use hired_domain::screening::{ScreeningForm, ScreeningQuestion, parse_question_lines};
use hired_domain::{Invalid, QuestionSetId, RequisitionId};
use hired_store::StoreError;
use serde::Deserialize;

use super::parse_id;
use crate::auth::csrf::CsrfForm;
use crate::auth::{Staff, require_on_requisition};
use crate::error::AppResult;
use crate::forms::FormErrors;
use crate::state::AppState;
use crate::views::{PageCtx, redirect_with, render};

/// The screening routes, merged into the requisitions router.
pub(super) fn router() -> Router<AppState> {
    Router::new().route("/requisitions/{id}/screening", get(edit).post(submit))
}

/// The screening form as posted; `action` is the button pressed: `save` (the default),
/// `load` (a saved set into the text) or `save_set` (the text as a named set).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct ScreeningInput {
    lines: String,
    auto_reject: String,
    reject_reason: String,
    set_id: String,
    set_mode: String,
    set_name: String,
    action: String,
}

impl ScreeningInput {
    fn auto_reject(&self) -> bool {
        matches!(self.auto_reject.as_str(), "on" | "true" | "1")
    }
}

/// A question as the apply form will show it.
struct Preview {
    prompt: String,
    kind: &'static str,
    required: bool,
    options: Vec<String>,
    knockout: Option<String>,
}

impl From<&ScreeningQuestion> for Preview {
    fn from(q: &ScreeningQuestion) -> Self {
        Self {
            prompt: q.prompt.clone(),
            kind: q.kind.label(),
            required: q.required,
            options: q.options.clone(),
            knockout: q.knockout.as_ref().map(|k| k.to_text()),
        }
    }
}

#[derive(Template)]
#[template(path = "requisitions/screening.html")]
struct ScreeningPage {
    ctx: PageCtx,
    req: Requisition,
    input: ScreeningInput,
    reasons: Vec<String>,
    sets: Vec<(String, String, usize)>,
    preview: Vec<Preview>,
    errors: FormErrors,
    line_errors: Vec<String>,
    notice: Option<String>,
}

impl ScreeningPage {
    /// The page for `input`, previewing its lines when they parse.
    async fn build(state: &AppState, staff: &Staff, id: RequisitionId, input: ScreeningInput) -> AppResult<Self> {
        let mut reasons = state.store.rejection_reasons().await?;
        if !input.reject_reason.is_empty() && !reasons.contains(&input.reject_reason) {
            reasons.push(input.reject_reason.clone());
        }
        let sets = state.store.question_sets().await?;
        Ok(Self {
            ctx: PageCtx::new(staff, "requisitions"),
            req: state.store.requisition(id).await?,
            preview: parse_question_lines(&input.lines)
                .map(|qs| qs.iter().map(Preview::from).collect())
                .unwrap_or_default(),
            input,
            reasons,
            sets: sets.into_iter().map(|s| (s.id.to_string(), s.name, s.questions.len())).collect(),
            errors: FormErrors::none(),
            line_errors: Vec::new(),
            notice: None,
        })
    }

    fn with_errors(mut self, invalid: Invalid) -> Self {
        self.line_errors = invalid.message_for("lines").map(line_problems).unwrap_or_default();
        self.errors = invalid.into();
        self
    }

    fn respond(self, status: StatusCode) -> AppResult<Response> {
        Ok((status, render(&self.ctx, &self)?).into_response())
    }
}

/// Splits the parser's "line 2: …; line 5: …" into one sentence per line; a problem with
/// the whole text ("at most 30 questions") stays one sentence.
fn line_problems(message: &str) -> Vec<String> {
    match message.strip_prefix("line ") {
        Some(rest) => rest.split("; line ").map(|part| format!("Line {part}.")).collect(),
        None => vec![crate::admin::sentence("", message)],
    }
}

/// `GET /requisitions/{id}/screening`: the saved questions as lines, with their preview.
pub(super) async fn edit(State(state): State<AppState>, staff: Staff, Path(id): Path<String>) -> AppResult<Response> {
    let id: RequisitionId = parse_id(&id, "requisition")?;
    require_on_requisition(&state, &staff.user, Action::EditRequisition, id).await?;
    let form = state.store.screening_form(id).await?;
    let input = ScreeningInput {
        lines: form.to_lines(),
        auto_reject: if form.auto_reject_reason.is_some() { "on".into() } else { String::new() },
        reject_reason: form.auto_reject_reason.unwrap_or_default(),
        set_mode: "append".into(),
        ..ScreeningInput::default()
    };
    ScreeningPage::build(&state, &staff, id, input).await?.respond(StatusCode::OK)
}

/// `POST /requisitions/{id}/screening`: saves the questions, loads a saved set into the text,
/// or saves the text as a set, depending on the button pressed.
pub(super) async fn submit(
    State(state): State<AppState>,
    Path(id): Path<String>,
    posted: CsrfForm<ScreeningInput>,
) -> AppResult<Response> {
    let CsrfForm { staff, form: input } = posted;
    let id: RequisitionId = parse_id(&id, "requisition")?;
    require_on_requisition(&state, &staff.user, Action::EditRequisition, id).await?;
    match input.action.as_str() {
        "load" => load_set(&state, &staff, id, input).await,
        "save_set" => save_set(&state, &staff, id, input).await,
        _ => save(&state, &staff, id, input).await,
    }
}

/// Parses the lines; a problem is reported against the `lines` field.
fn questions(input: &ScreeningInput) -> Result<Vec<ScreeningQuestion>, Invalid> {
    parse_question_lines(&input.lines).map_err(|e| Invalid::field("lines", e))
}

async fn save(state: &AppState, staff: &Staff, id: RequisitionId, input: ScreeningInput) -> AppResult<Response> {
    let reasons = state.store.rejection_reasons().await?;
    let saved = state.store.screening_form(id).await?.auto_reject_reason;
    let mut bad = Invalid::default();
    let questions = bad.check("lines", parse_question_lines(&input.lines));
    let auto_reject_reason = input.auto_reject().then(|| input.reject_reason.trim().to_owned());
    if let Some(reason) = &auto_reject_reason
        && !reasons.contains(reason)
        && saved.as_ref() != Some(reason)
    {
        bad.push("reject_reason", "choose one of the rejection reasons");
    }
    let form = match bad.into_result(|| ScreeningForm { questions: questions.unwrap_or_default(), auto_reject_reason })
    {
        Ok(form) => form,
        Err(invalid) => {
            let page = ScreeningPage::build(state, staff, id, input).await?;
            return page.with_errors(invalid).respond(StatusCode::UNPROCESSABLE_ENTITY);
        }
    };
    state.store.save_screening_form(&staff.user, id, &form).await?;
    let knockouts = form.questions.iter().filter(|q| q.knockout.is_some()).count();
    let mut message =
        format!("Screening questions saved: {} questions, {knockouts} with knockout rules.", form.questions.len());
    if form.auto_reject_reason.is_some() && knockouts == 0 {
        message.push_str(" Automatic rejection has no effect until a question has a knockout rule.");
    }
    Ok(redirect_with(&format!("/requisitions/{id}/screening"), "success", &message))
}

async fn load_set(
    state: &AppState,
    staff: &Staff,
    id: RequisitionId,
    mut input: ScreeningInput,
) -> AppResult<Response> {
    let Ok(set_id) = input.set_id.parse::<QuestionSetId>() else {
        let page = ScreeningPage::build(state, staff, id, input).await?;
        return page
            .with_errors(Invalid::field("set_id", "choose a saved set to load"))
            .respond(StatusCode::UNPROCESSABLE_ENTITY);
    };
    let set = state.store.question_set(set_id).await?;
    let lines = ScreeningForm { questions: set.questions, auto_reject_reason: None }.to_lines();
    let replace = input.set_mode == "replace" || input.lines.trim().is_empty();
    input.lines = if replace { lines } else { format!("{}\n{lines}", input.lines.trim_end()) };
    let verb = if replace { "Loaded" } else { "Added" };
    let mut page = ScreeningPage::build(state, staff, id, input).await?;
    page.notice = Some(format!("{verb} the questions of “{}”. Review them, then save.", set.name));
    page.respond(StatusCode::OK)
}

async fn save_set(state: &AppState, staff: &Staff, id: RequisitionId, input: ScreeningInput) -> AppResult<Response> {
    let saved = match questions(&input) {
        Ok(questions) => {
            state.store.save_question_set(&staff.user, &input.set_name, &questions).await.map(|_| questions.len())
        }
        Err(invalid) => Err(StoreError::Invalid(invalid)),
    };
    match saved {
        Ok(count) => {
            let name = input.set_name.trim().to_owned();
            let mut page = ScreeningPage::build(state, staff, id, input).await?;
            page.notice = Some(format!(
                "Saved {count} questions as the set “{name}”. The requisition's own questions are unchanged until you save them."
            ));
            page.respond(StatusCode::OK)
        }
        Err(StoreError::Invalid(invalid)) => {
            let page = ScreeningPage::build(state, staff, id, input).await?;
            page.with_errors(invalid).respond(StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(other) => Err(other.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_line_problem_becomes_its_own_sentence() {
        let err = parse_question_lines("Ok? | yes/no\nPick | single: A\nWhy | long text | knockout = x").unwrap_err();
        let problems = line_problems(&err);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].starts_with("Line 2: a choice question needs at least two options"), "{problems:?}");
        assert!(problems[1].starts_with("Line 3: text answers cannot have a knockout"), "{problems:?}");
        assert_eq!(line_problems("at most 30 questions"), vec!["At most 30 questions."]);
    }
}
