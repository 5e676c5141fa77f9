//! Accuracy and speed of resume intake on the shared corpus: every PDF in
//! `$HIRED_CORPUS_DIR/resumes` parsed and scored against its JSON Resume ground truth, field by
//! field, counting only values the rendered document shows (found in `pdftotext`'s text,
//! given as `--visible DIR` with `NNN.txt` files); a field the document does not show is not
//! scored for that document. Email and phone are the primary ones (`basics`). Skills are the
//! technologies the ground truth names anywhere (skills lists, jobs, projects, summary), through
//! the taxonomy — the same set a recruiter would search on. Prints precision, recall and F1 per field,
//! p50/p99 time per document on one core, and — when `--baseline DIR` holds another parser's
//! `NNN.json` outputs — the same scores for it. `cargo xtask bench parse` runs it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use hired_domain::profile::{PartialDate, Profile};
use hired_resume::taxonomy::Taxonomy;
use serde_json::Value;

/// Targets from the issue, per field: F1 at least this.
const TARGETS: &[(&str, f64)] = &[
    ("email", 0.98),
    ("phone", 0.98),
    ("name", 0.95),
    ("skills", 0.90),
    ("employer", 0.85),
    ("title", 0.85),
    ("start", 0.85),
    ("end", 0.85),
];

/// True and false positives and false negatives of one field.
#[derive(Default, Clone, Copy)]
struct Tally {
    tp: u32,
    fp: u32,
    fn_: u32,
}

impl Tally {
    fn add(&mut self, truth: &BTreeSet<String>, found: &BTreeSet<String>) {
        self.tp += truth.intersection(found).count() as u32;
        self.fp += found.difference(truth).count() as u32;
        self.fn_ += truth.difference(found).count() as u32;
    }

    fn scores(self) -> (f64, f64, f64) {
        let p = if self.tp + self.fp == 0 { 1.0 } else { f64::from(self.tp) / f64::from(self.tp + self.fp) };
        let r = if self.tp + self.fn_ == 0 { 1.0 } else { f64::from(self.tp) / f64::from(self.tp + self.fn_) };
        let f1 = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
        (p, r, f1)
    }
}

/// Lower case, letters and digits only, single spaces: how values are compared.
fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// The last nine digits: a phone number with or without its country code.
fn phone_key(s: &str) -> String {
    let d = digits(s);
    d[d.len().saturating_sub(9)..].to_owned()
}

fn str_at<'a>(v: &'a Value, keys: &[&str]) -> Option<&'a str> {
    keys.iter().find_map(|k| v.get(*k)?.as_str()).map(str::trim).filter(|s| !s.is_empty())
}

/// Ground truth and prediction for one field of one document, as comparable strings.
struct Fields {
    name: BTreeSet<String>,
    email: BTreeSet<String>,
    phone: BTreeSet<String>,
    skills: BTreeSet<String>,
    employer: BTreeSet<String>,
    title: BTreeSet<String>,
    start: BTreeSet<String>,
    end: BTreeSet<String>,
}

/// What the ground truth says that the document visibly shows.
fn truth(json: &Value, visible: &str, taxonomy: &Taxonomy) -> Fields {
    let shows = |value: &str| !norm(value).is_empty() && visible.contains(&norm(value));
    let one = |keys: &[&str]| -> BTreeSet<String> {
        json.get("basics").and_then(|b| str_at(b, keys)).filter(|v| shows(v)).map(norm).into_iter().collect()
    };
    let phone: BTreeSet<String> = json
        .get("basics")
        .and_then(|b| str_at(b, &["phone"]))
        .filter(|p| digits(p).len() >= 6 && digits(visible).contains(&phone_key(p)))
        .map(phone_key)
        .into_iter()
        .collect();
    let mut skills = BTreeSet::new();
    for group in json.get("skills").and_then(Value::as_array).into_iter().flatten() {
        for k in group.get("keywords").and_then(Value::as_array).into_iter().flatten() {
            if let Some(k) = k.as_str().filter(|k| shows(k))
                && let Some(tech) = taxonomy.lookup(k)
            {
                skills.insert(norm(&tech.name));
            }
        }
    }
    let mut texts = Vec::new();
    collect_text(json, &mut texts);
    for text in texts {
        for m in taxonomy.find(text) {
            if text.get(m.start..m.end).is_some_and(&shows) {
                skills.insert(norm(&m.tech.name));
            }
        }
    }
    let work: Vec<&Value> = json.get("work").and_then(Value::as_array).into_iter().flatten().collect();
    let employer_of = |w: &Value| str_at(w, &["name", "company"]).map(str::to_owned);
    let mut f = Fields {
        name: one(&["name"]),
        email: BTreeSet::new(),
        phone,
        skills,
        employer: BTreeSet::new(),
        title: BTreeSet::new(),
        start: BTreeSet::new(),
        end: BTreeSet::new(),
    };
    f.email = json
        .get("basics")
        .and_then(|b| str_at(b, &["email"]))
        .filter(|e| e.contains('@') && visible.contains(&e.to_lowercase()))
        .map(str::to_lowercase)
        .into_iter()
        .collect();
    for w in work {
        let Some(employer) = employer_of(w).filter(|e| shows(e)) else { continue };
        let key = norm(&employer);
        f.employer.insert(key.clone());
        if let Some(t) = str_at(w, &["position"]).filter(|t| shows(t)) {
            f.title.insert(format!("{key}|{}", norm(t)));
        }
        if let Some(d) = str_at(w, &["startDate"]).and_then(hired_resume::jsonresume::parse_date) {
            f.start.insert(format!("{key}|{d}"));
        }
        let end = str_at(w, &["endDate"]).and_then(hired_resume::jsonresume::parse_date);
        f.end.insert(format!("{key}|{}", end.map_or("current".to_owned(), |d| d.to_string())));
    }
    f
}

/// The same fields from a parsed profile, compared at the precision the truth has.
fn predicted(p: &Profile, truth: &Fields) -> Fields {
    let at_precision = |d: PartialDate, key: &str, set: &BTreeSet<String>| -> String {
        let year_only = set.contains(&format!("{key}|{}", d.year));
        if year_only { format!("{key}|{}", d.year) } else { format!("{key}|{d}") }
    };
    let mut f = Fields {
        name: p.name.iter().map(|n| norm(n)).collect(),
        email: p.emails.first().map(|e| e.to_lowercase()).into_iter().collect(),
        phone: p.phones.first().map(|s| phone_key(s)).filter(|k| k.len() >= 6).into_iter().collect(),
        skills: p.skills.iter().map(|s| norm(&s.name)).collect(),
        employer: BTreeSet::new(),
        title: BTreeSet::new(),
        start: BTreeSet::new(),
        end: BTreeSet::new(),
    };
    for w in &p.work {
        let Some(key) = w.employer.as_deref().map(norm).filter(|k| !k.is_empty()) else { continue };
        f.employer.insert(key.clone());
        if let Some(t) = &w.title {
            f.title.insert(format!("{key}|{}", norm(t)));
        }
        if let Some(d) = w.start {
            f.start.insert(at_precision(d, &key, &truth.start));
        }
        match (w.end, w.current) {
            (Some(d), _) => f.end.insert(at_precision(d, &key, &truth.end)),
            (None, true) => f.end.insert(format!("{key}|current")),
            _ => false,
        };
    }
    f
}

const FIELD_NAMES: [&str; 8] = ["name", "email", "phone", "skills", "employer", "title", "start", "end"];

fn tally_all(tallies: &mut [Tally; 8], t: &Fields, f: &Fields) {
    let pairs = [
        (&t.name, &f.name),
        (&t.email, &f.email),
        (&t.phone, &f.phone),
        (&t.skills, &f.skills),
        (&t.employer, &f.employer),
        (&t.title, &f.title),
        (&t.start, &f.start),
        (&t.end, &f.end),
    ];
    for (tally, (truth, found)) in tallies.iter_mut().zip(pairs) {
        if !truth.is_empty() {
            tally.add(truth, found);
        }
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted.get(((sorted.len() as f64 - 1.0) * p).round() as usize).copied().unwrap_or_default()
}

fn arg(name: &str) -> Option<PathBuf> {
    let args: Vec<String> = std::env::args().collect();
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).map(PathBuf::from)
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        // A test runner asking for tests: this benchmark has none.
        return;
    }
    let Some(visible_dir) = arg("--visible") else {
        eprintln!("usage: corpus --visible DIR [--baseline DIR]; run it with `cargo xtask bench parse`");
        std::process::exit(2);
    };
    let corpus =
        std::env::var_os("HIRED_CORPUS_DIR").map_or_else(|| PathBuf::from("/work/shared/corpus"), PathBuf::from);
    let resumes = corpus.join("resumes");
    let baseline = arg("--baseline");
    let taxonomy = Taxonomy::builtin();
    let today = PartialDate::new(2026, Some(12)).expect("a valid date");
    let mut ours = [Tally::default(); 8];
    let mut theirs = [Tally::default(); 8];
    let mut times = Vec::new();
    let mut failures = Vec::new();
    let mut ids: Vec<String> = std::fs::read_dir(resumes.join("json"))
        .expect("the corpus json folder")
        .filter_map(|e| Some(e.ok()?.path().file_stem()?.to_str()?.to_owned()))
        .collect();
    ids.sort();
    for id in &ids {
        let json: Value =
            serde_json::from_str(&read_text(&resumes.join(format!("json/{id}.json")))).expect("ground truth JSON");
        let visible = norm(&read_text(&visible_dir.join(format!("{id}.txt"))));
        let visible_raw = read_text(&visible_dir.join(format!("{id}.txt"))).to_lowercase();
        let t = truth(&json, &format!("{visible} {visible_raw}"), taxonomy);
        let pdf = std::fs::read(resumes.join(format!("pdf/{id}.pdf"))).expect("corpus PDF");
        let started = Instant::now();
        let parsed = hired_resume::parse_document(&pdf, today);
        times.push(started.elapsed());
        match parsed {
            Ok(parsed) => tally_all(&mut ours, &t, &predicted(&parsed.profile, &t)),
            Err(e) => {
                failures.push(format!("{id}: {e}"));
                tally_all(&mut ours, &t, &predicted(&Profile::default(), &t));
            }
        }
        if let Some(dir) = &baseline {
            let profile = baseline_profile(&dir.join(format!("{id}.json")));
            tally_all(&mut theirs, &t, &predicted(&profile, &t));
        }
    }
    times.sort();
    println!(
        "resume intake on {} corpus PDFs (fields the PDF shows; skills: technologies named anywhere, through the taxonomy)",
        ids.len()
    );
    println!("{:<9} {:>6} {:>6} {:>6} {:>6}   {:>6} {:>6}  target", "field", "P", "R", "F1", "n", "base F1", "");
    let mut all_met = true;
    for (i, field) in FIELD_NAMES.iter().enumerate() {
        let (p, r, f1) = ours[i].scores();
        let target = TARGETS.iter().find(|(n, _)| n == field).map_or(0.0, |(_, t)| *t);
        let met = f1 >= target;
        all_met &= met;
        // resume-parser gives work history as one block of text: nothing to score per job.
        let base = match baseline {
            Some(_) if i < 4 => format!("{:.3}", theirs[i].scores().2),
            Some(_) => "n/a".into(),
            None => "-".into(),
        };
        println!(
            "{field:<9} {p:>6.3} {r:>6.3} {f1:>6.3} {:>6}   {base:>7}         F1>={target:.2} {}",
            ours[i].tp + ours[i].fn_,
            if met { "PASS" } else { "FAIL" }
        );
    }
    let (p50, p99) = (percentile(&times, 0.5), percentile(&times, 0.99));
    let speed = p50 <= Duration::from_millis(20) && p99 <= Duration::from_millis(200);
    println!(
        "time per document: p50 {p50:.2?}, p99 {p99:.2?} (targets 20 ms, 200 ms) {}",
        if speed { "PASS" } else { "FAIL" }
    );
    for f in &failures {
        println!("failed: {f}");
    }
    if !(all_met && speed) {
        std::process::exit(1);
    }
}

/// Every string in the ground truth except contact values and addresses, where a technology
/// mention would be an accident (`python@…`, `/go/…`).
fn collect_text<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
    match value {
        Value::String(s) if !s.contains('@') && !s.contains("://") => out.push(s),
        Value::Array(items) => items.iter().for_each(|v| collect_text(v, out)),
        Value::Object(map) => map.values().for_each(|v| collect_text(v, out)),
        _ => {}
    }
}

fn read_text(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// A baseline parser's output (`resume-parser` from npm: `name`, `email`, `phone`, `skills`
/// as text), as a profile for the same scoring.
fn baseline_profile(path: &Path) -> Profile {
    let json: Value = serde_json::from_str(&read_text(path)).unwrap_or(Value::Null);
    let s = |k: &str| json.get(k).and_then(Value::as_str).map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
    let taxonomy = Taxonomy::builtin();
    let skills = s("skills")
        .map(|text| {
            taxonomy
                .find(&text)
                .into_iter()
                .map(|m| hired_domain::profile::ProfileSkill {
                    name: m.tech.name.clone(),
                    category: m.tech.category.clone(),
                    years: None,
                })
                .collect()
        })
        .unwrap_or_default();
    Profile {
        name: s("name"),
        emails: s("email").into_iter().collect(),
        phones: s("phone").into_iter().collect(),
        skills,
        ..Profile::default()
    }
}
