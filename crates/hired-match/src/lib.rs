//! Matching: how well each candidate fits a role, as a score from 0 to 100 with a readable
//! explanation, for one application or for a million profiles at once.
//!
//! No database and no web: callers hand in a [`SkillGraph`] (built from the taxonomy), a
//! [`Job`] (from a requisition or a `JOB.toml`) and [`Candidate`]s (from profiles). [`Scorer`]
//! scores and explains one candidate; [`Index`] holds many in compact form and ranks them all
//! with the same credits, explaining only the top results. [`search::TextIndex`] is the
//! full-text candidate search.

mod candidate;
mod explain;
mod facet_counts;
mod index;
#[cfg(test)]
mod index_tests;
mod job;
mod keys;
pub mod quality;
mod score;
pub mod search;
#[cfg(test)]
mod search_tests;
mod skills;
mod slots;
#[cfg(test)]
mod tests;

pub use candidate::{Candidate, HeldSkill};
pub use explain::{Mark, Match, Part, Reason};
pub use index::{Index, Ranked};
pub use job::{Job, JobError, Place, Requirement, Weights};
pub use score::Scorer;
pub use skills::{SkillGraph, SkillId, SkillNode};
