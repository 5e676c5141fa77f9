//! Candidates: the people, independent of any one requisition.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::validation::{optional_text, single_line_text};
use crate::{CandidateId, Email, Invalid};

/// The details people edit about a candidate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CandidateDetails {
    /// Full name.
    pub name: String,
    /// Contact email; one candidate per address.
    pub email: Option<Email>,
    /// Phone, as given.
    pub phone: Option<String>,
    /// City / country.
    pub location: Option<String>,
    /// GitHub profile URL.
    pub github: Option<String>,
    /// LinkedIn profile URL.
    pub linkedin: Option<String>,
    /// Portfolio or personal site URL.
    pub portfolio: Option<String>,
    /// Free tags, lower-case, unique.
    pub tags: Vec<String>,
    /// Where we first met them.
    pub source: Option<String>,
}

/// A candidate as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    /// Identity.
    pub id: CandidateId,
    /// Editable details.
    pub details: CandidateDetails,
    /// When first recorded.
    pub created_at: DateTime<Utc>,
    /// When last edited.
    pub updated_at: DateTime<Utc>,
    /// Optimistic-concurrency version.
    pub version: i64,
}

/// A candidate form or JSON body before validation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CandidateInput {
    /// Full name.
    pub name: String,
    /// Email.
    pub email: String,
    /// Phone.
    pub phone: String,
    /// Location.
    pub location: String,
    /// GitHub URL or user name.
    pub github: String,
    /// LinkedIn URL.
    pub linkedin: String,
    /// Portfolio URL.
    pub portfolio: String,
    /// Comma-separated tags.
    pub tags: String,
    /// Source.
    pub source: String,
}

impl TryFrom<&CandidateInput> for CandidateDetails {
    type Error = Invalid;

    fn try_from(input: &CandidateInput) -> Result<Self, Invalid> {
        let mut bad = Invalid::default();
        let name = bad.check("name", single_line_text(&input.name, 200));
        let email = if input.email.trim().is_empty() { None } else { bad.check("email", Email::parse(&input.email)) };
        let phone = bad.check("phone", parse_phone(&input.phone)).flatten();
        if email.is_none() && phone.is_none() && !bad.errors.iter().any(|e| e.field == "email" || e.field == "phone") {
            bad.push("email", "give an email or a phone number so we can reach them");
        }
        let location = bad.check("location", optional_text(&input.location, 200)).flatten();
        let github = bad.check("github", parse_github(&input.github)).flatten();
        let linkedin = bad.check("linkedin", parse_url(&input.linkedin, Some("linkedin.com"))).flatten();
        let portfolio = bad.check("portfolio", parse_url(&input.portfolio, None)).flatten();
        let tags = bad.check("tags", parse_tags(&input.tags));
        let source = bad.check("source", optional_text(&input.source, 100)).flatten();
        bad.into_result(|| CandidateDetails {
            name: name.unwrap_or_default(),
            email,
            phone,
            location,
            github,
            linkedin,
            portfolio,
            tags: tags.unwrap_or_default(),
            source,
        })
    }
}

impl CandidateDetails {
    /// The details as form input, for editing.
    pub fn to_input(&self) -> CandidateInput {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        CandidateInput {
            name: self.name.clone(),
            email: self.email.as_ref().map(|e| e.to_string()).unwrap_or_default(),
            phone: text(&self.phone),
            location: text(&self.location),
            github: text(&self.github),
            linkedin: text(&self.linkedin),
            portfolio: text(&self.portfolio),
            tags: self.tags.join(", "),
            source: text(&self.source),
        }
    }

    /// These details with what they lack taken from `other`; nothing known is overwritten.
    /// For a returning applicant and for merging two records of one person.
    pub fn filled_from(&self, other: &CandidateDetails) -> CandidateDetails {
        let fill = |mine: &Option<String>, theirs: &Option<String>| mine.clone().or_else(|| theirs.clone());
        CandidateDetails {
            email: self.email.clone().or_else(|| other.email.clone()),
            phone: fill(&self.phone, &other.phone),
            location: fill(&self.location, &other.location),
            github: fill(&self.github, &other.github),
            linkedin: fill(&self.linkedin, &other.linkedin),
            portfolio: fill(&self.portfolio, &other.portfolio),
            ..self.clone()
        }
    }

    /// Up to two initials for an avatar.
    pub fn initials(&self) -> String {
        self.name.split_whitespace().filter_map(|w| w.chars().next()).take(2).flat_map(char::to_uppercase).collect()
    }
}

/// The digits of a phone number, for recognising the same person behind differently
/// written numbers (`+49 30 1234567` and `0049-30-1234567`).
pub fn phone_key(phone: &str) -> String {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    digits.strip_prefix("00").map(str::to_owned).unwrap_or(digits)
}

/// Checks a phone number has a plausible shape: digits with common separators, 6–15 digits.
pub fn parse_phone(raw: &str) -> Result<Option<String>, String> {
    let phone = raw.trim();
    if phone.is_empty() {
        return Ok(None);
    }
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let shape_ok = phone.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c));
    if !shape_ok || !(6..=15).contains(&digits) {
        return Err("must be a phone number such as +1 415 555 0100".into());
    }
    Ok(Some(phone.to_owned()))
}

/// Accepts an `http(s)` URL (optionally required to be on `host`).
pub fn parse_url(raw: &str, host: Option<&str>) -> Result<Option<String>, String> {
    let url = raw.trim();
    if url.is_empty() {
        return Ok(None);
    }
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    let Some(rest) = rest else {
        return Err("must start with https://".into());
    };
    let url_host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if url_host.is_empty() || url.len() > 500 || url.chars().any(|c| c.is_whitespace() || c == '"' || c == '<') {
        return Err("must be a web address such as https://example.com/you".into());
    }
    if let Some(host) = host
        && !(url_host == host || url_host.ends_with(&format!(".{host}")))
    {
        return Err(format!("must be a {host} address"));
    }
    Ok(Some(url.to_owned()))
}

/// Accepts a GitHub profile URL or a bare user name, stored as the URL.
pub fn parse_github(raw: &str) -> Result<Option<String>, String> {
    let value = raw.trim().trim_start_matches('@');
    if value.is_empty() {
        return Ok(None);
    }
    let is_user_name =
        value.len() <= 39 && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') && !value.starts_with('-');
    if is_user_name {
        return Ok(Some(format!("https://github.com/{value}")));
    }
    parse_url(value, Some("github.com"))
}

/// Splits comma-separated tags, lower-cased and without duplicates.
pub fn parse_tags(raw: &str) -> Result<Vec<String>, String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in raw.split(',').map(|t| t.trim().to_lowercase()).filter(|t| !t.is_empty()) {
        if tag.chars().count() > 40 {
            return Err("each tag must be at most 40 characters".into());
        }
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    if tags.len() > 30 {
        return Err("at most 30 tags".into());
    }
    Ok(tags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_candidate_needs_a_name_and_a_way_to_reach_them() {
        let err = CandidateDetails::try_from(&CandidateInput::default()).unwrap_err();
        assert_eq!(err.message_for("name"), Some("is required"));
        assert!(err.message_for("email").unwrap().contains("email or a phone"));
    }

    #[test]
    fn links_and_tags_are_normalized() {
        let input = CandidateInput {
            name: "Ada Lovelace".into(),
            email: "ADA@example.com".into(),
            github: "@ada-l".into(),
            tags: "Python, django, python".into(),
            ..Default::default()
        };
        let d = CandidateDetails::try_from(&input).unwrap();
        assert_eq!(d.github.as_deref(), Some("https://github.com/ada-l"));
        assert_eq!(d.tags, vec!["python", "django"]);
        assert_eq!(d.initials(), "AL");
        assert_eq!(CandidateDetails::try_from(&d.to_input()).unwrap(), d);
    }

    #[test]
    fn hostile_links_are_refused() {
        assert!(parse_url("javascript:alert(1)", None).is_err());
        assert!(parse_url("https://evil.example/linkedin.com", Some("linkedin.com")).is_err());
        assert!(parse_url("https://www.linkedin.com/in/ada", Some("linkedin.com")).is_ok());
        assert!(parse_phone("call me").is_err());
    }
}
