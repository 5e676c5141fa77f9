//! Any text as a JSON Resume document, then written back out.
#![no_main]

use hired_domain::profile::PartialDate;
use hired_resume::jsonresume;
use hired_resume::taxonomy::Taxonomy;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Some(today) = PartialDate::new(2026, Some(12))
        && let Ok(parsed) = jsonresume::read(text, Taxonomy::builtin(), today)
    {
        let _ = jsonresume::write(&parsed.profile);
    }
});
