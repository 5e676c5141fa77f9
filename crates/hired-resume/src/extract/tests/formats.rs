//! Sniffing by content and what each format's text looks like.

use std::io::{Cursor, Write};

use zip::ZipWriter;
use zip::write::SimpleFileOptions;

use super::{one_page_pdf, pdf, stream};
use crate::extract::{ExtractError, Format, extract};

/// A DOCX whose `word/document.xml` has the given body, plus any extra entries.
pub(super) fn docx(body: &str, extra: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("[Content_Types].xml", options).unwrap();
    zip.write_all(b"<?xml version=\"1.0\"?><Types/>").unwrap();
    zip.start_file("word/document.xml", options).unwrap();
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    zip.write_all(xml.as_bytes()).unwrap();
    for (name, data) in extra {
        zip.start_file(*name, options).unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn a_pdf_is_read_through_its_text_layer() {
    let doc =
        extract(&one_page_pdf("BT /F1 12 Tf 72 700 Td (Ada Lovelace) Tj 0 -20 Td (ada@example.com) Tj ET")).unwrap();
    assert_eq!(doc.format, Format::Pdf);
    assert_eq!(doc.pages, Some(1));
    assert_eq!(doc.text, "Ada Lovelace\nada@example.com");
}

#[test]
fn pdf_text_shown_with_kerning_arrays_keeps_its_word_spaces() {
    let doc =
        extract(&one_page_pdf("BT /F1 10 Tf 72 700 Td [(Senior) -250 (Engineer) 20 (,) -260 (Acme)] TJ ET")).unwrap();
    assert_eq!(doc.text, "Senior Engineer, Acme");
}

#[test]
fn pdf_columns_are_read_one_after_the_other() {
    // Two columns whose baselines do not line up, as with different fonts on each side.
    let mut content = String::from("BT /F1 10 Tf ");
    for i in 0..6 {
        let y = 700 - 14 * i;
        content.push_str(&format!("1 0 0 1 72 {y} Tm (Left line {i}) Tj "));
        content.push_str(&format!("1 0 0 1 320 {} Tm (Right line {i}) Tj ", y - 7));
    }
    content.push_str("ET");
    let text = extract(&one_page_pdf(&content)).unwrap().text;
    let left = text.find("Left line 5").unwrap();
    let right = text.find("Right line 0").unwrap();
    assert!(left < right, "the left column is read before the right one:\n{text}");
    assert!(text.contains("Left line 4\nLeft line 5") && text.contains("Right line 0\nRight line 1"), "{text}");
}

#[test]
fn a_line_with_a_title_and_its_dates_stays_one_line() {
    let content = "BT /F1 10 Tf 1 0 0 1 72 700 Tm (Backend Engineer) Tj 1 0 0 1 450 700 Tm (2019 - 2021) Tj \
                   1 0 0 1 72 686 Tm (Built the billing service in Rust and PostgreSQL for the whole company.) Tj ET";
    let text = extract(&one_page_pdf(content)).unwrap().text;
    assert_eq!(text.lines().next(), Some("Backend Engineer\t2019 - 2021"));
}

#[test]
fn pdf_fonts_with_a_tounicode_map_decode_through_it() {
    let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap \
        1 begincodespacerange <0000> <FFFF> endcodespacerange \
        2 beginbfchar <0001> <00660069> <0002> <00E9> endbfchar \
        1 beginbfrange <0010> <0012> <0041> endbfrange endcmap end end";
    let bytes = pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_vec(),
        stream("", b"BT /F1 12 Tf 72 700 Td <0010001100120001000200010002> Tj ET"),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>"
            .to_vec(),
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /DW 500 /W [1 [600 500]] >>".to_vec(),
        stream("", cmap),
    ]);
    assert_eq!(extract(&bytes).unwrap().text, "ABCfiéfié");
}

#[test]
fn a_docx_gives_paragraphs_tabs_breaks_and_table_rows_but_not_tab_stops() {
    let body = "<w:p><w:r><w:t>Ada Lovelace</w:t></w:r></w:p>\
        <w:p><w:pPr><w:tabs><w:tab w:pos=\"9638\" w:val=\"right\"/></w:tabs></w:pPr>\
        <w:r><w:t xml:space=\"preserve\">Engineer, Analytical Engines</w:t><w:tab/><w:t>1842 – 1843</w:t></w:r></w:p>\
        <w:p><w:r><w:t>line one</w:t><w:br/><w:t>line two &amp; more</w:t></w:r></w:p>\
        <w:tbl><w:tr><w:tc><w:p><w:r><w:t>Rust</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Expert</w:t></w:r></w:p></w:tc></w:tr></w:tbl>\
        <w:p><w:r><w:instrText>HYPERLINK \"x\"</w:instrText><w:t>Zürich</w:t></w:r></w:p>";
    let doc = extract(&docx(body, &[])).unwrap();
    assert_eq!(doc.format, Format::Docx);
    assert_eq!(
        doc.text,
        "Ada Lovelace\nEngineer, Analytical Engines\t1842 – 1843\nline one\nline two & more\nRust\tExpert\n\nZürich"
    );
}

#[test]
fn a_docx_table_used_as_two_columns_is_read_cell_by_cell() {
    let cell = |lines: &[&str]| {
        let paragraphs: String = lines.iter().map(|l| format!("<w:p><w:r><w:t>{l}</w:t></w:r></w:p>")).collect();
        format!("<w:tc>{paragraphs}</w:tc>")
    };
    let body =
        format!("<w:tbl><w:tr>{}{}</w:tr></w:tbl>", cell(&["Skills", "Rust", "Go"]), cell(&["Experience", "Acme"]));
    assert_eq!(extract(&docx(&body, &[])).unwrap().text, "Skills\nRust\nGo\n\nExperience\nAcme");
}

#[test]
fn a_zip_that_is_not_a_word_document_is_an_unknown_format() {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("xl/workbook.xml", SimpleFileOptions::default()).unwrap();
    zip.write_all(b"<workbook/>").unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    assert_eq!(extract(&bytes), Err(ExtractError::UnknownFormat));
}

#[test]
fn json_with_basics_or_work_is_json_resume_with_its_raw_text() {
    let json = "{\n  \"basics\": { \"name\": \"Ada\" }\n}";
    let doc = extract(json.as_bytes()).unwrap();
    assert_eq!(doc.format, Format::JsonResume);
    assert_eq!(doc.text, json);
    assert_eq!(extract(b"{\"work\": []}").unwrap().format, Format::JsonResume);
    assert_eq!(extract(b"{\"name\": \"not a resume\"}").unwrap().format, Format::Text);
}

#[test]
fn plain_text_is_normalized_and_keeps_its_lines() {
    let doc = extract("Ada Lovelace\r\n\r\n\r\nOﬃce: Zürich\u{7}\tLondon  \r\n".as_bytes()).unwrap();
    assert_eq!(doc.format, Format::Text);
    assert_eq!(doc.text, "Ada Lovelace\n\nOffice: Zürich\tLondon");
}

#[test]
fn latin1_text_is_read_as_windows_1252() {
    let doc = extract(b"J\xfcrgen M\xfcller\nStra\xdfe 5, K\xf6ln").unwrap();
    assert_eq!(doc.text, "Jürgen Müller\nStraße 5, Köln");
}

#[test]
fn images_and_legacy_word_files_are_unknown_formats() {
    assert_eq!(extract(b"\x89PNG\r\n\x1a\n0000"), Err(ExtractError::UnknownFormat));
    assert_eq!(extract(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old .doc"), Err(ExtractError::UnknownFormat));
}
