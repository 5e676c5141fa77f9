//! External tools the tasks need, and installing the missing ones (apt, cargo, rustup).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::cmd;

/// Debian's Chromium, used by the browser tests.
pub const CHROMIUM: &str = "/usr/bin/chromium";
/// Debian's chromedriver (package `chromium-driver`).
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// A program installed from a Debian package.
#[derive(Clone, Copy)]
pub enum Tool {
    /// PostgreSQL server binaries (`initdb`, `pg_ctl`, …).
    Postgres,
    /// The Chromium browser.
    Chromium,
    /// chromedriver, the WebDriver server for Chromium.
    ChromeDriver,
    /// The wrk HTTP benchmarking tool.
    Wrk,
    /// poppler's `pdftotext`: the reference text of the resume corpus PDFs.
    Poppler,
    /// Node.js and npm, for the npm packages run as baselines.
    Npm,
    /// Python's `venv` and `ensurepip`, for the Python packages run as peers.
    PythonVenv,
}

impl Tool {
    /// The Debian package that provides the tool.
    fn package(self) -> &'static str {
        match self {
            Tool::Postgres => "postgresql",
            Tool::Chromium => "chromium",
            Tool::ChromeDriver => "chromium-driver",
            Tool::Wrk => "wrk",
            Tool::Poppler => "poppler-utils",
            Tool::Npm => "npm",
            Tool::PythonVenv => "python3-venv",
        }
    }

    /// Whether the tool is installed.
    fn present(self) -> bool {
        match self {
            Tool::Postgres => pg_bin_dir().is_some(),
            Tool::Chromium => Path::new(CHROMIUM).is_file(),
            Tool::ChromeDriver => Path::new(CHROMEDRIVER).is_file(),
            Tool::Wrk => cmd::find_on_path("wrk").is_some(),
            Tool::Poppler => cmd::find_on_path("pdftotext").is_some(),
            Tool::Npm => cmd::find_on_path("npm").is_some() && cmd::find_on_path("node").is_some(),
            Tool::PythonVenv => cmd::succeeds(Command::new("python3").args(["-c", "import venv, ensurepip"])),
        }
    }
}

/// The `bin` directory of the newest PostgreSQL under `/usr/lib/postgresql/<version>/` that
/// has `initdb`.
pub fn pg_bin_dir() -> Option<PathBuf> {
    fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let name = entry.file_name().into_string().ok()?;
            let major: u32 = name.split('.').next()?.parse().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").is_file().then_some((major, bin))
        })
        .max_by_key(|(major, _)| *major)
        .map(|(_, bin)| bin)
}

/// Installs, with apt, the packages of the `tools` that are missing. Without root it only says
/// what to install, and fails.
pub fn ensure(tools: &[Tool]) -> Result<()> {
    let packages: Vec<&str> = tools.iter().filter(|tool| !tool.present()).map(|tool| tool.package()).collect();
    if packages.is_empty() {
        return Ok(());
    }
    let list = packages.join(" ");
    if !cmd::is_root() || cmd::find_on_path("apt-get").is_none() {
        bail!(
            "missing Debian packages: {list}\n\
             install them (as root) with: apt-get install -y --no-install-recommends {list}"
        );
    }
    println!("xtask: installing missing packages: {list}");
    let lock_wait = "DPkg::Lock::Timeout=600";
    cmd::run(Command::new("apt-get").args(["-q", "-o", lock_wait, "update"]))?;
    cmd::run(
        Command::new("apt-get")
            .env("DEBIAN_FRONTEND", "noninteractive")
            .args(["-q", "-o", lock_wait, "install", "-y", "--no-install-recommends"])
            .args(&packages),
    )?;
    if let Some(tool) = tools.iter().find(|tool| !tool.present()) {
        bail!("{} is still missing after installing {}", tool.package(), list);
    }
    Ok(())
}

/// Installs cargo-nextest with `cargo install` if `cargo nextest` does not work.
pub fn ensure_nextest() -> Result<()> {
    if cmd::succeeds(cmd::cargo().args(["nextest", "--version"])) {
        return Ok(());
    }
    println!("xtask: installing cargo-nextest");
    cmd::run(cmd::cargo().args(["install", "cargo-nextest", "--locked"])).context("cannot install cargo-nextest")
}

/// Adds the rustup components `rustfmt` and `clippy` if `cargo fmt` / `cargo clippy` do not
/// work.
pub fn ensure_lint_components() -> Result<()> {
    let missing: Vec<&str> = [("fmt", "rustfmt"), ("clippy", "clippy")]
        .into_iter()
        .filter(|(subcommand, _)| !cmd::succeeds(cmd::cargo().args([subcommand, "--version"])))
        .map(|(_, component)| component)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    println!("xtask: installing rustup components: {}", missing.join(" "));
    cmd::run(Command::new("rustup").current_dir(cmd::workspace_root()).args(["component", "add"]).args(&missing))
        .with_context(|| format!("cannot add rustup components {}", missing.join(" ")))
}
