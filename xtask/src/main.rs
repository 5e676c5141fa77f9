//! `cargo xtask`: project automation for hired.
//!
//! * `cargo xtask test [--no-lint] [-- NEXTEST_ARGS…]` installs missing tools, lints, starts a
//!   throwaway PostgreSQL and a chromedriver, and runs every test (see [`test`]).
//! * `cargo xtask bench <name> [ARGS…]` runs a benchmark on a release build (see [`bench`]).
//!
//! Everything an xtask starts is stopped by a Drop guard, and by a watchdog process
//! ([`reaper`]) if xtask itself is killed before its guards run.

mod bench;
mod chromedriver;
mod cmd;
mod corpus;
mod daemon;
mod json;
mod net;
mod postgres;
mod reaper;
mod tempdir;
mod test;
mod tools;

use std::process::ExitCode;

use anyhow::bail;

/// The usage text printed for `help` and for unknown commands.
const USAGE: &str = "\
usage:
  cargo xtask test [--no-lint] [-- NEXTEST_ARGS...]
      fmt + clippy (unless --no-lint), then nextest and doctests against a throwaway
      PostgreSQL and chromedriver (or HIRED_TEST_DATABASE_URL / HIRED_TEST_WEBDRIVER if set)
  cargo xtask bench <name> [ARGS...]
      run a benchmark on a release build; `cargo xtask bench help` lists them
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // Errors are reported here, after every guard inside `run` has cleaned up.
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Dispatches to the command named by the first argument.
fn run(args: &[String]) -> anyhow::Result<()> {
    match args.split_first() {
        Some((command, rest)) if command == "test" => test::run(rest),
        Some((command, rest)) if command == "bench" => bench::run(rest),
        Some((command, _)) if ["help", "--help", "-h"].contains(&command.as_str()) => {
            print!("{USAGE}");
            Ok(())
        }
        _ => bail!("unknown or missing command\n{USAGE}"),
    }
}
