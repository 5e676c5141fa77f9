//! The real `hired` binary, run as people and scripts run it: accounts and tokens
//! from the command line, migrations, the server's health endpoints on SQLite and
//! PostgreSQL with a clean shutdown, and the benchmark seeder's JSON line.

mod support;

use std::io::Write;
use std::path::Path;
use std::process::{Output, Stdio};
use std::str::FromStr;

use hired_domain::{Email, RequisitionId};
use hired_store::Store;
use support::{Server, hired};

/// Runs `hired args…` to completion with `stdin` as its input.
fn run(args: &[&str], stdin: &str) -> Output {
    let mut child =
        hired(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("start hired");
    // A command that fails on its flags exits before reading; a closed pipe is fine then.
    child.stdin.take().expect("piped stdin").write_all(stdin.as_bytes()).ok();
    let output = child.wait_with_output().expect("wait for hired");
    assert!(!String::from_utf8_lossy(&output.stderr).contains("panicked"), "{output:?}");
    output
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn data_dir(dir: &Path) -> [&str; 2] {
    ["--data-dir", dir.to_str().expect("UTF-8 temp path")]
}

fn create_user(dir: &Path, email: &str, role: &str, password: &str) -> Output {
    let args = [&["user", "create", "--email", email, "--name", "Ada Lovelace", "--role", role][..], &data_dir(dir)];
    run(&args.concat(), password)
}

#[tokio::test]
async fn a_user_created_with_a_password_on_stdin_gets_a_token_the_store_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let created = create_user(dir.path(), "Ada@Example.com", "admin", "correct horse battery\n");
    assert!(created.status.success(), "{created:?}");
    assert!(stdout(&created).contains("Ada Lovelace <ada@example.com>"), "{created:?}");

    let token = run(&[&["token", "create", "--email", "ada@example.com"][..], &data_dir(dir.path())].concat(), "");
    assert!(token.status.success(), "{token:?}");
    let printed = stdout(&token);
    assert_eq!(printed.lines().count(), 1, "only the token on stdout: {printed:?}");

    let store = Store::open(None, dir.path()).await.unwrap();
    let user = store.user_for_token(printed.trim()).await.unwrap().expect("the printed token authenticates");
    assert_eq!(user.email.as_str(), "ada@example.com");
    let login = store.user_for_login(&Email::parse("ada@example.com").unwrap()).await.unwrap().unwrap();
    let hash = login.password_hash.expect("a password hash");
    assert!(hired_web::auth::password::verify_password("correct horse battery", &hash));
}

#[test]
fn user_create_explains_what_is_wrong_and_exits_non_zero() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("ada@example.com", "boss", "long enough password\n", "admin, recruiter, hiring_manager, interviewer"),
        ("ada.example.com", "admin", "long enough password\n", "must look like name@example.com"),
        ("ada@example.com", "admin", "short\n", "the password must be at least 10 characters"),
        ("ada@example.com", "admin", "", "no password on stdin"),
    ];
    for (email, role, password, message) in cases {
        let output = create_user(dir.path(), email, role, password);
        assert!(!output.status.success(), "{email} {role} {password:?} should fail");
        assert!(stderr(&output).contains(message), "expected {message:?} in {}", stderr(&output));
    }
    assert!(create_user(dir.path(), "ada@example.com", "recruiter", "long enough password\n").status.success());
    let again = create_user(dir.path(), "ADA@example.com", "admin", "long enough password\n");
    assert!(!again.status.success());
    assert!(stderr(&again).contains("--email: a user with this email already exists"), "{}", stderr(&again));
}

#[test]
fn token_create_for_an_unknown_email_says_how_to_create_the_user() {
    let dir = tempfile::tempdir().unwrap();
    let output = run(&[&["token", "create", "--email", "nobody@example.com"][..], &data_dir(dir.path())].concat(), "");
    assert!(!output.status.success());
    assert!(stderr(&output).contains("hired user create"), "{}", stderr(&output));
    assert!(stdout(&output).is_empty());
}

#[test]
fn migrate_can_run_twice() {
    let dir = tempfile::tempdir().unwrap();
    for _ in 0..2 {
        let output = run(&[&["migrate"][..], &data_dir(dir.path())].concat(), "");
        assert!(output.status.success(), "{output:?}");
    }
    assert!(dir.path().join("hired.db").is_file());
}

/// Serves the demo on `args`' database and checks health, readiness, the printed accounts and SIGTERM.
fn serve_demo_and_check(args: &[&str]) {
    let mut server = Server::start(&[&["--demo"][..], args].concat());
    assert!(server.next_line().starts_with("Demo accounts (password: hired-demo)"));
    let accounts: Vec<String> = (0..4).map(|_| server.next_line()).collect();
    assert!(accounts[0].contains("admin@example.com") && accounts[3].contains("interviewer@example.com"));
    assert_eq!(server.status_of("/healthz"), 200);
    assert_eq!(server.status_of("/readyz"), 200);
    server.terminate();
}

#[test]
fn serve_with_demo_data_answers_health_and_readiness_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    serve_demo_and_check(&data_dir(dir.path()));
}

#[tokio::test]
async fn serve_with_demo_data_answers_health_and_readiness_on_postgres() {
    let url = hired_store::testing::create_postgres_database().await;
    let dir = tempfile::tempdir().unwrap();
    serve_demo_and_check(&[&data_dir(dir.path())[..], &["--database-url", &url]].concat());
}

#[test]
fn serve_without_accounts_says_how_to_create_the_first_admin() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&data_dir(dir.path()));
    assert!(server.next_line().contains("no accounts yet"));
    let command = server.next_line();
    assert!(command.contains(r#"hired user create --email you@example.com --name "Your Name" --role admin"#));
    assert_eq!(server.status_of("/healthz"), 200);
}

#[tokio::test]
async fn bench_seed_prints_one_json_line_with_a_requisition_token_and_session() {
    let dir = tempfile::tempdir().unwrap();
    let args = [&["bench", "seed", "--applications", "200", "--stages", "8"][..], &data_dir(dir.path())].concat();
    let output = run(&args, "");
    assert!(output.status.success(), "{output:?}");
    let printed = stdout(&output);
    assert_eq!(printed.lines().count(), 1, "one JSON line: {printed:?}");
    let json: serde_json::Value = serde_json::from_str(&printed).unwrap();
    let field = |key: &str| json[key].as_str().unwrap_or_else(|| panic!("no string {key} in {json}")).to_owned();
    let (requisition, token, cookie) = (field("requisition_id"), field("token"), field("session_cookie"));

    let store = Store::open(None, dir.path()).await.unwrap();
    let counts = store.column_counts(RequisitionId::from_str(&requisition).unwrap()).await.unwrap();
    assert_eq!(counts.iter().map(|(_, n)| n).sum::<i64>(), 200);
    assert_eq!(counts.len(), 8, "{counts:?}");
    assert!(store.user_for_token(&token).await.unwrap().is_some());
    let secret = cookie.strip_prefix("hired_session=").expect("a hired_session cookie");
    assert!(store.session(secret).await.unwrap().is_some());

    let again = run(&args, "");
    assert!(!again.status.success());
    assert!(stderr(&again).contains("needs an empty database"), "{}", stderr(&again));
}

#[test]
fn parse_prints_one_json_resume_per_file_and_reports_unreadable_ones() {
    let corpus = std::env::var("HIRED_CORPUS_DIR").unwrap_or_else(|_| "/work/shared/corpus".into());
    let pdf = format!("{corpus}/resumes/pdf/002.pdf");
    let json = format!("{corpus}/resumes/json/002.json");
    assert!(Path::new(&pdf).is_file(), "the resume corpus is needed at {corpus} (set HIRED_CORPUS_DIR)");
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("cv.pdf");
    std::fs::write(&junk, b"PK\x03\x04 not a resume").unwrap();

    let output = run(&["parse", "--jsonl", &pdf, &json, junk.to_str().unwrap()], "");
    assert!(!output.status.success(), "an unreadable file makes the command fail");
    let lines: Vec<serde_json::Value> =
        stdout(&output).lines().map(|l| serde_json::from_str(l).expect("one JSON document per line")).collect();
    assert_eq!(lines.len(), 2, "the readable files are still printed");
    let truth: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    for doc in &lines {
        assert_eq!(doc["basics"]["email"], truth["basics"]["email"], "{doc}");
    }
    assert_eq!(lines[0]["meta"]["hired"]["format"], "pdf");
    assert_eq!(lines[1]["meta"]["hired"]["format"], "json_resume");
    assert!(stderr(&output).contains("cv.pdf"), "{}", stderr(&output));
}

#[tokio::test]
async fn import_resumes_creates_candidates_then_merges_the_same_people() {
    let corpus = std::env::var("HIRED_CORPUS_DIR").unwrap_or_else(|_| "/work/shared/corpus".into());
    let docx = format!("{corpus}/resumes/docx");
    assert!(Path::new(&docx).is_dir(), "the resume corpus is needed at {corpus} (set HIRED_CORPUS_DIR)");
    let dir = tempfile::tempdir().unwrap();
    let args = [&["import", "resumes", &docx][..], &data_dir(dir.path())].concat();
    let first = run(&args, "");
    assert!(first.status.success(), "{first:?}");
    let summary = stdout(&first);
    assert!(summary.starts_with("imported 12 resumes: 11 new candidates, 0 merged"), "{summary}");
    assert!(summary.contains("051.docx: no email or phone number found"), "{summary}");
    let again = run(&args, "");
    assert!(stdout(&again).starts_with("imported 12 resumes: 0 new candidates, 11 merged"), "{}", stdout(&again));

    let store = Store::open(None, dir.path()).await.unwrap();
    let page = store.list_candidates(&Default::default(), None, 50).await.unwrap();
    assert_eq!(page.items.len(), 11);
    let profile = store.candidate_profile(page.items[0].id.into()).await.unwrap().expect("the profile is stored");
    assert_eq!(profile.status, "parsed");
    assert_eq!(
        store.attachments(page.items[0].id.into()).await.unwrap().len(),
        1,
        "importing the same file again keeps one attachment"
    );
}

#[test]
fn rank_prints_resumes_best_first_with_explanations_that_add_up() {
    let corpus = std::env::var("HIRED_CORPUS_DIR").unwrap_or_else(|_| "/work/shared/corpus".into());
    let resumes = format!("{corpus}/resumes/json");
    assert!(Path::new(&resumes).is_dir(), "the resume corpus is needed at {corpus} (set HIRED_CORPUS_DIR)");
    let dir = tempfile::tempdir().unwrap();
    let job = dir.path().join("job.toml");
    std::fs::write(
        &job,
        "title = \"Django developer\"\nlevel = \"mid\"\nremote = true\n\
         [[required]]\nskill = \"Django\"\nmin_years = 2\n[[nice]]\nskill = \"Postgres\"\n",
    )
    .unwrap();
    let junk = dir.path().join("cv.docx");
    std::fs::write(&junk, b"PK\x03\x04 not a resume").unwrap();

    let output = run(&["rank", "--job", job.to_str().unwrap(), &resumes, junk.to_str().unwrap()], "");
    assert!(!output.status.success(), "an unreadable file makes the command fail");
    assert!(stderr(&output).contains("cv.docx"), "{}", stderr(&output));
    let lines: Vec<serde_json::Value> =
        stdout(&output).lines().map(|l| serde_json::from_str(l).expect("one JSON line per resume")).collect();
    assert_eq!(lines.len(), 60, "every readable resume is ranked");
    let scores: Vec<u64> = lines.iter().map(|l| l["score"].as_u64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "best first: {scores:?}");
    for line in &lines {
        let explanation = line["explanation"].as_array().unwrap();
        let sum: f64 = explanation.iter().map(|e| e["points"].as_f64().unwrap()).sum();
        let score = line["score"].as_f64().unwrap();
        assert!((sum - score).abs() <= 0.5 + 0.05 * explanation.len() as f64, "{line}");
        assert!(line["file"].as_str().unwrap().ends_with(".json"));
    }
    let best = lines[0]["explanation"][0]["line"].as_str().unwrap();
    assert!(best.starts_with("✓ Django ") || best.starts_with("~ Django "), "the best has Django: {}", lines[0]);

    let top = run(&["rank", "--top", "3", "--job", job.to_str().unwrap(), &resumes], "");
    assert!(top.status.success(), "{}", stderr(&top));
    assert_eq!(stdout(&top).lines().count(), 3);
}

#[test]
fn rank_explains_a_job_file_it_cannot_use() {
    let dir = tempfile::tempdir().unwrap();
    let job = dir.path().join("job.toml");
    std::fs::write(&job, "title = \"Backend\"\nlevel = \"mid\"\n").unwrap();
    let output = run(&["rank", "--job", job.to_str().unwrap(), dir.path().to_str().unwrap()], "");
    assert!(!output.status.success());
    assert!(stderr(&output).contains("[[required]]"), "{}", stderr(&output));
    std::fs::write(&job, "title = \"Backend\"\nlevel = \"wizard\"\n[[required]]\nskill = \"Go\"\n").unwrap();
    let output = run(&["rank", "--job", job.to_str().unwrap(), dir.path().to_str().unwrap()], "");
    assert!(stderr(&output).contains("not junior, mid, senior or lead"), "{}", stderr(&output));
}
