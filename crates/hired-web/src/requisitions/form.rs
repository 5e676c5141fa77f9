//! The requisition definition form: new (from a template), create, edit, update.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use hired_domain::authz::Action;
use hired_domain::requisition::{
    EmploymentType, Level, RemotePolicy, RequisitionInput, RequisitionSpec, SourcingModel,
};
use hired_domain::{PayPeriod, RequisitionId, TemplateId};
use hired_store::{Department, StoredTemplate};
use serde::Deserialize;

use super::parse_id;
use crate::auth::csrf::CsrfForm;
use crate::auth::{Staff, may, require, require_on_requisition};
use crate::error::{AppError, AppResult};
use crate::forms::FormErrors;
use crate::state::AppState;
use crate::views::{PageCtx, redirect_with, render};

#[derive(Template)]
#[template(path = "requisitions/form.html")]
struct FormPage {
    ctx: PageCtx,
    heading: String,
    action: String,
    input: RequisitionInput,
    version: String,
    errors: FormErrors,
    departments: Vec<Department>,
    templates: Vec<StoredTemplate>,
    template_id: String,
    show_salary: bool,
    levels: &'static [Level],
    remotes: &'static [RemotePolicy],
    employment_types: &'static [EmploymentType],
    sourcings: &'static [SourcingModel],
    periods: &'static [PayPeriod],
}

impl FormPage {
    async fn build(
        state: &AppState,
        staff: &Staff,
        heading: &str,
        action: String,
        input: RequisitionInput,
    ) -> AppResult<Self> {
        Ok(Self {
            ctx: PageCtx::new(staff, "requisitions"),
            heading: heading.into(),
            action,
            input,
            version: String::new(),
            errors: FormErrors::none(),
            departments: state.store.list_departments().await?,
            templates: Vec::new(),
            template_id: String::new(),
            show_salary: may(&staff.user, Action::ViewCompensation),
            levels: Level::ALL,
            remotes: RemotePolicy::ALL,
            employment_types: EmploymentType::ALL,
            sourcings: SourcingModel::ALL,
            periods: PayPeriod::ALL,
        })
    }
}

#[derive(Deserialize, Default)]
pub(super) struct NewQuery {
    #[serde(default)]
    template: String,
    #[serde(default)]
    level: String,
}

/// `GET /requisitions/new?template=&level=`: the form, prefilled from a template.
pub(super) async fn new(State(state): State<AppState>, staff: Staff, Query(q): Query<NewQuery>) -> AppResult<Response> {
    require(&staff.user, Action::CreateRequisition)?;
    let templates = state.store.list_templates().await?;
    let chosen = match q.template.parse::<TemplateId>() {
        Ok(id) => templates.iter().find(|t| t.id == id),
        Err(_) => templates.first(),
    };
    let input = chosen.map_or_else(RequisitionInput::default, |t| {
        let level = Level::parse(&q.level).unwrap_or(t.template.spec.level);
        t.template.spec_for(level).to_input()
    });
    let mut page = FormPage::build(&state, &staff, "New requisition", "/requisitions".into(), input).await?;
    page.template_id = chosen.map(|t| t.id.to_string()).unwrap_or_default();
    page.templates = templates;
    render(&page.ctx, &page)
}

/// `POST /requisitions`: creates a draft.
pub(super) async fn create(State(state): State<AppState>, posted: CsrfForm<RequisitionInput>) -> AppResult<Response> {
    let CsrfForm { staff, form } = posted;
    require(&staff.user, Action::CreateRequisition)?;
    match RequisitionSpec::try_from(&form) {
        Ok(spec) => {
            let req = state.store.create_requisition(&staff.user, spec).await?;
            Ok(redirect_with(&format!("/requisitions/{}", req.id), "success", "Requisition created as a draft."))
        }
        Err(invalid) => {
            let mut page = FormPage::build(&state, &staff, "New requisition", "/requisitions".into(), form).await?;
            page.errors = invalid.into();
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page.ctx, &page)?).into_response())
        }
    }
}

/// `GET /requisitions/{id}/edit`.
pub(super) async fn edit(State(state): State<AppState>, staff: Staff, Path(id): Path<String>) -> AppResult<Response> {
    let id: RequisitionId = parse_id(&id, "requisition")?;
    require_on_requisition(&state, &staff.user, Action::EditRequisition, id).await?;
    let req = state.store.requisition(id).await?;
    let mut page =
        FormPage::build(&state, &staff, "Edit requisition", format!("/requisitions/{id}"), req.spec.to_input()).await?;
    page.version = req.version.to_string();
    render(&page.ctx, &page)
}

#[derive(Deserialize)]
pub(super) struct EditForm {
    #[serde(flatten)]
    input: RequisitionInput,
    #[serde(default)]
    version: String,
}

/// `POST /requisitions/{id}`: saves the definition if nobody changed it meanwhile.
pub(super) async fn update(
    State(state): State<AppState>,
    Path(id): Path<String>,
    posted: CsrfForm<EditForm>,
) -> AppResult<Response> {
    let CsrfForm { staff, form } = posted;
    let id: RequisitionId = parse_id(&id, "requisition")?;
    require_on_requisition(&state, &staff.user, Action::EditRequisition, id).await?;
    let version: i64 =
        form.version.parse().map_err(|_| AppError::BadRequest("the form is missing its version".into()))?;
    let mut spec = RequisitionSpec::try_from(&form.input);
    if let Ok(spec) = &mut spec
        && !may(&staff.user, Action::ViewCompensation)
    {
        spec.salary = state.store.requisition(id).await?.spec.salary;
    }
    let result = match spec {
        Ok(spec) => state.store.update_requisition(&staff.user, id, version, spec).await.map_err(AppError::from),
        Err(invalid) => Err(AppError::Invalid(invalid)),
    };
    let (status, errors) = match result {
        Ok(_) => return Ok(redirect_with(&format!("/requisitions/{id}"), "success", "Requisition saved.")),
        Err(AppError::Invalid(invalid)) => (StatusCode::UNPROCESSABLE_ENTITY, FormErrors::from(invalid)),
        Err(AppError::Conflict(message)) => {
            (StatusCode::CONFLICT, FormErrors::from(hired_domain::Invalid::field("form", message)))
        }
        Err(other) => return Err(other),
    };
    let mut page =
        FormPage::build(&state, &staff, "Edit requisition", format!("/requisitions/{id}"), form.input).await?;
    page.version = form.version;
    page.errors = errors;
    Ok((status, render(&page.ctx, &page)?).into_response())
}
