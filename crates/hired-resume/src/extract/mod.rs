//! Getting text out of a document: PDF (its text layer), DOCX, or plain text in any common
//! encoding. Every entry point takes bytes and returns lines of text or a clear reason.

use serde::Serialize;

/// The document formats intake understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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
