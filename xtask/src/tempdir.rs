//! Private temporary directories that are removed when dropped (or by a [`Reaper`] if xtask
//! is killed).

use std::fs::{self, DirBuilder};
use std::io::ErrorKind;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use anyhow::{Context, Result};

use crate::reaper::Reaper;

/// Creates a new, empty directory `hired-xtask-<label>-<pid>-<n>` (mode 0700) in the system
/// temporary directory. The caller is responsible for removing it; see [`TempDir`].
pub fn create_unique(label: &str) -> Result<PathBuf> {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let base = std::env::temp_dir();
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = base.join(format!("hired-xtask-{label}-{}-{n}", std::process::id()));
        match DirBuilder::new().mode(0o700).create(&path) {
            Ok(()) => return Ok(path),
            // Left over from an earlier process with the same pid: take the next name.
            Err(e) if e.kind() == ErrorKind::AlreadyExists && n < 1000 => continue,
            Err(e) => return Err(e).with_context(|| format!("cannot create {}", path.display())),
        }
    }
}

/// A temporary directory, removed with everything in it on drop.
pub struct TempDir {
    /// The directory.
    path: PathBuf,
    /// Removes the directory if xtask dies before `drop`.
    reaper: Reaper,
}

impl TempDir {
    /// Creates a new temporary directory; `label` appears in its name.
    pub fn new(label: &str) -> Result<Self> {
        let path = create_unique(label)?;
        let reaper = match Reaper::spawn(r#"rm -rf -- "$1""#, &[&path]) {
            Ok(reaper) => reaper,
            Err(e) => {
                let _ = fs::remove_dir_all(&path);
                return Err(e);
            }
        };
        Ok(Self { path, reaper })
    }

    /// The directory's path.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        match fs::remove_dir_all(&self.path) {
            Ok(()) => self.reaper.disarm(),
            Err(e) => eprintln!("xtask: warning: cannot remove {}: {e}", self.path.display()),
        }
    }
}
