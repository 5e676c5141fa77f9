//! hired's HTTP face: the staff pages, the JSON API, sign-in and operations
//! endpoints. [`app`] builds the whole application as a `Router`, so tests
//! drive it in-process and `hired serve` only binds it to a socket.

mod admin;
mod api;
mod app;
mod assets;
pub mod auth;
mod candidates;
mod careers;
mod dashboard;
mod error;
mod forms;
mod interviews;
pub mod matching;
mod ops;
mod pipeline;
mod requisitions;
pub(crate) mod search;
mod state;
mod views;

pub use app::app;
pub use auth::password::hash_password;
pub use state::{AppState, WebConfig};
