//! `cargo xtask bench pipeline [--applications N]`: a requisition with N applications over 8
//! stages, on SQLite and on PostgreSQL; wrk against its pipeline board (session cookie) and its
//! applications API (bearer token); targets p99 <= 20 ms. Then the peak RSS of an idle
//! `hired serve --demo`; target <= 100 MiB.

use std::fs;
use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result, bail};

use super::hired::{Backend, Hired, Store};
use super::wrk::{self, WrkReport, wrk_args};
use crate::net;
use crate::tempdir::TempDir;
use crate::tools::{self, Tool};

/// Applications seeded unless `--applications` says otherwise.
const DEFAULT_APPLICATIONS: u32 = 10_000;
/// Pipeline stages of the seeded requisition.
const STAGES: u32 = 8;
/// Target for every endpoint's 99th percentile latency.
const P99_TARGET_US: f64 = 20_000.0;
/// Target for an idle server's peak resident memory.
const RSS_TARGET_KIB: u64 = 100 * 1024;

/// One wrk run in the summary table.
struct Row {
    /// `sqlite` or `postgres`.
    backend: &'static str,
    /// The endpoint, with `{id}` for the requisition.
    endpoint: &'static str,
    /// wrk's numbers, or why there are none.
    outcome: Result<WrkReport, String>,
}

impl Row {
    /// Whether the endpoint met its target with only successful responses.
    fn passed(&self) -> bool {
        self.outcome.as_ref().is_ok_and(|report| {
            report.p99_us <= P99_TARGET_US && report.non_2xx_3xx == 0 && report.socket_errors.is_none()
        })
    }
}

/// Runs the benchmark; `Ok(true)` when every target was met.
pub fn run(args: &[String]) -> Result<bool> {
    let applications = parse(args)?;
    tools::ensure(&[Tool::Wrk, Tool::Postgres])?;
    let hired = Hired::build()?;

    let mut rows = Vec::new();
    for backend in ["sqlite", "postgres"] {
        println!("xtask: pipeline bench on {backend}");
        let backend_dir = Backend::start(backend, "pipeline")?;
        let store = backend_dir.store();
        let seed = hired.seed(&store, applications, STAGES, 0)?;
        let (server, port) = hired.serve(&store, false, &[], backend_dir.path("serve.log"))?;
        let id = &seed.requisition_id;
        let endpoints = [
            (
                "GET /requisitions/{id}/board",
                format!("/requisitions/{id}/board"),
                format!("Cookie: {}", seed.session_cookie),
            ),
            (
                "GET /api/v1/requisitions/{id}/applications?limit=50",
                format!("/api/v1/requisitions/{id}/applications?limit=50"),
                format!("Authorization: Bearer {}", seed.token),
            ),
        ];
        for (endpoint, path, header) in endpoints {
            rows.push(Row { backend, endpoint, outcome: measure(port, &path, &header) });
        }
        drop(server);
        drop(backend_dir);
    }

    let rss_kib = idle_peak_rss(&hired)?;
    Ok(report(applications, &rows, rss_kib))
}

/// Parses `[--applications N]`.
fn parse(args: &[String]) -> Result<u32> {
    let usage = "usage: cargo xtask bench pipeline [--applications N]";
    match args {
        [] => Ok(DEFAULT_APPLICATIONS),
        [flag, n] if flag == "--applications" => n.parse().with_context(|| format!("bad N {n:?}\n{usage}")),
        _ => bail!("unexpected arguments {args:?}\n{usage}"),
    }
}

/// Checks that `path` answers 200 with `header`, then runs wrk against it.
fn measure(port: u16, path: &str, header: &str) -> Result<WrkReport, String> {
    match net::http_status(port, path, &[header], Duration::from_secs(30)) {
        Ok(200) => {}
        Ok(status) => return Err(format!("HTTP {status} before the run")),
        Err(e) => return Err(format!("no answer before the run: {e}")),
    }
    wrk::run(&format!("http://127.0.0.1:{port}{path}"), header).map_err(|e| format!("{e:#}"))
}

/// Starts `hired serve --demo` on SQLite, waits until it is ready and returns its peak
/// resident memory (VmHWM) in KiB.
fn idle_peak_rss(hired: &Hired) -> Result<u64> {
    println!("xtask: peak RSS of an idle hired serve --demo");
    let dir = TempDir::new("bench-demo")?;
    let data_dir = dir.path().join("data");
    fs::create_dir(&data_dir)?;
    let store = Store { data_dir: &data_dir, database_url: None };
    let (server, _port) = hired.serve(&store, true, &[], dir.path().join("serve.log"))?;
    vm_hwm_kib(server.pid())
}

/// VmHWM (peak resident set size) of process `pid`, in KiB.
fn vm_hwm_kib(pid: u32) -> Result<u64> {
    let path = format!("/proc/{pid}/status");
    let status = fs::read_to_string(Path::new(&path)).with_context(|| format!("cannot read {path}"))?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|value| value.trim().strip_suffix("kB")?.trim().parse().ok())
        .with_context(|| format!("no VmHWM in {path}"))
}

/// Prints the summary table and tells whether every target was met.
fn report(applications: u32, rows: &[Row], rss_kib: u64) -> bool {
    let ms = |us: f64| format!("{:.2}ms", us / 1000.0);
    println!();
    println!("pipeline bench: {applications} applications, {STAGES} stages, wrk {} --latency", wrk_args().join(" "));
    println!("{:<9} {:<52} {:>10} {:>9} {:>9} {:>9}  p99<=20ms", "backend", "endpoint", "req/s", "p50", "p90", "p99");
    for row in rows {
        let verdict = if row.passed() { "PASS" } else { "FAIL" };
        match &row.outcome {
            Ok(r) => {
                let mut notes = Vec::new();
                if r.non_2xx_3xx > 0 {
                    notes.push(format!("{} non-2xx/3xx responses", r.non_2xx_3xx));
                }
                notes.extend(r.socket_errors.clone());
                println!(
                    "{:<9} {:<52} {:>10.1} {:>9} {:>9} {:>9}  {verdict}{}",
                    row.backend,
                    row.endpoint,
                    r.requests_per_sec,
                    ms(r.p50_us),
                    ms(r.p90_us),
                    ms(r.p99_us),
                    notes.iter().map(|note| format!(" ({note})")).collect::<String>()
                );
            }
            Err(why) => println!("{:<9} {:<52} {:>41}  {verdict} ({why})", row.backend, row.endpoint, "-"),
        }
    }
    let rss_ok = rss_kib <= RSS_TARGET_KIB;
    println!(
        "idle hired serve --demo peak RSS (VmHWM): {:.1} MiB (limit {} MiB)  {}",
        rss_kib as f64 / 1024.0,
        RSS_TARGET_KIB / 1024,
        if rss_ok { "PASS" } else { "FAIL" }
    );
    println!();
    rows.iter().all(Row::passed) && rss_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_arguments() {
        assert_eq!(parse(&[]).unwrap(), DEFAULT_APPLICATIONS);
        assert_eq!(parse(&["--applications".into(), "500".into()]).unwrap(), 500);
        assert!(parse(&["--applications".into()]).is_err());
        assert!(parse(&["--applications".into(), "many".into()]).is_err());
    }

    #[test]
    fn reads_our_own_peak_rss() {
        assert!(vm_hwm_kib(std::process::id()).unwrap() > 0);
    }
}
