//! Demo profiles: what intake would have read from each made-up person's resume — their
//! tagged skills with years of use, a career length and their city — so that match scores,
//! the ranking and the candidate page have something to show without real resumes.

use std::hash::{DefaultHasher, Hash, Hasher};

use chrono::{DateTime, Utc};
use hired_domain::CandidateId;
use hired_domain::candidate::CandidateInput;
use hired_domain::profile::{Profile, ProfileLocation, ProfileSkill};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::sql::WriteTxn;
use crate::{Store, StoreResult};

/// The profile for `input`, the same on every run for the same person; `names` gives skills
/// their usual spelling ("postgresql" is shown as "PostgreSQL").
pub(super) fn profile_for(input: &CandidateInput, names: &[String]) -> Profile {
    let mut hasher = DefaultHasher::new();
    input.email.hash(&mut hasher);
    let mut rng = StdRng::seed_from_u64(hasher.finish());
    let total: f32 = 1.0 + 19.0 * rng.random::<f32>().powi(2);
    let skills = input
        .tags
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|tag| {
            let name = names.iter().find(|n| n.eq_ignore_ascii_case(tag)).cloned().unwrap_or_else(|| tag.to_owned());
            let years = (0.5 + rng.random::<f32>() * (total - 0.5)).min(total);
            ProfileSkill { name, category: String::new(), years: Some((years * 10.0).round() / 10.0) }
        })
        .collect();
    let city = input.location.split(',').next().map(str::trim).filter(|c| !c.is_empty()).map(str::to_owned);
    Profile {
        name: Some(input.name.clone()),
        skills,
        total_years: Some((total * 10.0).round() / 10.0),
        location: city.map(|city| ProfileLocation { city: Some(city), ..ProfileLocation::default() }),
        ..Profile::default()
    }
}

impl Store {
    /// Stores a demo profile as if its resume had been read at `at`.
    pub(super) async fn insert_demo_profile(
        &self,
        txn: &WriteTxn,
        candidate: CandidateId,
        profile: &Profile,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        self.exec(
            txn,
            "INSERT INTO candidate_profiles (candidate_id, attachment_id, status, profile, warnings, error, parse_ms, parsed_at)
             VALUES ($1, NULL, 'parsed', $2, $3, NULL, 0, $4)",
            [candidate.0.into(), serde_json::to_value(profile)?.into(), serde_json::json!([]).into(), at.into()],
        )
        .await?;
        Ok(())
    }
}
