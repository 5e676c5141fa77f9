//! `GET /applications/{id}/interviews/new` and `POST /applications/{id}/interviews`: an
//! interview from the requisition's plan, with a panel chosen among those who can see it.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use hired_domain::authz::Action;
use hired_domain::interview_library::{PlannedInterview, default_plan};
use hired_domain::user::User;
use hired_domain::{ApplicationId, Invalid, UserId};
use hired_store::{NewInterview, StoreError};
use serde::Deserialize;

use super::{application_id, sees_requisition};
use crate::auth::csrf::CsrfForm;
use crate::auth::{Staff, require_on_requisition};
use crate::error::AppResult;
use crate::forms::FormErrors;
use crate::state::AppState;
use crate::views::{PageCtx, redirect_with, render};

/// One interview of the plan, as the picker lists it.
struct PlanOption {
    index: usize,
    label: String,
    competencies: String,
}

/// Someone who may sit on the panel.
struct PanelOption {
    id: String,
    name: String,
    role: &'static str,
    checked: bool,
}

#[derive(Template)]
#[template(path = "interviews/new.html")]
struct NewPage {
    ctx: PageCtx,
    application_id: String,
    candidate_id: String,
    candidate_name: String,
    requisition_title: String,
    plan: Vec<PlanOption>,
    chosen: usize,
    panel: Vec<PanelOption>,
    errors: FormErrors,
}

/// What the form posts.
#[derive(Deserialize)]
pub(super) struct NewForm {
    #[serde(default)]
    plan: String,
    #[serde(default)]
    panel: Vec<String>,
}

struct Context {
    application: ApplicationId,
    candidate_id: String,
    candidate_name: String,
    requisition_title: String,
    plan: Vec<PlannedInterview>,
    eligible: Vec<User>,
}

async fn context(state: &AppState, user: &User, raw: &str) -> AppResult<Context> {
    let id = application_id(raw)?;
    let application = state.store.application(id).await?;
    require_on_requisition(state, user, Action::ManageInterviews, application.requisition_id).await?;
    let requisition = state.store.requisition(application.requisition_id).await?;
    let candidate = state.store.candidate(application.candidate_id).await?;
    let team: Vec<uuid::Uuid> = state.store.hiring_team(requisition.id).await?.into_iter().map(|m| m.user_id).collect();
    let eligible =
        state.store.list_users().await?.into_iter().filter(|u| u.active && sees_requisition(u, &team)).collect();
    Ok(Context {
        application: id,
        candidate_id: candidate.id.to_string(),
        candidate_name: candidate.details.name,
        requisition_title: requisition.spec.title.clone(),
        plan: default_plan(&requisition.spec),
        eligible,
    })
}

fn page(staff: &Staff, c: Context, chosen: usize, panel: &[String], errors: FormErrors) -> NewPage {
    NewPage {
        ctx: PageCtx::new(staff, "candidates"),
        application_id: c.application.to_string(),
        candidate_id: c.candidate_id,
        candidate_name: c.candidate_name,
        requisition_title: c.requisition_title,
        plan: c
            .plan
            .iter()
            .enumerate()
            .map(|(index, p)| PlanOption {
                index,
                label: format!("{} · {} min", p.title, p.minutes),
                competencies: p.assesses(),
            })
            .collect(),
        chosen,
        panel: c
            .eligible
            .iter()
            .map(|u| PanelOption {
                id: u.id.to_string(),
                name: u.name.clone(),
                role: u.role.label(),
                checked: panel.contains(&u.id.to_string()),
            })
            .collect(),
        errors,
    }
}

/// The form: which interview of the plan, and who interviews.
pub(super) async fn form(State(state): State<AppState>, staff: Staff, Path(id): Path<String>) -> AppResult<Response> {
    let c = context(&state, &staff.user, &id).await?;
    let page = page(&staff, c, 0, &[], FormErrors::none());
    render(&page.ctx, &page)
}

/// Sets the interview up and opens it, or shows the form again with what to fix.
pub(super) async fn create(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm { staff, form }: CsrfForm<NewForm>,
) -> AppResult<Response> {
    let c = context(&state, &staff.user, &id).await?;
    let chosen = form.plan.trim().parse::<usize>().ok().filter(|&i| i < c.plan.len());
    let mut invalid = Invalid::default();
    let mut panel = Vec::new();
    for raw in &form.panel {
        match raw.parse::<UserId>().ok().filter(|id| c.eligible.iter().any(|u| u.id == *id)) {
            Some(id) => panel.push(id),
            None => invalid.push("panel", "choose interviewers from the list: only those who can see this requisition"),
        }
    }
    let Some(planned) = chosen.map(|i| c.plan[i].clone()) else {
        invalid.push("plan", "choose an interview of the plan");
        return refused(&staff, c, 0, &form.panel, invalid);
    };
    if !invalid.errors.is_empty() {
        return refused(&staff, c, chosen.unwrap_or(0), &form.panel, invalid);
    }
    let new = NewInterview {
        kind: planned.kind,
        title: planned.title,
        minutes: planned.minutes,
        competencies: planned.competencies,
        panel,
    };
    match state.store.add_interview(&staff.user, c.application, new).await {
        Ok(interview) => Ok(redirect_with(&format!("/interviews/{}", interview.id), "success", "Interview planned.")),
        Err(StoreError::Invalid(invalid)) => refused(&staff, c, chosen.unwrap_or(0), &form.panel, invalid),
        Err(other) => Err(other.into()),
    }
}

fn refused(staff: &Staff, c: Context, chosen: usize, panel: &[String], invalid: Invalid) -> AppResult<Response> {
    let page = page(staff, c, chosen, panel, invalid.into());
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page.ctx, &page)?).into_response())
}
