//! Structured interviews: the competency library, each interview's kit, and scorecards that
//! interviewers fill in on their own before they may read anyone else's — so a first strong
//! opinion in the room does not become everyone's.

use serde::{Deserialize, Serialize};

use crate::enums::string_enum;
use crate::user::Role;
use crate::validation::Invalid;

string_enum! {
    /// What an interview is for; each kind has a kit of competencies in the default plans.
    pub enum InterviewKind {
        PhoneScreen => ("phone_screen", "Phone screen"),
        Technical => ("technical", "Technical interview"),
        PairProgramming => ("pair_programming", "Pair-programming session"),
        TakeHomeReview => ("take_home_review", "Take-home review"),
        SystemDesign => ("system_design", "System design"),
        Behavioral => ("behavioral", "Behavioral interview"),
        Culture => ("culture", "Culture and values"),
        HiringManager => ("hiring_manager", "Hiring-manager chat"),
    }
}

string_enum! {
    /// An interviewer's overall call on a candidate.
    pub enum Recommendation {
        StrongNo => ("strong_no", "Strong no"),
        No => ("no", "No"),
        Yes => ("yes", "Yes"),
        StrongYes => ("strong_yes", "Strong yes"),
    }
}

impl Recommendation {
    /// Whether it is for hiring.
    pub fn is_yes(self) -> bool {
        matches!(self, Recommendation::Yes | Recommendation::StrongYes)
    }
}

/// Whether a competency is a skill of the role or a way of working.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CompetencyKind {
    /// A technical skill of the role.
    Technical,
    /// Communication, problem solving and the like.
    Soft,
}

/// Something interviewers assess, with what helps them assess it alike.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Competency {
    /// Stable key, e.g. `attention_to_detail`.
    pub key: String,
    /// Name shown to people.
    pub name: String,
    /// Technical or soft.
    pub kind: CompetencyKind,
    /// What to look for.
    pub assess: String,
    /// Questions to start from.
    pub questions: Vec<String>,
    /// What a strong answer shows.
    pub good: String,
    /// What a weak answer shows.
    pub poor: String,
}

/// A rating of one competency: 1 (well below the bar) to 4 (well above it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Rating(u8);

impl Rating {
    /// Every rating, lowest first.
    pub const ALL: [Rating; 4] = [Rating(1), Rating(2), Rating(3), Rating(4)];

    /// The number, 1–4.
    pub fn value(self) -> u8 {
        self.0
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self.0 {
            1 => "Well below the bar",
            2 => "Below the bar",
            3 => "Meets the bar",
            _ => "Above the bar",
        }
    }
}

impl TryFrom<u8> for Rating {
    type Error = String;

    fn try_from(value: u8) -> Result<Self, Self::Error> {
        (1..=4).contains(&value).then_some(Rating(value)).ok_or_else(|| "a rating is 1, 2, 3 or 4".into())
    }
}

impl From<Rating> for u8 {
    fn from(rating: Rating) -> u8 {
        rating.0
    }
}

/// One competency's rating on a scorecard, with what the interviewer saw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompetencyRating {
    /// The competency's key.
    pub competency: String,
    /// The rating.
    pub rating: Rating,
    /// What the interviewer saw; may be empty.
    #[serde(default)]
    pub note: String,
}

/// What an interviewer submits after an interview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScorecardInput {
    /// One rating per competency of the interview's kit.
    pub ratings: Vec<CompetencyRating>,
    /// The overall call.
    pub recommendation: Recommendation,
    /// Anything else worth knowing.
    #[serde(default)]
    pub notes: String,
}

/// Longest note on one competency, and on the whole scorecard, in characters.
pub const MAX_NOTE_CHARS: usize = 10_000;

impl ScorecardInput {
    /// Checks the scorecard rates exactly the kit's `competencies`, once each, with notes
    /// of a sane length; the error names each competency to fix.
    pub fn validate(&self, competencies: &[Competency]) -> Result<(), Invalid> {
        let mut invalid = Invalid::default();
        for c in competencies {
            match self.ratings.iter().filter(|r| r.competency == c.key).count() {
                0 => invalid.push(&c.key, format!("rate {} from 1 to 4", c.name)),
                1 => {}
                _ => invalid.push(&c.key, format!("{} is rated more than once", c.name)),
            }
        }
        for r in &self.ratings {
            if !competencies.iter().any(|c| c.key == r.competency) {
                invalid.push(&r.competency, format!("'{}' is not assessed in this interview", r.competency));
            }
            if r.note.chars().count() > MAX_NOTE_CHARS {
                invalid.push(&r.competency, format!("keep the note under {MAX_NOTE_CHARS} characters"));
            }
        }
        if self.notes.chars().count() > MAX_NOTE_CHARS {
            invalid.push("notes", format!("keep the notes under {MAX_NOTE_CHARS} characters"));
        }
        invalid.into_result(|| ())
    }
}

/// Whether the caller may read other interviewers' scorecards for an application.
///
/// Whoever still owes a scorecard for it must submit theirs first, whatever their role.
/// Interviewers read others' only once they have submitted their own; recruiters, hiring
/// managers and admins review them whenever they owe none.
pub fn may_read_others_scorecards(role: Role, owes_one: bool, submitted_one: bool) -> bool {
    if owes_one {
        return false;
    }
    role != Role::Interviewer || submitted_one
}

/// Two ratings of one competency this far apart are a disagreement worth discussing.
pub const DISAGREEMENT_SPREAD: u8 = 2;

/// One competency across the submitted scorecards.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompetencySummary {
    /// The competency's key.
    pub competency: String,
    /// Each rating, in scorecard order.
    pub ratings: Vec<Rating>,
    /// Mean rating.
    pub mean: f32,
    /// Whether the ratings are [`DISAGREEMENT_SPREAD`] or more apart.
    pub disagreement: bool,
}

/// Per competency (in first-rated order), the ratings of every scorecard and whether the
/// interviewers disagree.
pub fn summarize<'a>(scorecards: impl IntoIterator<Item = &'a ScorecardInput>) -> Vec<CompetencySummary> {
    let mut summaries: Vec<CompetencySummary> = Vec::new();
    for card in scorecards {
        for r in &card.ratings {
            match summaries.iter_mut().find(|s| s.competency == r.competency) {
                Some(summary) => summary.ratings.push(r.rating),
                None => summaries.push(CompetencySummary {
                    competency: r.competency.clone(),
                    ratings: vec![r.rating],
                    mean: 0.0,
                    disagreement: false,
                }),
            }
        }
    }
    for s in &mut summaries {
        let (lo, hi) = (s.ratings.iter().min(), s.ratings.iter().max());
        s.disagreement = matches!((lo, hi), (Some(lo), Some(hi)) if hi.0 - lo.0 >= DISAGREEMENT_SPREAD);
        s.mean = s.ratings.iter().map(|r| f32::from(r.0)).sum::<f32>() / s.ratings.len() as f32;
    }
    summaries
}

/// Whether the recommendations split between hiring and not.
pub fn recommendations_split(recommendations: &[Recommendation]) -> bool {
    recommendations.iter().any(|r| r.is_yes()) && recommendations.iter().any(|r| !r.is_yes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interview_library::{competency, library};

    fn card(ratings: &[(&str, u8)], recommendation: Recommendation) -> ScorecardInput {
        ScorecardInput {
            ratings: ratings
                .iter()
                .map(|&(c, r)| CompetencyRating {
                    competency: c.into(),
                    rating: Rating::try_from(r).unwrap(),
                    note: "".into(),
                })
                .collect(),
            recommendation,
            notes: String::new(),
        }
    }

    #[test]
    fn a_scorecard_rates_every_competency_of_the_kit_once_and_nothing_else() {
        let kit: Vec<Competency> = ["python", "communication"].iter().map(|k| competency(k).unwrap().clone()).collect();
        assert!(card(&[("python", 3), ("communication", 4)], Recommendation::Yes).validate(&kit).is_ok());

        let err = card(&[("python", 3), ("python", 2), ("git", 1)], Recommendation::No).validate(&kit).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("rate Communication from 1 to 4"), "{text}");
        assert!(text.contains("Python is rated more than once"), "{text}");
        assert!(text.contains("'git' is not assessed in this interview"), "{text}");
        assert!(Rating::try_from(0).is_err() && Rating::try_from(5).is_err());
    }

    #[test]
    fn whoever_owes_a_scorecard_reads_none_and_interviewers_read_after_submitting() {
        for role in Role::ALL {
            assert!(!may_read_others_scorecards(*role, true, false), "{role} owes one");
        }
        assert!(!may_read_others_scorecards(Role::Interviewer, false, false));
        assert!(may_read_others_scorecards(Role::Interviewer, false, true));
        for role in [Role::Admin, Role::Recruiter, Role::HiringManager] {
            assert!(may_read_others_scorecards(role, false, false), "{role} reviews");
        }
    }

    #[test]
    fn ratings_two_apart_are_a_disagreement_and_a_split_call_is_flagged() {
        let cards = [
            card(&[("python", 4), ("communication", 3)], Recommendation::StrongYes),
            card(&[("python", 2), ("communication", 3)], Recommendation::No),
        ];
        let summary = summarize(&cards);
        assert_eq!(summary[0].competency, "python");
        assert!(summary[0].disagreement);
        assert_eq!(summary[0].mean, 3.0);
        assert!(!summary[1].disagreement);
        assert!(recommendations_split(&[Recommendation::StrongYes, Recommendation::No]));
        assert!(!recommendations_split(&[Recommendation::Yes, Recommendation::StrongYes]));
        assert!(library().len() >= 15);
    }
}
