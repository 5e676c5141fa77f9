//! `cargo xtask test [--no-lint] [-- NEXTEST_ARGS…]`: the whole test suite, as CI runs it.
//!
//! 1. Installs what is missing: PostgreSQL server, Chromium, chromedriver (apt), cargo-nextest,
//!    rustfmt and clippy.
//! 2. Unless `--no-lint`: `cargo fmt --all -- --check` and
//!    `cargo clippy --workspace --all-targets -- -D warnings`.
//! 3. Starts a throwaway PostgreSQL and a chromedriver, unless `HIRED_TEST_DATABASE_URL` /
//!    `HIRED_TEST_WEBDRIVER` already point at running ones.
//! 4. `cargo nextest run --workspace --all-targets --no-fail-fast NEXTEST_ARGS…` with
//!    `HIRED_TEST_DATABASE_URL`, `HIRED_TEST_WEBDRIVER`, `HIRED_TEST_CHROMIUM` and
//!    `HIRED_CORPUS_DIR` (the shared resume corpus, see `corpus.rs`) set. (The
//!    project has no doctests; examples live in tests, so nextest runs everything.)
//!
//! Every step runs even if an earlier one failed; the summary lists them and the exit status
//! is non-zero if any failed.

use std::process::Command;

use anyhow::{Result, bail};

use crate::chromedriver::ChromeDriver;
use crate::postgres::Postgres;
use crate::tools::{self, Tool};
use crate::{cmd, corpus};

/// PostgreSQL URL the tests use (a server where they may create databases).
const DATABASE_URL_VAR: &str = "HIRED_TEST_DATABASE_URL";
/// WebDriver URL the browser tests use.
const WEBDRIVER_VAR: &str = "HIRED_TEST_WEBDRIVER";
/// Chromium binary the browser tests ask the WebDriver to start.
const CHROMIUM_VAR: &str = "HIRED_TEST_CHROMIUM";

/// Options of `cargo xtask test`.
struct Options {
    /// Run fmt and clippy first.
    lint: bool,
    /// Passed on to `cargo nextest run`.
    nextest_args: Vec<String>,
}

/// Parses `[--no-lint] [-- NEXTEST_ARGS…]`.
fn parse(args: &[String]) -> Result<Options> {
    let mut options = Options { lint: true, nextest_args: Vec::new() };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--no-lint" => options.lint = false,
            "--" => options.nextest_args.extend(args.by_ref().cloned()),
            other => bail!("unknown option {other:?}\nusage: cargo xtask test [--no-lint] [-- NEXTEST_ARGS...]"),
        }
    }
    Ok(options)
}

/// Runs `cargo xtask test`.
pub fn run(args: &[String]) -> Result<()> {
    let options = parse(args)?;
    let env_set = |var: &str| std::env::var_os(var).is_some_and(|v| !v.is_empty());

    let mut needed = Vec::new();
    if !env_set(DATABASE_URL_VAR) {
        needed.push(Tool::Postgres);
    }
    if !env_set(WEBDRIVER_VAR) {
        needed.push(Tool::ChromeDriver);
    }
    if !env_set(CHROMIUM_VAR) {
        needed.push(Tool::Chromium);
    }
    tools::ensure(&needed)?;
    tools::ensure_nextest()?;

    let mut steps: Vec<(&str, bool)> = Vec::new();
    if options.lint {
        tools::ensure_lint_components()?;
        let mut fmt = cmd::cargo();
        fmt.args(["fmt", "--all", "--", "--check"]);
        // rustfmt colours its diff on its own; CI logs ask for none with CARGO_TERM_COLOR.
        if std::env::var("CARGO_TERM_COLOR").is_ok_and(|color| color == "never") {
            fmt.args(["--color", "never"]);
        }
        steps.push(("fmt", cmd::status(&mut fmt)?));
        steps.push((
            "clippy",
            cmd::status(cmd::cargo().args(["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]))?,
        ));
    }

    // Guards: whatever happens below, dropping these stops the services.
    let postgres = if env_set(DATABASE_URL_VAR) { None } else { Some(Postgres::start()?) };
    let chromedriver = if env_set(WEBDRIVER_VAR) { None } else { Some(ChromeDriver::start()?) };
    let with_env = |command: &mut Command| {
        if let Some(postgres) = &postgres {
            command.env(DATABASE_URL_VAR, postgres.url("postgres"));
        }
        if let Some(chromedriver) = &chromedriver {
            command.env(WEBDRIVER_VAR, chromedriver.url());
        }
        if !env_set(CHROMIUM_VAR) {
            command.env(CHROMIUM_VAR, tools::CHROMIUM);
        }
        if let Some(dir) = corpus::dir() {
            command.env(corpus::CORPUS_VAR, dir);
        }
    };

    let mut nextest = cmd::cargo();
    nextest.args(["nextest", "run", "--workspace", "--all-targets", "--no-fail-fast"]).args(&options.nextest_args);
    with_env(&mut nextest);
    steps.push(("nextest", cmd::status(&mut nextest)?));

    drop(chromedriver);
    drop(postgres);

    println!("xtask: summary");
    for (step, ok) in &steps {
        println!("xtask:   {step:<10} {}", if *ok { "ok" } else { "FAILED" });
    }
    let failed: Vec<&str> = steps.iter().filter(|(_, ok)| !ok).map(|(step, _)| *step).collect();
    if !failed.is_empty() {
        bail!("failed: {}", failed.join(", "));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::parse;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parses_options() {
        let options = parse(&strings(&[])).unwrap();
        assert!(options.lint && options.nextest_args.is_empty());
        let options = parse(&strings(&["--no-lint", "--", "-E", "package(hired)", "--no-lint"])).unwrap();
        assert!(!options.lint);
        assert_eq!(options.nextest_args, strings(&["-E", "package(hired)", "--no-lint"]));
        assert!(parse(&strings(&["--bogus"])).is_err());
    }
}
