//! Where the shared test corpus (`shared/corpus`: real resumes as PDF, DOCX and JSON Resume)
//! is: `HIRED_CORPUS_DIR` when set, else `../shared/corpus` beside the repository, else the
//! workplace's `/work/shared/corpus`. Tests and benchmarks read it there and never copy it.

use std::path::PathBuf;

use crate::cmd;

/// The environment variable tests read the corpus location from.
pub const CORPUS_VAR: &str = "HIRED_CORPUS_DIR";

/// The corpus folder, if one of the known places holds it.
pub fn dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(CORPUS_VAR) {
        return Some(PathBuf::from(dir));
    }
    [cmd::workspace_root().join("../shared/corpus"), PathBuf::from("/work/shared/corpus")]
        .into_iter()
        .find(|dir| dir.join("resumes").is_dir())
}
