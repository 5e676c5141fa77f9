//! A candidate's structured profile: what a resume says, in a shape matching and search can
//! use. Resume intake (`hired-resume`) produces it from PDF, DOCX, text or JSON Resume.

use serde::{Deserialize, Serialize};

/// A date as precise as the resume gives it: a year, or a year and month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PartialDate {
    /// Four-digit year.
    pub year: u16,
    /// 1–12, when known.
    pub month: Option<u8>,
}

impl PartialDate {
    /// A date, checked: years 1950–2100, months 1–12.
    pub fn new(year: u16, month: Option<u8>) -> Option<Self> {
        let ok = (1950..=2100).contains(&year) && month.is_none_or(|m| (1..=12).contains(&m));
        ok.then_some(Self { year, month })
    }

    /// Months since year 0, taking an unknown month as `default_month` (1 for starts, 12 for ends).
    pub fn months(self, default_month: u8) -> i32 {
        i32::from(self.year) * 12 + i32::from(self.month.unwrap_or(default_month)) - 1
    }
}

impl std::fmt::Display for PartialDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.month {
            Some(m) => write!(f, "{:04}-{m:02}", self.year),
            None => write!(f, "{:04}", self.year),
        }
    }
}

/// Where someone lives.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileLocation {
    /// City.
    pub city: Option<String>,
    /// State or region.
    pub region: Option<String>,
    /// ISO 3166-1 alpha-2 code, when known.
    pub country_code: Option<String>,
}

/// What kind of page a link points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// github.com profile.
    GitHub,
    /// gitlab.com profile.
    GitLab,
    /// linkedin.com profile.
    LinkedIn,
    /// stackoverflow.com profile.
    StackOverflow,
    /// Personal site or portfolio.
    Portfolio,
    /// Anything else.
    Other,
}

/// A link on the resume.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileLink {
    /// Its kind.
    pub kind: LinkKind,
    /// The address.
    pub url: String,
    /// The user name on the network, when the address shows one.
    pub username: Option<String>,
}

/// A skill, by its canonical taxonomy name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProfileSkill {
    /// Canonical name ("PostgreSQL", "Django REST Framework").
    pub name: String,
    /// Taxonomy category ("language", "framework", "database", …).
    pub category: String,
    /// Years of use estimated from the work history, when the text supports it.
    pub years: Option<f32>,
}

/// One job.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkEntry {
    /// Employer.
    pub employer: Option<String>,
    /// Job title.
    pub title: Option<String>,
    /// Started.
    pub start: Option<PartialDate>,
    /// Ended; `None` with `current` for a job held now.
    pub end: Option<PartialDate>,
    /// Held now.
    pub current: bool,
    /// Where.
    pub location: Option<String>,
    /// Achievements and duties, one per item.
    pub highlights: Vec<String>,
}

/// One degree or course of study.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EducationEntry {
    /// School.
    pub institution: Option<String>,
    /// Degree ("Bachelor", "MSc").
    pub degree: Option<String>,
    /// Field of study.
    pub field: Option<String>,
    /// Started.
    pub start: Option<PartialDate>,
    /// Ended.
    pub end: Option<PartialDate>,
}

/// A certification.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Certification {
    /// Its name, canonical when recognised ("AWS Certified Developer – Associate").
    pub name: String,
    /// Who issued it.
    pub issuer: Option<String>,
    /// When.
    pub date: Option<PartialDate>,
}

/// A spoken language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpokenLanguage {
    /// The language ("English", "Français" as written).
    pub language: String,
    /// How well ("Native", "C1", "Fluent").
    pub fluency: Option<String>,
}

/// Everything read from one resume.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    /// Full name.
    pub name: Option<String>,
    /// Headline ("Senior Backend Engineer").
    pub headline: Option<String>,
    /// Email addresses, lower-case.
    pub emails: Vec<String>,
    /// Phone numbers, E.164 (`+4930123456`) when the country is known, else as written.
    pub phones: Vec<String>,
    /// Where they live.
    pub location: Option<ProfileLocation>,
    /// Profile and portfolio links.
    pub links: Vec<ProfileLink>,
    /// Summary paragraph.
    pub summary: Option<String>,
    /// Skills through the taxonomy.
    pub skills: Vec<ProfileSkill>,
    /// Work history, newest first as written.
    pub work: Vec<WorkEntry>,
    /// Years of professional experience, overlapping jobs counted once.
    pub total_years: Option<f32>,
    /// Education.
    pub education: Vec<EducationEntry>,
    /// Certifications.
    pub certifications: Vec<Certification>,
    /// Spoken languages.
    pub languages: Vec<SpokenLanguage>,
}

impl Profile {
    /// The candidate details a profile gives, checked like a recruiter's form: the name, the
    /// first valid email and phone, the location, and the GitHub, LinkedIn and portfolio links.
    /// Fails with the reason when the resume shows no name or no way to reach the person.
    pub fn candidate_details(&self, source: &str) -> Result<crate::candidate::CandidateDetails, String> {
        let link =
            |kind: LinkKind| self.links.iter().find(|l| l.kind == kind).map(|l| l.url.clone()).unwrap_or_default();
        let location = self.location.as_ref().map(|l| {
            [&l.city, &l.region, &l.country_code].iter().filter_map(|p| p.as_deref()).collect::<Vec<_>>().join(", ")
        });
        let first_valid =
            |values: &[String], check: fn(&str) -> bool| values.iter().find(|v| check(v)).cloned().unwrap_or_default();
        let input = crate::candidate::CandidateInput {
            name: self.name.clone().unwrap_or_default(),
            email: first_valid(&self.emails, |e| crate::Email::parse(e).is_ok()),
            phone: first_valid(&self.phones, |p| matches!(crate::candidate::parse_phone(p), Ok(Some(_)))),
            location: location.unwrap_or_default(),
            github: link(LinkKind::GitHub),
            linkedin: link(LinkKind::LinkedIn),
            portfolio: link(LinkKind::Portfolio),
            tags: String::new(),
            source: source.to_owned(),
        };
        let details = crate::candidate::CandidateDetails::try_from(&input).or_else(|first| {
            // Links are nice to have: keep the person even when a link does not pass the checks.
            let plain = crate::candidate::CandidateInput {
                github: String::new(),
                linkedin: String::new(),
                portfolio: String::new(),
                ..input.clone()
            };
            crate::candidate::CandidateDetails::try_from(&plain).map_err(|_| first)
        });
        if let Err(invalid) = &details {
            if invalid.message_for("name").is_some() {
                return Err("no name found in the resume".into());
            }
            if invalid.message_for("email").is_some() {
                return Err("no email or phone number found in the resume".into());
            }
        }
        details.map_err(|e| e.to_string())
    }
}

/// Years covered by jobs with a known start, overlaps counted once; a current job runs to `today`.
/// Ends without a month count to December; starts without one from January.
pub fn experience_years(work: &[WorkEntry], today: PartialDate) -> Option<f32> {
    let mut spans: Vec<(i32, i32)> = work
        .iter()
        .filter_map(|w| {
            let start = w.start?.months(1);
            let end = match (w.end, w.current) {
                (Some(end), _) => end.months(12),
                (None, _) => today.months(today.month.unwrap_or(12)),
            };
            (end >= start).then_some((start, end + 1))
        })
        .collect();
    if spans.is_empty() {
        return None;
    }
    spans.sort_unstable();
    let mut total = 0;
    let (mut from, mut to) = spans[0];
    for &(start, end) in &spans[1..] {
        if start > to {
            total += to - from;
            (from, to) = (start, end);
        } else {
            to = to.max(end);
        }
    }
    total += to - from;
    Some((total as f32 / 12.0 * 10.0).round() / 10.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(start: (u16, u8), end: Option<(u16, u8)>) -> WorkEntry {
        WorkEntry {
            start: PartialDate::new(start.0, Some(start.1)),
            end: end.and_then(|(y, m)| PartialDate::new(y, Some(m))),
            current: end.is_none(),
            ..WorkEntry::default()
        }
    }

    #[test]
    fn overlapping_jobs_count_once() {
        let today = PartialDate::new(2026, Some(12)).unwrap();
        let work = [job((2018, 1), Some((2020, 12))), job((2020, 1), Some((2021, 12))), job((2023, 1), None)];
        // 2018-01..2021-12 is 4 years; 2023-01..2026-12 is 4 more.
        assert_eq!(experience_years(&work, today), Some(8.0));
        assert_eq!(experience_years(&[], today), None);
    }

    #[test]
    fn a_profile_gives_checked_candidate_details() {
        let profile = Profile {
            name: Some("Ana Silva".into()),
            emails: vec!["not an email".into(), "ana@example.com".into()],
            phones: vec!["+351 912 345 678".into()],
            location: Some(ProfileLocation {
                city: Some("Lisbon".into()),
                region: None,
                country_code: Some("PT".into()),
            }),
            links: vec![ProfileLink { kind: LinkKind::GitHub, url: "https://github.com/ana".into(), username: None }],
            ..Profile::default()
        };
        let d = profile.candidate_details("Import").unwrap();
        assert_eq!(d.email.unwrap().as_str(), "ana@example.com");
        assert_eq!(d.location.as_deref(), Some("Lisbon, PT"));
        assert_eq!(d.github.as_deref(), Some("https://github.com/ana"));
        let nameless = Profile { name: None, ..profile.clone() };
        assert_eq!(nameless.candidate_details("Import").unwrap_err(), "no name found in the resume");
        let unreachable = Profile { emails: vec![], phones: vec![], ..profile };
        assert!(unreachable.candidate_details("Import").unwrap_err().contains("no email or phone"));
    }

    #[test]
    fn dates_are_checked_and_shown_as_written() {
        assert_eq!(PartialDate::new(2019, Some(3)).unwrap().to_string(), "2019-03");
        assert_eq!(PartialDate::new(2019, None).unwrap().to_string(), "2019");
        assert!(PartialDate::new(2019, Some(13)).is_none());
        assert!(PartialDate::new(19, None).is_none());
    }
}
