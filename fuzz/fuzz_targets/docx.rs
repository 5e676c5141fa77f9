//! Bytes wrapped as a ZIP whose word/document.xml is the input: the DOCX path's XML handling
//! gets inputs a raw byte fuzzer would rarely form into a valid archive.
#![no_main]

use std::io::Write;

use hired_domain::profile::PartialDate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|xml: &[u8]| {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    let ok = zip.start_file("[Content_Types].xml", options).is_ok()
        && zip.write_all(b"<Types/>").is_ok()
        && zip.start_file("word/document.xml", options).is_ok()
        && zip.write_all(xml).is_ok();
    if let (true, Ok(cursor), Some(today)) = (ok, zip.finish(), PartialDate::new(2026, Some(12))) {
        let _ = hired_resume::parse_document(&cursor.into_inner(), today);
    }
});
