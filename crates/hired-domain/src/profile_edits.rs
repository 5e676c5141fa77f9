//! Recruiters' corrections to a profile read from a resume. Each section (skills, work, …) is
//! edited as a whole and kept apart from what the reader found, so reading the resume again
//! never loses a correction, and the page can show both. Sections are edited as lines of text
//! (see [`section_text`] and [`parse_section`]), like screening questions.

mod text;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::enums::string_enum;
use crate::profile::{PartialDate, Profile, experience_years};

pub use text::{TEXT_FIELD, parse_section, section_text};

string_enum! {
    /// A part of a profile that a recruiter edits as a whole.
    pub enum ProfileSection {
        Headline => ("headline", "Headline"),
        Summary => ("summary", "Summary"),
        Location => ("location", "Location"),
        Emails => ("emails", "Emails"),
        Phones => ("phones", "Phones"),
        Links => ("links", "Links"),
        Skills => ("skills", "Skills"),
        Work => ("work", "Work"),
        TotalYears => ("total_years", "Experience"),
        Education => ("education", "Education"),
        Certifications => ("certifications", "Certifications"),
        Languages => ("languages", "Languages"),
    }
}

/// Who edited a section, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditMark {
    /// The staff member's name at the time.
    pub by: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// The sections a recruiter edited: their values, held in a [`Profile`], and a mark for each.
/// A section without a mark is not edited and its value in `values` means nothing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProfileEdits {
    /// The edited values (only the marked sections count).
    pub values: Profile,
    /// Who edited each section, and when.
    pub marks: BTreeMap<ProfileSection, EditMark>,
}

impl ProfileEdits {
    /// Who edited `section`, if anyone.
    pub fn mark(&self, section: ProfileSection) -> Option<&EditMark> {
        self.marks.get(&section)
    }

    /// Whether nothing is edited.
    pub fn is_empty(&self) -> bool {
        self.marks.is_empty()
    }

    /// Records `section` as `value` holds it (other sections of `value` are ignored).
    pub fn set(&mut self, section: ProfileSection, value: &Profile, mark: EditMark) {
        copy_section(section, value, &mut self.values);
        self.marks.insert(section, mark);
    }

    /// Drops the edit of `section`, so what was read shows again; `false` when it was not edited.
    pub fn revert(&mut self, section: ProfileSection) -> bool {
        copy_section(section, &Profile::default(), &mut self.values);
        self.marks.remove(&section).is_some()
    }

    /// The profile to show and use: `parsed` with every edited section replaced whole. When the
    /// work history is edited and the years of experience are not, the years are counted again
    /// from the edited history (a current job runs to `today`).
    pub fn apply(&self, parsed: &Profile, today: PartialDate) -> Profile {
        let mut profile = parsed.clone();
        for &section in self.marks.keys() {
            copy_section(section, &self.values, &mut profile);
        }
        if self.marks.contains_key(&ProfileSection::Work) && !self.marks.contains_key(&ProfileSection::TotalYears) {
            profile.total_years = experience_years(&profile.work, today);
        }
        profile
    }
}

/// Copies one section's value from `from` to `to`.
fn copy_section(section: ProfileSection, from: &Profile, to: &mut Profile) {
    use ProfileSection::*;
    match section {
        Headline => to.headline.clone_from(&from.headline),
        Summary => to.summary.clone_from(&from.summary),
        Location => to.location.clone_from(&from.location),
        Emails => to.emails.clone_from(&from.emails),
        Phones => to.phones.clone_from(&from.phones),
        Links => to.links.clone_from(&from.links),
        Skills => to.skills.clone_from(&from.skills),
        Work => to.work.clone_from(&from.work),
        TotalYears => to.total_years = from.total_years,
        Education => to.education.clone_from(&from.education),
        Certifications => to.certifications.clone_from(&from.certifications),
        Languages => to.languages.clone_from(&from.languages),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::{ProfileSkill, WorkEntry};

    fn mark() -> EditMark {
        EditMark { by: "Rita Recruiter".into(), at: DateTime::UNIX_EPOCH }
    }

    fn parsed() -> Profile {
        Profile {
            headline: Some("Backend Engineer".into()),
            skills: vec![ProfileSkill { name: "Flask".into(), category: "framework".into(), years: None }],
            total_years: Some(2.0),
            ..Profile::default()
        }
    }

    #[test]
    fn edited_sections_replace_the_parsed_ones_whole() {
        let mut edits = ProfileEdits::default();
        let value = Profile { skills: parse_section(ProfileSection::Skills, "Django | 4").unwrap().skills, ..parsed() };
        edits.set(ProfileSection::Skills, &Profile { headline: Some("ignored".into()), ..value }, mark());
        let today = PartialDate::new(2026, Some(6)).unwrap();
        let effective = edits.apply(&parsed(), today);
        assert_eq!(effective.skills[0].name, "Django");
        assert_eq!(effective.headline.as_deref(), Some("Backend Engineer"), "only the edited section changes");
        assert_eq!(edits.mark(ProfileSection::Skills).unwrap().by, "Rita Recruiter");
        assert!(edits.mark(ProfileSection::Headline).is_none());
    }

    #[test]
    fn an_edit_to_empty_hides_what_was_read() {
        let mut edits = ProfileEdits::default();
        edits.set(ProfileSection::Headline, &Profile::default(), mark());
        let today = PartialDate::new(2026, Some(6)).unwrap();
        assert_eq!(edits.apply(&parsed(), today).headline, None);
    }

    #[test]
    fn edited_work_recounts_the_years_unless_they_are_edited_too() {
        let today = PartialDate::new(2026, Some(12)).unwrap();
        let work = WorkEntry {
            title: Some("Engineer".into()),
            start: PartialDate::new(2021, Some(1)),
            current: true,
            ..WorkEntry::default()
        };
        let mut edits = ProfileEdits::default();
        edits.set(ProfileSection::Work, &Profile { work: vec![work], ..Profile::default() }, mark());
        assert_eq!(edits.apply(&parsed(), today).total_years, Some(6.0));
        edits.set(ProfileSection::TotalYears, &Profile { total_years: Some(9.5), ..Profile::default() }, mark());
        assert_eq!(edits.apply(&parsed(), today).total_years, Some(9.5));
    }

    #[test]
    fn reverting_restores_what_was_read() {
        let mut edits = ProfileEdits::default();
        edits.set(ProfileSection::Headline, &Profile { headline: Some("Edited".into()), ..Profile::default() }, mark());
        assert!(edits.revert(ProfileSection::Headline));
        assert!(!edits.revert(ProfileSection::Headline), "nothing left to revert");
        assert!(edits.is_empty());
        assert_eq!(edits, ProfileEdits::default());
        let today = PartialDate::new(2026, Some(6)).unwrap();
        assert_eq!(edits.apply(&parsed(), today), parsed());
    }

    #[test]
    fn edits_keep_their_shape_in_json() {
        let mut edits = ProfileEdits::default();
        edits.set(ProfileSection::TotalYears, &Profile { total_years: Some(3.0), ..Profile::default() }, mark());
        let json = serde_json::to_value(&edits).unwrap();
        assert!(json["marks"]["total_years"]["by"].is_string(), "{json}");
        assert_eq!(serde_json::from_value::<ProfileEdits>(json).unwrap(), edits);
        assert_eq!(serde_json::from_str::<ProfileEdits>("{}").unwrap(), ProfileEdits::default());
    }

    #[test]
    fn sections_read_from_their_address_form() {
        for &section in ProfileSection::ALL {
            assert_eq!(section.as_str().parse::<ProfileSection>(), Ok(section));
        }
        assert!("name".parse::<ProfileSection>().is_err());
        assert_eq!(ProfileSection::TotalYears.label(), "Experience");
    }
}
