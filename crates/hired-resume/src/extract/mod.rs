//! Getting text out of a document: PDF (its text layer), DOCX, or plain text in any common
//! encoding, and recognising JSON Resume. [`extract`] is the single entry point: it takes the
//! uploaded bytes, sniffs the format from the content (never from a file name), and returns
//! lines of text in reading order or a reason a person can act on.
//!
//! Every format is read as hostile input with fixed limits (size, pages, entries, inflated
//! bytes, work per page) and no panics; see each module.

mod docx;
mod normalize;
mod pdf;
#[cfg(test)]
mod tests;
mod text;

use serde::{Deserialize, Serialize};

/// Largest upload read, in megabytes; larger files are refused before anything else.
pub const MAX_INPUT_MB: usize = 50;
/// Most PDF pages read; a longer PDF is refused as too complex.
pub const MAX_PDF_PAGES: usize = pdf::MAX_PAGES;

/// The document formats intake understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// PDF with a text layer.
    Pdf,
    /// Word (Office Open XML).
    Docx,
    /// Plain text.
    Text,
    /// JSON Resume.
    JsonResume,
}

/// Text taken from a document: its lines in reading order, blank lines between blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// What it was.
    pub format: Format,
    /// The text.
    pub text: String,
    /// Pages, for PDFs.
    pub pages: Option<u32>,
}

/// Why no text could be taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExtractError {
    /// The file is empty.
    #[error("the file is empty")]
    Empty,
    /// Larger than intake reads.
    #[error("the file is larger than {0} MB")]
    TooLarge(usize),
    /// Not a format intake reads.
    #[error("not a PDF, DOCX, text or JSON Resume file")]
    UnknownFormat,
    /// The PDF is encrypted.
    #[error("the PDF is encrypted; ask for an unprotected copy")]
    Encrypted,
    /// A PDF without a text layer (a scan).
    #[error("no text found — OCR needed")]
    NoText,
    /// Damaged or hostile structure.
    #[error("the file is damaged: {0}")]
    Damaged(String),
    /// More pages, entries or expanded bytes than intake reads.
    #[error("the file is too complex to read: {0}")]
    TooComplex(String),
}

/// Reads a resume file's bytes: a PDF (by its `%PDF-` header), a DOCX (a ZIP holding
/// `word/document.xml`), a JSON Resume (a JSON object with a `basics` or `work` key; its raw
/// text is returned for the JSON Resume reader), or else plain text in UTF-8, UTF-16 (with a
/// byte order mark, or recognisably without one), or Windows-1252.
///
/// The text comes back NFKC-normalized, one visual line per line in reading order, a blank
/// line between blocks and columns, and no control characters except newline and tab.
pub fn extract(bytes: &[u8]) -> Result<Document, ExtractError> {
    if bytes.len() > MAX_INPUT_MB * 1024 * 1024 {
        return Err(ExtractError::TooLarge(MAX_INPUT_MB));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ExtractError::Empty);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        let text = normalize::clean(&docx::extract(bytes)?);
        if text.is_empty() {
            return Err(ExtractError::Empty);
        }
        return Ok(Document { format: Format::Docx, text, pages: None });
    }
    if is_pdf(bytes) {
        let (raw, pages) = pdf::extract(bytes)?;
        return Ok(Document { format: Format::Pdf, text: normalize::clean(&raw), pages: Some(pages) });
    }
    if is_other_binary(bytes) {
        return Err(ExtractError::UnknownFormat);
    }
    let decoded = text::decode(bytes)?;
    if is_json_resume(&decoded) {
        let raw = decoded.trim_start_matches('\u{feff}').to_owned();
        return Ok(Document { format: Format::JsonResume, text: raw, pages: None });
    }
    let text = normalize::clean(&decoded);
    if text.is_empty() {
        return Err(ExtractError::Empty);
    }
    Ok(Document { format: Format::Text, text, pages: None })
}

/// A PDF header within the first kilobyte (readers accept leading junk there).
fn is_pdf(bytes: &[u8]) -> bool {
    bytes.get(..1024).unwrap_or(bytes).windows(5).any(|w| w == b"%PDF-")
}

/// Formats that are surely not resume text: images, legacy Word, archives, executables.
fn is_other_binary(bytes: &[u8]) -> bool {
    const MAGIC: [&[u8]; 8] =
        [b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\xd0\xcf\x11\xe0", b"\x1f\x8b", b"7z\xbc\xaf", b"Rar!", b"\x7fELF"];
    MAGIC.iter().any(|magic| bytes.starts_with(magic))
}

/// A JSON object with a `basics` or `work` key at the top.
fn is_json_resume(text: &str) -> bool {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if !trimmed.starts_with('{') {
        return false;
    }
    match serde_json::from_str::<serde_json::Value>(trimmed) {
        Ok(serde_json::Value::Object(map)) => map.contains_key("basics") || map.contains_key("work"),
        _ => false,
    }
}
