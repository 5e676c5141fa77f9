//! Recognising certifications in text. Text and aliases are both reduced to their words
//! (letters, digits, "+" and "#") separated by single spaces, so dashes, colons, commas and
//! line breaks between the words of a certificate name do not matter.

use aho_corasick::AhoCorasick;

use super::matcher::{Found, build_automaton, longest_leftmost};

/// One alias to look for, and the certification it stands for.
#[derive(Debug, Clone)]
pub(super) struct CertPattern {
    /// The alias, already reduced with [`words`].
    pub words: String,
    pub cert: usize,
    pub exact: bool,
}

/// The compiled automaton over every certification alias.
pub(super) struct CertMatcher {
    automaton: Option<AhoCorasick>,
    patterns: Vec<CertPattern>,
}

impl CertMatcher {
    /// Compiles the patterns; an error only if the automaton cannot be built.
    pub(super) fn new(patterns: Vec<CertPattern>) -> Result<Self, aho_corasick::BuildError> {
        let automaton = build_automaton(patterns.iter().map(|p| p.words.as_str()))?;
        Ok(Self { automaton: Some(automaton), patterns })
    }

    /// A matcher that finds nothing, for when the data could not be compiled.
    pub(super) fn empty() -> Self {
        Self { automaton: None, patterns: Vec::new() }
    }

    /// Indexes of the certifications mentioned, each once, in order of first mention.
    pub(super) fn find(&self, text: &str) -> Vec<usize> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let reduced = words(text);
        let bytes = reduced.as_bytes();
        let mut candidates: Vec<Found> = automaton
            .find_overlapping_iter(&reduced)
            .filter_map(|m| {
                let pattern = self.patterns.get(m.pattern().as_usize())?;
                let (start, end) = (m.start(), m.end());
                let whole_words =
                    (start == 0 || bytes.get(start - 1) == Some(&b' ')) && bytes.get(end).is_none_or(|b| *b == b' ');
                let case_ok = !pattern.exact || reduced.get(start..end) == Some(&pattern.words);
                (whole_words && case_ok).then_some(Found { start, end, id: pattern.cert })
            })
            .collect();
        let mut seen: Vec<usize> = Vec::new();
        for found in longest_leftmost(&mut candidates) {
            if !seen.contains(&found.id) {
                seen.push(found.id);
            }
        }
        seen
    }
}

/// `text` reduced to its words (runs of letters, digits, "+" and "#"), one space apart.
pub(super) fn words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_word = false;
    for c in text.chars() {
        if c.is_alphanumeric() || matches!(c, '+' | '#') {
            if !in_word && !out.is_empty() {
                out.push(' ');
            }
            out.push(c);
            in_word = true;
        } else {
            in_word = false;
        }
    }
    out
}
