//! Any bytes through the one intake entry point: sniffing, PDF, DOCX, text and JSON Resume,
//! then the field parser. Must never panic, hang or allocate without bound.
#![no_main]

use hired_domain::profile::PartialDate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(today) = PartialDate::new(2026, Some(12)) {
        let _ = hired_resume::parse_document(data, today);
    }
});
