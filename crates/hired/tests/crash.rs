//! Nothing acknowledged is lost: applications stream into the real server while it is killed
//! with SIGKILL, several times; afterwards every application that got a 201 is in the database
//! with its resume, byte for byte.

mod support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use chrono::{Days, Utc};
use hired_domain::posting::{PostingInput, PostingSpec};
use hired_domain::requisition::RequisitionStatus;
use hired_domain::templates::django_backend;
use hired_domain::user::Role;
use hired_domain::{ApplicationId, Email};
use hired_store::Store;
use support::Server;

/// Rounds of load-then-kill.
const ROUNDS: usize = 3;
/// Concurrent applicants per round.
const CLIENTS: usize = 4;

/// The shared test corpus (`../shared/corpus` beside the repository, or `HIRED_CORPUS_DIR`).
fn corpus_pdf() -> PathBuf {
    let root = std::env::var_os("HIRED_CORPUS_DIR").map(PathBuf::from).unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus").canonicalize().unwrap_or_default()
    });
    let pdf = root.join("resumes/pdf/002.pdf");
    assert!(pdf.is_file(), "the test corpus is missing: set HIRED_CORPUS_DIR to shared/corpus ({})", pdf.display());
    pdf
}

/// Sets up an open requisition with a live posting; returns the posting's slug.
async fn published_posting(dir: &Path) -> String {
    let store = Store::open(None, dir).await.unwrap();
    let admin =
        store.create_user(&Email::parse("admin@example.com").unwrap(), "Admin", Role::Admin, None).await.unwrap();
    let req = store.create_requisition(&admin, django_backend().spec).await.unwrap();
    let req = store.change_requisition_status(&admin, req.id, req.version, RequisitionStatus::Open).await.unwrap();
    let today = Utc::now().date_naive();
    let input = PostingInput {
        title: "Django Developer".into(),
        description: "Build APIs.".into(),
        country: "DE".into(),
        valid_through: (today + Days::new(30)).to_string(),
        ..PostingInput::default()
    };
    let spec = PostingSpec::parse(&input, today).unwrap();
    store.save_posting(&admin, req.id, None, spec, true).await.unwrap().slug
}

/// POSTs one multipart application; `Some(application id)` when the server answered 201.
fn apply(addr: &str, slug: &str, n: usize, pdf: &[u8]) -> Option<ApplicationId> {
    let boundary = "hiredcrashtestboundary";
    let mut body = Vec::with_capacity(pdf.len() + 1024);
    for (name, value) in [
        ("name", format!("Applicant {n}")),
        ("email", format!("applicant{n}@example.com")),
        ("consent", "on".to_owned()),
        ("idempotency_key", format!("crash-{n}")),
    ] {
        write!(body, "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").ok()?;
    }
    write!(
        body,
        "--{boundary}\r\nContent-Disposition: form-data; name=\"resume\"; filename=\"cv.pdf\"\r\nContent-Type: application/pdf\r\n\r\n"
    )
    .ok()?;
    body.extend_from_slice(pdf);
    write!(body, "\r\n--{boundary}--\r\n").ok()?;

    let mut stream = TcpStream::connect(addr).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    write!(
        stream,
        "POST /api/v1/board/postings/{slug}/applications HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .ok()?;
    stream.write_all(&body).ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    if !response.starts_with("HTTP/1.1 201") {
        return None;
    }
    let json: serde_json::Value = serde_json::from_str(response.split("\r\n\r\n").nth(1)?).ok()?;
    json["application_id"].as_str()?.parse().ok()
}

#[tokio::test(flavor = "multi_thread")]
async fn applications_confirmed_before_a_sigkill_survive_it() {
    let dir = tempfile::tempdir().unwrap();
    let slug = published_posting(dir.path()).await;
    let pdf = Arc::new(std::fs::read(corpus_pdf()).unwrap());
    let next = Arc::new(AtomicUsize::new(0));
    let mut confirmed: Vec<ApplicationId> = Vec::new();
    for _ in 0..ROUNDS {
        let mut server = Server::start(&["--data-dir", dir.path().to_str().unwrap(), "--apply-per-minute", "1000000"]);
        assert_eq!(server.status_of("/readyz"), 200);
        let stop = Arc::new(AtomicBool::new(false));
        let clients: Vec<_> = (0..CLIENTS)
            .map(|_| {
                let (addr, slug, pdf, next, stop) =
                    (server.addr.clone(), slug.clone(), pdf.clone(), next.clone(), stop.clone());
                std::thread::spawn(move || {
                    let mut mine = Vec::new();
                    while !stop.load(Ordering::Relaxed) {
                        let n = next.fetch_add(1, Ordering::Relaxed);
                        match apply(&addr, &slug, n, &pdf) {
                            Some(id) => mine.push(id),
                            None if stop.load(Ordering::Relaxed) => break,
                            None => {}
                        }
                    }
                    mine
                })
            })
            .collect();
        wait_for_applications(&server, 40);
        server.child.kill().expect("SIGKILL the server mid-load");
        server.child.wait().ok();
        stop.store(true, Ordering::Relaxed);
        for client in clients {
            confirmed.extend(client.join().expect("client thread"));
        }
    }
    assert!(confirmed.len() >= ROUNDS * 40, "load too light to mean anything: {}", confirmed.len());
    eprintln!("{} applications confirmed across {ROUNDS} SIGKILLs; checking each", confirmed.len());

    let store = Store::open(None, dir.path()).await.unwrap();
    for id in &confirmed {
        let app = store.application(*id).await.unwrap_or_else(|e| panic!("confirmed application {id} lost: {e}"));
        let files = store.attachments(app.candidate_id).await.unwrap();
        assert_eq!(files.len(), 1, "application {id} has its resume");
        let bytes = store.files().get(&files[0].sha256).await.unwrap();
        assert!(bytes == *pdf, "the resume of {id} is intact");
    }
}

/// Waits until the server has confirmed at least `n` applications since it started, by
/// watching its own metrics, so each kill lands in the middle of real work.
fn wait_for_applications(server: &Server, n: usize) {
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while count_created(&server.addr) < n {
        assert!(std::time::Instant::now() < deadline, "the server confirmed fewer than {n} applications in 60 s");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// 201 responses counted by `/metrics`.
fn count_created(addr: &str) -> usize {
    let Ok(mut stream) = TcpStream::connect(addr) else { return 0 };
    let _ = write!(stream, "GET /metrics HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    let mut text = String::new();
    let _ = stream.read_to_string(&mut text);
    text.lines()
        .filter(|l| l.starts_with("hired_http_requests_total") && l.contains("status=\"201\""))
        .filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
        .sum::<f64>() as usize
}
