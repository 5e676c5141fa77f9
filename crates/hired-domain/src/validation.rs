//! Field-level validation errors, shared by every input type so forms can
//! show each message next to its field and the API can name the field path.

use serde::Serialize;

/// One problem with one input field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// The field's name as it appears in forms and JSON bodies (`skills[2].min_years`).
    pub field: String,
    /// What is wrong and how to fix it.
    pub message: String,
}

/// An input that failed validation, with every problem found (not just the first).
#[derive(Debug, Clone, PartialEq, Eq, Default, thiserror::Error)]
#[error("{}", self.summary())]
pub struct Invalid {
    /// The problems, in field order.
    pub errors: Vec<FieldError>,
}

impl Invalid {
    /// An error about a single field.
    pub fn field(field: impl Into<String>, message: impl Into<String>) -> Self {
        let mut invalid = Self::default();
        invalid.push(field, message);
        invalid
    }

    /// Records one more problem.
    pub fn push(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.errors.push(FieldError { field: field.into(), message: message.into() });
    }

    /// Records the error of `result` under `field` and returns its value, if any.
    pub fn check<T, E: std::fmt::Display>(&mut self, field: &str, result: Result<T, E>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(e) => {
                self.push(field, e.to_string());
                None
            }
        }
    }

    /// `Ok(value)` when nothing was recorded, otherwise `Err(self)`.
    pub fn into_result<T>(self, value: impl FnOnce() -> T) -> Result<T, Invalid> {
        if self.errors.is_empty() { Ok(value()) } else { Err(self) }
    }

    /// The message for one field, for showing next to it in a form.
    pub fn message_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|e| e.field == field).map(|e| e.message.as_str())
    }

    fn summary(&self) -> String {
        self.errors.iter().map(|e| format!("{}: {}", e.field, e.message)).collect::<Vec<_>>().join("; ")
    }
}

/// Trims `raw` and checks it is non-empty and at most `max` characters.
pub fn required_text(raw: &str, max: usize) -> Result<String, String> {
    let text = raw.trim();
    if text.is_empty() {
        return Err("is required".into());
    }
    if text.chars().count() > max {
        return Err(format!("must be at most {max} characters"));
    }
    Ok(text.to_owned())
}

/// Like [`required_text`], and refuses line breaks and other control characters: for names
/// and other one-line values that may end up in an email header.
pub fn single_line_text(raw: &str, max: usize) -> Result<String, String> {
    let text = required_text(raw, max)?;
    if text.chars().any(char::is_control) {
        return Err("must be on one line, without control characters".into());
    }
    Ok(text)
}

/// Trims `raw`; empty becomes `None`; longer than `max` characters is an error.
pub fn optional_text(raw: &str, max: usize) -> Result<Option<String>, String> {
    let text = raw.trim();
    if text.chars().count() > max {
        return Err(format!("must be at most {max} characters"));
    }
    Ok((!text.is_empty()).then(|| text.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_text_rejects_blank_and_overlong_input() {
        assert_eq!(required_text("  ", 5), Err("is required".into()));
        assert_eq!(required_text("abcdef", 5), Err("must be at most 5 characters".into()));
        assert_eq!(required_text(" ok ", 5), Ok("ok".into()));
    }

    #[test]
    fn invalid_collects_every_problem() {
        let mut invalid = Invalid::default();
        invalid.check::<(), _>("a", Err("bad a"));
        invalid.check::<(), _>("b", Err("bad b"));
        assert_eq!(invalid.errors.len(), 2);
        assert_eq!(invalid.message_for("b"), Some("bad b"));
        assert!(invalid.into_result(|| ()).is_err());
    }
}
