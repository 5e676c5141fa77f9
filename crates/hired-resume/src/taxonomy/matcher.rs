//! Finding technology names in free text: one Aho-Corasick pass over the text for every name
//! and alias (case-insensitive), then per-mention checks for case, word boundaries and the
//! few rules that tell the language "Go" from the verb or "C" from "Series C".

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// How far the word checks look around a mention, in characters, so that a hostile text
/// without spaces costs no more than a normal one.
const SCAN_LIMIT: usize = 64;

/// How far the URL check looks for the start and end of the token around a mention.
const TOKEN_SCAN_LIMIT: usize = 512;

/// Words that, right before a single letter, make it a label rather than a language
/// ("Series C", "Plan C", "Vitamin C").
const LETTER_LABELS: &[&str] = &[
    "annex", "appendix", "block", "box", "building", "category", "class", "exhibit", "figure", "gate", "grade",
    "group", "hall", "item", "level", "line", "model", "option", "part", "phase", "plan", "point", "rank", "room",
    "round", "row", "schedule", "section", "series", "size", "stage", "step", "table", "team", "tier", "track", "type",
    "unit", "version", "vitamin", "wing",
];

/// Words that, right after a name that is also an ordinary word, show the ordinary word
/// ("Go to", "Make sure", "Chef de projet", "Salt Lake").
const WORD_FOLLOWERS: &[&str] =
    &["ahead", "back", "city", "d'", "d’", "de", "des", "du", "la", "lake", "le", "of", "out", "sure", "to", "up"];

/// Words that, right before such a name, show something else ("Hong Kong").
const WORD_LEADERS: &[&str] = &["hong", "sous"];

/// How find() treats one name or alias.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FindMode {
    /// Matched whatever its case.
    Insensitive,
    /// Matched only exactly as written ("Go", "REST").
    Exact,
    /// Never looked for in free text; lookup() only.
    Off,
}

/// One name or alias to look for, and the technology it stands for.
#[derive(Debug, Clone)]
pub(super) struct Pattern {
    pub text: String,
    pub tech: usize,
    pub exact: bool,
}

/// A mention found: byte offsets and the index of the technology (or, for the certification
/// matcher, the certification) it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Found {
    pub start: usize,
    pub end: usize,
    pub id: usize,
}

/// What extra rules a pattern needs beyond word boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// One letter ("C", "R").
    Letter,
    /// One word matched only as written: it may be an ordinary word too ("Go", "Chef").
    Word,
    /// Anything else.
    Name,
}

struct Compiled {
    text: String,
    tech: usize,
    exact: bool,
    shape: Shape,
}

/// The compiled automaton over every findable name.
pub(super) struct TextMatcher {
    automaton: Option<AhoCorasick>,
    patterns: Vec<Compiled>,
    /// One-letter names ("C", "R") and their technologies, always matched as written. They
    /// are found by a scan for the letter rather than through the case-insensitive automaton,
    /// where every "c" and "r" of the text would be a candidate.
    letters: Vec<(char, usize)>,
}

impl TextMatcher {
    /// Compiles the patterns; an error only if the automaton cannot be built.
    pub(super) fn new(patterns: Vec<Pattern>) -> Result<Self, aho_corasick::BuildError> {
        let (letter_patterns, patterns): (Vec<Pattern>, Vec<Pattern>) =
            patterns.into_iter().partition(|p| p.text.chars().count() == 1);
        let letters = letter_patterns.iter().filter_map(|p| Some((p.text.chars().next()?, p.tech))).collect();
        let automaton = build_automaton(patterns.iter().map(|p| p.text.as_str()))?;
        let patterns = patterns
            .into_iter()
            .map(|p| {
                let shape = if p.exact && p.text.chars().all(char::is_alphabetic) { Shape::Word } else { Shape::Name };
                Compiled { text: p.text, tech: p.tech, exact: p.exact, shape }
            })
            .collect();
        Ok(Self { automaton: Some(automaton), patterns, letters })
    }

    /// A matcher that finds nothing, for when the data could not be compiled.
    pub(super) fn empty() -> Self {
        Self { automaton: None, patterns: Vec::new(), letters: Vec::new() }
    }

    /// Every accepted mention, leftmost first, the longest where several start together,
    /// without overlaps.
    pub(super) fn find(&self, text: &str) -> Vec<Found> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let mut candidates: Vec<Found> = automaton
            .find_overlapping_iter(text)
            .filter_map(|m| {
                let pattern = self.patterns.get(m.pattern().as_usize())?;
                let (start, end) = (m.start(), m.end());
                let written = text.get(start..end)?;
                if pattern.exact && written != pattern.text {
                    return None;
                }
                accepted(text, start, end, pattern.shape, &self.letters).then_some(Found {
                    start,
                    end,
                    id: pattern.tech,
                })
            })
            .collect();
        if !self.letters.is_empty() {
            candidates.extend(text.char_indices().filter_map(|(start, c)| {
                let (_, tech) = self.letters.iter().find(|(letter, _)| *letter == c)?;
                let end = start + c.len_utf8();
                accepted(text, start, end, Shape::Letter, &self.letters).then_some(Found { start, end, id: *tech })
            }));
        }
        let mut kept = longest_leftmost(&mut candidates);
        let mut token: Option<(usize, usize, bool)> = None;
        kept.retain(|found| {
            let in_url = match token {
                Some((token_start, token_end, in_url)) if found.start >= token_start && found.end <= token_end => {
                    in_url
                }
                _ => {
                    let (token_start, token_end) = token_around(text, found.start, found.end);
                    let in_url = is_url_or_email(text.get(token_start..token_end).unwrap_or_default());
                    token = Some((token_start, token_end, in_url));
                    in_url
                }
            };
            !in_url
        });
        kept
    }
}

/// Builds a case-insensitive automaton that reports every match, overlapping ones included.
pub(super) fn build_automaton<'a>(
    patterns: impl Iterator<Item = &'a str>,
) -> Result<AhoCorasick, aho_corasick::BuildError> {
    AhoCorasickBuilder::new().ascii_case_insensitive(true).match_kind(MatchKind::Standard).build(patterns)
}

/// Keeps, from candidates sorted by start, the longest at each start and drops any that
/// overlap one already kept.
pub(super) fn longest_leftmost(candidates: &mut [Found]) -> Vec<Found> {
    candidates.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut kept: Vec<Found> = Vec::new();
    for candidate in candidates.iter() {
        if kept.last().is_none_or(|last| candidate.start >= last.end) {
            kept.push(*candidate);
        }
    }
    kept
}

/// Whether the mention at `start..end` is a real one: whole words, not part of a longer
/// symbol name, and past the rules of its shape. (Mentions inside URLs and email addresses
/// are dropped afterwards, once per token.)
fn accepted(text: &str, start: usize, end: usize, shape: Shape, letters: &[(char, usize)]) -> bool {
    let before = char_before(text, start);
    let after = char_after(text, end);
    if before.is_some_and(is_word_char) || after.is_some_and(is_word_char) {
        return false;
    }
    let rest = text.get(end..).unwrap_or_default();
    let ends_in_word = text.get(..end).and_then(|head| head.chars().next_back()).is_some_and(is_word_char);
    if ends_in_word && (rest.starts_with("++") || rest.starts_with('#')) {
        return false;
    }
    if ends_in_word && rest.starts_with('.') && rest.chars().nth(1).is_some_and(is_word_char) {
        return false;
    }
    if before == Some('@') || dotted_before(text, start) {
        return false;
    }
    match shape {
        Shape::Letter => letter_ok(text, start, end, before, after, letters),
        Shape::Word => word_ok(text, start, end),
        Shape::Name => true,
    }
}

/// "C" and "R": not next to a hyphen, ampersand, apostrophe or dot ("C-level", "R&D",
/// "U.S.C."), not a drive letter, not one of a series of letters ("Series B and C", "A/B/C",
/// a letter-spaced heading "E D U C A T I O N") unless the others are languages too ("C and
/// R"), not after an abbreviation ("Main St. C"), not a label ("Series C") and not a middle
/// initial ("Robert C. Martin").
fn letter_ok(
    text: &str,
    start: usize,
    end: usize,
    before: Option<char>,
    after: Option<char>,
    letters: &[(char, usize)],
) -> bool {
    let joiner = |c: char| matches!(c, '-' | '&' | '\'' | '’' | '.' | '+');
    if before.is_some_and(joiner) || after.is_some_and(|c| c != '.' && joiner(c)) {
        return false;
    }
    let head = text.get(..start).unwrap_or_default();
    let rest = text.get(end..).unwrap_or_default();
    if rest.starts_with(":\\") || rest.starts_with(":/") {
        return false;
    }
    let other_letter = |c: char| !letters.iter().any(|(letter, _)| *letter == c);
    if lone_letter_before(head).is_some_and(other_letter) || lone_letter_after(rest).is_some_and(other_letter) {
        return false;
    }
    if head.strip_suffix(' ').is_some_and(|head| head.ends_with('.')) {
        return false;
    }
    let previous = word_before(text, start);
    if previous.is_some_and(|word| LETTER_LABELS.iter().any(|label| word.eq_ignore_ascii_case(label))) {
        return false;
    }
    let initial =
        after == Some('.') && previous.is_some_and(|word| word.chars().next().is_some_and(char::is_uppercase));
    !initial
}

/// The separators between the letters of a series ("A, B and C", "A/B/C", "E D U").
const LETTER_SEPARATORS: &[&str] = &[" and ", " or ", " & ", ", ", ",", "/", " "];

/// The letter standing alone just before a separator at the end of `head` ("B" in "B and ").
fn lone_letter_before(head: &str) -> Option<char> {
    let head = LETTER_SEPARATORS.iter().find_map(|sep| head.strip_suffix(sep))?;
    let mut back = head.chars().rev();
    let letter = back.next().filter(|c| c.is_alphabetic())?;
    (!back.next().is_some_and(is_word_char)).then_some(letter)
}

/// The letter standing alone just after a separator at the start of `rest` ("D" in " and D."),
/// not the start of "C++" or "C#".
fn lone_letter_after(rest: &str) -> Option<char> {
    let rest = LETTER_SEPARATORS.iter().find_map(|sep| rest.strip_prefix(sep))?;
    let mut ahead = rest.chars();
    let letter = ahead.next().filter(|c| c.is_alphabetic())?;
    (!ahead.next().is_some_and(|c| is_word_char(c) || matches!(c, '+' | '#'))).then_some(letter)
}

/// A one-word name matched as written: not followed by a word that shows the ordinary
/// meaning ("Go to", "Make sure"), by a year ("Spring 2019") or by "-to-" ("Go-to-market"),
/// and not after a word that makes it part of a place ("Hong Kong").
fn word_ok(text: &str, start: usize, end: usize) -> bool {
    let rest = text.get(end..).unwrap_or_default();
    if rest.starts_with("-to-") {
        return false;
    }
    if let Some(next) = word_after(text, end)
        && (WORD_FOLLOWERS.iter().any(|w| next.eq_ignore_ascii_case(w)) || is_year(next))
    {
        return false;
    }
    !word_before(text, start).is_some_and(|word| WORD_LEADERS.iter().any(|w| word.eq_ignore_ascii_case(w)))
}

fn is_year(word: &str) -> bool {
    word.len() == 4 && word.chars().all(|c| c.is_ascii_digit()) && (word.starts_with("19") || word.starts_with("20"))
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn char_before(text: &str, at: usize) -> Option<char> {
    text.get(..at)?.chars().next_back()
}

fn char_after(text: &str, at: usize) -> Option<char> {
    text.get(at..)?.chars().next()
}

/// Whether the mention follows "word." directly, as in a file or host name ("config.Go").
fn dotted_before(text: &str, start: usize) -> bool {
    let mut back = text.get(..start).unwrap_or_default().chars().rev();
    back.next() == Some('.') && back.next().is_some_and(is_word_char)
}

/// The word just before `at`, when a single space separates them ("Series" in "Series C").
fn word_before(text: &str, at: usize) -> Option<&str> {
    let head = text.get(..at)?.strip_suffix(' ')?;
    let start = head
        .char_indices()
        .rev()
        .take(SCAN_LIMIT)
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map(|(index, _)| index)?;
    head.get(start..)
}

/// The word or number just after `at`, when a single space separates them; an apostrophe
/// right after it is kept ("d'" in "Chef d'équipe").
fn word_after(text: &str, at: usize) -> Option<&str> {
    let tail = text.get(at..)?.strip_prefix(' ')?;
    let mut end = 0;
    for (index, c) in tail.char_indices().take(SCAN_LIMIT) {
        if c.is_alphanumeric() {
            end = index + c.len_utf8();
            continue;
        }
        if matches!(c, '\'' | '’') && end > 0 {
            end = index + c.len_utf8();
        }
        break;
    }
    if end == 0 { None } else { tail.get(..end) }
}

/// The whitespace-delimited token around `start..end`, looking at most
/// [`TOKEN_SCAN_LIMIT`] characters either way.
fn token_around(text: &str, start: usize, end: usize) -> (usize, usize) {
    let mut token_start = start;
    for (index, c) in text.get(..start).unwrap_or_default().char_indices().rev().take(TOKEN_SCAN_LIMIT) {
        if c.is_whitespace() {
            break;
        }
        token_start = index;
    }
    let mut token_end = end;
    for (index, c) in text.get(end..).unwrap_or_default().char_indices().take(TOKEN_SCAN_LIMIT) {
        if c.is_whitespace() {
            break;
        }
        token_end = end + index + c.len_utf8();
    }
    (token_start, token_end)
}

/// Whether a token is a URL or an email address: it has "://", starts with "www." or is
/// name@host.domain.
fn is_url_or_email(token: &str) -> bool {
    let email = token.find('@').is_some_and(|at| at > 0 && token.get(at..).is_some_and(|host| host.contains('.')));
    let www = token.get(..4).is_some_and(|prefix| prefix.eq_ignore_ascii_case("www."));
    token.contains("://") || www || email
}
