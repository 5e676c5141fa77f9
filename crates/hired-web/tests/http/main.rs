//! In-process HTTP tests of the whole application.

mod admin;
mod api;
mod authz;
mod candidates;
mod helpers;
mod reasons;
mod requisitions;
mod sign_in;

pub use helpers::*;
