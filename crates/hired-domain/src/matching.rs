//! How a requisition weighs the parts of a candidate's match: kept with the requisition, set
//! by its recruiters, read by the scorer.

use serde::{Deserialize, Serialize};

/// How many points each part of the match is worth before scaling to 100; a part that
/// cannot be judged (no certifications asked, no salary known) drops out and the rest scale up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Weights {
    /// Must-have skills.
    pub required: u8,
    /// Nice-to-have skills.
    pub nice: u8,
    /// Years of experience against the level.
    pub experience: u8,
    /// Certifications asked for.
    pub certifications: u8,
    /// Location or remote fit.
    pub location: u8,
    /// Salary expectation against the band.
    pub salary: u8,
}

impl Default for Weights {
    fn default() -> Self {
        Weights { required: 50, nice: 10, experience: 20, certifications: 5, location: 10, salary: 5 }
    }
}

impl Weights {
    /// Checks the weights a recruiter typed: each 0–100, and something to rank by.
    pub fn check(self) -> Result<Weights, String> {
        let all = [self.required, self.nice, self.experience, self.certifications, self.location, self.salary];
        if all.iter().any(|&w| w > 100) {
            return Err("each weight must be between 0 and 100".into());
        }
        if self.required == 0 && self.nice == 0 && self.experience == 0 {
            return Err("give skills or experience a weight above 0, or there is nothing to rank by".into());
        }
        Ok(self)
    }
}
