//! Broken and hostile files: each gets its own clear error, quickly, and nothing panics.

use std::io::{Cursor, Write};
use std::time::{Duration, Instant};

use zip::ZipWriter;
use zip::write::SimpleFileOptions;

use super::formats::docx;
use super::{deflated_zeros, one_page_pdf, pdf, stream, zlib_zeros};
use crate::extract::{ExtractError, MAX_INPUT_MB, extract};

/// Runs `extract` and checks it answered within `limit`.
fn timed(bytes: &[u8], limit: Duration) -> Result<crate::extract::Document, ExtractError> {
    let start = Instant::now();
    let result = extract(bytes);
    assert!(start.elapsed() < limit, "took {:?}", start.elapsed());
    result
}

/// Deterministic noise (xorshift), so a failure can be replayed.
fn noise(len: usize, seed: u64) -> Vec<u8> {
    let mut state = seed | 1;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect()
}

fn is_damaged(result: &Result<crate::extract::Document, ExtractError>) -> bool {
    matches!(result, Err(ExtractError::Damaged(_)))
}

#[test]
fn an_empty_or_blank_file_is_empty() {
    assert_eq!(extract(b""), Err(ExtractError::Empty));
    assert_eq!(extract(b" \n\t \r\n"), Err(ExtractError::Empty));
}

#[test]
fn random_bytes_are_an_unknown_format() {
    for seed in 1..=20 {
        assert_eq!(extract(&noise(64 * 1024, seed)), Err(ExtractError::UnknownFormat), "seed {seed}");
    }
}

#[test]
fn random_bytes_after_a_pdf_header_are_damaged() {
    for seed in 1..=20 {
        let mut bytes = b"%PDF-1.7\n".to_vec();
        bytes.extend(noise(16 * 1024, seed));
        assert!(is_damaged(&timed(&bytes, Duration::from_secs(5))), "seed {seed}");
    }
}

#[test]
fn a_file_over_50_mb_is_too_large_before_anything_reads_it() {
    let bytes = vec![b'a'; MAX_INPUT_MB * 1024 * 1024 + 1];
    assert_eq!(timed(&bytes, Duration::from_millis(50)), Err(ExtractError::TooLarge(50)));
}

#[test]
fn a_truncated_pdf_is_damaged_or_keeps_the_pages_that_survive() {
    let whole = one_page_pdf("BT /F1 12 Tf 72 700 Td (Ada Lovelace) Tj ET");
    for keep in [9, 20, whole.len() / 3, whole.len() / 2, whole.len() - 40] {
        let cut = whole.get(..keep).unwrap();
        match timed(cut, Duration::from_secs(5)) {
            Ok(doc) => assert_eq!(doc.text, "Ada Lovelace", "cut at {keep}"),
            Err(error) => {
                assert!(matches!(error, ExtractError::Damaged(_) | ExtractError::NoText), "cut at {keep}: {error:?}")
            }
        }
    }
    let head = one_page_pdf("BT /F1 12 Tf 72 700 Td (Ada Lovelace) Tj ET");
    assert!(is_damaged(&extract(head.get(..40).unwrap())));
}

#[test]
fn a_pdf_claiming_ten_thousand_pages_is_too_complex() {
    let bytes = pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 10000 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>".to_vec(),
    ]);
    assert!(matches!(timed(&bytes, Duration::from_secs(2)), Err(ExtractError::TooComplex(_))));
}

#[test]
fn a_pdf_with_more_pages_than_it_claims_is_too_complex() {
    let pages = 250;
    let mut objects = vec![b"<< /Type /Catalog /Pages 2 0 R >>".to_vec()];
    let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", i + 3)).collect();
    objects.push(format!("<< /Type /Pages /Kids [{}] /Count 1 >>", kids.join(" ")).into_bytes());
    objects.extend((0..pages).map(|_| b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>".to_vec()));
    assert!(matches!(timed(&pdf(&objects), Duration::from_secs(2)), Err(ExtractError::TooComplex(_))));
}

#[test]
fn a_pdf_with_a_huge_object_count_is_refused_before_parsing() {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    for i in 1..=300_000 {
        writeln!(bytes, "{i} 0 obj null endobj").unwrap();
    }
    assert!(matches!(timed(&bytes, Duration::from_secs(2)), Err(ExtractError::TooComplex(_))));
}

#[test]
fn a_pdf_page_whose_content_inflates_to_a_gigabyte_is_too_complex() {
    let bomb = zlib_zeros(1 << 30);
    let bytes = pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>".to_vec(),
        stream("/Filter /FlateDecode", &bomb),
    ]);
    assert!(matches!(timed(&bytes, Duration::from_secs(10)), Err(ExtractError::TooComplex(_))));
}

#[test]
fn a_form_that_draws_itself_over_and_over_stops_within_its_budget() {
    let form = "BT /F1 10 Tf 72 700 Td (again) Tj ET /X0 Do /X0 Do /X0 Do /X0 Do /X0 Do /X0 Do /X0 Do /X0 Do";
    let bytes = pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
           /Resources << /Font << /F1 5 0 R >> /XObject << /X0 6 0 R >> >> >>"
            .to_vec(),
        stream("", b"/X0 Do"),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
        stream("/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources 7 0 R", form.as_bytes()),
        b"<< /Font << /F1 5 0 R >> /XObject << /X0 6 0 R >> >>".to_vec(),
    ]);
    assert!(matches!(timed(&bytes, Duration::from_secs(20)), Err(ExtractError::TooComplex(_))));
}

#[test]
fn deeply_nested_arrays_in_a_content_stream_do_not_overflow_the_stack() {
    let content = format!("{}{} BT /F1 12 Tf 72 700 Td (still here) Tj ET", "[".repeat(100_000), "]".repeat(100_000));
    let result = timed(&one_page_pdf(&content), Duration::from_secs(10));
    assert!(matches!(result, Ok(_) | Err(ExtractError::NoText | ExtractError::Damaged(_))), "{result:?}");
}

#[test]
fn a_pdf_without_a_text_layer_needs_ocr() {
    let scan = one_page_pdf("q 500 0 0 700 50 50 cm 0.5 g 0 0 1 1 re f Q");
    let error = extract(&scan).unwrap_err();
    assert_eq!(error, ExtractError::NoText);
    assert_eq!(error.to_string(), "no text found — OCR needed");
}

/// The one-page test PDF, encrypted by lopdf with RC4 128-bit under the given passwords.
fn encrypted_pdf(user_password: &str) -> Vec<u8> {
    let plain = one_page_pdf("BT /F1 12 Tf 72 700 Td (Ada Lovelace) Tj ET");
    let mut doc = lopdf::Document::load_mem(&plain).unwrap();
    doc.trailer.set(
        "ID",
        vec![
            lopdf::Object::string_literal(b"0123456789abcdef".to_vec()),
            lopdf::Object::string_literal(b"0123456789abcdef".to_vec()),
        ],
    );
    let version = lopdf::EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner secret",
        user_password,
        key_length: 128,
        permissions: lopdf::Permissions::all(),
    };
    let state = lopdf::EncryptionState::try_from(version).unwrap();
    doc.encrypt(&state).unwrap();
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    bytes
}

#[test]
fn a_pdf_encrypted_with_a_user_password_is_encrypted() {
    assert_eq!(extract(&encrypted_pdf("open sesame")), Err(ExtractError::Encrypted));
}

#[test]
fn a_pdf_encrypted_with_an_empty_user_password_opens() {
    assert_eq!(extract(&encrypted_pdf("")).unwrap().text, "Ada Lovelace");
}

#[test]
fn a_docx_entry_declaring_a_gigabyte_is_a_zip_bomb() {
    let bytes = zip_with_raw_deflate("word/document.xml", &deflated_zeros(1 << 30), 1 << 30);
    assert!(bytes.len() < 8 * 1024 * 1024);
    assert!(matches!(timed(&bytes, Duration::from_secs(2)), Err(ExtractError::TooComplex(_))));
}

#[test]
fn a_docx_entry_lying_about_its_size_stops_at_the_declared_size() {
    let bytes = zip_with_raw_deflate("word/document.xml", &deflated_zeros(1 << 30), 1000);
    let result = timed(&bytes, Duration::from_secs(20));
    assert!(matches!(&result, Err(ExtractError::Damaged(why)) if why.contains("declared")), "{result:?}");
}

#[test]
fn docx_parts_inflating_to_more_than_20_mb_together_are_too_complex() {
    let padding = " ".repeat(12 * 1024 * 1024);
    let part = format!("<w:document><w:body>{padding}</w:body></w:document>");
    let bytes = docx("", &[("word/header1.xml", part.as_bytes()), ("word/footer1.xml", part.as_bytes())]);
    assert!(matches!(timed(&bytes, Duration::from_secs(20)), Err(ExtractError::TooComplex(_))));
}

#[test]
fn a_docx_with_a_doctype_is_refused_and_its_entities_never_resolved() {
    let xml = "<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">\
               <!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>\
               <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
               <w:body><w:p><w:r><w:t>&xxe;&lol2;</w:t></w:r></w:p></w:body></w:document>";
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("word/document.xml", SimpleFileOptions::default()).unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    assert!(is_damaged(&extract(&bytes)));
}

#[test]
fn a_docx_with_path_traversal_names_reads_only_its_own_parts() {
    let body = "<w:p><w:r><w:t>Ada Lovelace</w:t></w:r></w:p>";
    let bytes = docx(body, &[("../../evil.xml", b"<w:document>evil</w:document>"), ("/etc/cron.d/x", b"evil")]);
    assert_eq!(extract(&bytes).unwrap().text, "Ada Lovelace");
}

#[test]
fn a_docx_with_malformed_xml_is_damaged() {
    assert!(is_damaged(&extract(&docx("<w:p><w:r><w:t>unclosed</w:r></w:p>", &[]))));
}

/// A ZIP with one entry of raw deflate `data`, declaring `declared` uncompressed bytes (and
/// a CRC that cannot match): what a hand-made bomb looks like.
fn zip_with_raw_deflate(name: &str, data: &[u8], declared: u32) -> Vec<u8> {
    let compressed = u32::try_from(data.len()).unwrap();
    let name_len = u16::try_from(name.len()).unwrap();
    let mut out = Vec::new();
    // Local file header: version 2.0, no flags, deflate, no time, CRC 0.
    out.extend(0x0403_4b50u32.to_le_bytes());
    out.extend([20, 0, 0, 0, 8, 0, 0, 0, 0, 0]);
    out.extend(0u32.to_le_bytes());
    out.extend(compressed.to_le_bytes());
    out.extend(declared.to_le_bytes());
    out.extend(name_len.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out.extend(name.as_bytes());
    out.extend(data);
    let central = u32::try_from(out.len()).unwrap();
    // Central directory header, pointing at the local header at offset 0.
    out.extend(0x0201_4b50u32.to_le_bytes());
    out.extend([20, 0, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0]);
    out.extend(0u32.to_le_bytes());
    out.extend(compressed.to_le_bytes());
    out.extend(declared.to_le_bytes());
    out.extend(name_len.to_le_bytes());
    out.extend([0; 12]);
    out.extend(0u32.to_le_bytes());
    out.extend(name.as_bytes());
    let central_len = u32::try_from(out.len()).unwrap() - central;
    // End of central directory: one entry.
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0, 0, 0, 0, 1, 0, 1, 0]);
    out.extend(central_len.to_le_bytes());
    out.extend(central.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}
