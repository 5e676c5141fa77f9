//! `/admin/templates`: the requisition templates new roles start from — their
//! name, summary, role definition and the salary band suggested for each level.
//! The role fields go through the same validation as a requisition's.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use hired_domain::authz::Action;
use hired_domain::money::{group_thousands, parse_whole_units};
use hired_domain::requisition::{
    EmploymentType, Level, RemotePolicy, RequisitionInput, RequisitionSpec, SourcingModel,
};
use hired_domain::templates::{RequisitionTemplate, us_2024_bands};
use hired_domain::validation::{optional_text, required_text};
use hired_domain::{Currency, Invalid, PayPeriod, SalaryBand, TemplateId};
use hired_store::{StoreError, StoredTemplate};
use serde::Deserialize;

use super::{parse_id, unprocessable};
use crate::auth::csrf::CsrfForm;
use crate::auth::{Staff, require};
use crate::error::AppResult;
use crate::forms::FormErrors;
use crate::state::AppState;
use crate::views::{PageCtx, day, redirect_with, render};

/// The template form as typed: its own fields, the requisition fields, and a band per level.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct TemplateForm {
    name: String,
    summary: String,
    #[serde(flatten)]
    spec: RequisitionInput,
    band_junior_min: String,
    band_junior_max: String,
    band_mid_min: String,
    band_mid_max: String,
    band_senior_min: String,
    band_senior_max: String,
    band_lead_min: String,
    band_lead_max: String,
}

impl TemplateForm {
    /// The typed minimum and maximum of `level`'s band.
    fn band(&self, level: Level) -> (&str, &str) {
        match level {
            Level::Junior => (&self.band_junior_min, &self.band_junior_max),
            Level::Mid => (&self.band_mid_min, &self.band_mid_max),
            Level::Senior => (&self.band_senior_min, &self.band_senior_max),
            Level::Lead => (&self.band_lead_min, &self.band_lead_max),
        }
    }

    /// Fills the band fields from stored bands.
    fn set_bands(&mut self, bands: &[(Level, SalaryBand)]) {
        for (level, band) in bands {
            let (min, max) = match level {
                Level::Junior => (&mut self.band_junior_min, &mut self.band_junior_max),
                Level::Mid => (&mut self.band_mid_min, &mut self.band_mid_max),
                Level::Senior => (&mut self.band_senior_min, &mut self.band_senior_max),
                Level::Lead => (&mut self.band_lead_min, &mut self.band_lead_max),
            };
            *min = (band.min_minor / 100).to_string();
            *max = (band.max_minor / 100).to_string();
        }
    }

    /// A fresh form: common defaults and the seed guide's US bands per level.
    fn blank() -> Self {
        let mut form = TemplateForm {
            spec: RequisitionInput {
                remote: RemotePolicy::Hybrid.as_str().into(),
                employment_type: EmploymentType::FullTime.as_str().into(),
                sourcing: SourcingModel::InHouse.as_str().into(),
                level: Level::Mid.as_str().into(),
                headcount: "1".into(),
                salary_currency: Currency::USD.to_string(),
                salary_period: PayPeriod::Year.as_str().into(),
                ..Default::default()
            },
            ..Default::default()
        };
        form.set_bands(&us_2024_bands());
        form
    }
}

impl From<&RequisitionTemplate> for TemplateForm {
    fn from(template: &RequisitionTemplate) -> Self {
        let mut form = TemplateForm {
            name: template.name.clone(),
            summary: template.summary.clone(),
            spec: template.spec.to_input(),
            ..Default::default()
        };
        form.set_bands(&template.bands);
        form
    }
}

impl TryFrom<&TemplateForm> for RequisitionTemplate {
    type Error = Invalid;

    fn try_from(form: &TemplateForm) -> Result<Self, Invalid> {
        let mut bad = Invalid::default();
        let name = bad.check("name", required_text(&form.name, 120));
        let summary = bad.check("summary", optional_text(&form.summary, 300)).flatten().unwrap_or_default();
        let spec = RequisitionSpec::try_from(&form.spec).map_err(|e| bad.errors.extend(e.errors)).ok();
        let mut bands = Vec::new();
        for level in Level::ALL {
            let (min, max) = form.band(*level);
            if let Some(band) = bad.check(&band_field(*level), parse_yearly_usd(min, max)).flatten() {
                bands.push((*level, band));
            }
        }
        match (name, spec) {
            (Some(name), Some(spec)) if bad.errors.is_empty() => Ok(RequisitionTemplate { name, summary, spec, bands }),
            _ => Err(bad),
        }
    }
}

/// The error key of a level's band ("band_senior").
fn band_field(level: Level) -> String {
    format!("band_{}", level.as_str())
}

/// A USD yearly band from whole-unit text; both ends empty means no band for the level.
fn parse_yearly_usd(min: &str, max: &str) -> Result<Option<SalaryBand>, String> {
    if min.trim().is_empty() && max.trim().is_empty() {
        return Ok(None);
    }
    let min = parse_whole_units(min).map_err(|e| format!("minimum {e}"))?;
    let max = parse_whole_units(max).map_err(|e| format!("maximum {e}"))?;
    SalaryBand::new(min, max, Currency::USD, PayPeriod::Year).map(Some)
}

#[derive(Template)]
#[template(path = "admin/templates.html")]
struct ListPage {
    ctx: PageCtx,
    rows: Vec<ListRow>,
}

struct ListRow {
    stored: StoredTemplate,
    level_label: &'static str,
    skills: usize,
    bands: Vec<(&'static str, String)>,
    updated: String,
}

/// `GET /admin/templates`.
pub(super) async fn list(State(state): State<AppState>, staff: Staff) -> AppResult<Response> {
    require(&staff.user, Action::ManageTemplates)?;
    let rows = state
        .store
        .list_templates()
        .await?
        .into_iter()
        .map(|stored| ListRow {
            level_label: short_level(stored.template.spec.level),
            skills: stored.template.spec.skills.len(),
            bands: stored.template.bands.iter().map(|(level, band)| (short_level(*level), short_band(band))).collect(),
            updated: day(&stored.updated_at),
            stored,
        })
        .collect();
    let page = ListPage { ctx: PageCtx::new(&staff, "templates"), rows };
    render(&page.ctx, &page)
}

/// A level's name for a compact table cell.
fn short_level(level: Level) -> &'static str {
    match level {
        Level::Junior => "Junior",
        Level::Mid => "Mid",
        Level::Senior => "Senior",
        Level::Lead => "Lead",
    }
}

/// `USD 70,000–95,000`, with the period only when it is not a year.
fn short_band(band: &SalaryBand) -> String {
    let range = format!(
        "{} {}–{}",
        band.currency,
        group_thousands(band.min_minor / 100),
        group_thousands(band.max_minor / 100)
    );
    match band.period {
        PayPeriod::Year => range,
        other => format!("{range} {}", other.label()),
    }
}

#[derive(Template)]
#[template(path = "admin/template_form.html")]
struct FormPage {
    ctx: PageCtx,
    id: Option<TemplateId>,
    form: TemplateForm,
    errors: FormErrors,
    bands: Vec<BandRow>,
    levels: &'static [Level],
    remote_policies: &'static [RemotePolicy],
    employment_types: &'static [EmploymentType],
    sourcing_models: &'static [SourcingModel],
    periods: &'static [PayPeriod],
}

struct BandRow {
    key: &'static str,
    label: &'static str,
    min: String,
    max: String,
    error: String,
}

fn form_page(staff: &Staff, id: Option<TemplateId>, form: TemplateForm, errors: FormErrors) -> AppResult<Response> {
    let bands = Level::ALL
        .iter()
        .map(|level| {
            let (min, max) = form.band(*level);
            BandRow {
                key: level.as_str(),
                label: level.label(),
                min: min.to_owned(),
                max: max.to_owned(),
                error: super::sentence(level.label(), errors.get(&band_field(*level))),
            }
        })
        .collect();
    let page = FormPage {
        ctx: PageCtx::new(staff, "templates"),
        id,
        form,
        errors,
        bands,
        levels: Level::ALL,
        remote_policies: RemotePolicy::ALL,
        employment_types: EmploymentType::ALL,
        sourcing_models: SourcingModel::ALL,
        periods: PayPeriod::ALL,
    };
    render(&page.ctx, &page)
}

/// `GET /admin/templates/new`: an empty template with the guide's US bands filled in.
pub(super) async fn new(staff: Staff) -> AppResult<Response> {
    require(&staff.user, Action::ManageTemplates)?;
    form_page(&staff, None, TemplateForm::blank(), FormErrors::none())
}

/// `GET /admin/templates/{id}/edit`.
pub(super) async fn edit(
    State(state): State<AppState>,
    staff: Staff,
    Path(raw_id): Path<String>,
) -> AppResult<Response> {
    require(&staff.user, Action::ManageTemplates)?;
    let stored = state.store.template(parse_id(&raw_id, "template")?).await?;
    form_page(&staff, Some(stored.id), TemplateForm::from(&stored.template), FormErrors::none())
}

/// `POST /admin/templates`: creates a template.
pub(super) async fn create(State(state): State<AppState>, posted: CsrfForm<TemplateForm>) -> AppResult<Response> {
    require(&posted.staff.user, Action::ManageTemplates)?;
    save(&state, posted.staff, None, posted.form).await
}

/// `POST /admin/templates/{id}`: replaces a template.
pub(super) async fn update(
    State(state): State<AppState>,
    Path(raw_id): Path<String>,
    posted: CsrfForm<TemplateForm>,
) -> AppResult<Response> {
    require(&posted.staff.user, Action::ManageTemplates)?;
    let stored = state.store.template(parse_id(&raw_id, "template")?).await?;
    save(&state, posted.staff, Some(stored.id), posted.form).await
}

/// Validates and saves, or shows the form again with every problem next to its field.
async fn save(state: &AppState, staff: Staff, id: Option<TemplateId>, form: TemplateForm) -> AppResult<Response> {
    let template = match RequisitionTemplate::try_from(&form) {
        Ok(template) => template,
        Err(invalid) => return unprocessable(form_page(&staff, id, form, invalid.into())),
    };
    match state.store.save_template(&staff.user, id, &template).await {
        Ok(_) => Ok(redirect_with("/admin/templates", "success", &format!("Template “{}” saved.", template.name))),
        Err(StoreError::Invalid(invalid)) => unprocessable(form_page(&staff, id, form, invalid.into())),
        Err(other) => Err(other.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shipped_template_survives_the_form_round_trip() {
        for template in hired_domain::templates::defaults() {
            let form = TemplateForm::from(&template);
            assert_eq!(RequisitionTemplate::try_from(&form).unwrap(), template);
        }
    }

    #[test]
    fn bad_template_fields_are_all_reported() {
        let mut form = TemplateForm::from(&hired_domain::templates::django_backend());
        form.name = " ".into();
        form.spec.headcount = "0".into();
        form.band_senior_min = "200000".into();
        let invalid = RequisitionTemplate::try_from(&form).unwrap_err();
        for field in ["name", "headcount", "band_senior"] {
            assert!(invalid.message_for(field).is_some(), "{field}");
        }
    }

    #[test]
    fn bands_are_shown_compactly() {
        assert_eq!(short_band(&SalaryBand::yearly_usd(70_000, 95_000)), "USD 70,000–95,000");
        let hourly = SalaryBand { period: PayPeriod::Hour, ..SalaryBand::yearly_usd(40, 60) };
        assert_eq!(short_band(&hourly), "USD 40–60 per hour");
    }

    #[test]
    fn a_level_without_figures_has_no_band() {
        assert_eq!(parse_yearly_usd(" ", ""), Ok(None));
        assert!(parse_yearly_usd("90000", "").is_err());
        assert_eq!(parse_yearly_usd("90,000", "120000"), Ok(Some(SalaryBand::yearly_usd(90_000, 120_000))));
    }
}
