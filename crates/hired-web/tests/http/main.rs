//! In-process HTTP tests of the whole application.

mod admin;
mod api;
mod api_apply;
mod authz;
mod candidates;
mod careers_apply;
mod careers_public;
mod channels;
mod helpers;
mod imports;
mod interviews;
mod matching;
mod postings_staff;
mod profile_edits;
mod reasons;
mod rediscovery;
mod requisitions;
mod resume_export;
mod screening_seen;
mod screening_staff;
mod search;
mod sign_in;
mod taxonomy_admin;

pub use helpers::*;
