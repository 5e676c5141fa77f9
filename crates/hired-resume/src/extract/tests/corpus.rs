//! The shared resume corpus (`$HIRED_CORPUS_DIR/resumes`, see its README): every PDF and DOCX
//! reads, with the person's name and email where the rendered document shows them, and the
//! two-column themes keep each job title next to its employer.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::extract::{Format, extract};

fn corpus() -> PathBuf {
    let root = std::env::var("HIRED_CORPUS_DIR").unwrap_or_else(|_| "/work/shared/corpus".into());
    let dir = Path::new(&root).join("resumes");
    assert!(
        dir.join("MANIFEST.tsv").is_file(),
        "the resume corpus is needed at {} (set HIRED_CORPUS_DIR)",
        dir.display()
    );
    dir
}

/// One row of MANIFEST.tsv: id, theme and PDF page count.
struct Entry {
    id: String,
    theme: String,
    pages: u32,
    truth: Value,
}

fn entries() -> Vec<Entry> {
    let dir = corpus();
    let manifest = std::fs::read_to_string(dir.join("MANIFEST.tsv")).unwrap();
    manifest
        .lines()
        .skip(1)
        .map(|row| {
            let cells: Vec<&str> = row.split('\t').collect();
            let id = cells[0].to_owned();
            let truth =
                serde_json::from_str(&std::fs::read_to_string(dir.join(format!("json/{id}.json"))).unwrap()).unwrap();
            Entry { theme: cells[5].to_owned(), pages: cells[6].parse().unwrap(), truth, id }
        })
        .collect()
}

/// Lower case with every run of whitespace as one space: how values are compared.
fn flat(text: &str) -> String {
    text.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `value` occurs in `text` as a whole word: not glued to the text around it.
fn contains_word(text: &str, value: &str) -> bool {
    text.match_indices(value).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + value.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

fn basics<'a>(truth: &'a Value, key: &str) -> Option<&'a str> {
    truth["basics"][key].as_str().map(str::trim).filter(|v| !v.is_empty())
}

#[test]
fn every_corpus_pdf_reads_with_its_pages_name_and_email() {
    let dir = corpus();
    let mut checked = 0;
    for entry in entries() {
        let doc = extract(&std::fs::read(dir.join(format!("pdf/{}.pdf", entry.id))).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", entry.id));
        assert_eq!(doc.format, Format::Pdf);
        assert_eq!(doc.pages, Some(entry.pages), "{}", entry.id);
        let text = flat(&doc.text);
        let name = basics(&entry.truth, "name").unwrap();
        assert!(text.contains(&flat(name)), "{} ({}): no name {name:?}", entry.id, entry.theme);
        if let Some(email) = basics(&entry.truth, "email") {
            assert!(contains_word(&text, &flat(email)), "{} ({}): no email {email:?}", entry.id, entry.theme);
            checked += 1;
        }
    }
    assert_eq!(checked, 54, "the corpus README lists 54 PDFs with an email");
}

#[test]
fn every_corpus_docx_reads_with_its_name_email_and_employers() {
    let dir = corpus();
    let mut read = 0;
    for entry in entries() {
        let path = dir.join(format!("docx/{}.docx", entry.id));
        if !path.is_file() {
            continue;
        }
        let doc = extract(&std::fs::read(&path).unwrap()).unwrap_or_else(|e| panic!("{}: {e}", entry.id));
        assert_eq!(doc.format, Format::Docx);
        let text = flat(&doc.text);
        let values = ["name", "email"].into_iter().filter_map(|k| basics(&entry.truth, k).map(str::to_owned));
        let employers = entry.truth["work"].as_array().into_iter().flatten().filter_map(|w| {
            w["name"].as_str().or(w["company"].as_str()).map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned)
        });
        for value in values.chain(employers) {
            assert!(text.contains(&flat(&value)), "{}: no {value:?} in the DOCX text", entry.id);
        }
        read += 1;
    }
    assert_eq!(read, 12, "the corpus README lists 12 DOCX files");
}

#[test]
fn two_column_resumes_keep_each_job_title_next_to_its_employer() {
    let dir = corpus();
    let (mut near, mut pairs) = (0, 0);
    for entry in entries().into_iter().filter(|e| e.theme.ends_with("kendall") || e.theme.ends_with("macchiato")) {
        let doc = extract(&std::fs::read(dir.join(format!("pdf/{}.pdf", entry.id))).unwrap()).unwrap();
        let text = flat(&doc.text);
        for job in entry.truth["work"].as_array().into_iter().flatten() {
            let (Some(employer), Some(title)) =
                (job["name"].as_str().or(job["company"].as_str()), job["position"].as_str())
            else {
                continue;
            };
            let (employer, title) = (flat(employer), flat(title));
            if employer.is_empty() || title.is_empty() {
                continue;
            }
            pairs += 1;
            let close = text.match_indices(&employer).any(|(at, _)| {
                let from = text.floor_char_boundary(at.saturating_sub(250));
                let to = text.ceil_char_boundary((at + employer.len() + 250).min(text.len()));
                text[from..to].contains(&title)
            });
            near += usize::from(close);
        }
    }
    assert!(pairs > 150, "{pairs} jobs");
    assert!(near * 100 >= pairs * 97, "{near} of {pairs} job titles within 250 characters of their employer");
}
