//! Requisition templates, and the two that ship by default: the roles of the
//! seed hiring guides, with their skills, certifications, levels and the
//! US major-market 2024 salary ranges per level.

use serde::{Deserialize, Serialize};

use crate::SalaryBand;
use crate::requisition::{EmploymentType, Level, RemotePolicy, RequisitionSpec, SkillRequirement, SourcingModel};

/// A starting point for new requisitions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequisitionTemplate {
    /// Template name, unique.
    pub name: String,
    /// One-line description for the picker.
    pub summary: String,
    /// The requisition it creates (title, skills, certifications, …).
    pub spec: RequisitionSpec,
    /// Salary band per level, so changing the level in the form suggests the right range.
    pub bands: Vec<(Level, SalaryBand)>,
}

impl RequisitionTemplate {
    /// The band this template suggests for `level`.
    pub fn band_for(&self, level: Level) -> Option<SalaryBand> {
        self.bands.iter().find(|(l, _)| *l == level).map(|(_, b)| *b)
    }

    /// The template's spec set to `level`, with that level's band.
    pub fn spec_for(&self, level: Level) -> RequisitionSpec {
        RequisitionSpec { level, salary: self.band_for(level).or(self.spec.salary), ..self.spec.clone() }
    }
}

/// US major-market annual base salary per level, 2024 (seed guide). The guide
/// gives no lead figure; leads start at the senior band.
pub fn us_2024_bands() -> Vec<(Level, SalaryBand)> {
    vec![
        (Level::Junior, SalaryBand::yearly_usd(70_000, 95_000)),
        (Level::Mid, SalaryBand::yearly_usd(95_000, 130_000)),
        (Level::Senior, SalaryBand::yearly_usd(130_000, 180_000)),
        (Level::Lead, SalaryBand::yearly_usd(150_000, 200_000)),
    ]
}

fn skill(name: &str, required: bool, weight: u8, min_years: Option<u8>) -> SkillRequirement {
    SkillRequirement { skill: name.into(), required, weight, min_years }
}

fn lines(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// "Python Django Backend Developer": server-side web applications on Django.
pub fn django_backend() -> RequisitionTemplate {
    let bands = us_2024_bands();
    let spec = RequisitionSpec {
        title: "Python Django Backend Developer".into(),
        department_id: None,
        locations: lines(&["New York, NY"]),
        remote: RemotePolicy::Hybrid,
        employment_type: EmploymentType::FullTime,
        sourcing: SourcingModel::InHouse,
        level: Level::Mid,
        headcount: 1,
        responsibilities: lines(&[
            "Design, build and maintain the server side of our web applications",
            "Build and document RESTful APIs and integrate third-party services",
            "Tune database queries and schemas for performance",
            "Implement authentication, authorization and application security",
            "Write unit and integration tests and take part in code reviews",
            "Work with frontend, DevOps and product on architecture decisions",
        ]),
        skills: vec![
            skill("Python", true, 10, Some(2)),
            skill("Django", true, 9, Some(2)),
            skill("Django REST Framework", true, 7, None),
            skill("PostgreSQL", true, 7, None),
            skill("Git", true, 5, None),
            skill("Docker", true, 5, None),
            skill("MySQL", false, 4, None),
            skill("AWS", false, 5, None),
            skill("Google Cloud", false, 3, None),
            skill("Azure", false, 3, None),
            skill("GitHub Actions", false, 4, None),
            skill("Jenkins", false, 3, None),
            skill("pytest", false, 5, None),
            skill("Redis", false, 4, None),
            skill("Memcached", false, 2, None),
            skill("Prometheus", false, 2, None),
            skill("Sentry", false, 2, None),
        ],
        certifications: lines(&[
            "PCAP – Certified Associate in Python Programming",
            "PCPP – Certified Professional in Python Programming",
            "AWS Certified Developer – Associate",
            "Google Professional Cloud Developer",
            "Django certification (online programme)",
        ]),
        salary: bands.iter().find(|(l, _)| *l == Level::Mid).map(|(_, b)| *b),
        match_weights: Default::default(),
    };
    RequisitionTemplate {
        name: spec.title.clone(),
        summary: "Python 3 and Django REST APIs on PostgreSQL, containers and a major cloud".into(),
        spec,
        bands,
    }
}

/// "PHP and Python Back End Developer": server-side work across PHP and Python stacks.
pub fn php_python_backend() -> RequisitionTemplate {
    let bands = us_2024_bands();
    let spec = RequisitionSpec {
        title: "PHP and Python Back End Developer".into(),
        department_id: None,
        locations: Vec::new(),
        remote: RemotePolicy::Remote,
        employment_type: EmploymentType::FullTime,
        sourcing: SourcingModel::InHouse,
        level: Level::Mid,
        headcount: 1,
        responsibilities: lines(&[
            "Own server-side logic, database access and application behaviour",
            "Build and maintain web servers, applications and databases",
            "Expose APIs in JSON (and SOAP where partners need it)",
            "Meet delivery deadlines and take part in mentoring and code review",
        ]),
        skills: vec![
            skill("PHP", true, 9, Some(2)),
            skill("Python", true, 9, Some(2)),
            skill("MySQL", true, 7, None),
            skill("Linux", true, 6, None),
            skill("Git", true, 5, None),
            skill("MongoDB", false, 4, None),
            skill("Oracle", false, 3, None),
            skill("Apache", false, 4, None),
            skill("Microsoft IIS", false, 2, None),
            skill("Java", false, 3, None),
            skill("Go", false, 3, None),
            skill("JSON", false, 3, None),
            skill("AJAX", false, 2, None),
            skill("SOAP", false, 2, None),
        ],
        certifications: lines(&[
            "PCAP – Certified Associate in Python Programming",
            "PCPP – Certified Professional in Python Programming",
        ]),
        salary: bands.iter().find(|(l, _)| *l == Level::Mid).map(|(_, b)| *b),
        match_weights: Default::default(),
    };
    RequisitionTemplate {
        name: spec.title.clone(),
        summary: "PHP and Python services on MySQL and Linux; in-house, nearshore or freelance".into(),
        spec,
        bands,
    }
}

/// The templates a new installation starts with.
pub fn defaults() -> Vec<RequisitionTemplate> {
    vec![django_backend(), php_python_backend()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::requisition::RequisitionInput;

    #[test]
    fn seed_templates_carry_the_guides_salary_ranges() {
        let t = django_backend();
        assert_eq!(t.band_for(Level::Junior), Some(SalaryBand::yearly_usd(70_000, 95_000)));
        assert_eq!(t.spec_for(Level::Senior).salary, Some(SalaryBand::yearly_usd(130_000, 180_000)));
        assert!(t.spec.certifications.iter().any(|c| c.contains("PCAP")));
    }

    #[test]
    fn seed_templates_are_valid_requisitions() {
        for t in defaults() {
            let input: RequisitionInput = t.spec.to_input();
            assert_eq!(RequisitionSpec::try_from(&input).unwrap(), t.spec, "{}", t.name);
        }
    }
}
