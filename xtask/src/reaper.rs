//! A watchdog that cleans up after xtask if xtask dies before its Drop guards run
//! (Ctrl-C, `kill -9`, a CI timeout).
//!
//! The watchdog is a `sh` in its own process group (so a Ctrl-C aimed at xtask does not reach
//! it) that blocks reading a pipe whose only writer is xtask. A guard that cleaned up normally
//! writes `done` and the watchdog exits; if xtask dies first, the kernel closes the pipe, the
//! read ends without `done`, and the watchdog runs its cleanup script. No polling either way.

use std::ffi::OsStr;
use std::io::Write;
use std::os::unix::process::CommandExt;
use std::process::{Child, ChildStdin, Command, Stdio};

use anyhow::{Context, Result};

/// A running watchdog; see the module documentation.
pub struct Reaper {
    /// The write end of the watchdog's stdin; `None` once closed.
    stdin: Option<ChildStdin>,
    /// The watchdog shell.
    child: Child,
}

impl Reaper {
    /// Starts a watchdog that runs the `sh` `script` (with `args` as `$1`, `$2`, …) unless
    /// [`Reaper::disarm`] is called first.
    pub fn spawn<S: AsRef<OsStr>>(script: &str, args: &[S]) -> Result<Self> {
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(format!("read -r line; [ \"$line\" = done ] || {{ {script}\n}} >/dev/null 2>&1"))
            .arg("xtask-reaper")
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .context("cannot start the cleanup watchdog (sh)")?;
        let stdin = child.stdin.take();
        Ok(Self { stdin, child })
    }

    /// Tells the watchdog that cleanup is done, so it exits without running its script.
    pub fn disarm(&mut self) {
        if let Some(mut stdin) = self.stdin.take() {
            // If the watchdog is gone there is nothing left to tell it.
            let _ = stdin.write_all(b"done\n");
        }
    }
}

impl Drop for Reaper {
    fn drop(&mut self) {
        // Without a `disarm` this closes the pipe and the watchdog cleans up now.
        self.stdin.take();
        let _ = self.child.wait();
    }
}
