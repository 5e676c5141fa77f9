//! Store tests: every body runs on SQLite and on PostgreSQL.

mod accounts;
mod candidates;
mod careers;
mod change_log;
mod demo;
mod interviews;
mod pipeline;
mod queue;
mod reasons;

use hired_domain::Email;
use hired_domain::candidate::CandidateDetails;
use hired_domain::user::{Role, User};
use hired_store::Store;

/// A user with `role`, for acting in tests.
pub async fn user(store: &Store, email: &str, role: Role) -> User {
    store.create_user(&Email::parse(email).unwrap(), "Test User", role, None).await.unwrap()
}

/// Minimal valid candidate details.
pub fn person(name: &str, email: &str) -> CandidateDetails {
    CandidateDetails {
        name: name.into(),
        email: Some(Email::parse(email).unwrap()),
        phone: None,
        location: Some("Lisbon".into()),
        github: None,
        linkedin: None,
        portfolio: None,
        tags: vec!["python".into()],
        source: Some("referral".into()),
    }
}
