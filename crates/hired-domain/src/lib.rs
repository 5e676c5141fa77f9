//! The hiring domain: plain types and the rules over them.
//!
//! No I/O and no async live here, so every rule (who may do what, how a
//! requisition's status may change, what a stage move means) is a plain
//! function that unit tests can call directly.

pub mod audit;
pub mod authz;
pub mod candidate;
pub mod channel;
pub mod email;
mod enums;
pub mod ids;
pub mod interview_library;
pub mod interviews;
pub mod matching;
pub mod money;
pub mod pipeline;
pub mod posting;
pub mod profile;
pub mod profile_edits;
pub mod requisition;
pub mod screening;
pub mod templates;
pub mod user;
pub mod validation;

pub use email::Email;
pub use ids::*;
pub use money::{Currency, Money, PayPeriod, SalaryBand};
pub use validation::{FieldError, Invalid};
