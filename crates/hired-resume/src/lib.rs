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

use extract::{ExtractError, Format};
use hired_domain::profile::PartialDate;
use taxonomy::Taxonomy;

/// What intake made of one document.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Intake {
    /// The format it turned out to be (by content, never by name).
    pub format: Format,
    /// The profile.
    pub profile: Profile,
    /// What a recruiter should check, in plain words.
    pub warnings: Vec<String>,
    /// The document's plain text, to show beside the profile (the raw JSON for JSON Resume).
    pub text: String,
}

/// Reads any supported document into a profile: the one entry point for uploads, imports and
/// `hired parse`. `today` ends jobs held now when counting years of experience.
pub fn parse_document(bytes: &[u8], today: PartialDate) -> Result<Intake, ExtractError> {
    parse_document_with(bytes, today, taxonomy::Taxonomy::builtin())
}

/// [`parse_document`] with another taxonomy (the built-in one plus admins' aliases).
pub fn parse_document_with(bytes: &[u8], today: PartialDate, taxonomy: &Taxonomy) -> Result<Intake, ExtractError> {
    let doc = extract::extract(bytes)?;
    let parsed = match doc.format {
        Format::JsonResume => jsonresume::read(&doc.text, taxonomy, today).map_err(ExtractError::Damaged)?,
        _ => parse::profile_from_text(&doc.text, taxonomy, today),
    };
    Ok(Intake { format: doc.format, profile: parsed.profile, warnings: parsed.warnings, text: doc.text })
}
