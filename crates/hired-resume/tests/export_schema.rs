//! Every profile intake produces exports as JSON Resume that the official schema accepts:
//! the 60 corpus JSON files read and written back, and the 60 corpus PDFs parsed and written.

use hired_domain::profile::PartialDate;
use hired_resume::jsonresume;

fn corpus() -> std::path::PathBuf {
    let root = std::env::var("HIRED_CORPUS_DIR").unwrap_or_else(|_| "/work/shared/corpus".into());
    let dir = std::path::Path::new(&root).join("resumes");
    assert!(dir.is_dir(), "the resume corpus is needed at {} (set HIRED_CORPUS_DIR)", dir.display());
    dir
}

fn validator() -> jsonschema::Validator {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("data/jsonresume-schema.json")).expect("the schema is JSON");
    jsonschema::draft4::new(&schema).expect("the official schema compiles")
}

fn ids(dir: &std::path::Path, ending: &str) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("a corpus folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == ending))
        .collect();
    files.sort();
    files
}

#[test]
fn exports_of_every_corpus_resume_are_valid_json_resume() {
    let validator = validator();
    let today = PartialDate::new(2026, Some(12)).expect("a date");
    let corpus = corpus();
    let mut checked = 0;
    for path in ids(&corpus.join("json"), "json").into_iter().chain(ids(&corpus.join("pdf"), "pdf")) {
        let intake = hired_resume::parse_document(&std::fs::read(&path).expect("readable"), today)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let exported = jsonresume::write(&intake.profile);
        let errors: Vec<String> =
            validator.iter_errors(&exported).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
        checked += 1;
    }
    assert_eq!(checked, 120);
}

#[test]
fn the_validator_would_catch_a_bad_export() {
    let bad = serde_json::json!({"basics": {"name": 3}, "work": [{"startDate": "March"}]});
    assert!(!validator().is_valid(&bad));
}
