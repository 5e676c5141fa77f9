//! Running wrk and reading its report.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::cmd;

/// Threads, connections and duration of every wrk run. Connections default to 2 — two clients
/// with no think time, about what a busy hiring team puts on one requisition — because wrk
/// shares this machine's 2 cores with the server; `HIRED_BENCH_CONNECTIONS=8` measures heavier
/// load (latency then grows with the queue: connections ÷ throughput).
pub fn wrk_args() -> Vec<String> {
    let connections: u32 =
        std::env::var("HIRED_BENCH_CONNECTIONS").ok().and_then(|c| c.parse().ok()).filter(|c| *c > 0).unwrap_or(2);
    let threads = connections.min(2);
    vec![format!("-t{threads}"), format!("-c{connections}"), "-d10s".to_owned()]
}

/// What a wrk run measured. Latencies are in microseconds.
#[derive(Debug, PartialEq)]
pub struct WrkReport {
    /// Requests per second.
    pub requests_per_sec: f64,
    /// Median latency.
    pub p50_us: f64,
    /// 90th percentile latency.
    pub p90_us: f64,
    /// 99th percentile latency.
    pub p99_us: f64,
    /// Responses with a status outside 2xx/3xx.
    pub non_2xx_3xx: u64,
    /// wrk's `Socket errors:` line, if any.
    pub socket_errors: Option<String>,
}

/// Runs `wrk --latency` with [`wrk_args`] and one extra `header` against `url`.
pub fn run(url: &str, header: &str) -> Result<WrkReport> {
    let mut wrk = Command::new("wrk");
    wrk.args(wrk_args()).args(["--latency", "-H", header, url]);
    run_command(wrk)
}

/// Runs `wrk --latency -s script` with `args` (threads, connections, duration) against `url`;
/// `env` reaches the script through `os.getenv`.
pub fn run_script(url: &str, script: &Path, args: &[String], env: &[(&str, &str)]) -> Result<WrkReport> {
    let mut wrk = Command::new("wrk");
    wrk.args(args).arg("--latency").arg("-s").arg(script).arg(url).envs(env.iter().copied());
    run_command(wrk)
}

fn run_command(mut wrk: Command) -> Result<WrkReport> {
    println!("xtask: $ {}", cmd::describe(&wrk));
    let out = wrk.output().context("cannot run wrk")?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        bail!("wrk failed ({}):\n{stdout}{}", out.status, String::from_utf8_lossy(&out.stderr));
    }
    parse(&stdout).with_context(|| format!("cannot read wrk's report:\n{stdout}"))
}

/// Reads wrk's `--latency` report.
fn parse(report: &str) -> Result<WrkReport> {
    let mut requests_per_sec = None;
    let (mut p50, mut p90, mut p99) = (None, None, None);
    let mut non_2xx_3xx = 0;
    let mut socket_errors = None;
    for line in report.lines().map(str::trim) {
        if let Some(value) = line.strip_prefix("Requests/sec:") {
            requests_per_sec = Some(value.trim().parse::<f64>()?);
        } else if let Some(value) = line.strip_prefix("Non-2xx or 3xx responses:") {
            non_2xx_3xx = value.trim().parse()?;
        } else if line.starts_with("Socket errors:") {
            socket_errors = Some(line.to_owned());
        } else if let [percentile, latency] = line.split_whitespace().collect::<Vec<_>>()[..] {
            let slot = match percentile {
                "50%" => &mut p50,
                "90%" => &mut p90,
                "99%" => &mut p99,
                _ => continue,
            };
            *slot = Some(duration_us(latency)?);
        }
    }
    Ok(WrkReport {
        requests_per_sec: requests_per_sec.context("no Requests/sec line")?,
        p50_us: p50.context("no 50% line (was --latency given?)")?,
        p90_us: p90.context("no 90% line")?,
        p99_us: p99.context("no 99% line")?,
        non_2xx_3xx,
        socket_errors,
    })
}

/// A wrk duration such as `635.91us`, `1.20ms`, `2.00s` or `1.50m`, in microseconds.
fn duration_us(text: &str) -> Result<f64> {
    const UNITS: [(&str, f64); 5] = [("us", 1.0), ("ms", 1e3), ("s", 1e6), ("m", 60e6), ("h", 3600e6)];
    for (suffix, scale) in UNITS {
        if let Some(number) = text.strip_suffix(suffix)
            && let Ok(value) = number.parse::<f64>()
        {
            return Ok(value * scale);
        }
    }
    bail!("bad wrk duration {text:?}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: &str = "\
Running 10s test @ http://127.0.0.1:8080/requisitions/x/board
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.52ms  650.12us  21.30ms   90.00%
    Req/Sec     2.68k   120.33     2.90k    75.50%
  Latency Distribution
     50%  635.91us
     75%    1.10ms
     90%    2.00ms
     99%   20.50ms
  53412 requests in 10.00s, 51.23MB read
  Socket errors: connect 0, read 0, write 0, timeout 2
  Non-2xx or 3xx responses: 7
Requests/sec:   5340.12
Transfer/sec:      5.12MB
";

    #[test]
    fn parses_a_latency_report() {
        let report = parse(REPORT).unwrap();
        assert_eq!(report.requests_per_sec, 5340.12);
        assert!((report.p50_us - 635.91).abs() < 1e-9);
        assert!((report.p90_us - 2000.0).abs() < 1e-9);
        assert!((report.p99_us - 20500.0).abs() < 1e-9);
        assert_eq!(report.non_2xx_3xx, 7);
        assert_eq!(report.socket_errors.as_deref(), Some("Socket errors: connect 0, read 0, write 0, timeout 2"));
    }

    #[test]
    fn reads_durations() {
        assert_eq!(duration_us("12.00us").unwrap(), 12.0);
        assert_eq!(duration_us("2.00s").unwrap(), 2e6);
        assert_eq!(duration_us("1.50m").unwrap(), 90e6);
        assert!(duration_us("fast").is_err());
        assert!(parse("Requests/sec: 1.0\n").is_err());
    }
}
