//! The release `hired` binary as the benchmarks use it: build, `hired bench seed`,
//! `hired serve`.
//!
//! Every `hired` started here runs without inherited `HIRED_*` variables, so only the flags
//! given here configure it.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::daemon::Daemon;
use crate::postgres::Postgres;
use crate::tempdir::TempDir;
use crate::{cmd, json, net};

/// The database the benchmarks create on their throwaway PostgreSQL.
const DATABASE: &str = "hired_bench";

/// How long `hired serve` may take to answer `/readyz` (it rebuilds indexes at start).
const READY_TIMEOUT: Duration = Duration::from_secs(180);

/// What `hired bench seed` created, from the one JSON line it prints.
pub struct Seed {
    /// The requisition holding the seeded applications.
    pub requisition_id: String,
    /// An API bearer token.
    pub token: String,
    /// A staff session cookie, `hired_session=<value>`.
    pub session_cookie: String,
    /// The benchmark requisition's posting on the careers site, when postings were asked for.
    pub posting_slug: Option<String>,
}

/// Where the data lives: a data directory, and a database URL unless it is SQLite in it.
pub struct Store<'a> {
    /// `--data-dir`.
    pub data_dir: &'a Path,
    /// `--database-url`, if not the default SQLite.
    pub database_url: Option<&'a str>,
}

/// A scratch folder with a data directory, on SQLite or on a throwaway PostgreSQL with one
/// database; dropping it stops the server and removes everything.
pub struct Backend {
    dir: TempDir,
    data_dir: PathBuf,
    url: Option<String>,
    _postgres: Option<Postgres>,
}

impl Backend {
    /// Sets up `name` (`sqlite` or `postgres`) for the benchmark `bench`.
    pub fn start(name: &str, bench: &str) -> Result<Self> {
        let dir = TempDir::new(&format!("bench-{bench}-{name}"))?;
        let data_dir = dir.path().join("data");
        std::fs::create_dir(&data_dir)?;
        let postgres = if name == "postgres" { Some(Postgres::start()?) } else { None };
        let url = match &postgres {
            Some(postgres) => {
                postgres.create_database(DATABASE)?;
                Some(postgres.url(DATABASE))
            }
            None => None,
        };
        Ok(Self { dir, data_dir, url, _postgres: postgres })
    }

    /// Where `hired` keeps its data here.
    pub fn store(&self) -> Store<'_> {
        Store { data_dir: &self.data_dir, database_url: self.url.as_deref() }
    }

    /// A path in the scratch folder.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

/// The release build of `hired`.
pub struct Hired {
    /// The binary.
    binary: PathBuf,
}

impl Hired {
    /// Runs `cargo build --release -p hired` and finds the binary in cargo's target directory.
    pub fn build() -> Result<Self> {
        cmd::run(cmd::cargo().args(["build", "--release", "-p", "hired"]))?;
        let metadata = cmd::cargo()
            .args(["metadata", "--format-version", "1", "--no-deps"])
            .stderr(Stdio::inherit())
            .output()
            .context("cannot run cargo metadata")?;
        if !metadata.status.success() {
            bail!("cargo metadata failed");
        }
        let target = json::string_field(&String::from_utf8_lossy(&metadata.stdout), "target_directory")
            .context("no target_directory in cargo metadata")?;
        let binary = Path::new(&target).join("release").join("hired");
        if !binary.is_file() {
            bail!("{} missing after the build", binary.display());
        }
        Ok(Self { binary })
    }

    /// A `hired` command with `args` and no `HIRED_*` variables from our environment.
    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(&self.binary);
        command.args(args).current_dir(cmd::workspace_root());
        for (name, _) in std::env::vars_os() {
            if name.to_string_lossy().starts_with("HIRED_") {
                command.env_remove(name);
            }
        }
        command
    }

    /// Adds `--data-dir` and `--database-url` for `store`.
    fn with_store(command: &mut Command, store: &Store<'_>) {
        command.arg("--data-dir").arg(store.data_dir);
        if let Some(url) = store.database_url {
            command.args(["--database-url", url]);
        }
    }

    /// `hired bench seed … --applications N --stages S --postings P`, which prints one JSON
    /// line with `requisition_id`, `token`, `session_cookie` and `posting_slug` on stdout.
    pub fn seed(&self, store: &Store<'_>, applications: u32, stages: u32, postings: u32) -> Result<Seed> {
        let mut seed = self.command(&["bench", "seed"]);
        Self::with_store(&mut seed, store);
        seed.args(["--applications", &applications.to_string(), "--stages", &stages.to_string()]);
        seed.args(["--postings", &postings.to_string()]);
        println!("xtask: $ {}", cmd::describe(&seed));
        let start = Instant::now();
        let out = seed.stderr(Stdio::inherit()).output().context("cannot run hired bench seed")?;
        let stdout = String::from_utf8_lossy(&out.stdout);
        if !out.status.success() {
            bail!("hired bench seed failed ({}); its stdout:\n{stdout}", out.status);
        }
        println!("xtask: seeded {applications} applications in {:.1?}", start.elapsed());
        // The JSON line is the last line that looks like one (in case logs share stdout).
        let line = stdout
            .lines()
            .rev()
            .find(|line| line.trim_start().starts_with('{'))
            .with_context(|| format!("no JSON line in hired bench seed's stdout:\n{stdout}"))?;
        let field = |key: &str| {
            json::string_field(line, key)
                .with_context(|| format!("no string {key:?} in hired bench seed's output {line}"))
        };
        Ok(Seed {
            requisition_id: field("requisition_id")?,
            token: field("token")?,
            session_cookie: field("session_cookie")?,
            posting_slug: json::string_field(line, "posting_slug"),
        })
    }

    /// Starts `hired serve` on a free port (with `--demo` if `demo`, and `extra` flags), logging
    /// into `log`, and waits until `/readyz` answers 200. Returns the server and its port.
    pub fn serve(&self, store: &Store<'_>, demo: bool, extra: &[&str], log: PathBuf) -> Result<(Daemon, u16)> {
        let port = net::free_port()?;
        let mut serve = self.command(&["serve", "--listen", &format!("127.0.0.1:{port}")]);
        Self::with_store(&mut serve, store);
        if demo {
            serve.arg("--demo");
        }
        serve.args(extra);
        let server = Daemon::spawn("hired serve", &mut serve, log)?;
        server.wait_http_ok(port, "/readyz", READY_TIMEOUT)?;
        Ok((server, port))
    }
}
