//! In-process HTTP tests of the whole application.

mod helpers;
mod sign_in;

pub use helpers::*;
