//! Matching and search at scale, on a deterministic population of developer profiles.
//! `cargo xtask bench match` runs `rank`; `cargo xtask bench search` runs `search`.

mod measure;
mod peers;
mod population;
mod rank;
mod search;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--list") {
        // A test runner asking for tests: this benchmark has none.
        return;
    }
    let n = measure::candidates_arg();
    // Cargo adds `--bench` to the arguments; the mode is the word among them.
    if args.iter().any(|a| a == "search-first-start") {
        search::first_start(n);
        return;
    }
    let met = if args.iter().any(|a| a == "search") { search::run(n) } else { rank::run(n) };
    if !met {
        std::process::exit(1);
    }
}
