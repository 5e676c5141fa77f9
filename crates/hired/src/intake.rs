//! Reading resumes for the job queue and bulk imports: each document is read by a child
//! process (`hired read-resume`, hidden) under a wall-clock limit and a memory cap, so that a
//! hostile or pathological file can neither hang nor exhaust the server, and a reader crash
//! costs one document rather than the process. A file that cannot be read is recorded as such
//! on the profile (with the reason people see) and the job completes: reading it again would
//! give the same answer. Recruiters can queue it again from the candidate page.

use std::io::{Read as _, Write as _};
use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use chrono::Datelike;
use hired_domain::AttachmentId;
use hired_domain::profile::PartialDate;
use hired_resume::Intake;
use hired_resume::taxonomy::Taxonomy;
use hired_store::{Job, ReadResume, Store};
use serde::{Deserialize, Serialize};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// This month, which ends the jobs held now when intake counts years of experience.
pub fn this_month() -> Result<PartialDate> {
    let now = chrono::Utc::now();
    PartialDate::new(now.year() as u16, Some(now.month() as u8)).context("the system clock is outside 1950–2100")
}

/// How much one document may cost to read.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Wall-clock time, after which the reader is killed.
    pub time: Duration,
    /// Address space of the reader process, in MiB.
    pub memory_mb: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self { time: Duration::from_secs(20), memory_mb: 1024 }
    }
}

/// What reading one document gave: the intake, or the reason people see; and how long it took.
#[derive(Debug)]
pub struct Reading {
    /// The intake, or why there is none.
    pub result: Result<Intake, String>,
    /// Milliseconds spent.
    pub ms: i64,
}

/// Reads documents in child processes of a given `hired` executable.
#[derive(Debug, Clone)]
pub struct Reader {
    program: PathBuf,
    limits: Limits,
}

/// What the parent tells the child before the document's bytes.
#[derive(Serialize, Deserialize)]
struct Instructions {
    today: PartialDate,
    memory_mb: u64,
    aliases: Vec<(String, String)>,
}

/// What the child answers on stdout.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Answer {
    Read(Box<Intake>),
    Unreadable(String),
}

impl Reader {
    /// A reader running this very executable.
    pub fn current(limits: Limits) -> Result<Self> {
        let program = std::env::current_exe().context("cannot find the hired executable to read resumes with")?;
        Ok(Self { program, limits })
    }

    /// Reads `bytes` with the admins' skill aliases.
    pub async fn read(&self, store: &Store, bytes: &[u8]) -> Result<Reading> {
        let aliases = store.taxonomy_aliases().await?.into_iter().map(|a| (a.alias, a.canonical)).collect();
        let instructions = Instructions { today: this_month()?, memory_mb: self.limits.memory_mb, aliases };
        let started = Instant::now();
        let result = self.run_child(&instructions, bytes).await?;
        Ok(Reading { result, ms: started.elapsed().as_millis() as i64 })
    }

    async fn run_child(&self, instructions: &Instructions, bytes: &[u8]) -> Result<Result<Intake, String>> {
        let mut child = tokio::process::Command::new(&self.program)
            .arg("read-resume")
            .env("RUST_LOG", "error")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .with_context(|| format!("cannot start the resume reader {}", self.program.display()))?;
        let mut stdin = child.stdin.take().context("the reader's stdin")?;
        let mut stdout = child.stdout.take().context("the reader's stdout")?;
        let mut stderr = child.stderr.take().context("the reader's stderr")?;
        let mut header = serde_json::to_vec(instructions)?;
        header.push(b'\n');
        let talk = async {
            // A reader that dies early closes its stdin; what it printed says why.
            let fed = async {
                stdin.write_all(&header).await?;
                stdin.write_all(bytes).await?;
                drop(stdin);
                std::io::Result::Ok(())
            };
            let (mut out, mut err) = (Vec::new(), Vec::new());
            let (_, out_read, err_read, status) =
                tokio::join!(fed, stdout.read_to_end(&mut out), stderr.read_to_end(&mut err), child.wait());
            out_read?;
            err_read?;
            std::io::Result::Ok((status?, out, err))
        };
        let Ok(finished) = tokio::time::timeout(self.limits.time, talk).await else {
            return Ok(Err(format!("reading took longer than {} s and was stopped", self.limits.time.as_secs())));
        };
        let (status, out, err) = finished.context("talking to the resume reader")?;
        if let Ok(answer) = serde_json::from_slice::<Answer>(&out) {
            return Ok(match answer {
                Answer::Read(intake) => Ok(*intake),
                Answer::Unreadable(why) => Err(why),
            });
        }
        let err = String::from_utf8_lossy(&err);
        if err.contains("memory allocation") || err.contains("out of memory") {
            return Ok(Err(format!("reading needed more than {} MB of memory and was stopped", self.limits.memory_mb)));
        }
        tracing::error!(%status, stderr = %err.trim(), "the resume reader failed");
        Ok(Err("the reader failed on this file".into()))
    }
}

/// `hired read-resume`: the child side. Reads the instructions line and the document from
/// stdin, caps its own address space, and prints one [`Answer`] as JSON.
pub fn read_resume_child() -> Result<()> {
    let mut input = Vec::new();
    std::io::stdin().lock().read_to_end(&mut input)?;
    let split = input.iter().position(|&b| b == b'\n').context("no instructions on stdin")?;
    let instructions: Instructions = serde_json::from_slice(&input[..split])?;
    cap_memory(instructions.memory_mb)?;
    let with_aliases;
    let taxonomy = if instructions.aliases.is_empty() {
        Taxonomy::builtin()
    } else {
        with_aliases = Taxonomy::builtin().with_aliases(&instructions.aliases);
        &with_aliases
    };
    let answer = match hired_resume::parse_document_with(&input[split + 1..], instructions.today, taxonomy) {
        Ok(intake) => Answer::Read(Box::new(intake)),
        Err(unreadable) => Answer::Unreadable(unreadable.to_string()),
    };
    let mut stdout = std::io::stdout().lock();
    serde_json::to_writer(&mut stdout, &answer)?;
    stdout.flush()?;
    Ok(())
}

/// Limits this process's address space, so that an allocation past it fails (and the process
/// aborts) instead of the machine swapping.
fn cap_memory(mb: u64) -> Result<()> {
    let bytes = mb.saturating_mul(1024 * 1024);
    let limit = rustix::process::Rlimit { current: Some(bytes), maximum: Some(bytes) };
    rustix::process::setrlimit(rustix::process::Resource::As, limit).context("cannot cap the reader's memory")
}

/// The `resume.parse` job: reads the attachment named in `job` into its candidate's profile.
pub async fn parse_resume(store: &Store, reader: &Reader, job: &Job) -> Result<()> {
    let attachment: AttachmentId = job
        .payload
        .get("attachment_id")
        .and_then(|v| v.as_str())
        .and_then(|s| s.parse().ok())
        .context("the job names no attachment")?;
    let record = store.attachment(attachment).await?;
    let bytes = store.files().get(&record.sha256).await?;
    let reading = reader.read(store, &bytes).await?;
    let candidate = record.candidate_id.into();
    let outcome = match &reading.result {
        Ok(intake) => Ok(ReadResume { profile: &intake.profile, warnings: &intake.warnings, text: &intake.text }),
        Err(why) => Err(why.as_str()),
    };
    store.save_profile(candidate, attachment, outcome, reading.ms).await?;
    Ok(())
}

/// A reader for unit tests: the `hired` executable cargo builds beside the test binary.
#[cfg(test)]
pub fn test_reader(limits: Limits) -> Reader {
    let deps = std::env::current_exe().expect("the test executable");
    let program = deps.parent().and_then(|d| d.parent()).expect("target/<profile>").join("hired");
    assert!(program.exists(), "build the hired binary first (cargo build -p hired): {} is missing", program.display());
    Reader { program, limits }
}

#[cfg(test)]
mod tests {
    use hired_domain::Email;
    use hired_domain::user::Role;
    use hired_store::PARSE_RESUME_JOB;
    use hired_store::testing::Backend;

    use super::*;

    fn corpus_pdf() -> Vec<u8> {
        let root = std::env::var("HIRED_CORPUS_DIR").unwrap_or_else(|_| "/work/shared/corpus".into());
        let path = format!("{root}/resumes/pdf/002.pdf");
        std::fs::read(&path)
            .unwrap_or_else(|e| panic!("the resume corpus is needed at {path} (set HIRED_CORPUS_DIR): {e}"))
    }

    async fn run_queued(store: &Store, reader: &Reader) {
        let job = store.claim_job("test", &[PARSE_RESUME_JOB]).await.unwrap().expect("a queued resume.parse job");
        parse_resume(store, reader, &job).await.unwrap();
        store.complete_job(job.id).await.unwrap();
    }

    async fn candidate_with_resume(
        store: &Store,
        bytes: &[u8],
    ) -> (hired_domain::user::User, hired_domain::CandidateId) {
        let admin =
            store.create_user(&Email::parse("a@example.com").unwrap(), "Admin", Role::Admin, None).await.unwrap();
        let details = hired_domain::candidate::CandidateDetails {
            name: "Richard B.".into(),
            email: Some(Email::parse("richard@example.com").unwrap()),
            phone: None,
            location: None,
            github: None,
            linkedin: None,
            portfolio: None,
            tags: Vec::new(),
            source: None,
        };
        let candidate = store.create_candidate(Some(&admin), details).await.unwrap();
        store.add_attachment(&admin, candidate.id, "cv.pdf", bytes).await.unwrap();
        (admin, candidate.id)
    }

    #[tokio::test]
    async fn an_uploaded_resume_becomes_the_candidates_profile_and_a_bad_one_says_why() {
        let t = hired_store::testing::open(Backend::Sqlite).await;
        let store = &t.store;
        let reader = test_reader(Limits::default());
        let (admin, candidate) = candidate_with_resume(store, &corpus_pdf()).await;
        run_queued(store, &reader).await;
        let stored = store.candidate_profile(candidate).await.unwrap().expect("a profile");
        assert_eq!(stored.status, "parsed");
        assert!(stored.resume_text.as_deref().is_some_and(|t| t.contains("richardb@example.net")));
        let profile = stored.profile.expect("the fields");
        assert_eq!(profile.emails, vec!["richardb@example.net"]);
        assert!(profile.skills.iter().any(|s| s.name == "Vue.js"), "{:?}", profile.skills);

        store.add_attachment(&admin, candidate, "broken.pdf", b"%PDF-1.4\nnot really\n%%EOF\n").await.unwrap();
        run_queued(store, &reader).await;
        let stored = store.candidate_profile(candidate).await.unwrap().expect("a profile");
        assert_eq!(stored.status, "failed");
        assert!(stored.error.as_deref().is_some_and(|e| e.contains("damaged")), "{:?}", stored.error);
    }

    #[tokio::test]
    async fn the_reader_knows_the_aliases_admins_added() {
        let t = hired_store::testing::open(Backend::Sqlite).await;
        let store = &t.store;
        let admin =
            store.create_user(&Email::parse("a@example.com").unwrap(), "Admin", Role::Admin, None).await.unwrap();
        let resume = b"Ana Silva\nana@example.com\n\nSKILLS\nDjangoish, Flask\n";
        let skills = |reading: Reading| -> Vec<String> {
            reading.result.expect("read").profile.skills.into_iter().map(|s| s.name).collect()
        };
        let reader = test_reader(Limits::default());
        assert!(!skills(reader.read(store, resume).await.unwrap()).contains(&"Django".to_owned()));
        store.add_taxonomy_alias(&admin, "Djangoish", "Django").await.unwrap();
        assert!(skills(reader.read(store, resume).await.unwrap()).contains(&"Django".to_owned()));
    }

    #[tokio::test]
    async fn a_document_past_the_memory_cap_is_stopped_with_a_clear_reason() {
        let t = hired_store::testing::open(Backend::Sqlite).await;
        // 2 MiB more of address space than the reader starts with is less than the taxonomy
        // alone takes, so the cap must stop it.
        let reader = test_reader(Limits { memory_mb: 2, ..Limits::default() });
        let reading = reader.read(&t.store, &corpus_pdf()).await.unwrap();
        let why = reading.result.expect_err("stopped by the cap");
        assert!(why.contains("more than 2 MB of memory"), "{why}");
    }

    #[tokio::test]
    async fn a_reader_past_its_time_is_stopped_with_a_clear_reason() {
        let t = hired_store::testing::open(Backend::Sqlite).await;
        let reader = test_reader(Limits { time: Duration::from_millis(1), ..Limits::default() });
        let reading = reader.read(&t.store, &corpus_pdf()).await.unwrap();
        let why = reading.result.expect_err("stopped by the clock");
        assert!(why.contains("longer than"), "{why}");
    }
}
