//! The body that creates or replaces a requisition, and its validation:
//! the JSON is turned into the domain's input and checked by the domain's
//! rules (the same as the requisition form's), each problem named by its
//! path in the JSON (`title`, `skills[2]`, `salary.currency`).

use hired_domain::requisition::{self, RequisitionInput, RequisitionSpec, SkillRequirement};
use hired_domain::{Currency, Invalid, PayPeriod, SalaryBand};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// One skill the role asks for, as sent.
#[derive(Debug, Deserialize, ToSchema)]
pub struct SkillInput {
    /// Skill name, e.g. "Django".
    pub skill: String,
    /// Must-have (`true`) or nice-to-have (`false`, the default).
    #[serde(default)]
    pub required: bool,
    /// Importance 1–10; default 5.
    pub weight: Option<i64>,
    /// Minimum years of use, 0–40.
    pub min_years: Option<i64>,
}

/// A pay range in minor units (cents) of one currency.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
pub struct Salary {
    /// Lower end, minor units.
    pub min_minor: i64,
    /// Upper end, minor units.
    pub max_minor: i64,
    /// ISO 4217 code, e.g. `USD`.
    pub currency: String,
    /// What period the figures are for.
    #[schema(schema_with = super::openapi::pay_period)]
    pub period: String,
}

impl From<SalaryBand> for Salary {
    fn from(b: SalaryBand) -> Self {
        Self {
            min_minor: b.min_minor,
            max_minor: b.max_minor,
            currency: b.currency.to_string(),
            period: b.period.to_string(),
        }
    }
}

/// A requisition's definition, as sent to create or replace it.
#[derive(Debug, Deserialize, ToSchema)]
pub struct RequisitionBody {
    /// Job title, at most 200 characters.
    pub title: String,
    /// Owning department's id.
    #[schema(value_type = Option<Uuid>)]
    pub department_id: Option<String>,
    /// Office locations; may be empty only for remote roles.
    #[serde(default)]
    pub locations: Vec<String>,
    /// Where the work happens.
    #[schema(schema_with = super::openapi::remote)]
    pub remote: String,
    /// The hire's contract.
    #[schema(schema_with = super::openapi::employment_type)]
    pub employment_type: String,
    /// Who does the work.
    #[schema(schema_with = super::openapi::sourcing)]
    pub sourcing: String,
    /// Seniority.
    #[schema(schema_with = super::openapi::level)]
    pub level: String,
    /// People to hire, 1–500.
    pub headcount: i64,
    /// What the person will do.
    #[serde(default)]
    pub responsibilities: Vec<String>,
    /// Required and nice-to-have skills, at most 100, each named once.
    #[serde(default)]
    pub skills: Vec<SkillInput>,
    /// Certifications that count in the candidate's favour.
    #[serde(default)]
    pub certifications: Vec<String>,
    /// Pay range; `null` for none.
    pub salary: Option<Salary>,
}

/// A requisition's new definition and the version it replaces.
#[derive(Debug, Deserialize, ToSchema)]
pub struct RequisitionUpdate {
    /// The whole new definition.
    #[serde(flatten)]
    pub spec: RequisitionBody,
    /// The `version` last read; a stale one is a 409.
    pub version: i64,
}

/// A lifecycle move.
#[derive(Debug, Deserialize, ToSchema)]
pub struct StatusChange {
    /// Lifecycle status.
    #[schema(schema_with = super::openapi::requisition_status)]
    pub status: String,
    /// The `version` last read; a stale one is a 409.
    pub version: i64,
}

impl RequisitionBody {
    /// Validates the body with the domain's rules; every problem is named by its JSON path.
    pub async fn to_spec(&self, state: &AppState) -> AppResult<RequisitionSpec> {
        let mut bad = Invalid::default();
        let spec = RequisitionSpec::try_from(&self.input());
        if let Err(invalid) = &spec {
            bad.errors.extend(invalid.errors.iter().cloned());
        }
        let skills = self.skills(&mut bad);
        let salary = self.salary.as_ref().and_then(|s| salary_band(s, &mut bad));
        if let Ok(RequisitionSpec { department_id: Some(department), .. }) = &spec
            && !state.store.list_departments().await?.iter().any(|d| d.id == department.0)
        {
            bad.push("department_id", "is not a known department");
        }
        match spec {
            Ok(spec) if bad.errors.is_empty() => Ok(RequisitionSpec { skills, salary, ..spec }),
            _ => Err(AppError::Invalid(bad)),
        }
    }

    /// The fields the domain's input type carries as text; skills and salary are checked apart.
    fn input(&self) -> RequisitionInput {
        RequisitionInput {
            title: self.title.clone(),
            department_id: self.department_id.clone().unwrap_or_default(),
            locations: self.locations.join("\n"),
            remote: self.remote.clone(),
            employment_type: self.employment_type.clone(),
            sourcing: self.sourcing.clone(),
            level: self.level.clone(),
            headcount: self.headcount.to_string(),
            responsibilities: self.responsibilities.join("\n"),
            certifications: self.certifications.join("\n"),
            ..RequisitionInput::default()
        }
    }

    /// The skills through the domain's parser (one line per skill), errors named `skills[i]`.
    fn skills(&self, bad: &mut Invalid) -> Vec<SkillRequirement> {
        let mut lines = Vec::with_capacity(self.skills.len());
        let mut unreadable = false;
        for (i, s) in self.skills.iter().enumerate() {
            if s.skill.contains(['|', '\n', '\r']) {
                bad.push(format!("skills[{i}]"), "the skill name must not contain '|' or line breaks");
                unreadable = true;
            }
            let kind = if s.required { "required" } else { "nice" };
            let number = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
            lines.push(format!("{} | {kind} | {} | {}", s.skill, number(s.weight), number(s.min_years)));
        }
        if unreadable {
            return Vec::new();
        }
        requisition::parse_skill_lines(&lines.join("\n")).unwrap_or_else(|message| {
            let (field, message) = skill_error_field(&message);
            bad.push(field, message);
            Vec::new()
        })
    }
}

/// The domain names a bad skill by its line ("line 3: …"); the API names the item (`skills[2]`).
fn skill_error_field(message: &str) -> (String, &str) {
    message
        .strip_prefix("line ")
        .and_then(|m| m.split_once(": "))
        .and_then(|(n, rest)| Some((format!("skills[{}]", n.parse::<usize>().ok()?.checked_sub(1)?), rest)))
        .unwrap_or_else(|| ("skills".into(), message))
}

/// The salary band through the domain's checks, errors named `salary.*`.
fn salary_band(s: &Salary, bad: &mut Invalid) -> Option<SalaryBand> {
    let currency = bad.check("salary.currency", Currency::parse(&s.currency));
    let period = bad.check("salary.period", s.period.parse::<PayPeriod>());
    let (currency, period) = (currency?, period?);
    bad.check("salary", SalaryBand::new(s.min_minor, s.max_minor, currency, period))
}
