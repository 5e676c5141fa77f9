//! What candidates are ranked against: a role's skills, level, certifications, place and pay,
//! from a requisition or from a `JOB.toml` file, and how much each part of the match weighs.

pub use hired_domain::matching::Weights;
use hired_domain::requisition::{Level, RemotePolicy, RequisitionSpec};
use hired_domain::{Money, SalaryBand};
use serde::{Deserialize, Serialize};

/// One skill the role asks for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Requirement {
    /// Skill name, resolved through the skill graph ("Postgres" finds PostgreSQL).
    pub skill: String,
    /// Minimum years of use, when the role sets one.
    pub min_years: Option<u8>,
    /// Relative importance among the role's skills, 1–10.
    pub weight: u8,
}

/// A place: a city and an ISO 3166-1 alpha-2 country, either possibly unknown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// City, as written.
    pub city: Option<String>,
    /// Country code, upper case.
    pub country: Option<String>,
}

impl Place {
    /// Reads "Berlin, DE", "Berlin" or "DE": a trailing two-letter part is the country.
    pub fn parse(raw: &str) -> Place {
        let parts: Vec<&str> = raw.split(',').map(str::trim).filter(|p| !p.is_empty()).collect();
        let is_country = |p: &str| p.len() == 2 && p.chars().all(|c| c.is_ascii_alphabetic());
        match parts.as_slice() {
            [] => Place::default(),
            [only] if is_country(only) => Place { city: None, country: Some(only.to_ascii_uppercase()) },
            [.., last] if parts.len() > 1 && is_country(last) => {
                Place { city: Some(parts[0].to_owned()), country: Some(last.to_ascii_uppercase()) }
            }
            [first, ..] => Place { city: Some((*first).to_owned()), country: None },
        }
    }
}

/// Everything about a role that matching looks at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Job {
    /// Title, for people reading results.
    pub title: String,
    /// Seniority: sets the range of years of experience expected.
    pub level: Level,
    /// Must-have skills.
    pub required: Vec<Requirement>,
    /// Nice-to-have skills.
    pub nice: Vec<Requirement>,
    /// Certifications that count in the candidate's favour.
    pub certifications: Vec<String>,
    /// Offices; any one of them is a fit.
    pub locations: Vec<Place>,
    /// Whether the work can be done from anywhere.
    pub remote: bool,
    /// Pay range, when set.
    pub salary: Option<SalaryBand>,
    /// How much each part of the match counts.
    pub weights: Weights,
}

/// What is wrong with a job description, said so that its author can fix it.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum JobError {
    /// The TOML does not parse or has fields of the wrong kind.
    #[error("the job file is not valid: {0}")]
    Syntax(String),
    /// A value is out of range or unknown.
    #[error("{0}")]
    Invalid(String),
    /// Nothing to rank by.
    #[error(
        "the job names no skills: add [[required]] or [[nice]] skills (for example skill = \"Django\") so candidates can be ranked"
    )]
    NoSkills,
}

/// `JOB.toml` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct JobFile {
    title: String,
    level: String,
    #[serde(default)]
    required: Vec<SkillEntry>,
    #[serde(default)]
    nice: Vec<SkillEntry>,
    #[serde(default)]
    certifications: Vec<String>,
    #[serde(default)]
    location: Option<String>,
    #[serde(default)]
    remote: bool,
    #[serde(default)]
    weights: Option<Weights>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SkillEntry {
    skill: String,
    min_years: Option<u8>,
    weight: Option<u8>,
}

impl Job {
    /// Reads a `JOB.toml`: `title`, `level`, `[[required]]` and `[[nice]]` skills with optional
    /// `min_years` and `weight`, `certifications`, `location` and `remote`.
    pub fn from_toml(text: &str) -> Result<Job, JobError> {
        let file: JobFile = toml::from_str(text).map_err(|e| JobError::Syntax(e.to_string()))?;
        let level = Level::parse(file.level.trim())
            .ok_or_else(|| JobError::Invalid(format!("level \"{}\" is not junior, mid, senior or lead", file.level)))?;
        let requirement = |e: SkillEntry| -> Result<Requirement, JobError> {
            let skill = e.skill.trim().to_owned();
            if skill.is_empty() {
                return Err(JobError::Invalid("a skill entry has an empty skill name".into()));
            }
            let weight = e.weight.unwrap_or(5);
            if !(1..=10).contains(&weight) {
                return Err(JobError::Invalid(format!("the weight of {skill} must be between 1 and 10")));
            }
            Ok(Requirement { skill, min_years: e.min_years, weight })
        };
        let job = Job {
            title: file.title,
            level,
            required: file.required.into_iter().map(requirement).collect::<Result<_, _>>()?,
            nice: file.nice.into_iter().map(requirement).collect::<Result<_, _>>()?,
            certifications: file.certifications,
            locations: file.location.as_deref().map(Place::parse).into_iter().collect(),
            remote: file.remote,
            salary: None,
            weights: file.weights.unwrap_or_default().check().map_err(JobError::Invalid)?,
        };
        job.check()
    }

    /// The job a requisition describes, weighed the way its recruiters set.
    pub fn from_requisition(spec: &RequisitionSpec) -> Job {
        let (required, nice): (Vec<_>, Vec<_>) = spec.skills.iter().partition(|s| s.required);
        let requirement = |s: &&hired_domain::requisition::SkillRequirement| Requirement {
            skill: s.skill.clone(),
            min_years: s.min_years,
            weight: s.weight.clamp(1, 10),
        };
        Job {
            title: spec.title.clone(),
            level: spec.level,
            required: required.iter().map(requirement).collect(),
            nice: nice.iter().map(requirement).collect(),
            certifications: spec.certifications.clone(),
            locations: spec.locations.iter().map(|l| Place::parse(l)).collect(),
            remote: spec.remote == RemotePolicy::Remote,
            salary: spec.salary,
            weights: spec.match_weights,
        }
    }

    /// The job, or why it cannot rank anyone.
    pub fn check(self) -> Result<Job, JobError> {
        if self.required.is_empty() && self.nice.is_empty() {
            return Err(JobError::NoSkills);
        }
        Ok(self)
    }

    /// Whether `expectation` is comparable with the band: same currency.
    pub(crate) fn band_for(&self, expectation: Money) -> Option<SalaryBand> {
        self.salary.filter(|b| b.currency == expectation.currency)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = r#"
        title = "Python Django Backend Developer"
        level = "mid"
        certifications = ["PCAP"]
        location = "Berlin, DE"
        remote = false

        [[required]]
        skill = "Django"
        min_years = 2
        weight = 9

        [[nice]]
        skill = "Docker"
    "#;

    #[test]
    fn a_job_file_reads_every_field() {
        let job = Job::from_toml(SEED).unwrap();
        assert_eq!(job.level, Level::Mid);
        assert_eq!(job.required, [Requirement { skill: "Django".into(), min_years: Some(2), weight: 9 }]);
        assert_eq!(job.nice[0].weight, 5, "weight defaults to 5");
        assert_eq!(job.locations, [Place { city: Some("Berlin".into()), country: Some("DE".into()) }]);
        assert_eq!(job.weights, Weights::default());
    }

    #[test]
    fn mistakes_in_a_job_file_say_what_to_fix() {
        let no_skills = "title = \"x\"\nlevel = \"mid\"";
        assert_eq!(Job::from_toml(no_skills).unwrap_err(), JobError::NoSkills);
        let bad_level = SEED.replace("\"mid\"", "\"guru\"");
        assert!(Job::from_toml(&bad_level).unwrap_err().to_string().contains("not junior, mid, senior or lead"));
        let heavy = SEED.replace("weight = 9", "weight = 11");
        assert!(Job::from_toml(&heavy).unwrap_err().to_string().contains("between 1 and 10"));
        let typo = SEED.replace("min_years", "minyears");
        assert!(matches!(Job::from_toml(&typo), Err(JobError::Syntax(m)) if m.contains("minyears")));
        assert!(matches!(Job::from_toml("title = "), Err(JobError::Syntax(_))));
    }

    #[test]
    fn places_read_city_and_country() {
        assert_eq!(Place::parse("Paris, fr").country.as_deref(), Some("FR"));
        assert_eq!(Place::parse("New York, NY, US").city.as_deref(), Some("New York"));
        assert_eq!(Place::parse("Lisbon"), Place { city: Some("Lisbon".into()), country: None });
        assert_eq!(Place::parse("  "), Place::default());
    }

    #[test]
    fn weights_must_leave_something_to_rank_by() {
        let zero = Weights { required: 0, nice: 0, experience: 0, ..Weights::default() };
        assert!(zero.check().is_err());
        assert!(Weights { required: 101, ..Weights::default() }.check().is_err());
    }
}
