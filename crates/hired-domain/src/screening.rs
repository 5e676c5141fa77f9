//! Screening questions a requisition asks applicants, and the knockout rules
//! that mark an application as not meeting the requirements.
//!
//! Recruiters write questions one per line, the same way skills are written:
//!
//! ```text
//! Years of professional Django experience? | number | required | knockout >= 2
//! Are you authorized to work in the EU? | yes/no | required | knockout = yes
//! Which frameworks have you shipped with? | multiple: Django, Flask, FastAPI | optional
//! Notice period | single: None, 1 month, 3 months | optional
//! Anything else we should know? | long text | optional
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::Invalid;
use crate::enums::string_enum;

string_enum! {
    /// What kind of answer a question takes.
    pub enum QuestionKind {
        YesNo => ("yes_no", "Yes / no"),
        SingleChoice => ("single_choice", "Single choice"),
        MultipleChoice => ("multiple_choice", "Multiple choice"),
        Number => ("number", "Number"),
        ShortText => ("short_text", "Short text"),
        LongText => ("long_text", "Long text"),
    }
}

/// A rule that an answer must satisfy for the application to meet the requirements.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "rule", content = "value", rename_all = "snake_case")]
pub enum Knockout {
    /// The answer must be this option (yes/no or single choice).
    Equals(String),
    /// The number must be at least this.
    AtLeast(f64),
    /// The number must be at most this.
    AtMost(f64),
    /// At least one of these options must be chosen (multiple choice).
    AnyOf(Vec<String>),
}

/// One question on the apply form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScreeningQuestion {
    /// Stable key of the question within its requisition (`q1`, `q2`, …), used as the form field name.
    pub key: String,
    /// The question as applicants read it.
    pub prompt: String,
    /// Kind of answer.
    pub kind: QuestionKind,
    /// Whether an answer is required.
    pub required: bool,
    /// Options for choice questions (yes/no has the implied options "yes" and "no").
    pub options: Vec<String>,
    /// The rule an answer must satisfy, if any.
    pub knockout: Option<Knockout>,
}

/// A requisition's questions, and what happens to applications that fail a knockout.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ScreeningForm {
    /// The questions, in order.
    pub questions: Vec<ScreeningQuestion>,
    /// Reject failing applications at once with this reason; `None` only flags them.
    pub auto_reject_reason: Option<String>,
}

/// One answer as given, with the verdict of its knockout rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScreeningAnswer {
    /// The question's key.
    pub key: String,
    /// The question as it was asked (kept, so later edits do not change history).
    pub prompt: String,
    /// The answer: one value, several for multiple choice, none when skipped.
    pub values: Vec<String>,
    /// `Some(false)` when the answer fails the question's knockout rule.
    pub passed: Option<bool>,
}

/// Every answer of one application, and whether it meets the requirements.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ScreeningResult {
    /// Answers in question order.
    pub answers: Vec<ScreeningAnswer>,
    /// `false` when any knockout rule failed.
    pub meets_requirements: bool,
}

impl ScreeningResult {
    /// The prompts of the questions whose knockout failed.
    pub fn failed_prompts(&self) -> Vec<&str> {
        self.answers.iter().filter(|a| a.passed == Some(false)).map(|a| a.prompt.as_str()).collect()
    }
}

const MAX_QUESTIONS: usize = 30;
const MAX_SHORT: usize = 300;
const MAX_LONG: usize = 5000;

impl ScreeningForm {
    /// Checks the answers (form field name → values) against the questions: required ones
    /// present, numbers numeric, choices among the options. Returns every answer with its
    /// knockout verdict, or every problem, keyed by question.
    pub fn evaluate(&self, raw: &BTreeMap<String, Vec<String>>) -> Result<ScreeningResult, Invalid> {
        let mut bad = Invalid::default();
        let mut answers = Vec::with_capacity(self.questions.len());
        for q in &self.questions {
            let given: Vec<String> = raw
                .get(&q.key)
                .map(|v| v.iter().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect())
                .unwrap_or_default();
            match q.check_answer(given) {
                Ok(values) => {
                    let passed = q.knockout.as_ref().map(|k| !values.is_empty() && k.passes(&values));
                    let passed = if values.is_empty() && !q.required { None } else { passed };
                    answers.push(ScreeningAnswer { key: q.key.clone(), prompt: q.prompt.clone(), values, passed });
                }
                Err(message) => bad.push(q.key.clone(), message),
            }
        }
        bad.into_result(|| {
            let meets_requirements = answers.iter().all(|a| a.passed != Some(false));
            ScreeningResult { answers, meets_requirements }
        })
    }

    /// The questions as editable lines, the inverse of [`parse_question_lines`].
    pub fn to_lines(&self) -> String {
        self.questions.iter().map(ScreeningQuestion::to_line).collect::<Vec<_>>().join("\n")
    }
}

impl ScreeningQuestion {
    fn choices(&self) -> Vec<String> {
        match self.kind {
            QuestionKind::YesNo => vec!["yes".into(), "no".into()],
            _ => self.options.clone(),
        }
    }

    fn check_answer(&self, given: Vec<String>) -> Result<Vec<String>, String> {
        if given.is_empty() {
            return if self.required { Err("is required".into()) } else { Ok(given) };
        }
        let one = |given: Vec<String>| -> Result<Vec<String>, String> {
            if given.len() > 1 { Err("choose one answer".into()) } else { Ok(given) }
        };
        match self.kind {
            QuestionKind::YesNo | QuestionKind::SingleChoice => {
                let given = one(given)?;
                self.canonical_choices(given)
            }
            QuestionKind::MultipleChoice => self.canonical_choices(given),
            QuestionKind::Number => {
                let given = one(given)?;
                let n: f64 = given[0].replace(',', ".").parse().map_err(|_| "must be a number, such as 3 or 2.5")?;
                if !n.is_finite() || n.abs() > 1e9 {
                    return Err("must be a reasonable number".into());
                }
                Ok(vec![format_number(n)])
            }
            QuestionKind::ShortText | QuestionKind::LongText => {
                let given = one(given)?;
                let max = if self.kind == QuestionKind::ShortText { MAX_SHORT } else { MAX_LONG };
                if given[0].chars().count() > max {
                    return Err(format!("must be at most {max} characters"));
                }
                Ok(given)
            }
        }
    }

    /// Maps each answer to the option it names (case-insensitively), refusing unknown ones.
    fn canonical_choices(&self, given: Vec<String>) -> Result<Vec<String>, String> {
        let choices = self.choices();
        let mut out: Vec<String> = Vec::with_capacity(given.len());
        for g in given {
            let choice = choices
                .iter()
                .find(|c| c.eq_ignore_ascii_case(&g))
                .ok_or_else(|| format!("choose one of: {}", choices.join(", ")))?;
            if !out.contains(choice) {
                out.push(choice.clone());
            }
        }
        Ok(out)
    }

    fn to_line(&self) -> String {
        let kind = match self.kind {
            QuestionKind::YesNo => "yes/no".to_owned(),
            QuestionKind::SingleChoice => format!("single: {}", self.options.join(", ")),
            QuestionKind::MultipleChoice => format!("multiple: {}", self.options.join(", ")),
            QuestionKind::Number => "number".to_owned(),
            QuestionKind::ShortText => "short text".to_owned(),
            QuestionKind::LongText => "long text".to_owned(),
        };
        let mut line = format!("{} | {kind} | {}", self.prompt, if self.required { "required" } else { "optional" });
        if let Some(k) = &self.knockout {
            line.push_str(" | knockout ");
            line.push_str(&k.to_text());
        }
        line
    }
}

impl Knockout {
    /// Whether these (already checked) answer values satisfy the rule.
    pub fn passes(&self, values: &[String]) -> bool {
        let number = || values.first().and_then(|v| v.parse::<f64>().ok());
        match self {
            Knockout::Equals(want) => values.iter().any(|v| v.eq_ignore_ascii_case(want)),
            Knockout::AtLeast(min) => number().is_some_and(|n| n >= *min),
            Knockout::AtMost(max) => number().is_some_and(|n| n <= *max),
            Knockout::AnyOf(options) => values.iter().any(|v| options.iter().any(|o| o.eq_ignore_ascii_case(v))),
        }
    }

    /// The rule as people read and write it: `>= 2`, `= yes`, `any of Django, Flask`.
    pub fn to_text(&self) -> String {
        match self {
            Knockout::Equals(v) => format!("= {v}"),
            Knockout::AtLeast(n) => format!(">= {}", format_number(*n)),
            Knockout::AtMost(n) => format!("<= {}", format_number(*n)),
            Knockout::AnyOf(v) => format!("any of {}", v.join(", ")),
        }
    }
}

fn format_number(n: f64) -> String {
    if n.fract() == 0.0 { format!("{}", n as i64) } else { format!("{n}") }
}

/// Parses one question per line (see the module docs); blank lines are skipped. Keys are
/// assigned in order (`q1`, `q2`, …). Every problem names its line.
pub fn parse_question_lines(raw: &str) -> Result<Vec<ScreeningQuestion>, String> {
    let lines: Vec<&str> = raw.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    if lines.len() > MAX_QUESTIONS {
        return Err(format!("at most {MAX_QUESTIONS} questions"));
    }
    let mut problems = Vec::new();
    let mut questions = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        match parse_question_line(line, format!("q{}", i + 1)) {
            Ok(q) => questions.push(q),
            Err(e) => problems.push(format!("line {}: {e}", i + 1)),
        }
    }
    if problems.is_empty() { Ok(questions) } else { Err(problems.join("; ")) }
}

fn parse_question_line(line: &str, key: String) -> Result<ScreeningQuestion, String> {
    let parts: Vec<&str> = line.split('|').map(str::trim).collect();
    let prompt = parts[0];
    if prompt.is_empty() {
        return Err("the question text is missing".into());
    }
    if prompt.chars().count() > 300 {
        return Err("a question must be at most 300 characters".into());
    }
    let (kind, options) = parse_kind(parts.get(1).copied().unwrap_or("short text"))?;
    let mut required = true;
    let mut knockout = None;
    for part in parts.iter().skip(2) {
        let lower = part.to_lowercase();
        if lower == "required" {
            required = true;
        } else if lower == "optional" {
            required = false;
        } else if let Some(rule) = lower.strip_prefix("knockout") {
            knockout = Some(parse_knockout(rule.trim(), kind, &options)?);
        } else {
            return Err(format!("\"{part}\" is not understood; use required, optional or knockout …"));
        }
    }
    Ok(ScreeningQuestion { key, prompt: prompt.to_owned(), kind, required, options, knockout })
}

fn parse_kind(raw: &str) -> Result<(QuestionKind, Vec<String>), String> {
    let lower = raw.to_lowercase();
    let options = |rest: &str| -> Result<Vec<String>, String> {
        let opts: Vec<String> =
            raw[raw.len() - rest.len()..].split(',').map(|o| o.trim().to_owned()).filter(|o| !o.is_empty()).collect();
        if opts.len() < 2 {
            return Err("a choice question needs at least two options, separated by commas".into());
        }
        if opts.len() > 30 || opts.iter().any(|o| o.chars().count() > 100) {
            return Err("at most 30 options of at most 100 characters each".into());
        }
        Ok(opts)
    };
    match lower.as_str() {
        "yes/no" | "yes_no" | "yes-no" => Ok((QuestionKind::YesNo, Vec::new())),
        "number" => Ok((QuestionKind::Number, Vec::new())),
        "short text" | "short_text" | "text" => Ok((QuestionKind::ShortText, Vec::new())),
        "long text" | "long_text" => Ok((QuestionKind::LongText, Vec::new())),
        _ => {
            if let Some(rest) = lower.strip_prefix("single:") {
                Ok((QuestionKind::SingleChoice, options(rest)?))
            } else if let Some(rest) = lower.strip_prefix("multiple:") {
                Ok((QuestionKind::MultipleChoice, options(rest)?))
            } else {
                Err(format!(
                    "\"{raw}\" is not a question kind; use yes/no, number, short text, long text, single: A, B or multiple: A, B"
                ))
            }
        }
    }
}

fn parse_knockout(rule: &str, kind: QuestionKind, options: &[String]) -> Result<Knockout, String> {
    let number = |s: &str| s.trim().parse::<f64>().map_err(|_| format!("\"{}\" is not a number", s.trim()));
    let option = |s: &str| -> Result<String, String> {
        let s = s.trim();
        let choices: Vec<String> =
            if kind == QuestionKind::YesNo { vec!["yes".into(), "no".into()] } else { options.to_vec() };
        choices
            .iter()
            .find(|c| c.eq_ignore_ascii_case(s))
            .cloned()
            .ok_or_else(|| format!("\"{s}\" is not one of the options ({})", choices.join(", ")))
    };
    match kind {
        QuestionKind::Number => {
            if let Some(n) = rule.strip_prefix(">=") {
                Ok(Knockout::AtLeast(number(n)?))
            } else if let Some(n) = rule.strip_prefix("<=") {
                Ok(Knockout::AtMost(number(n)?))
            } else {
                Err("a number knockout is \">= N\" or \"<= N\"".into())
            }
        }
        QuestionKind::YesNo | QuestionKind::SingleChoice => {
            let v = rule.strip_prefix('=').ok_or("a choice knockout is \"= option\"")?;
            Ok(Knockout::Equals(option(v)?))
        }
        QuestionKind::MultipleChoice => {
            let v = rule.strip_prefix("any of").ok_or("a multiple-choice knockout is \"any of A, B\"")?;
            Ok(Knockout::AnyOf(v.split(',').map(option).collect::<Result<_, _>>()?))
        }
        QuestionKind::ShortText | QuestionKind::LongText => Err("text answers cannot have a knockout rule".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = "Years of professional Django experience? | number | required | knockout >= 2
        Are you authorized to work in the EU? | yes/no | required | knockout = yes
        Which frameworks have you shipped with? | multiple: Django, Flask, FastAPI | optional
        Anything else? | long text | optional";

    fn form() -> ScreeningForm {
        ScreeningForm { questions: parse_question_lines(SEED).unwrap(), auto_reject_reason: None }
    }

    fn answers(pairs: &[(&str, &str)]) -> BTreeMap<String, Vec<String>> {
        let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (k, v) in pairs {
            map.entry((*k).to_owned()).or_default().push((*v).to_owned());
        }
        map
    }

    #[test]
    fn lines_round_trip() {
        let form = form();
        assert_eq!(form.questions.len(), 4);
        assert_eq!(form.questions[0].knockout, Some(Knockout::AtLeast(2.0)));
        assert_eq!(form.questions[1].knockout, Some(Knockout::Equals("yes".into())));
        assert_eq!(form.questions[2].options, vec!["Django", "Flask", "FastAPI"]);
        assert!(!form.questions[3].required);
        assert_eq!(parse_question_lines(&form.to_lines()).unwrap(), form.questions);
    }

    #[test]
    fn passing_answers_meet_the_requirements() {
        let result = form().evaluate(&answers(&[("q1", "3"), ("q2", "Yes"), ("q3", "django")])).unwrap();
        assert!(result.meets_requirements);
        assert_eq!(result.answers[1].values, vec!["yes"]);
        assert_eq!(result.answers[2].values, vec!["Django"]);
        assert_eq!(result.answers[3].passed, None);
    }

    #[test]
    fn a_failed_knockout_is_named() {
        let result = form().evaluate(&answers(&[("q1", "1.5"), ("q2", "yes")])).unwrap();
        assert!(!result.meets_requirements);
        assert_eq!(result.failed_prompts(), vec!["Years of professional Django experience?"]);
    }

    #[test]
    fn bad_answers_name_every_question() {
        let err = form().evaluate(&answers(&[("q1", "lots"), ("q3", "Rails")])).unwrap_err();
        let fields: Vec<&str> = err.errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["q1", "q2", "q3"]);
        assert_eq!(err.message_for("q2"), Some("is required"));
        assert!(err.message_for("q3").unwrap().contains("Django, Flask, FastAPI"));
    }

    #[test]
    fn bad_lines_say_which_line_and_why() {
        let err = parse_question_lines("Ok? | yes/no\nPick | single: A\nWhy | long text | knockout = x").unwrap_err();
        assert!(err.contains("line 2: a choice question needs at least two options"), "{err}");
        assert!(err.contains("line 3: text answers cannot have a knockout"), "{err}");
        assert!(parse_question_lines("Stack | single: A, B | knockout = C").unwrap_err().contains("not one of"));
    }
}
