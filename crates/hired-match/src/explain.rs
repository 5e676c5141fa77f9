//! The explanation of a score: one short line per thing that was checked, each carrying the
//! points it earned, so that the lines add up to the score.

use serde::Serialize;

/// How a checked item came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    /// Fully met.
    Met,
    /// Partly met: fewer years, a stand-in skill, near the place.
    Partial,
    /// Not met.
    Missing,
    /// The profile does not say.
    Unknown,
}

impl Mark {
    /// A stable name for styling and the API: `met`, `partial`, `missing`, `unknown`.
    pub fn key(self) -> &'static str {
        match self {
            Mark::Met => "met",
            Mark::Partial => "partial",
            Mark::Missing => "missing",
            Mark::Unknown => "unknown",
        }
    }

    /// The sign people read at the start of the line.
    pub fn symbol(self) -> char {
        match self {
            Mark::Met => '✓',
            Mark::Partial => '~',
            Mark::Missing => '✗',
            Mark::Unknown => '?',
        }
    }
}

/// Which part of the match a line belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// A must-have skill.
    Required,
    /// A nice-to-have skill.
    Nice,
    /// Years of experience against the level.
    Experience,
    /// A certification the role asks for.
    Certification,
    /// Location or remote fit.
    Location,
    /// Salary expectation against the band.
    Salary,
    /// Failed screening knockouts.
    Knockout,
}

impl Part {
    /// A stable name for the API: `required`, `nice`, `experience`, … as serialized.
    pub fn key(self) -> &'static str {
        match self {
            Part::Required => "required",
            Part::Nice => "nice",
            Part::Experience => "experience",
            Part::Certification => "certification",
            Part::Location => "location",
            Part::Salary => "salary",
            Part::Knockout => "knockout",
        }
    }
}

/// One line of an explanation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reason {
    /// Which part of the match.
    pub part: Part,
    /// How it came out.
    pub mark: Mark,
    /// What was found ("Django 4 y (needs 2)", "Flask instead of Django").
    pub text: String,
    /// Points earned (negative for a knockout's penalty).
    pub points: f32,
    /// Points it could have earned.
    pub max_points: f32,
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.mark.symbol(), self.text)
    }
}

/// A score from 0 to 100 and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Match {
    /// The score, the rounded sum of the reasons' points.
    pub score: u8,
    /// Every line, in the order people read them: must-haves, nice-to-haves, experience,
    /// certifications, location, salary, knockouts.
    pub reasons: Vec<Reason>,
}

impl Match {
    /// Builds the match from its lines; the score is their sum, rounded and kept in 0–100.
    pub fn from_reasons(reasons: Vec<Reason>) -> Match {
        let total: f32 = reasons.iter().map(|r| r.points).sum();
        Match { score: total.round().clamp(0.0, 100.0) as u8, reasons }
    }

    /// The unrounded sum of the lines' points.
    pub fn exact(&self) -> f32 {
        self.reasons.iter().map(|r| r.points).sum()
    }
}

/// "4 y", "1.5 y", "0.5 y": years as people say them.
pub fn years(y: f32) -> String {
    let tenths = (y * 10.0).round() / 10.0;
    if tenths.fract() == 0.0 { format!("{tenths:.0} y") } else { format!("{tenths:.1} y") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_read_with_their_sign() {
        let r = Reason {
            part: Part::Nice,
            mark: Mark::Partial,
            text: "Flask instead of Django".into(),
            points: 1.0,
            max_points: 2.5,
        };
        assert_eq!(r.to_string(), "~ Flask instead of Django");
        assert_eq!(years(4.0), "4 y");
        assert_eq!(years(1.46), "1.5 y");
    }

    #[test]
    fn the_score_is_the_rounded_sum_of_the_lines() {
        let line =
            |points| Reason { part: Part::Required, mark: Mark::Met, text: String::new(), points, max_points: 50.0 };
        assert_eq!(Match::from_reasons(vec![line(40.4), line(10.3)]).score, 51);
        assert_eq!(Match::from_reasons(vec![line(90.0), line(30.0)]).score, 100);
        assert_eq!(Match::from_reasons(vec![]).score, 0);
    }
}
