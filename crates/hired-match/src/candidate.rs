//! What matching knows about a person: skills with years, experience, certifications, where
//! they are, what they expect to earn and which screening knockouts they failed.

use hired_domain::Money;
use hired_domain::profile::Profile;

use crate::job::Place;

/// One skill a person has, by name, with years of use when known.
#[derive(Debug, Clone, PartialEq)]
pub struct HeldSkill {
    /// Skill name (canonical taxonomy name when it came through intake).
    pub name: String,
    /// Years of use, when the resume supports an estimate.
    pub years: Option<f32>,
}

/// The facts matching scores.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Candidate {
    /// Skills.
    pub skills: Vec<HeldSkill>,
    /// Years of professional experience, overlaps counted once.
    pub total_years: Option<f32>,
    /// Certification names.
    pub certifications: Vec<String>,
    /// Where they live.
    pub place: Place,
    /// What they asked to earn, when known.
    pub salary_expectation: Option<Money>,
    /// Prompts of the screening questions whose knockout they failed.
    pub knockouts: Vec<String>,
}

impl Candidate {
    /// The facts a parsed (and possibly edited) profile gives.
    pub fn from_profile(profile: &Profile) -> Candidate {
        let place = profile
            .location
            .as_ref()
            .map(|l| Place { city: l.city.clone(), country: l.country_code.as_ref().map(|c| c.to_ascii_uppercase()) })
            .unwrap_or_default();
        Candidate {
            skills: profile.skills.iter().map(|s| HeldSkill { name: s.name.clone(), years: s.years }).collect(),
            total_years: profile.total_years,
            certifications: profile.certifications.iter().map(|c| c.name.clone()).collect(),
            place,
            salary_expectation: None,
            knockouts: Vec::new(),
        }
    }
}
