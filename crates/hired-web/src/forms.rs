//! Helpers shared by forms: showing field errors next to their fields.

use hired_domain::Invalid;

/// Field errors for a form template (`errors.get("title")`).
#[derive(Debug, Clone, Default)]
pub struct FormErrors(Invalid);

impl FormErrors {
    /// No errors yet (a fresh form).
    pub fn none() -> Self {
        Self::default()
    }

    /// The message for `field`, or empty.
    pub fn get(&self, field: &str) -> &str {
        self.0.message_for(field).unwrap_or("")
    }

    /// Every message, in field order, for a summary above a long form.
    pub fn messages(&self) -> Vec<&str> {
        self.0.errors.iter().map(|e| e.message.as_str()).collect()
    }

    /// Whether anything is wrong.
    pub fn any(&self) -> bool {
        !self.0.errors.is_empty()
    }

    /// `" has-error"` for a field with an error, for its CSS class.
    pub fn class(&self, field: &str) -> &'static str {
        if self.0.message_for(field).is_some() { " has-error" } else { "" }
    }
}

impl From<Invalid> for FormErrors {
    fn from(invalid: Invalid) -> Self {
        Self(invalid)
    }
}
