//! `cargo xtask bench apply [--postings N]`: the careers site under load, on SQLite and on
//! PostgreSQL. wrk posts applications (a ~100 KB PDF from the shared corpus, a new applicant
//! each time) to the public application endpoint — target p99 <= 100 ms, aiming at >= 500
//! applications/s — and reads the careers listing with N published postings — target p99 <= 10 ms.

use std::fs;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};

use super::hired::{Backend, Hired};
use super::wrk::{self, WrkReport, wrk_args};
use crate::corpus;
use crate::tools::{self, Tool};

/// Postings published unless `--postings` says otherwise.
const DEFAULT_POSTINGS: u32 = 1_000;
/// Target for the application endpoint's 99th percentile latency.
const APPLY_P99_TARGET_US: f64 = 100_000.0;
/// Target for the careers listing's 99th percentile latency.
const LIST_P99_TARGET_US: f64 = 10_000.0;
/// Throughput aimed at on 2 cores (reported, not a pass/fail target).
const APPLY_AIM_PER_SEC: f64 = 500.0;
/// Concurrent applicants during the apply run.
const APPLY_CONNECTIONS: u32 = 8;

/// The wrk script: one multipart application per request with a fresh email address.
const SCRIPT: &str = r#"
local boundary = "hiredbenchboundary"
local prefix, suffix
local counter = 0
local nonce = tostring(os.time()) .. tostring(math.random(1000000))

function setup(thread)
  thread:set("tid", tostring(math.random(1000000000)))
end

function init(args)
  local f = assert(io.open(os.getenv("HIRED_BENCH_PDF"), "rb"))
  local pdf = f:read("*all")
  f:close()
  prefix = "--" .. boundary .. '\r\nContent-Disposition: form-data; name="name"\r\n\r\nBench Applicant\r\n'
    .. "--" .. boundary .. '\r\nContent-Disposition: form-data; name="consent"\r\n\r\non\r\n'
    .. "--" .. boundary .. '\r\nContent-Disposition: form-data; name="email"\r\n\r\n'
  suffix = "\r\n--" .. boundary .. '\r\nContent-Disposition: form-data; name="resume"; filename="cv.pdf"\r\n'
    .. "Content-Type: application/pdf\r\n\r\n" .. pdf .. "\r\n--" .. boundary .. "--\r\n"
end

function request()
  counter = counter + 1
  local email = "bench-" .. nonce .. "-" .. tid .. "-" .. counter .. "@example.com"
  local headers = { ["Content-Type"] = "multipart/form-data; boundary=" .. boundary }
  return wrk.format("POST", nil, headers, prefix .. email .. suffix)
end
"#;

/// One measured endpoint.
struct Row {
    backend: &'static str,
    endpoint: &'static str,
    target_us: f64,
    outcome: Result<WrkReport, String>,
}

impl Row {
    fn passed(&self) -> bool {
        self.outcome
            .as_ref()
            .is_ok_and(|r| r.p99_us <= self.target_us && r.non_2xx_3xx == 0 && r.socket_errors.is_none())
    }
}

/// Runs the benchmark; `Ok(true)` when every target was met.
pub fn run(args: &[String]) -> Result<bool> {
    let postings = parse(args)?;
    tools::ensure(&[Tool::Wrk, Tool::Postgres])?;
    let pdf = corpus_pdf()?;
    println!("xtask: applications carry {} ({} KB)", pdf.display(), fs::metadata(&pdf)?.len() / 1024);
    let hired = Hired::build()?;
    let mut rows = Vec::new();
    for backend in ["sqlite", "postgres"] {
        println!("xtask: apply bench on {backend}");
        let backend_dir = Backend::start(backend, "apply")?;
        let store = backend_dir.store();
        let seed = hired.seed(&store, 0, 1, postings)?;
        let slug = seed.posting_slug.context("hired bench seed published no posting")?;
        let unlimited = ["--apply-per-minute", "1000000000"];
        let (server, port) = hired.serve(&store, false, &unlimited, backend_dir.path("serve.log"))?;
        let list =
            wrk::run(&format!("http://127.0.0.1:{port}/careers"), "Accept: text/html").map_err(|e| format!("{e:#}"));
        rows.push(Row { backend, endpoint: "GET /careers", target_us: LIST_P99_TARGET_US, outcome: list });
        let script = backend_dir.path("apply.lua");
        fs::write(&script, SCRIPT)?;
        let apply_args = vec!["-t2".to_owned(), format!("-c{APPLY_CONNECTIONS}"), "-d10s".to_owned()];
        let pdf_path = pdf.to_string_lossy().into_owned();
        let apply = wrk::run_script(
            &format!("http://127.0.0.1:{port}/api/v1/board/postings/{slug}/applications"),
            &script,
            &apply_args,
            &[("HIRED_BENCH_PDF", pdf_path.as_str())],
        )
        .map_err(|e| format!("{e:#}"));
        rows.push(Row {
            backend,
            endpoint: "POST /api/v1/board/postings/{slug}/applications",
            target_us: APPLY_P99_TARGET_US,
            outcome: apply,
        });
        drop(server);
        drop(backend_dir);
    }
    Ok(report(postings, &rows))
}

/// Parses `[--postings N]`.
fn parse(args: &[String]) -> Result<u32> {
    let usage = "usage: cargo xtask bench apply [--postings N]";
    match args {
        [] => Ok(DEFAULT_POSTINGS),
        [flag, n] if flag == "--postings" => n.parse().with_context(|| format!("bad N {n:?}\n{usage}")),
        _ => bail!("unexpected arguments {args:?}\n{usage}"),
    }
}

/// The corpus PDF closest to 100 KB.
fn corpus_pdf() -> Result<PathBuf> {
    let root = corpus::dir().context("no resume corpus found; set HIRED_CORPUS_DIR to shared/corpus")?;
    let dir = root.join("resumes/pdf");
    let mut best: Option<(u64, PathBuf)> = None;
    for entry in fs::read_dir(&dir).with_context(|| format!("no corpus at {}; set HIRED_CORPUS_DIR", dir.display()))? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "pdf") {
            let distance = fs::metadata(&path)?.len().abs_diff(100 * 1024);
            if best.as_ref().is_none_or(|(d, _)| distance < *d) {
                best = Some((distance, path));
            }
        }
    }
    best.map(|(_, path)| path).with_context(|| format!("no PDF in {}", dir.display()))
}

/// Prints the summary table and tells whether every target was met.
fn report(postings: u32, rows: &[Row]) -> bool {
    let ms = |us: f64| format!("{:.2}ms", us / 1000.0);
    println!();
    println!(
        "apply bench: {postings} published postings; listing wrk {}, applications wrk -t2 -c{APPLY_CONNECTIONS} -d10s",
        wrk_args().join(" ")
    );
    println!("{:<9} {:<50} {:>9} {:>9} {:>9} {:>9}  target", "backend", "endpoint", "req/s", "p50", "p90", "p99");
    for row in rows {
        let verdict = if row.passed() { "PASS" } else { "FAIL" };
        let target = format!("p99<={}", ms(row.target_us));
        match &row.outcome {
            Ok(r) => {
                let mut notes = Vec::new();
                if r.non_2xx_3xx > 0 {
                    notes.push(format!("{} non-2xx/3xx responses", r.non_2xx_3xx));
                }
                notes.extend(r.socket_errors.clone());
                if row.target_us == APPLY_P99_TARGET_US {
                    let aim = if r.requests_per_sec >= APPLY_AIM_PER_SEC { "met" } else { "missed" };
                    notes.push(format!("aim of {APPLY_AIM_PER_SEC} applications/s {aim}"));
                }
                println!(
                    "{:<9} {:<50} {:>9.1} {:>9} {:>9} {:>9}  {target} {verdict}{}",
                    row.backend,
                    row.endpoint,
                    r.requests_per_sec,
                    ms(r.p50_us),
                    ms(r.p90_us),
                    ms(r.p99_us),
                    notes.iter().map(|n| format!(" ({n})")).collect::<String>()
                );
            }
            Err(why) => println!("{:<9} {:<50} {:>39}  {target} {verdict} ({why})", row.backend, row.endpoint, "-"),
        }
    }
    println!();
    rows.iter().all(Row::passed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_arguments() {
        assert_eq!(parse(&[]).unwrap(), DEFAULT_POSTINGS);
        assert_eq!(parse(&["--postings".into(), "50".into()]).unwrap(), 50);
        assert!(parse(&["--postings".into(), "lots".into()]).is_err());
    }
}
