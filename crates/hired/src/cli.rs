//! The command line: every command, flag and `HIRED_*` environment variable.
//! Values are parsed into domain types here, so a bad email or role is refused
//! by clap with the allowed values before anything runs.

use std::path::PathBuf;

use clap::builder::BoolishValueParser;
use clap::{Args, Parser, Subcommand};
use hired_domain::Email;
use hired_domain::user::Role;

/// hired: a self-hosted hiring platform for software engineering teams.
#[derive(Debug, Parser)]
#[command(name = "hired", version)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The top-level commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the web server (staff pages, careers site, API) and the background job worker.
    Serve(ServeArgs),
    /// Apply pending database migrations, then exit.
    Migrate(StoreArgs),
    /// Manage staff accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Manage API tokens.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Prepare benchmark data.
    #[command(subcommand)]
    Bench(BenchCommand),
    /// Read resumes (PDF, DOCX, text, JSON Resume) and print each as JSON Resume, without a server.
    Parse(ParseArgs),
    /// Rank resumes (files or folders) against a job description file, best first, one JSON line each.
    Rank(RankArgs),
    /// Bring data in.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Internal: read one resume from stdin under limits, for the job worker and imports.
    #[command(hide = true)]
    ReadResume,
}

/// `hired import …`.
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Import resume files and folders (PDF, DOCX, text, JSON Resume) as candidates with profiles.
    Resumes(ImportResumesArgs),
}

/// `hired import resumes`.
#[derive(Debug, Args)]
pub struct ImportResumesArgs {
    /// Files and folders (searched recursively for .pdf, .docx, .txt and .json).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The database.
    #[command(flatten)]
    pub store: StoreArgs,
    /// How much reading one resume may cost.
    #[command(flatten)]
    pub intake: IntakeArgs,
}

/// `hired parse`.
#[derive(Debug, Args)]
pub struct ParseArgs {
    /// The resume files.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// One JSON document per line instead of pretty-printed documents.
    #[arg(long)]
    pub jsonl: bool,
}

/// `hired rank`.
#[derive(Debug, Args)]
pub struct RankArgs {
    /// The job description: title, level, [[required]] and [[nice]] skills, certifications, location, remote.
    #[arg(long, value_name = "JOB.toml")]
    pub job: PathBuf,
    /// Resume files and folders (searched recursively for .pdf, .docx, .txt and .json).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Print only the best N.
    #[arg(long)]
    pub top: Option<usize>,
}

/// Where data lives unless `--data-dir` says otherwise.
pub const DEFAULT_DATA_DIR: &str = "./hired-data";

/// Where the data lives; shared by every command that opens the database.
#[derive(Debug, Clone, Args)]
pub struct StoreArgs {
    /// Directory for the embedded SQLite database and uploaded files.
    #[arg(long, env = "HIRED_DATA_DIR", default_value = DEFAULT_DATA_DIR)]
    pub data_dir: PathBuf,
    /// Database URL (`postgres://USER@HOST/DB` or `sqlite://PATH`); default: SQLite in the data directory.
    #[arg(long, env = "HIRED_DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<String>,
}

/// `hired serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on (`HOST:PORT`; port 0 picks a free one).
    #[arg(long, env = "HIRED_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: String,
    /// The database.
    #[command(flatten)]
    pub store: StoreArgs,
    /// Fill an empty database with demo data (staff, requisitions, ~600 candidates, a year of history).
    #[arg(long, env = "HIRED_DEMO", value_parser = BoolishValueParser::new(), default_value_t = false)]
    pub demo: bool,
    /// Mark cookies Secure: set when people reach hired over HTTPS (directly or through a proxy).
    #[arg(long, env = "HIRED_SECURE_COOKIES", value_parser = BoolishValueParser::new(), default_value_t = false)]
    pub secure_cookies: bool,
    /// The address people reach hired at, for links in job feeds, the sitemap and
    /// structured data (default: `http://` and the listening address).
    #[arg(long, env = "HIRED_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// The hiring organization's name on the careers site and in job feeds.
    #[arg(long, env = "HIRED_COMPANY_NAME", default_value = "Example Company")]
    pub company_name: String,
    /// Applications accepted per client address per minute on the careers site and public API.
    #[arg(long, env = "HIRED_APPLY_PER_MINUTE", default_value_t = 10)]
    pub apply_per_minute: u32,
    /// How much reading one resume may cost.
    #[command(flatten)]
    pub intake: IntakeArgs,
}

/// Limits on reading one resume (in the job worker and bulk imports).
#[derive(Debug, Clone, Copy, Args)]
pub struct IntakeArgs {
    /// Seconds one resume may take to read before the reader is stopped.
    #[arg(long, env = "HIRED_INTAKE_SECONDS", default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..=600))]
    pub intake_seconds: u64,
    /// Memory (MiB of address space) one resume's reader may use.
    #[arg(long, env = "HIRED_INTAKE_MEMORY_MB", default_value_t = 1024, value_parser = clap::value_parser!(u64).range(64..))]
    pub intake_memory_mb: u64,
}

impl IntakeArgs {
    /// The limits these flags give.
    pub fn limits(self) -> crate::intake::Limits {
        crate::intake::Limits {
            time: std::time::Duration::from_secs(self.intake_seconds),
            memory_mb: self.intake_memory_mb,
        }
    }
}

/// `hired user …`.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a staff account; the password is read from stdin (one line).
    Create(UserCreateArgs),
}

/// `hired user create`.
#[derive(Debug, Args)]
pub struct UserCreateArgs {
    /// Sign-in email address.
    #[arg(long, env = "HIRED_USER_EMAIL", value_parser = parse_email)]
    pub email: Email,
    /// Full name, as colleagues will see it.
    #[arg(long, env = "HIRED_USER_NAME")]
    pub name: String,
    /// Role: admin, recruiter, hiring_manager or interviewer.
    #[arg(long, env = "HIRED_USER_ROLE")]
    pub role: Role,
    /// The database.
    #[command(flatten)]
    pub store: StoreArgs,
}

/// `hired token …`.
#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create an API token for a user and print it (only the token, on one line).
    Create(TokenCreateArgs),
}

/// `hired token create`.
#[derive(Debug, Args)]
pub struct TokenCreateArgs {
    /// Email of the user the token acts as.
    #[arg(long, env = "HIRED_TOKEN_EMAIL", value_parser = parse_email)]
    pub email: Email,
    /// A name to recognise the token by in the token list.
    #[arg(long, env = "HIRED_TOKEN_NAME", default_value = "cli")]
    pub name: String,
    /// The database.
    #[command(flatten)]
    pub store: StoreArgs,
}

/// `hired bench …`.
#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Seed a fresh database for the pipeline and apply benchmarks and print one JSON line:
    /// `{"requisition_id": …, "token": …, "session_cookie": "hired_session=…", "posting_slug": …}`.
    Seed(BenchSeedArgs),
}

/// `hired bench seed`.
#[derive(Debug, Args)]
pub struct BenchSeedArgs {
    /// Applications to create on the benchmark requisition.
    #[arg(long, env = "HIRED_BENCH_APPLICATIONS", default_value_t = 10_000)]
    pub applications: usize,
    /// Board columns to spread the applications over, 1 to 8. The requisition always uses the
    /// default pipeline, whose 7 stages plus Rejected make 8 columns; fewer fills only the first ones.
    #[arg(long, env = "HIRED_BENCH_STAGES", default_value_t = 8, value_parser = clap::value_parser!(u8).range(1..=8))]
    pub stages: u8,
    /// Published postings on the careers site: the benchmark requisition's, plus open
    /// requisitions with postings up to this many. 0 publishes none.
    #[arg(long, env = "HIRED_BENCH_POSTINGS", default_value_t = 0)]
    pub postings: usize,
    /// The database.
    #[command(flatten)]
    pub store: StoreArgs,
}

/// Parses an email address for clap, with the domain's message on failure.
fn parse_email(raw: &str) -> Result<Email, String> {
    Email::parse(raw).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn a_bad_role_is_refused_with_the_allowed_ones() {
        let err = Cli::try_parse_from([
            "hired",
            "user",
            "create",
            "--email",
            "a@example.com",
            "--name",
            "A",
            "--role",
            "boss",
        ])
        .unwrap_err()
        .to_string();
        assert!(err.contains("admin, recruiter, hiring_manager, interviewer"), "{err}");
    }

    #[test]
    fn the_bench_refuses_more_than_eight_columns() {
        assert!(Cli::try_parse_from(["hired", "bench", "seed", "--stages", "9"]).is_err());
    }
}
