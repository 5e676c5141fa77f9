//! Building a [`Taxonomy`] from the data files: the generated Linguist languages, their
//! overrides, the curated technologies (merged in, and winning every conflict with a generated
//! alias) and the certifications. Anything inconsistent in the data is reported as a problem
//! rather than a panic; the tests require there be none.

use std::collections::HashMap;

use super::certs::{CertMatcher, CertPattern, words};
use super::keys::{compact_key, key};
use super::matcher::{FindMode, Pattern, TextMatcher};
use super::{CATEGORIES, CertDef, Taxonomy, Tech};

/// The text of the four data files.
#[derive(Clone, Copy)]
pub(super) struct Sources<'a> {
    pub languages: &'a str,
    pub overrides: &'a str,
    pub technologies: &'a str,
    pub certifications: &'a str,
}

/// The data files compiled into the crate.
pub(super) const BUILTIN: Sources<'static> = Sources {
    languages: include_str!("../../data/languages.txt"),
    overrides: include_str!("../../data/language-overrides.txt"),
    technologies: include_str!("../../data/technologies.txt"),
    certifications: include_str!("../../data/certifications.txt"),
};

struct Term {
    text: String,
    mode: FindMode,
    curated: bool,
}

struct Entry {
    name: String,
    category: String,
    terms: Vec<Term>,
    implies: Vec<String>,
    curated: bool,
}

/// Builds the taxonomy from `sources` plus the `added` (alias, canonical name) pairs, which
/// the caller has checked, with a description of every inconsistency found in the data.
pub(super) fn build(sources: Sources<'static>, added: Vec<(String, String)>) -> (Taxonomy, Vec<String>) {
    let mut problems = Vec::new();
    let mut entries = generated(sources.languages);
    apply_overrides(&mut entries, sources.overrides, &mut problems);
    merge_curated(&mut entries, sources.technologies, &mut problems);
    add_aliases(&mut entries, &added);
    let by_key = index_terms(&mut entries, &mut problems);
    let by_compact = index_compact(&entries, &mut problems);

    let by_name: HashMap<String, usize> =
        entries.iter().enumerate().map(|(index, entry)| (key(&entry.name), index)).collect();
    let mut implies = Vec::with_capacity(entries.len());
    for entry in &entries {
        if !CATEGORIES.contains(&entry.category.as_str()) {
            problems.push(format!("{}: unknown category {:?}", entry.name, entry.category));
        }
        let mut targets = Vec::new();
        for target in &entry.implies {
            let Some(&index) = by_name.get(&key(target)) else {
                problems.push(format!("{} implies unknown {target:?}", entry.name));
                continue;
            };
            let canonical = entries.get(index).map_or("", |e| e.name.as_str());
            if canonical == entry.name {
                problems.push(format!("{} implies itself", entry.name));
            } else if canonical != target {
                problems.push(format!("{} implies {target:?}: write {canonical:?}", entry.name));
            } else {
                targets.push(index);
            }
        }
        implies.push(targets);
    }

    let text = TextMatcher::new(find_patterns(&entries)).unwrap_or_else(|error| {
        problems.push(format!("skill matcher: {error}"));
        TextMatcher::empty()
    });
    let (certs, cert_patterns) = certifications(sources.certifications, &mut problems);
    let cert_matcher = CertMatcher::new(cert_patterns).unwrap_or_else(|error| {
        problems.push(format!("certification matcher: {error}"));
        CertMatcher::empty()
    });

    let techs = entries.into_iter().map(into_tech).collect();
    let taxonomy = Taxonomy { techs, by_key, by_compact, by_name, implies, text, certs, cert_matcher, sources, added };
    (taxonomy, problems)
}

/// The non-comment, non-blank lines of a data file, split on "|" and trimmed.
fn rows(file: &str) -> impl Iterator<Item = Vec<&str>> {
    file.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| line.split('|').map(str::trim).collect())
}

fn list<'a>(cell: Option<&&'a str>) -> impl Iterator<Item = &'a str> {
    cell.copied().unwrap_or_default().split(',').map(str::trim).filter(|item| !item.is_empty())
}

/// A curated name or alias with its mark: "=Go" exact, "~Cake" lookup only; unmarked, as
/// [`unmarked_mode`] says.
fn curated_term(raw: &str) -> Term {
    let (mode, text) = if let Some(text) = raw.strip_prefix('=') {
        (FindMode::Exact, text)
    } else if let Some(text) = raw.strip_prefix('~') {
        (FindMode::Off, text)
    } else {
        (unmarked_mode(raw), raw)
    };
    Term { text: text.trim().to_string(), mode, curated: true }
}

/// How find() treats an unmarked term: one character is lookup only, two are matched exactly
/// as written ("Dj", not "DJ" or "dj"), longer ones in any case.
fn unmarked_mode(text: &str) -> FindMode {
    match text.trim().chars().count() {
        0 | 1 => FindMode::Off,
        2 => FindMode::Exact,
        _ => FindMode::Insensitive,
    }
}

/// Adds the aliases admins wrote as curated, unmarked terms of their technology, so that
/// lookup and find() treat them exactly like the data files' aliases.
fn add_aliases(entries: &mut [Entry], added: &[(String, String)]) {
    for (alias, canonical) in added {
        if let Some(entry) = entries.iter_mut().find(|entry| entry.name == *canonical) {
            entry.terms.push(Term { text: alias.trim().to_string(), mode: unmarked_mode(alias), curated: true });
        }
    }
}

/// Linguist languages: the name is matched as written (never when one letter), aliases
/// (lower-case code-fence names such as "rb", "ls") are lookup only.
fn generated(file: &str) -> Vec<Entry> {
    rows(file)
        .filter_map(|cells| {
            let name = cells.first().filter(|name| !name.is_empty())?.to_string();
            let name_mode = if name.chars().count() > 1 { FindMode::Exact } else { FindMode::Off };
            let mut terms = vec![Term { text: name.clone(), mode: name_mode, curated: false }];
            terms.extend(list(cells.get(2)).map(|alias| Term {
                text: alias.to_string(),
                mode: FindMode::Off,
                curated: false,
            }));
            Some(Entry {
                name,
                category: cells.get(1).copied().unwrap_or("language").to_string(),
                terms,
                implies: Vec::new(),
                curated: false,
            })
        })
        .collect()
}

fn apply_overrides(entries: &mut Vec<Entry>, file: &str, problems: &mut Vec<String>) {
    for cells in rows(file) {
        let verb = cells.first().copied().unwrap_or_default();
        let names: Vec<&str> = match verb {
            "nofind" => list(cells.get(1)).collect(),
            _ => cells.get(1).copied().into_iter().collect(),
        };
        for name in names {
            let Some(position) = entries.iter().position(|e| e.name.eq_ignore_ascii_case(name)) else {
                problems.push(format!("override {verb}: no language named {name:?}"));
                continue;
            };
            if verb == "drop" {
                entries.remove(position);
                continue;
            }
            let Some(entry) = entries.get_mut(position) else {
                continue;
            };
            match verb {
                "unalias" => {
                    for alias in list(cells.get(2)) {
                        let before = entry.terms.len();
                        entry.terms.retain(|t| key(&t.text) != key(alias));
                        if entry.terms.len() == before {
                            problems.push(format!("override unalias: {name} has no alias {alias:?}"));
                        }
                    }
                }
                "nofind" => {
                    for term in &mut entry.terms {
                        term.mode = FindMode::Off;
                    }
                }
                _ => problems.push(format!("override: unknown verb {verb:?}")),
            }
        }
    }
}

fn merge_curated(entries: &mut Vec<Entry>, file: &str, problems: &mut Vec<String>) {
    // Generated names, exactly as written (aliases merge on those) and by key (names merge on
    // those); curated names by key, to catch a row listed twice.
    let generated: HashMap<String, usize> = entries.iter().enumerate().map(|(i, e)| (e.name.clone(), i)).collect();
    let generated_keys: HashMap<String, usize> = entries.iter().enumerate().map(|(i, e)| (key(&e.name), i)).collect();
    let mut curated_keys: HashMap<String, usize> = HashMap::new();
    for cells in rows(file) {
        let Some(name_term) = cells.first().filter(|c| !c.is_empty()).map(|c| curated_term(c)) else {
            continue;
        };
        let name = name_term.text.clone();
        let category = cells.get(1).copied().unwrap_or_default().to_string();
        let mut terms = vec![name_term];
        terms.extend(list(cells.get(2)).map(curated_term));
        let implies: Vec<String> = list(cells.get(3)).map(str::to_string).collect();

        if curated_keys.contains_key(&key(&name)) {
            problems.push(format!("{name}: listed twice"));
            continue;
        }
        let target = generated_keys
            .get(&key(&name))
            .or_else(|| terms.iter().find_map(|t| generated.get(&t.text)))
            .copied()
            .filter(|&index| entries.get(index).is_some_and(|e| !e.curated));
        let index = match target {
            Some(index) => index,
            None => {
                entries.push(Entry {
                    name: name.clone(),
                    category: String::new(),
                    terms: Vec::new(),
                    implies: Vec::new(),
                    curated: true,
                });
                entries.len() - 1
            }
        };
        curated_keys.insert(key(&name), index);
        let Some(entry) = entries.get_mut(index) else {
            continue;
        };
        entry.name = name;
        entry.category = category;
        entry.implies.extend(implies);
        entry.curated = true;
        for term in terms {
            add_curated_term(entry, term, problems);
        }
    }
}

/// Adds a curated term to an entry: it replaces a generated term of the same key; next to a
/// curated one of the same key it is redundant, another exact spelling ("Less", "LESS"), or a
/// contradiction.
fn add_curated_term(entry: &mut Entry, term: Term, problems: &mut Vec<String>) {
    let term_key = key(&term.text);
    if term_key.is_empty() {
        return;
    }
    entry.terms.retain(|t| t.curated || key(&t.text) != term_key);
    let same: Vec<&Term> = entry.terms.iter().filter(|t| key(&t.text) == term_key).collect();
    if same.is_empty()
        || (term.mode == FindMode::Exact && same.iter().all(|t| t.mode == FindMode::Exact && t.text != term.text))
    {
        entry.terms.push(term);
    } else if same.iter().any(|t| t.mode != term.mode) {
        problems.push(format!("{}: {:?} is marked two ways", entry.name, term.text));
    }
}

/// The exact-key index. Curated terms go first and must be unique across technologies; a
/// generated alias that a curated term (or an earlier language) already holds is dropped.
fn index_terms(entries: &mut [Entry], problems: &mut Vec<String>) -> HashMap<String, usize> {
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for (index, entry) in entries.iter().enumerate() {
        for term in entry.terms.iter().filter(|t| t.curated) {
            let owner = *by_key.entry(key(&term.text)).or_insert(index);
            if owner != index {
                let other = entries.get(owner).map_or("?", |e| e.name.as_str());
                problems.push(format!("{:?} is an alias of both {other} and {}", term.text, entry.name));
            }
        }
    }
    for (index, entry) in entries.iter_mut().enumerate() {
        let name = entry.name.clone();
        entry.terms.retain(|term| {
            if term.curated {
                return true;
            }
            let owner = *by_key.entry(key(&term.text)).or_insert(index);
            if owner != index && term.text == name {
                problems.push(format!("language name {name:?} is taken by another entry"));
            }
            owner == index
        });
    }
    by_key
}

/// The loose-key index ("nodejs"), curated terms first; a loose key two generated languages
/// share is left out, one two curated technologies share is a problem.
fn index_compact(entries: &[Entry], problems: &mut Vec<String>) -> HashMap<String, usize> {
    let mut owners: HashMap<String, Option<usize>> = HashMap::new();
    for curated in [true, false] {
        for (index, entry) in entries.iter().enumerate() {
            for term in entry.terms.iter().filter(|t| t.curated == curated) {
                let compact = compact_key(&term.text);
                if compact.is_empty() {
                    continue;
                }
                match owners.get(&compact) {
                    None => {
                        owners.insert(compact, Some(index));
                    }
                    Some(Some(owner)) if *owner != index => {
                        if curated {
                            problems.push(format!(
                                "{:?} of {} reads like an alias of another entry",
                                term.text, entry.name
                            ));
                        } else if !entries.get(*owner).is_some_and(|e| e.curated) {
                            owners.insert(compact, None);
                        }
                    }
                    Some(_) => {}
                }
            }
        }
    }
    owners.into_iter().filter_map(|(compact, owner)| Some((compact, owner?))).collect()
}

/// The names and aliases find() looks for, once each per technology.
fn find_patterns(entries: &[Entry]) -> Vec<Pattern> {
    let mut patterns = Vec::new();
    for (index, entry) in entries.iter().enumerate() {
        let mut seen: Vec<String> = Vec::new();
        for term in &entry.terms {
            let exact = match term.mode {
                FindMode::Off => continue,
                FindMode::Exact => true,
                FindMode::Insensitive => false,
            };
            let seen_as = if exact { term.text.clone() } else { key(&term.text) };
            if seen.contains(&seen_as) {
                continue;
            }
            seen.push(seen_as);
            patterns.push(Pattern { text: term.text.clone(), tech: index, exact });
        }
    }
    patterns
}

fn into_tech(entry: Entry) -> Tech {
    let mut aliases: Vec<String> = Vec::new();
    for term in entry.terms {
        if term.text != entry.name && !aliases.contains(&term.text) {
            aliases.push(term.text);
        }
    }
    Tech { name: entry.name, category: entry.category, aliases, implies: entry.implies }
}

fn certifications(file: &str, problems: &mut Vec<String>) -> (Vec<CertDef>, Vec<CertPattern>) {
    let mut certs: Vec<CertDef> = Vec::new();
    let mut patterns: Vec<CertPattern> = Vec::new();
    let mut owners: HashMap<String, usize> = HashMap::new();
    for cells in rows(file) {
        let Some(name) = cells.first().filter(|name| !name.is_empty()) else {
            continue;
        };
        let index = certs.len();
        let mut aliases: Vec<String> = Vec::new();
        let mut folded_seen: Vec<String> = Vec::new();
        for raw in list(cells.get(2)).chain(std::iter::once(*name)) {
            let (exact, text) = match raw.strip_prefix('=') {
                Some(text) => (true, text.trim()),
                None => (false, raw),
            };
            let reduced = words(text);
            let folded = reduced.to_lowercase();
            if reduced.is_empty() || folded_seen.contains(&folded) {
                continue;
            }
            folded_seen.push(folded.clone());
            let owner = *owners.entry(folded).or_insert(index);
            if owner != index {
                problems.push(format!("certification alias {text:?} of {name} is taken"));
                continue;
            }
            if text != *name && !aliases.iter().any(|a| a == text) {
                aliases.push(text.to_string());
            }
            patterns.push(CertPattern { words: reduced, cert: index, exact });
        }
        certs.push(CertDef {
            name: name.to_string(),
            issuer: cells.get(1).copied().unwrap_or_default().to_string(),
            aliases,
        });
    }
    (certs, patterns)
}
