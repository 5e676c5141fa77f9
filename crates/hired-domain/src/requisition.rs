//! Requisitions: the role being hired for, and the rules of its lifecycle.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::enums::string_enum;
use crate::matching::Weights;
use crate::pipeline::StageDef;
use crate::validation::{optional_text, required_text};
use crate::{DepartmentId, Invalid, RequisitionId, SalaryBand, UserId};

string_enum! {
    /// Seniority, with the experience ranges of the seed guides.
    pub enum Level {
        Junior => ("junior", "Junior (0–2 years)"),
        Mid => ("mid", "Mid-level (2–5 years)"),
        Senior => ("senior", "Senior (5+ years)"),
        Lead => ("lead", "Lead"),
    }
}

impl Level {
    /// Years of professional experience expected: `(min, max)`, `max` open for senior and lead.
    pub fn years(self) -> (u8, Option<u8>) {
        match self {
            Level::Junior => (0, Some(2)),
            Level::Mid => (2, Some(5)),
            Level::Senior => (5, None),
            Level::Lead => (7, None),
        }
    }
}

string_enum! {
    /// Where the work happens.
    pub enum RemotePolicy {
        Onsite => ("onsite", "On-site"),
        Hybrid => ("hybrid", "Hybrid"),
        Remote => ("remote", "Remote"),
    }
}

string_enum! {
    /// The contract the hire will have.
    pub enum EmploymentType {
        FullTime => ("full_time", "Full-time"),
        PartTime => ("part_time", "Part-time"),
        Contract => ("contract", "Contract"),
        Freelance => ("freelance", "Freelance"),
    }
}

string_enum! {
    /// Who does the work: our own employee, an outsourcing or nearshore vendor, or a freelancer.
    pub enum SourcingModel {
        InHouse => ("in_house", "In-house"),
        Outsourced => ("outsourced", "Outsourced / nearshore vendor"),
        Freelancer => ("freelancer", "Freelancer"),
    }
}

string_enum! {
    /// Where a requisition is in its life.
    pub enum RequisitionStatus {
        Draft => ("draft", "Draft"),
        Open => ("open", "Open"),
        OnHold => ("on_hold", "On hold"),
        Filled => ("filled", "Filled"),
        Closed => ("closed", "Closed"),
    }
}

impl RequisitionStatus {
    /// The statuses this one may move to.
    ///
    /// Draft opens or is abandoned; open pauses, fills or closes; on hold resumes
    /// or closes; filled and closed are final except that a closed requisition
    /// may be reopened (a role that was cancelled and comes back).
    pub fn next(self) -> &'static [RequisitionStatus] {
        use RequisitionStatus::*;
        match self {
            Draft => &[Open, Closed],
            Open => &[OnHold, Filled, Closed],
            OnHold => &[Open, Closed],
            Filled => &[],
            Closed => &[Open],
        }
    }

    /// Checks a status change, with a message for people when it is not allowed.
    pub fn transition(self, to: RequisitionStatus) -> Result<RequisitionStatus, String> {
        if self.next().contains(&to) {
            Ok(to)
        } else if self == to {
            Err(format!("the requisition is already {}", self.label().to_lowercase()))
        } else {
            Err(format!("a {} requisition cannot become {}", self.label().to_lowercase(), to.label().to_lowercase()))
        }
    }

    /// Whether candidates can still be added and moved.
    pub fn accepts_candidates(self) -> bool {
        matches!(self, RequisitionStatus::Draft | RequisitionStatus::Open | RequisitionStatus::OnHold)
    }
}

impl Requisition {
    /// The stage new candidates enter, or why this requisition takes none.
    pub fn entry_stage(&self) -> Result<&str, String> {
        if !self.status.accepts_candidates() {
            return Err(format!("the requisition is {}", self.status.label().to_lowercase()));
        }
        self.stages.first().map(|s| s.key.as_str()).ok_or_else(|| "the requisition has no stages".to_owned())
    }
}

/// One skill the role asks for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SkillRequirement {
    /// Skill name, e.g. "Django".
    pub skill: String,
    /// Must-have (true) or nice-to-have (false).
    pub required: bool,
    /// Relative importance, 1–10.
    pub weight: u8,
    /// Minimum years of use, if any.
    pub min_years: Option<u8>,
}

/// Everything a person defines about a role; the editable part of a requisition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequisitionSpec {
    /// Job title.
    pub title: String,
    /// Owning department.
    pub department_id: Option<DepartmentId>,
    /// Office locations (cities), possibly empty for fully remote roles.
    pub locations: Vec<String>,
    /// Remote policy.
    pub remote: RemotePolicy,
    /// Employment type.
    pub employment_type: EmploymentType,
    /// In-house, outsourced or freelance.
    pub sourcing: SourcingModel,
    /// Seniority.
    pub level: Level,
    /// How many people to hire.
    pub headcount: u16,
    /// What the person will do, one item per line.
    pub responsibilities: Vec<String>,
    /// Required and nice-to-have skills.
    pub skills: Vec<SkillRequirement>,
    /// Certifications that count in the candidate's favour.
    pub certifications: Vec<String>,
    /// Pay range, if set.
    pub salary: Option<SalaryBand>,
    /// How applicants' match scores weigh skills, experience, location and the rest.
    #[serde(default)]
    pub match_weights: Weights,
}

/// A requisition as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Requisition {
    /// Identity.
    pub id: RequisitionId,
    /// The role definition.
    pub spec: RequisitionSpec,
    /// Lifecycle status.
    pub status: RequisitionStatus,
    /// Pipeline stages, in order.
    pub stages: Vec<StageDef>,
    /// Who created it.
    pub created_by: UserId,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// Optimistic-concurrency version, bumped on every change.
    pub version: i64,
}

/// A requisition form or JSON body before validation: every value as the person typed it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RequisitionInput {
    /// Job title.
    pub title: String,
    /// Department id, or empty.
    pub department_id: String,
    /// Locations, one per line ("Berlin" or "New York, NY").
    pub locations: String,
    /// `onsite | hybrid | remote`.
    pub remote: String,
    /// `full_time | part_time | contract | freelance`.
    pub employment_type: String,
    /// `in_house | outsourced | freelancer`.
    pub sourcing: String,
    /// `junior | mid | senior | lead`.
    pub level: String,
    /// Number of hires.
    pub headcount: String,
    /// One responsibility per line.
    pub responsibilities: String,
    /// One skill per line: `Django, required, weight 8, 2y` style — see [`parse_skill_line`].
    pub skills: String,
    /// One certification per line.
    pub certifications: String,
    /// Whole units, may be empty.
    pub salary_min: String,
    /// Whole units, may be empty.
    pub salary_max: String,
    /// ISO 4217 code.
    pub salary_currency: String,
    /// `year | month | hour`.
    pub salary_period: String,
}

impl TryFrom<&RequisitionInput> for RequisitionSpec {
    type Error = Invalid;

    fn try_from(input: &RequisitionInput) -> Result<Self, Invalid> {
        let mut bad = Invalid::default();
        let title = bad.check("title", required_text(&input.title, 200));
        let department_id =
            bad.check("department_id", optional_text(&input.department_id, 64)).flatten().and_then(|s| {
                bad.check("department_id", s.parse::<DepartmentId>().map_err(|_| "is not a known department"))
            });
        let remote = bad.check("remote", input.remote.parse::<RemotePolicy>());
        let employment_type = bad.check("employment_type", input.employment_type.parse::<EmploymentType>());
        let sourcing = bad.check("sourcing", input.sourcing.parse::<SourcingModel>());
        let level = bad.check("level", input.level.parse::<Level>());
        let headcount = bad.check("headcount", parse_headcount(&input.headcount));
        let locations = split_lines(&input.locations);
        if locations.iter().any(|l| l.chars().count() > 120) {
            bad.push("locations", "each location must be at most 120 characters");
        }
        let responsibilities = split_lines(&input.responsibilities);
        let skills = bad.check("skills", parse_skill_lines(&input.skills));
        let certifications = split_lines(&input.certifications);
        let salary = bad.check("salary_min", parse_band(input)).flatten();
        if locations.is_empty() && remote != Some(RemotePolicy::Remote) && remote.is_some() {
            bad.push("locations", "give at least one location, or make the role remote");
        }
        bad.into_result(|| RequisitionSpec {
            title: title.unwrap_or_default(),
            department_id,
            locations,
            remote: remote.unwrap_or(RemotePolicy::Onsite),
            employment_type: employment_type.unwrap_or(EmploymentType::FullTime),
            sourcing: sourcing.unwrap_or(SourcingModel::InHouse),
            level: level.unwrap_or(Level::Mid),
            headcount: headcount.unwrap_or(1),
            responsibilities,
            skills: skills.unwrap_or_default(),
            certifications,
            salary,
            match_weights: Weights::default(),
        })
    }
}

impl RequisitionSpec {
    /// The spec as form input, for editing.
    pub fn to_input(&self) -> RequisitionInput {
        RequisitionInput {
            title: self.title.clone(),
            department_id: self.department_id.map(|d| d.to_string()).unwrap_or_default(),
            locations: self.locations.join("\n"),
            remote: self.remote.as_str().into(),
            employment_type: self.employment_type.as_str().into(),
            sourcing: self.sourcing.as_str().into(),
            level: self.level.as_str().into(),
            headcount: self.headcount.to_string(),
            responsibilities: self.responsibilities.join("\n"),
            skills: self.skills.iter().map(format_skill_line).collect::<Vec<_>>().join("\n"),
            certifications: self.certifications.join("\n"),
            salary_min: self.salary.map(|b| (b.min_minor / 100).to_string()).unwrap_or_default(),
            salary_max: self.salary.map(|b| (b.max_minor / 100).to_string()).unwrap_or_default(),
            salary_currency: self.salary.map(|b| b.currency.to_string()).unwrap_or_else(|| "USD".into()),
            salary_period: self.salary.map(|b| b.period.as_str().to_string()).unwrap_or_else(|| "year".into()),
        }
    }
}

fn parse_headcount(raw: &str) -> Result<u16, String> {
    match raw.trim().parse::<u16>() {
        Ok(n) if (1..=500).contains(&n) => Ok(n),
        _ => Err("must be a whole number from 1 to 500".into()),
    }
}

fn parse_band(input: &RequisitionInput) -> Result<Option<SalaryBand>, String> {
    if input.salary_min.trim().is_empty() && input.salary_max.trim().is_empty() {
        return Ok(None);
    }
    let min = crate::money::parse_whole_units(&input.salary_min).map_err(|e| format!("minimum {e}"))?;
    let max = crate::money::parse_whole_units(&input.salary_max).map_err(|e| format!("maximum {e}"))?;
    let currency = crate::Currency::parse(&input.salary_currency)?;
    let period = input.salary_period.parse::<crate::PayPeriod>()?;
    SalaryBand::new(min, max, currency, period).map(Some)
}

fn split_lines(raw: &str) -> Vec<String> {
    raw.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect()
}

/// Parses the skills text area: one skill per line, `Name | required | weight | min years`,
/// e.g. `Django | required | 9 | 2` or just `Redis` (nice-to-have, weight 5).
pub fn parse_skill_lines(raw: &str) -> Result<Vec<SkillRequirement>, String> {
    let mut skills: Vec<SkillRequirement> = Vec::new();
    for (n, line) in raw.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let skill = parse_skill_line(line).map_err(|e| format!("line {}: {e}", n + 1))?;
        if skills.iter().any(|s| s.skill.eq_ignore_ascii_case(&skill.skill)) {
            return Err(format!("line {}: {} is listed twice", n + 1, skill.skill));
        }
        skills.push(skill);
    }
    if skills.len() > 100 {
        return Err("at most 100 skills".into());
    }
    Ok(skills)
}

/// Parses one skills line; see [`parse_skill_lines`].
pub fn parse_skill_line(line: &str) -> Result<SkillRequirement, String> {
    let parts: Vec<&str> = line.split('|').map(str::trim).collect();
    let skill = required_text(parts[0], 80).map_err(|e| format!("skill name {e}"))?;
    let required = match parts.get(1).copied().unwrap_or("nice") {
        "required" | "must" | "yes" => true,
        "nice" | "nice-to-have" | "optional" | "" => false,
        other => return Err(format!("'{other}' should be 'required' or 'nice'")),
    };
    let weight = match parts.get(2).filter(|w| !w.is_empty()) {
        None => 5,
        Some(w) => match w.parse::<u8>() {
            Ok(w) if (1..=10).contains(&w) => w,
            _ => return Err("weight must be 1 to 10".into()),
        },
    };
    let min_years = match parts.get(3).filter(|y| !y.is_empty()) {
        None => None,
        Some(y) => match y.trim_end_matches(['y', 'Y']).trim().parse::<u8>() {
            Ok(y) if y <= 40 => Some(y),
            _ => return Err("minimum years must be 0 to 40".into()),
        },
    };
    if parts.len() > 4 {
        return Err("use at most four parts: name | required or nice | weight | min years".into());
    }
    Ok(SkillRequirement { skill, required, weight, min_years })
}

/// Formats a skill requirement back into its one-line text form.
pub fn format_skill_line(s: &SkillRequirement) -> String {
    let kind = if s.required { "required" } else { "nice" };
    match s.min_years {
        Some(y) => format!("{} | {kind} | {} | {y}", s.skill, s.weight),
        None => format!("{} | {kind} | {}", s.skill, s.weight),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use RequisitionStatus::*;

    #[test]
    fn lifecycle_allows_only_the_documented_moves() {
        assert_eq!(Draft.transition(Open), Ok(Open));
        assert_eq!(Open.transition(OnHold), Ok(OnHold));
        assert_eq!(OnHold.transition(Open), Ok(Open));
        assert_eq!(Open.transition(Filled), Ok(Filled));
        assert_eq!(Closed.transition(Open), Ok(Open));
        assert!(Filled.transition(Open).is_err());
        assert!(Draft.transition(Filled).is_err());
        assert_eq!(Open.transition(Open), Err("the requisition is already open".into()));
    }

    #[test]
    fn skill_lines_parse_with_defaults() {
        let skills = parse_skill_lines("Django | required | 9 | 2y\n\nRedis").unwrap();
        assert_eq!(
            skills[0],
            SkillRequirement { skill: "Django".into(), required: true, weight: 9, min_years: Some(2) }
        );
        assert_eq!(skills[1], SkillRequirement { skill: "Redis".into(), required: false, weight: 5, min_years: None });
        assert_eq!(format_skill_line(&skills[0]), "Django | required | 9 | 2");
    }

    #[test]
    fn skill_lines_report_the_bad_line() {
        assert_eq!(
            parse_skill_lines("Django\nFlask | maybe"),
            Err("line 2: 'maybe' should be 'required' or 'nice'".into())
        );
        assert!(parse_skill_lines("Django | required | 11").is_err());
        assert!(parse_skill_lines("Django\ndjango").unwrap_err().contains("twice"));
    }

    fn valid_input() -> RequisitionInput {
        RequisitionInput {
            title: "Backend Developer".into(),
            locations: "Berlin\nNew York, NY".into(),
            remote: "hybrid".into(),
            employment_type: "full_time".into(),
            sourcing: "in_house".into(),
            level: "mid".into(),
            headcount: "2".into(),
            skills: "Python | required | 8 | 2".into(),
            salary_min: "95,000".into(),
            salary_max: "130000".into(),
            salary_currency: "usd".into(),
            salary_period: "year".into(),
            ..Default::default()
        }
    }

    #[test]
    fn valid_input_becomes_a_spec_and_round_trips() {
        let spec = RequisitionSpec::try_from(&valid_input()).unwrap();
        assert_eq!(spec.locations, vec!["Berlin", "New York, NY"]);
        assert_eq!(spec.salary.unwrap().max_minor, 13_000_000);
        assert_eq!(RequisitionSpec::try_from(&spec.to_input()).unwrap(), spec);
    }

    #[test]
    fn invalid_input_names_every_bad_field() {
        let input =
            RequisitionInput { title: " ".into(), level: "guru".into(), headcount: "0".into(), ..valid_input() };
        let err = RequisitionSpec::try_from(&input).unwrap_err();
        assert_eq!(err.message_for("title"), Some("is required"));
        assert!(err.message_for("level").unwrap().contains("junior, mid, senior, lead"));
        assert!(err.message_for("headcount").is_some());
    }

    #[test]
    fn inverted_salary_band_is_rejected() {
        let input = RequisitionInput { salary_min: "200000".into(), ..valid_input() };
        assert!(RequisitionSpec::try_from(&input).unwrap_err().message_for("salary_min").is_some());
    }
}
