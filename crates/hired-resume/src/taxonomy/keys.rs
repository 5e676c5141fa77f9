//! Normalizing skill names for lookup: the index keys, and the successively looser readings of
//! a skill as a candidate wrote it ("Python 3 - preferred" -> "Python 3" -> "Python").

/// Skills longer than this are sentences, not names; lookup does not try them.
const MAX_SKILL_LEN: usize = 200;

/// Trailing words that qualify a skill without changing it ("Bash scripting", "Stripe API").
const GENERIC_WORDS: &[&str] = &[
    "api",
    "apis",
    "basics",
    "cli",
    "developer",
    "development",
    "ecosystem",
    "framework",
    "language",
    "programming",
    "script",
    "scripting",
    "scripts",
    "sdk",
    "testing",
    "tooling",
];

/// The exact-lookup key: lower case, runs of whitespace as one space, trimmed.
pub(super) fn key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// The loose key: lower case without spaces, dots, hyphens, underscores or slashes, so that
/// "NodeJS", "Node.js" and "node js" meet.
pub(super) fn compact_key(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '.' | '-' | '_' | '/'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The readings of `raw` to try, strictest first: as written; without a " - note" tail;
/// without a trailing "(note)"; without trailing version numbers; without a trailing generic
/// word. Each is a slice of `raw`.
pub(super) fn lookup_candidates<'a>(raw: &'a str) -> Vec<&'a str> {
    let mut out: Vec<&'a str> = Vec::new();
    if raw.len() > MAX_SKILL_LEN {
        return out;
    }
    let mut push = |candidate: &'a str| {
        let candidate = candidate.trim();
        if !candidate.is_empty() && out.last() != Some(&candidate) {
            out.push(candidate);
        }
    };
    let written =
        raw.trim().trim_start_matches(['-', '*', '•', '·', '–']).trim().trim_end_matches(['.', ',', ';', ':']).trim();
    push(written);
    let without_note = cut_note(written);
    push(without_note);
    let without_parens = cut_parenthesis(without_note);
    push(without_parens);
    let without_version = cut_versions(without_parens);
    push(without_version);
    let without_generic = cut_generic_word(without_version);
    push(without_generic);
    push(cut_versions(without_generic));
    out
}

/// "Python 3 - preferred" -> "Python 3" (a spaced dash starts a note).
fn cut_note(text: &str) -> &str {
    [" - ", " – ", " — "].iter().filter_map(|dash| text.find(dash)).min().and_then(|at| text.get(..at)).unwrap_or(text)
}

/// "Kubernetes (K8s)" -> "Kubernetes".
fn cut_parenthesis(text: &str) -> &str {
    if !text.ends_with(')') {
        return text;
    }
    match text.rfind('(').and_then(|at| text.get(..at)) {
        Some(head) if !head.trim().is_empty() => head.trim_end(),
        _ => text,
    }
}

/// "Laravel 5.*" -> "Laravel", "SQL Server 2005,2008,2012" -> "SQL Server".
fn cut_versions(text: &str) -> &str {
    let mut text = text;
    while let Some((head, last)) = text.rsplit_once(' ')
        && is_version(last)
    {
        text = head.trim_end();
    }
    text
}

fn is_version(token: &str) -> bool {
    let token = token.strip_prefix(['v', 'V']).unwrap_or(token);
    token.starts_with(|c: char| c.is_ascii_digit())
        && token.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | '*' | '+' | '-' | ',' | 'x'))
}

/// "Powershell scripting" -> "Powershell".
fn cut_generic_word(text: &str) -> &str {
    match text.rsplit_once(' ') {
        Some((head, last)) if GENERIC_WORDS.iter().any(|word| word.eq_ignore_ascii_case(last)) => head.trim_end(),
        _ => text,
    }
}
