//! Running external programs: echo each command, check its exit status, keep logs, find
//! programs on `PATH`.

use std::ffi::OsStr;
use std::fs::{self, File};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};

/// The workspace root (the parent of the `xtask` crate).
pub fn workspace_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives inside the workspace")
}

/// A `cargo` command run from the workspace root, with the cargo that started xtask.
pub fn cargo() -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command.current_dir(workspace_root());
    command
}

/// `program arg…` as one line, for echoing and for error messages.
pub fn describe(command: &Command) -> String {
    let program =
        Path::new(command.get_program()).file_name().unwrap_or(command.get_program()).to_string_lossy().into_owned();
    command.get_args().map(OsStr::to_string_lossy).fold(program, |line, arg| {
        if arg.contains(' ') || arg.is_empty() { format!("{line} '{arg}'") } else { format!("{line} {arg}") }
    })
}

/// Echoes `command`, runs it with inherited stdio and tells whether it succeeded.
pub fn status(command: &mut Command) -> Result<bool> {
    println!("xtask: $ {}", describe(command));
    let status = command.status().with_context(|| format!("cannot start `{}`", describe(command)))?;
    Ok(status.success())
}

/// Like [`status`], but a failure is an error.
pub fn run(command: &mut Command) -> Result<()> {
    if !status(command)? {
        bail!("`{}` failed", describe(command));
    }
    Ok(())
}

/// Runs `command` quietly and tells whether it started and exited with status 0.
pub fn succeeds(command: &mut Command) -> bool {
    command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// Runs `command` with stdout and stderr appended to `log`; on failure the error carries the
/// last lines of the log.
pub fn run_logged(command: &mut Command, log: &Path) -> Result<()> {
    let out = File::options()
        .create(true)
        .append(true)
        .open(log)
        .with_context(|| format!("cannot open {}", log.display()))?;
    let status = command
        .stdin(Stdio::null())
        .stdout(out.try_clone()?)
        .stderr(out)
        .status()
        .with_context(|| format!("cannot start `{}`", describe(command)))?;
    if !status.success() {
        bail!("`{}` failed ({status}); last lines of {}:\n{}", describe(command), log.display(), tail(log, 20));
    }
    Ok(())
}

/// The last `lines` lines of a text file (empty if it cannot be read).
pub fn tail(path: &Path, lines: usize) -> String {
    let text = fs::read_to_string(path).unwrap_or_default();
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

/// Whether xtask runs as root (the owner of `/proc/self` is the effective uid).
pub fn is_root() -> bool {
    fs::metadata("/proc/self").is_ok_and(|meta| meta.uid() == 0)
}

/// The first executable file called `name` in a `PATH` directory.
pub fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| fs::metadata(candidate).is_ok_and(|m| m.is_file() && m.mode() & 0o111 != 0))
}
