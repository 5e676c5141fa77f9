//! Postings: a requisition published for applicants, and what an applicant submits.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::candidate::{CandidateDetails, CandidateInput};
use crate::requisition::{RequisitionSpec, RequisitionStatus};
use crate::validation::{optional_text, required_text};
use crate::{ChannelId, Invalid, PostingId, RequisitionId};

/// Longest posting description accepted, in characters of Markdown.
pub const MAX_DESCRIPTION: usize = 20_000;

/// What a recruiter writes to publish a requisition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostingSpec {
    /// Public title.
    pub title: String,
    /// Public description in Markdown; rendered and sanitized on display.
    pub description: String,
    /// City of the workplace, if any.
    pub city: Option<String>,
    /// State or region.
    pub region: Option<String>,
    /// ISO 3166-1 alpha-2 country of the workplace (or of the company, for remote roles).
    pub country: String,
    /// Postal code.
    pub postal_code: Option<String>,
    /// For remote roles: the countries applicants may live in (alpha-2); empty means anywhere.
    pub applicant_countries: Vec<String>,
    /// Whether the requisition's salary band is shown.
    pub show_salary: bool,
    /// Last day applications are taken.
    pub valid_through: NaiveDate,
    /// Channels the posting is distributed to.
    pub channels: Vec<ChannelId>,
}

/// A posting as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Posting {
    /// Identity.
    pub id: PostingId,
    /// The requisition published.
    pub requisition_id: RequisitionId,
    /// Stable address on the careers site: `/careers/{slug}`.
    pub slug: String,
    /// What was written.
    pub spec: PostingSpec,
    /// Whether the recruiter has it published.
    pub published: bool,
    /// First published (the posting's `datePosted`).
    pub published_at: Option<DateTime<Utc>>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
    /// Optimistic-concurrency version.
    pub version: i64,
}

impl Posting {
    /// Whether applicants can see and apply to it now: published, the requisition open, and
    /// not past its last day.
    pub fn is_live(&self, requisition: RequisitionStatus, today: NaiveDate) -> bool {
        self.published && requisition == RequisitionStatus::Open && today <= self.spec.valid_through
    }
}

/// The posting form before validation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PostingInput {
    /// Title.
    pub title: String,
    /// Markdown description.
    pub description: String,
    /// City.
    pub city: String,
    /// Region.
    pub region: String,
    /// Country code.
    pub country: String,
    /// Postal code.
    pub postal_code: String,
    /// Comma-separated country codes.
    pub applicant_countries: String,
    /// `"on"` or `"true"` when checked.
    pub show_salary: String,
    /// `YYYY-MM-DD`.
    pub valid_through: String,
    /// Channel ids.
    pub channels: Vec<String>,
}

impl PostingSpec {
    /// Validates `input`; `today` bounds the last day (not in the past, at most a year ahead).
    pub fn parse(input: &PostingInput, today: NaiveDate) -> Result<Self, Invalid> {
        let mut bad = Invalid::default();
        let title = bad.check("title", required_text(&input.title, 200));
        let description = bad.check("description", required_text(&input.description, MAX_DESCRIPTION));
        let city = bad.check("city", optional_text(&input.city, 100)).flatten();
        let region = bad.check("region", optional_text(&input.region, 100)).flatten();
        let postal_code = bad.check("postal_code", optional_text(&input.postal_code, 20)).flatten();
        let country = bad.check("country", parse_country(&input.country));
        let applicant_countries = bad.check(
            "applicant_countries",
            input
                .applicant_countries
                .split(',')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(parse_country)
                .collect::<Result<Vec<_>, _>>(),
        );
        let valid_through = bad.check("valid_through", parse_last_day(&input.valid_through, today));
        let channels = bad.check(
            "channels",
            input
                .channels
                .iter()
                .map(|c| c.parse::<ChannelId>().map_err(|_| "is not a known channel"))
                .collect::<Result<Vec<_>, _>>(),
        );
        bad.into_result(|| PostingSpec {
            title: title.unwrap_or_default(),
            description: description.unwrap_or_default(),
            city,
            region,
            country: country.unwrap_or_default(),
            postal_code,
            applicant_countries: applicant_countries.unwrap_or_default(),
            show_salary: matches!(input.show_salary.as_str(), "on" | "true" | "1"),
            valid_through: valid_through.unwrap_or(today),
            channels: channels.unwrap_or_default(),
        })
    }

    /// The spec as form input, for editing.
    pub fn to_input(&self) -> PostingInput {
        PostingInput {
            title: self.title.clone(),
            description: self.description.clone(),
            city: self.city.clone().unwrap_or_default(),
            region: self.region.clone().unwrap_or_default(),
            country: self.country.clone(),
            postal_code: self.postal_code.clone().unwrap_or_default(),
            applicant_countries: self.applicant_countries.join(", "),
            show_salary: if self.show_salary { "on".into() } else { String::new() },
            valid_through: self.valid_through.to_string(),
            channels: self.channels.iter().map(ToString::to_string).collect(),
        }
    }
}

impl PostingSpec {
    /// A first draft of a requisition's posting: its title, a Markdown description from its
    /// responsibilities and skills, its first location as the city, open for 60 days.
    pub fn draft_for(req: &RequisitionSpec, today: NaiveDate) -> PostingSpec {
        let mut md = format!("We are hiring a **{}** ({}).\n", req.title, req.level.label());
        if !req.responsibilities.is_empty() {
            md.push_str("\n## What you will do\n\n");
            for r in &req.responsibilities {
                md.push_str(&format!("- {r}\n"));
            }
        }
        let skills = |required: bool| -> Vec<String> {
            req.skills
                .iter()
                .filter(|s| s.required == required)
                .map(|s| match s.min_years {
                    Some(y) => format!("- {} ({y}+ years)", s.skill),
                    None => format!("- {}", s.skill),
                })
                .collect()
        };
        for (heading, lines) in [("What you bring", skills(true)), ("Nice to have", skills(false))] {
            if !lines.is_empty() {
                md.push_str(&format!("\n## {heading}\n\n{}\n", lines.join("\n")));
            }
        }
        if !req.certifications.is_empty() {
            md.push_str(&format!("\nCertifications that count in your favour: {}.\n", req.certifications.join(", ")));
        }
        let city = req.locations.first().map(|l| l.split(',').next().unwrap_or(l).trim().to_owned());
        PostingSpec {
            title: req.title.clone(),
            description: md,
            city: city.filter(|c| !c.is_empty()),
            region: None,
            country: String::new(),
            postal_code: None,
            applicant_countries: Vec::new(),
            show_salary: req.salary.is_some(),
            valid_through: today + chrono::Days::new(60),
            channels: Vec::new(),
        }
    }
}

fn parse_country(raw: &str) -> Result<String, String> {
    let code = raw.trim().to_ascii_uppercase();
    if code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(code)
    } else {
        Err(format!("\"{}\" is not a two-letter country code such as DE, US or BR", raw.trim()))
    }
}

fn parse_last_day(raw: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let day = NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| "must be a date such as 2026-12-31")?;
    if day < today {
        return Err("must not be in the past".into());
    }
    if day > today + chrono::Days::new(366) {
        return Err("must be within a year".into());
    }
    Ok(day)
}

/// A URL-safe slug from a title plus a short unique suffix: `senior-django-developer-3f9a1c`.
pub fn slug_for(title: &str, id: PostingId) -> String {
    let mut slug = String::with_capacity(title.len());
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
        if slug.len() >= 60 {
            break;
        }
    }
    let hex = id.0.simple().to_string();
    format!("{}-{}", slug.trim_end_matches('-'), &hex[hex.len() - 6..]).trim_start_matches('-').to_owned()
}

/// An application as typed on the apply form or sent to the public API.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ApplyInput {
    /// Full name.
    pub name: String,
    /// Email (required: the confirmation goes there).
    pub email: String,
    /// Phone.
    pub phone: String,
    /// Where they live.
    pub location: String,
    /// GitHub URL or user name.
    pub github: String,
    /// LinkedIn URL.
    pub linkedin: String,
    /// Portfolio URL.
    pub portfolio: String,
    /// Optional cover letter.
    pub cover_letter: String,
    /// Consent to process the application (required).
    pub consent: String,
    /// Optional consent to be kept in the talent pool.
    pub talent_pool: String,
    /// Optional yearly (or the band's period) salary expectation, whole units.
    pub salary_expectation: String,
    /// Its currency; the band's when empty.
    pub salary_currency: String,
}

/// A validated applicant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applicant {
    /// Who they are; the email is always present.
    pub details: CandidateDetails,
    /// Cover letter.
    pub cover_letter: Option<String>,
    /// Agreed to be kept for future roles.
    pub talent_pool: bool,
}

impl TryFrom<&ApplyInput> for Applicant {
    type Error = Invalid;

    fn try_from(input: &ApplyInput) -> Result<Self, Invalid> {
        let checked = |v: &str| matches!(v, "on" | "true" | "yes" | "1");
        let candidate = CandidateInput {
            name: input.name.clone(),
            email: input.email.clone(),
            phone: input.phone.clone(),
            location: input.location.clone(),
            github: input.github.clone(),
            linkedin: input.linkedin.clone(),
            portfolio: input.portfolio.clone(),
            ..CandidateInput::default()
        };
        let mut bad = Invalid::default();
        if input.email.trim().is_empty() {
            bad.push("email", "is required, so we can confirm your application");
        }
        let details = match CandidateDetails::try_from(&candidate) {
            Ok(d) => Some(d),
            Err(e) => {
                bad.errors
                    .extend(e.errors.into_iter().filter(|e| !(e.field == "email" && input.email.trim().is_empty())));
                None
            }
        };
        if details.as_ref().and_then(|d| d.location.as_ref()).is_some_and(|l| l.chars().any(char::is_control)) {
            bad.push("location", "must be on one line");
        }
        let cover_letter = bad.check("cover_letter", optional_text(&input.cover_letter, 10_000)).flatten();
        if !checked(&input.consent) {
            bad.push("consent", "please agree to the processing of your application so we can consider it");
        }
        match details {
            Some(details) if bad.errors.is_empty() => {
                Ok(Applicant { details, cover_letter, talent_pool: checked(&input.talent_pool) })
            }
            _ => Err(bad),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
    }

    fn posting_input() -> PostingInput {
        PostingInput {
            title: "Senior Django Developer".into(),
            description: "Build **APIs**.".into(),
            city: "Berlin".into(),
            country: "de".into(),
            applicant_countries: "DE, at".into(),
            show_salary: "on".into(),
            valid_through: "2027-01-31".into(),
            ..PostingInput::default()
        }
    }

    #[test]
    fn a_posting_round_trips_through_its_form() {
        let spec = PostingSpec::parse(&posting_input(), today()).unwrap();
        assert_eq!(spec.country, "DE");
        assert_eq!(spec.applicant_countries, vec!["DE", "AT"]);
        assert!(spec.show_salary);
        assert_eq!(PostingSpec::parse(&spec.to_input(), today()).unwrap(), spec);
    }

    #[test]
    fn a_draft_describes_the_requisition() {
        let req = crate::templates::django_backend().spec;
        let draft = PostingSpec::draft_for(&req, today());
        assert_eq!(draft.title, req.title);
        assert!(draft.description.contains("## What you bring"), "{}", draft.description);
        assert!(draft.description.contains("- Django"), "{}", draft.description);
        assert_eq!(draft.valid_through, NaiveDate::from_ymd_opt(2027, 1, 31).unwrap());
    }

    #[test]
    fn bad_posting_fields_are_each_named() {
        let input = PostingInput {
            country: "Germany".into(),
            valid_through: "2020-01-01".into(),
            channels: vec!["x".into()],
            ..posting_input()
        };
        let err = PostingSpec::parse(&input, today()).unwrap_err();
        let fields: Vec<&str> = err.errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["country", "valid_through", "channels"]);
    }

    #[test]
    fn slugs_are_readable_and_unique_per_posting() {
        let a = slug_for("Senior Python/Django Developer (Remote!)", PostingId::new());
        assert!(a.starts_with("senior-python-django-developer-remote-"), "{a}");
        assert_ne!(a, slug_for("Senior Python/Django Developer (Remote!)", PostingId::new()));
        assert!(slug_for("¡¿", PostingId::new()).len() == 6);
    }

    #[test]
    fn an_applicant_needs_email_and_consent_and_one_line_names() {
        let input = ApplyInput { name: "Ann\r\nBcc: x@evil.test".into(), ..ApplyInput::default() };
        let err = Applicant::try_from(&input).unwrap_err();
        assert!(err.message_for("name").unwrap().contains("one line"));
        assert!(err.message_for("email").unwrap().contains("confirm"));
        assert!(err.message_for("consent").is_some());
        let ok = ApplyInput {
            name: "Ann Lee".into(),
            email: "Ann@Example.com".into(),
            consent: "on".into(),
            ..ApplyInput::default()
        };
        let applicant = Applicant::try_from(&ok).unwrap();
        assert_eq!(applicant.details.email.unwrap().as_str(), "ann@example.com");
        assert!(!applicant.talent_pool);
    }
}
