//! Channels: where postings go and applicants come from, with what they cost.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::enums::string_enum;
use crate::money::{Currency, parse_whole_units};
use crate::validation::required_text;
use crate::{ChannelId, Invalid};

string_enum! {
    /// The kinds of channel the seed guides name.
    pub enum ChannelKind {
        CareersPage => ("careers_page", "Careers page"),
        JobBoard => ("job_board", "Job board"),
        Aggregator => ("aggregator", "Job aggregator"),
        Referral => ("referral", "Employee referral"),
        Community => ("community", "Developer community"),
        Association => ("association", "Industry association"),
        Bootcamp => ("bootcamp", "Bootcamp"),
        Agency => ("agency", "Recruiting agency"),
        Nearshore => ("nearshore", "Nearshore agency"),
        Freelance => ("freelance", "Freelance marketplace"),
        Other => ("other", "Other"),
    }
}

string_enum! {
    /// How a channel charges.
    pub enum CostBasis {
        Free => ("free", "Free"),
        PerMonth => ("per_month", "Per month"),
        PerPosting => ("per_posting", "Per posting"),
    }
}

/// What admins define about a channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelSpec {
    /// Kind.
    pub kind: ChannelKind,
    /// Name shown to staff ("LinkedIn Jobs", "PyCon job board").
    pub name: String,
    /// How it charges.
    pub cost_basis: CostBasis,
    /// Cost in minor units per month or per posting; 0 when free.
    pub cost_minor: i64,
    /// Currency of the cost.
    pub currency: Currency,
}

/// A channel as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Channel {
    /// Identity; also the tracking code in apply links.
    pub id: ChannelId,
    /// Definition.
    pub spec: ChannelSpec,
    /// Inactive channels keep their history but take no new postings.
    pub active: bool,
    /// When defined.
    pub created_at: DateTime<Utc>,
}

/// The channel form before validation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ChannelInput {
    /// Kind key.
    pub kind: String,
    /// Name.
    pub name: String,
    /// `free | per_month | per_posting`.
    pub cost_basis: String,
    /// Cost in whole units.
    pub cost: String,
    /// ISO 4217 code.
    pub currency: String,
}

impl TryFrom<&ChannelInput> for ChannelSpec {
    type Error = Invalid;

    fn try_from(input: &ChannelInput) -> Result<Self, Invalid> {
        let mut bad = Invalid::default();
        let kind = bad.check("kind", input.kind.parse::<ChannelKind>());
        let name = bad.check("name", required_text(&input.name, 100));
        let cost_basis = bad.check("cost_basis", input.cost_basis.parse::<CostBasis>());
        let currency = if input.currency.trim().is_empty() {
            Some(Currency::USD)
        } else {
            bad.check("currency", Currency::parse(&input.currency))
        };
        let cost =
            if input.cost.trim().is_empty() { Some(0) } else { bad.check("cost", parse_whole_units(&input.cost)) };
        if cost_basis == Some(CostBasis::Free) && cost.is_some_and(|c| c > 0) {
            bad.push("cost", "a free channel has no cost; choose per month or per posting");
        }
        if cost_basis.is_some_and(|b| b != CostBasis::Free) && cost == Some(0) {
            bad.push("cost", "give the cost, or make the channel free");
        }
        bad.into_result(|| ChannelSpec {
            kind: kind.unwrap_or(ChannelKind::Other),
            name: name.unwrap_or_default(),
            cost_basis: cost_basis.unwrap_or(CostBasis::Free),
            cost_minor: cost.unwrap_or(0),
            currency: currency.unwrap_or(Currency::USD),
        })
    }
}

impl ChannelSpec {
    /// The spec as form input, for editing.
    pub fn to_input(&self) -> ChannelInput {
        ChannelInput {
            kind: self.kind.as_str().into(),
            name: self.name.clone(),
            cost_basis: self.cost_basis.as_str().into(),
            cost: if self.cost_minor == 0 { String::new() } else { (self.cost_minor / 100).to_string() },
            currency: self.currency.to_string(),
        }
    }

    /// What the channel has cost so far, in minor units: months begun since it was defined
    /// times the monthly cost, or postings sent to it times the per-posting cost.
    pub fn spent_minor(&self, created_at: DateTime<Utc>, now: DateTime<Utc>, postings: i64) -> i64 {
        match self.cost_basis {
            CostBasis::Free => 0,
            CostBasis::PerPosting => self.cost_minor * postings,
            CostBasis::PerMonth => {
                let days = (now - created_at).num_days().max(0);
                self.cost_minor * (days / 30 + 1)
            }
        }
    }
}

/// Cost per applicant in minor units, when there is at least one applicant.
pub fn cost_per_applicant(spent_minor: i64, applications: i64) -> Option<i64> {
    (applications > 0).then(|| spent_minor / applications)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn input(basis: &str, cost: &str) -> ChannelInput {
        ChannelInput {
            kind: "job_board".into(),
            name: "Django Jobs".into(),
            cost_basis: basis.into(),
            cost: cost.into(),
            currency: "EUR".into(),
        }
    }

    #[test]
    fn costs_must_match_their_basis() {
        assert!(ChannelSpec::try_from(&input("per_month", "300")).is_ok());
        assert_eq!(ChannelSpec::try_from(&input("per_posting", "")).unwrap_err().errors[0].field, "cost");
        assert_eq!(ChannelSpec::try_from(&input("free", "5")).unwrap_err().errors[0].field, "cost");
        let spec = ChannelSpec::try_from(&input("free", "")).unwrap();
        assert_eq!(ChannelSpec::try_from(&spec.to_input()).unwrap(), spec);
    }

    #[test]
    fn spending_follows_the_basis() {
        let start = Utc::now();
        let monthly = ChannelSpec::try_from(&input("per_month", "300")).unwrap();
        assert_eq!(monthly.spent_minor(start, start + Duration::days(45), 0), 60_000);
        let per_posting = ChannelSpec::try_from(&input("per_posting", "99")).unwrap();
        assert_eq!(per_posting.spent_minor(start, start, 3), 29_700);
        assert_eq!(cost_per_applicant(29_700, 0), None);
        assert_eq!(cost_per_applicant(29_700, 3), Some(9_900));
    }
}
