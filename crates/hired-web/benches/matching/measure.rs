//! What the benchmarks share: memory readings, percentiles, verdicts and arguments.

use std::time::Duration;

/// The target for building the indexes of a million candidates.
pub const BUILD: Duration = Duration::from_secs(60);
/// The target for the indexes' memory per candidate.
pub const BYTES_PER_CANDIDATE: f64 = 1536.0;

/// Resident set size of this process, from /proc.
pub fn rss_bytes() -> u64 {
    status_bytes("VmRSS:")
}

/// Resident anonymous memory (the heap, not mapped files such as an index on disk).
pub fn anon_bytes() -> u64 {
    status_bytes("RssAnon:")
}

fn status_bytes(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

/// The `p` quantile (0–1) of sorted durations.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// How a target's check reads.
pub fn verdict(ok: bool) -> &'static str {
    if ok { "PASS" } else { "FAIL" }
}

/// `--candidates N` from the command line, a million when absent.
pub fn candidates_arg() -> usize {
    let args: Vec<String> = std::env::args().collect();
    let value = args.iter().position(|a| a == "--candidates").and_then(|i| args.get(i + 1));
    value.map_or(1_000_000, |v| v.replace('_', "").parse().unwrap_or_else(|_| panic!("--candidates {v}: not a number")))
}

/// Milliseconds, for printing.
pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
