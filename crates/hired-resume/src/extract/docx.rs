//! Word documents (Office Open XML): the text of `word/document.xml`, with the headers before
//! it and the footers after it. A paragraph is a line; a tab stays a tab; a table row whose
//! cells hold one paragraph each is one line with the cells separated by tabs, and a row of
//! longer cells (a two-column layout made with a table) is read cell by cell.
//!
//! The ZIP is treated as hostile: entry counts, declared sizes, compression ratios and the
//! bytes actually inflated are all capped, nothing is ever written to disk (so entry names
//! like `../../x` are never used as paths), and an XML part with a DOCTYPE is refused so no
//! DTD or external entity can matter (quick-xml resolves none anyway).

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use zip::ZipArchive;

use super::ExtractError;

/// Most entries in the archive; Word writes a few dozen.
const MAX_ENTRIES: usize = 10_000;
/// Most bytes inflated over all parts read.
pub(crate) const MAX_EXPANDED: u64 = 20 * 1024 * 1024;
/// An entry that inflates more than this many times its compressed size, to more than
/// [`MAX_EXPANDED`], is a ZIP bomb.
const MAX_RATIO: u64 = 100;
/// Most header or footer parts read.
const MAX_EXTRA_PARTS: usize = 8;
/// How deep tables and paragraphs may nest; deeper content is read as flat text.
const MAX_DEPTH: usize = 32;

/// The text of a DOCX; `UnknownFormat` when the ZIP is not a Word document.
pub(super) fn extract(bytes: &[u8]) -> Result<String, ExtractError> {
    let mut archive = ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| ExtractError::Damaged(format!("not a readable ZIP file ({e})")))?;
    if archive.len() > MAX_ENTRIES {
        return Err(ExtractError::TooComplex(format!("{} ZIP entries; at most {MAX_ENTRIES} are read", archive.len())));
    }
    for index in 0..archive.len() {
        let Ok(entry) = archive.by_index_data(index) else { continue };
        if entry.size() > MAX_EXPANDED && entry.size() / entry.compressed_size().max(1) > MAX_RATIO {
            return Err(ExtractError::TooComplex("a ZIP bomb: an entry inflates more than 100 times".into()));
        }
    }
    if archive.index_for_name("word/document.xml").is_none() {
        return Err(ExtractError::UnknownFormat);
    }
    let mut extra: Vec<String> = archive
        .file_names()
        .filter_map(Result::ok)
        .filter(|name| is_part(name, "header") || is_part(name, "footer"))
        .map(|name| name.into_owned())
        .collect();
    extra.sort();
    extra.truncate(MAX_EXTRA_PARTS);
    let mut budget = MAX_EXPANDED;
    let document = read_part(&mut archive, "word/document.xml", &mut budget)?;
    let parts = extra
        .into_iter()
        .map(|name| read_part(&mut archive, &name, &mut budget).map(|xml| (name, xml)))
        .collect::<Result<Vec<_>, _>>()?;
    let body = xml_text(&document)?;
    let mut headers = Vec::new();
    let mut footers = Vec::new();
    for (name, xml) in parts {
        let text = xml_text(&xml)?;
        let list = if name.starts_with("word/header") { &mut headers } else { &mut footers };
        if !text.trim().is_empty() && !list.contains(&text) {
            list.push(text);
        }
    }
    Ok(headers.into_iter().chain([body]).chain(footers).collect::<Vec<_>>().join("\n\n"))
}

/// `word/header1.xml` and the like (exact names only: nothing outside `word/`).
fn is_part(name: &str, kind: &str) -> bool {
    name.strip_prefix("word/")
        .and_then(|rest| rest.strip_prefix(kind))
        .and_then(|rest| rest.strip_suffix(".xml"))
        .is_some_and(|digits| digits.chars().all(|c| c.is_ascii_digit()))
}

/// Inflates one part, never more than the bytes left in `budget` (declared sizes can lie).
fn read_part(archive: &mut ZipArchive<Cursor<&[u8]>>, name: &str, budget: &mut u64) -> Result<String, ExtractError> {
    let file = archive.by_name(name).map_err(|e| ExtractError::Damaged(format!("{name}: {e}")))?;
    if file.size() > *budget {
        return Err(too_large());
    }
    let mut data = Vec::new();
    file.take(*budget + 1).read_to_end(&mut data).map_err(|e| ExtractError::Damaged(format!("{name}: {e}")))?;
    let read = data.len() as u64;
    if read > *budget {
        return Err(too_large());
    }
    *budget -= read;
    Ok(String::from_utf8_lossy(&data).into_owned())
}

fn too_large() -> ExtractError {
    ExtractError::TooComplex(format!("the document inflates to more than {} MB", MAX_EXPANDED / (1024 * 1024)))
}

/// One table being read: rows of cells, each cell its paragraphs.
#[derive(Default)]
struct Table {
    rows: Vec<Vec<Vec<String>>>,
}

/// Collects lines while walking WordprocessingML.
#[derive(Default)]
struct Walker {
    out: Vec<String>,
    paragraphs: Vec<String>,
    tables: Vec<Table>,
    /// Inside `w:instrText`, `w:delText` or `mc:Fallback`: text that is not shown.
    hidden: usize,
    /// Inside paragraph, run or section properties, whose `w:tab` is a tab stop, not a tab.
    properties: usize,
    in_text: bool,
}

impl Walker {
    fn start(&mut self, e: &BytesStart<'_>) {
        match e.name().as_ref() {
            "w:p" if self.paragraphs.len() < MAX_DEPTH => self.paragraphs.push(String::new()),
            "w:tbl" if self.tables.len() < MAX_DEPTH => self.tables.push(Table::default()),
            "w:tr" => {
                if let Some(table) = self.tables.last_mut() {
                    table.rows.push(Vec::new());
                }
            }
            "w:tc" => {
                if let Some(row) = self.tables.last_mut().and_then(|t| t.rows.last_mut()) {
                    row.push(Vec::new());
                }
            }
            "w:t" => self.in_text = true,
            "w:instrText" | "w:delText" | "mc:Fallback" => self.hidden += 1,
            "w:pPr" | "w:rPr" | "w:sectPr" => self.properties += 1,
            _ => {}
        }
    }

    fn empty(&mut self, e: &BytesStart<'_>) {
        if self.properties > 0 {
            return;
        }
        match e.name().as_ref() {
            "w:tab" | "w:ptab" => self.push("\t"),
            "w:br" | "w:cr" => self.push("\n"),
            "w:noBreakHyphen" => self.push("-"),
            "w:p" => self.line(String::new()),
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "w:p" => {
                if let Some(paragraph) = self.paragraphs.pop() {
                    self.line(paragraph);
                }
            }
            "w:tbl" => {
                if let Some(table) = self.tables.pop() {
                    for line in table_lines(table) {
                        self.line(line);
                    }
                }
            }
            "w:t" => self.in_text = false,
            "w:instrText" | "w:delText" | "mc:Fallback" => self.hidden = self.hidden.saturating_sub(1),
            "w:pPr" | "w:rPr" | "w:sectPr" => self.properties = self.properties.saturating_sub(1),
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        if self.in_text {
            self.push(text);
        }
    }

    fn push(&mut self, text: &str) {
        if self.hidden > 0 {
            return;
        }
        match self.paragraphs.last_mut() {
            Some(paragraph) => paragraph.push_str(text),
            None => self.line(text.to_owned()),
        }
    }

    /// A finished paragraph (or table line) goes to the innermost open cell, else out.
    fn line(&mut self, line: String) {
        match self.tables.last_mut().and_then(|t| t.rows.last_mut()).and_then(|r| r.last_mut()) {
            Some(cell) if self.paragraphs.is_empty() => cell.push(line),
            _ => self.out.push(line),
        }
    }
}

/// A table as lines: short rows on one line with tabs, rows of long cells cell by cell.
fn table_lines(table: Table) -> Vec<String> {
    let mut lines = Vec::new();
    for row in table.rows {
        let cells: Vec<Vec<String>> =
            row.into_iter().map(|c| c.into_iter().filter(|p| !p.trim().is_empty()).collect()).collect();
        if cells.iter().all(|c| c.len() <= 1) {
            let texts: Vec<&str> = cells.iter().filter_map(|c| c.first()).map(|p| p.trim()).collect();
            lines.push(texts.join("\t"));
        } else {
            for cell in cells.into_iter().filter(|c| !c.is_empty()) {
                lines.extend(cell);
                lines.push(String::new());
            }
        }
    }
    lines.push(String::new());
    lines
}

/// The text of one WordprocessingML part.
fn xml_text(xml: &str) -> Result<String, ExtractError> {
    let mut reader = Reader::from_str(xml);
    let mut walker = Walker::default();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => walker.start(&e),
            Ok(Event::Empty(e)) => walker.empty(&e),
            Ok(Event::End(e)) => walker.end(e.name().as_ref()),
            Ok(Event::Text(t)) => walker.text(&t.xml10_content()),
            Ok(Event::CData(t)) => walker.text(&t.xml10_content()),
            Ok(Event::GeneralRef(r)) => {
                let c = match r.as_ref() {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    _ => r.resolve_char_ref().ok().flatten(),
                };
                if let Some(c) = c {
                    walker.text(c.encode_utf8(&mut [0; 4]));
                }
            }
            Ok(Event::DocType(_)) => {
                return Err(ExtractError::Damaged("the document declares a DTD, which Word never writes".into()));
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => return Err(ExtractError::Damaged(format!("the document XML is malformed ({e})"))),
        }
    }
    Ok(walker.out.join("\n"))
}
