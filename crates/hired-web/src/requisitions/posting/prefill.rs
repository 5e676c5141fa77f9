//! A first draft of a posting, written from its requisition, so a recruiter starts from
//! the role's own words instead of a blank form.

use chrono::{Days, NaiveDate};
use hired_domain::ChannelId;
use hired_domain::posting::PostingInput;
use hired_domain::requisition::RequisitionSpec;

/// How long a new posting stays up unless the recruiter says otherwise.
const DAYS_UP: u64 = 60;

/// The form of a posting not written yet: the requisition's title, a Markdown description
/// from its responsibilities and skills, the city (and region) of its first location, a
/// last day [`DAYS_UP`] days ahead and the `channels` given (usually the careers page).
/// The country is left for the recruiter: a location line does not reliably name one.
pub(super) fn draft(spec: &RequisitionSpec, today: NaiveDate, channels: &[ChannelId]) -> PostingInput {
    let (city, region) = spec.locations.first().map_or_else(Default::default, |first| match first.split_once(',') {
        Some((city, region)) => (city.trim().to_owned(), region.trim().to_owned()),
        None => (first.trim().to_owned(), String::new()),
    });
    PostingInput {
        title: spec.title.clone(),
        description: description(spec),
        city,
        region,
        valid_through: (today + Days::new(DAYS_UP)).to_string(),
        channels: channels.iter().map(ToString::to_string).collect(),
        ..PostingInput::default()
    }
}

/// Markdown sections: what the person will do, what they must bring, what is a plus.
fn description(spec: &RequisitionSpec) -> String {
    let mut sections = Vec::new();
    if !spec.responsibilities.is_empty() {
        sections.push(section("What you will do", spec.responsibilities.iter().map(|r| escape(r))));
    }
    let skill = |s: &hired_domain::requisition::SkillRequirement| match s.min_years {
        Some(years) if years > 0 => format!("{} ({years}+ years)", escape(&s.skill)),
        _ => escape(&s.skill),
    };
    let (required, nice): (Vec<_>, Vec<_>) = spec.skills.iter().partition(|s| s.required);
    if !required.is_empty() {
        sections.push(section("What you bring", required.into_iter().map(skill)));
    }
    if !nice.is_empty() || !spec.certifications.is_empty() {
        let certifications = spec.certifications.iter().map(|c| escape(c));
        sections.push(section("Nice to have", nice.into_iter().map(skill).chain(certifications)));
    }
    sections.join("\n\n")
}

fn section(heading: &str, items: impl Iterator<Item = String>) -> String {
    let list: Vec<String> = items.map(|item| format!("- {item}")).collect();
    format!("## {heading}\n\n{}", list.join("\n"))
}

/// Keeps requisition text literal in Markdown: `C#` or `*nix` must not turn into markup.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use hired_domain::posting::PostingSpec;
    use hired_domain::templates::django_backend;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
    }

    #[test]
    fn a_draft_takes_title_city_and_sixty_days_from_the_requisition() {
        let mut spec = django_backend().spec;
        spec.locations = vec!["New York, NY".into(), "Berlin".into()];
        let careers = ChannelId::new();
        let input = draft(&spec, today(), &[careers]);
        assert_eq!(input.title, spec.title);
        assert_eq!((input.city.as_str(), input.region.as_str()), ("New York", "NY"));
        assert_eq!(input.valid_through, "2027-01-31");
        assert_eq!(input.country, "");
        assert_eq!(input.channels, vec![careers.to_string()]);
    }

    #[test]
    fn the_description_lists_responsibilities_and_skills_in_markdown() {
        let spec = django_backend().spec;
        let text = description(&spec);
        assert!(text.starts_with("## What you will do\n\n- "), "{text}");
        assert!(text.contains("## What you bring"), "{text}");
        let required = spec.skills.iter().find(|s| s.required && s.min_years.is_some_and(|y| y > 0)).unwrap();
        let years = required.min_years.unwrap();
        assert!(text.contains(&format!("- {} ({years}+ years)", escape(&required.skill))), "{text}");
    }

    #[test]
    fn once_a_country_is_given_the_draft_is_a_valid_posting() {
        let mut input = draft(&django_backend().spec, today(), &[]);
        assert!(PostingSpec::parse(&input, today()).unwrap_err().message_for("country").is_some());
        input.country = "DE".into();
        assert!(PostingSpec::parse(&input, today()).is_ok());
    }

    #[test]
    fn markup_characters_in_requisition_text_stay_literal() {
        assert_eq!(escape("C# and *nix_tools"), "C\\# and \\*nix\\_tools");
    }
}
