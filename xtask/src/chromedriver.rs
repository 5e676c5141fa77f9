//! A chromedriver on a free port of 127.0.0.1 for the browser tests, stopped on drop.

use std::process::Command;
use std::time::Duration;

use anyhow::Result;

use crate::daemon::Daemon;
use crate::tempdir::TempDir;
use crate::{net, tools};

/// A running chromedriver.
pub struct ChromeDriver {
    /// The process (stopped first on drop).
    _daemon: Daemon,
    /// The port it listens on.
    port: u16,
    /// Holds its log; removed after the process stops.
    _logs: TempDir,
}

impl ChromeDriver {
    /// Starts [`tools::CHROMEDRIVER`] and waits until `GET /status` answers 200.
    pub fn start() -> Result<Self> {
        let logs = TempDir::new("chromedriver")?;
        let port = net::free_port()?;
        let daemon = Daemon::spawn(
            "chromedriver",
            Command::new(tools::CHROMEDRIVER).arg(format!("--port={port}")),
            logs.path().join("log"),
        )?;
        daemon.wait_http_ok(port, "/status", Duration::from_secs(30))?;
        Ok(Self { _daemon: daemon, port, _logs: logs })
    }

    /// The WebDriver URL, e.g. `http://127.0.0.1:9515`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Needs chromedriver; skipped (with a note) where it is missing.
    #[test]
    fn starts_answers_and_stops() {
        if !std::path::Path::new(tools::CHROMEDRIVER).is_file() {
            eprintln!("skipped: no {}", tools::CHROMEDRIVER);
            return;
        }
        let driver = ChromeDriver::start().unwrap();
        let port = driver.port;
        assert_eq!(net::http_status(port, "/status", &[], Duration::from_secs(5)).unwrap(), 200);
        let pid = driver._daemon.pid();
        drop(driver);
        assert!(!std::path::Path::new(&format!("/proc/{pid}")).exists());
        assert!(net::http_status(port, "/status", &[], Duration::from_secs(1)).is_err());
    }
}
