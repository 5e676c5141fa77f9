//! The `hired` binary: parses the command line, starts logging and hands over
//! to the command. Everything it runs lives in the library crates; the files
//! beside this one only wire them together.

mod bench;
mod cli;
mod db;
mod import;
mod import_job;
mod intake;
mod parse;
mod rank;
mod serve;
mod users;
mod worker;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use tracing_subscriber::EnvFilter;

use crate::cli::{BenchCommand, Cli, Command, ImportCommand, TokenCommand, UserCommand};

fn main() -> ExitCode {
    let cli = Cli::parse();
    // The resume reader child runs without logging or an async runtime: small and single-threaded
    // under its memory cap.
    if let Command::ReadResume = cli.command {
        return report(intake::read_resume_child());
    }
    // lopdf warns about every font whose encoding it falls back on: noise for operators, since
    // intake reports what it could not read on the profile itself.
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,lopdf=error"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(e) => return report(Err(e.into())),
    };
    report(runtime.block_on(run(cli.command)))
}

/// Runs one command.
async fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Serve(args) => serve::run(args).await,
        Command::Migrate(args) => db::migrate(&args).await,
        Command::User(UserCommand::Create(args)) => users::create_user(args).await,
        Command::Token(TokenCommand::Create(args)) => users::create_token(args).await,
        Command::Bench(BenchCommand::Seed(args)) => bench::seed(args).await,
        Command::Parse(args) => parse::run(&args),
        Command::Rank(args) => rank::run(&args),
        Command::Import(ImportCommand::Resumes(args)) => import::resumes(args).await,
        Command::ReadResume => intake::read_resume_child(),
    }
}

/// The exit code for a command's outcome, printing the error.
fn report(result: anyhow::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
