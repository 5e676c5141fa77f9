//! The requisition page: its definition, lifecycle actions and hiring team.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use hired_domain::authz::Action;
use hired_domain::interview_library::default_plan;
use hired_domain::requisition::{Requisition, RequisitionStatus};
use hired_domain::user::User;
use hired_domain::{Email, RequisitionId, UserId};
use hired_store::TeamMember;
use serde::Deserialize;

use super::parse_id;
use super::posting::{PostingState, today};
use crate::auth::csrf::CsrfForm;
use crate::auth::{Staff, may, require_on_requisition};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::views::{PageCtx, day, redirect_with, render};

#[derive(Template)]
#[template(path = "requisitions/show.html")]
struct ShowPage {
    ctx: PageCtx,
    req: Requisition,
    department: String,
    salary: Option<String>,
    next_statuses: &'static [RequisitionStatus],
    team: Vec<TeamMember>,
    candidates_for_team: Vec<User>,
    can_edit: bool,
    /// May search everyone (rediscovery).
    can_find: bool,
    stage_lines: String,
    can_change_status: bool,
    can_manage_team: bool,
    created: String,
    posting: PostingState,
    posting_url: Option<String>,
    /// The interviews applications go through: title, length, stage and what each assesses.
    plan: Vec<PlanLine>,
}

/// One interview of the requisition's plan, as the page lists it.
struct PlanLine {
    title: String,
    minutes: u16,
    stage: String,
    assesses: String,
}

fn plan_lines(req: &Requisition) -> Vec<PlanLine> {
    default_plan(&req.spec)
        .into_iter()
        .map(|p| PlanLine {
            stage: req.stages.iter().find(|s| s.key == p.stage).map_or(p.stage.clone(), |s| s.name.clone()),
            assesses: p.assesses(),
            title: p.title,
            minutes: p.minutes,
        })
        .collect()
}

/// `GET /requisitions/{id}`.
pub(super) async fn show(State(state): State<AppState>, staff: Staff, Path(id): Path<String>) -> AppResult<Response> {
    let id: RequisitionId = parse_id(&id, "requisition")?;
    require_on_requisition(&state, &staff.user, Action::ViewRequisition, id).await?;
    let req = state.store.requisition(id).await?;
    let team = state.store.hiring_team(id).await?;
    let can_manage_team = may(&staff.user, Action::ManageHiringTeam);
    let candidates_for_team = if can_manage_team {
        let users = state.store.list_users().await?;
        users.into_iter().filter(|u| u.active && !team.iter().any(|m| m.user_id == u.id.0)).collect()
    } else {
        Vec::new()
    };
    let department = match req.spec.department_id {
        Some(d) => state.store.list_departments().await?.into_iter().find(|x| x.id == d.0).map(|x| x.name),
        None => None,
    };
    let posting = state.store.posting_for(id).await?;
    let page = ShowPage {
        ctx: PageCtx::new(&staff, "requisitions"),
        posting: PostingState::of(posting.as_ref(), req.status, today()),
        posting_url: posting.map(|p| format!("{}/careers/{}", state.config.public_url, p.slug)),
        department: department.unwrap_or_else(|| "—".into()),
        salary: may(&staff.user, Action::ViewCompensation).then(|| req.spec.salary.map(|b| b.display())).flatten(),
        next_statuses: req.status.next(),
        can_edit: may(&staff.user, Action::EditRequisition),
        can_find: may(&staff.user, Action::AddApplication) && super::find::require_rediscovery(&staff.user).is_ok(),
        stage_lines: req.stages.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join("\n"),
        can_change_status: may(&staff.user, Action::ChangeRequisitionStatus),
        can_manage_team,
        created: day(&req.created_at),
        plan: plan_lines(&req),
        team,
        candidates_for_team,
        req,
    };
    render(&page.ctx, &page)
}

#[derive(Deserialize)]
pub(super) struct StatusForm {
    status: String,
    version: i64,
}

/// `POST /requisitions/{id}/status`.
pub(super) async fn change_status(
    State(state): State<AppState>,
    Path(id): Path<String>,
    posted: CsrfForm<StatusForm>,
) -> AppResult<Response> {
    let CsrfForm { staff, form } = posted;
    let id: RequisitionId = parse_id(&id, "requisition")?;
    require_on_requisition(&state, &staff.user, Action::ChangeRequisitionStatus, id).await?;
    let to = RequisitionStatus::parse(&form.status).ok_or_else(|| AppError::BadRequest("unknown status".into()))?;
    let url = format!("/requisitions/{id}");
    match state.store.change_requisition_status(&staff.user, id, form.version, to).await {
        Ok(req) => Ok(redirect_with(
            &url,
            "success",
            &format!("The requisition is now {}.", req.status.label().to_lowercase()),
        )),
        Err(e) => match AppError::from(e) {
            AppError::Invalid(invalid) => Ok(redirect_with(&url, "error", &invalid.to_string())),
            AppError::Conflict(message) => Ok(redirect_with(&url, "error", &message)),
            other => Err(other),
        },
    }
}

#[derive(Deserialize)]
pub(super) struct StagesForm {
    #[serde(default)]
    stages: String,
    version: i64,
}

/// `POST /requisitions/{id}/stages`: renames, adds, reorders or removes pipeline stages.
pub(super) async fn change_stages(
    State(state): State<AppState>,
    Path(id): Path<String>,
    posted: CsrfForm<StagesForm>,
) -> AppResult<Response> {
    let CsrfForm { staff, form } = posted;
    let id: RequisitionId = parse_id(&id, "requisition")?;
    require_on_requisition(&state, &staff.user, Action::EditRequisition, id).await?;
    let url = format!("/requisitions/{id}");
    let current = state.store.requisition(id).await?;
    let stages = match hired_domain::pipeline::parse_stage_lines(&form.stages, &current.stages) {
        Ok(stages) => stages,
        Err(message) => return Ok(redirect_with(&url, "error", &format!("Stages not saved: {message}."))),
    };
    match state.store.update_stages(&staff.user, id, form.version, stages).await.map_err(AppError::from) {
        Ok(_) => Ok(redirect_with(&url, "success", "Pipeline stages saved.")),
        Err(AppError::Invalid(invalid)) => Ok(redirect_with(&url, "error", &format!("Stages not saved: {invalid}"))),
        Err(AppError::Conflict(message)) => Ok(redirect_with(&url, "error", &message)),
        Err(other) => Err(other),
    }
}

#[derive(Deserialize)]
pub(super) struct MemberForm {
    email: String,
}

/// `POST /requisitions/{id}/team`: adds a staff member to the hiring team.
pub(super) async fn add_member(
    State(state): State<AppState>,
    Path(id): Path<String>,
    posted: CsrfForm<MemberForm>,
) -> AppResult<Response> {
    let CsrfForm { staff, form } = posted;
    let id: RequisitionId = parse_id(&id, "requisition")?;
    require_on_requisition(&state, &staff.user, Action::ManageHiringTeam, id).await?;
    let url = format!("/requisitions/{id}");
    let email = Email::parse(&form.email).map_err(|e| AppError::BadRequest(format!("email {e}")))?;
    let Some(member) = state.store.user_for_login(&email).await?.map(|f| f.user) else {
        return Ok(redirect_with(&url, "error", "No staff member has that email."));
    };
    state.store.set_team_member(&staff.user, id, &member).await?;
    Ok(redirect_with(&url, "success", &format!("{} joined the hiring team.", member.name)))
}

#[derive(Deserialize)]
pub(super) struct Empty {}

/// `POST /requisitions/{id}/team/{user_id}/remove`.
pub(super) async fn remove_member(
    State(state): State<AppState>,
    Path((id, user_id)): Path<(String, String)>,
    posted: CsrfForm<Empty>,
) -> AppResult<Response> {
    let staff = posted.staff;
    let id: RequisitionId = parse_id(&id, "requisition")?;
    let user_id: UserId = parse_id(&user_id, "team member")?;
    require_on_requisition(&state, &staff.user, Action::ManageHiringTeam, id).await?;
    state.store.remove_team_member(&staff.user, id, user_id).await?;
    Ok(redirect_with(&format!("/requisitions/{id}"), "success", "Removed from the hiring team."))
}
