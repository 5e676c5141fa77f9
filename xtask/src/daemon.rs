//! Long-running child processes (chromedriver, `hired serve`) with logs, readiness polling and
//! guaranteed shutdown.

use std::fs::{self, File};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::cmd;
use crate::net;
use crate::reaper::Reaper;

/// How often readiness and exit are polled.
const POLL: Duration = Duration::from_millis(50);

/// A child process in its own process group, stopped (group and all) on drop.
pub struct Daemon {
    /// Name used in messages.
    name: String,
    /// The process; its pid is also its process group id.
    child: Child,
    /// Where its stdout and stderr go.
    log: PathBuf,
    /// Kills the process group if xtask dies before `drop`.
    reaper: Reaper,
}

impl Daemon {
    /// Starts `command` in a new process group with stdout and stderr going to `log`.
    pub fn spawn(name: &str, command: &mut Command, log: PathBuf) -> Result<Self> {
        let out = File::create(&log).with_context(|| format!("cannot create {}", log.display()))?;
        println!("xtask: starting {name}: {}", cmd::describe(command));
        let mut child = command
            .stdin(Stdio::null())
            .stdout(out.try_clone()?)
            .stderr(out)
            .process_group(0)
            .spawn()
            .with_context(|| format!("cannot start {name} (`{}`)", cmd::describe(command)))?;
        let reaper = match Reaper::spawn(r#"kill -s KILL -- "-$1""#, &[child.id().to_string()]) {
            Ok(reaper) => reaper,
            Err(e) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(e);
            }
        };
        Ok(Self { name: name.to_owned(), child, log, reaper })
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Whether the process is still running. It is not reaped here, so its pid (and process
    /// group id) stay reserved until `drop`.
    fn is_running(&self) -> bool {
        let Ok(stat) = fs::read_to_string(format!("/proc/{}/stat", self.pid())) else {
            return false;
        };
        // `pid (comm) STATE …`; comm may contain anything, so look after the last ')'.
        let state = stat.rsplit_once(')').and_then(|(_, rest)| rest.split_whitespace().next());
        !matches!(state, None | Some("Z" | "X"))
    }

    /// Polls `GET path` on 127.0.0.1:`port` until it answers 200, failing (with the log) if
    /// the process exits or `timeout` passes first.
    pub fn wait_http_ok(&self, port: u16, path: &str, timeout: Duration) -> Result<()> {
        let start = Instant::now();
        loop {
            let last = match net::http_status(port, path, &[], Duration::from_secs(2)) {
                Ok(200) => {
                    println!("xtask: {} ready after {:.1?}", self.name, start.elapsed());
                    return Ok(());
                }
                Ok(status) => format!("HTTP {status}"),
                Err(e) => e.to_string(),
            };
            if !self.is_running() {
                bail!("{} exited before it was ready; its log:\n{}", self.name, self.log_tail());
            }
            if start.elapsed() > timeout {
                bail!("{} not ready after {timeout:?} (GET {path}: {last}); its log:\n{}", self.name, self.log_tail());
            }
            sleep(POLL);
        }
    }

    /// The last lines of the process's log.
    fn log_tail(&self) -> String {
        cmd::tail(&self.log, 30)
    }

    /// Sends `signal` to the whole process group.
    fn signal_group(&self, signal: &str) {
        let mut kill = Command::new("sh");
        kill.args(["-c", r#"kill -s "$1" -- "-$2""#, "kill", signal, &self.pid().to_string()]);
        cmd::succeeds(&mut kill);
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        self.signal_group("TERM");
        let deadline = Instant::now() + Duration::from_secs(5);
        while self.is_running() && Instant::now() < deadline {
            sleep(POLL);
        }
        // Also takes down anything the process started in its group (chromium under
        // chromedriver). The pid is still reserved: the process is not reaped yet.
        self.signal_group("KILL");
        let _ = self.child.wait();
        self.reaper.disarm();
        println!("xtask: stopped {}", self.name);
    }
}
