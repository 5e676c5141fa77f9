//! Resume intake: turns a PDF (text layer), DOCX, plain text or JSON Resume file into a
//! [`Profile`], normalizing skills through the technology [`taxonomy`].
//!
//! Three stages, each its own module: [`extract`] gets text out of a document safely (size,
//! time and structure limits; never a read outside the upload), [`parse`] reads the fields out
//! of that text, and [`jsonresume`] reads and writes JSON Resume directly. Nothing here touches
//! a database or the network.

pub mod extract;
pub mod jsonresume;
pub mod parse;
pub mod taxonomy;

pub use hired_domain::profile::Profile;
