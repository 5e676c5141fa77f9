//! The technology skill taxonomy: canonical names, categories, aliases and implications,
//! loaded from `data/`, and a matcher that finds skills in text.
//!
//! The data is GitHub Linguist's programming languages (`data/languages.txt`, generated) with
//! a few adjustments (`data/language-overrides.txt`), a curated list of frameworks, databases,
//! tools, clouds and practices (`data/technologies.txt`) and a list of certifications
//! (`data/certifications.txt`); `data/README.md` names the sources. Everything is compiled
//! into the binary and parsed once, on first use of [`Taxonomy::builtin`].
//!
//! Two ways in: [`Taxonomy::lookup`] resolves one skill as a candidate wrote it in a skills
//! list ("Postgres", "k8s", "Laravel 5.*"), and [`Taxonomy::find`] finds every mention in free
//! text in one pass, with word-boundary and case rules so that "we go to Go meetups" yields
//! one Go and "Series C startup" no C.

#[cfg(test)]
mod alias_tests;
mod aliases;
mod certs;
mod keys;
mod load;
mod matcher;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::sync::OnceLock;

pub use aliases::{MAX_ALIAS_CHARS, check_alias_text};
use certs::CertMatcher;
use matcher::TextMatcher;

/// One technology: a language, framework, library, database, tool, cloud service or practice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tech {
    /// The canonical name profiles store ("PostgreSQL", "Django REST Framework").
    pub name: String,
    /// What kind of technology it is; one of [`CATEGORIES`].
    pub category: String,
    /// Other ways people write it ("Postgres", "psql"), for lookup and matching.
    pub aliases: Vec<String>,
    /// Canonical names of technologies that knowing this one implies (Django => Python).
    pub implies: Vec<String>,
}

/// The categories a [`Tech`] can have, so that screens can group skills the same way.
pub const CATEGORIES: &[&str] = &[
    "language",
    "framework",
    "library",
    "database",
    "message-broker",
    "tool",
    "ci-cd",
    "cloud",
    "cloud-service",
    "platform",
    "os",
    "practice",
    "protocol",
    "format",
];

/// One mention of a technology in free text, so callers can highlight it or read its context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SkillMatch<'a> {
    /// The technology mentioned.
    pub tech: &'a Tech,
    /// Byte offset where the mention starts.
    pub start: usize,
    /// Byte offset just past the mention.
    pub end: usize,
}

/// A professional certification the parser recognises in resume text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertDef {
    /// Its canonical name ("AWS Certified Developer – Associate").
    pub name: String,
    /// Who issues it ("Amazon Web Services").
    pub issuer: String,
    /// Other ways people write it ("AWS CDA", "DVA-C02").
    pub aliases: Vec<String>,
}

/// The technology taxonomy and certification list, with their lookup and matching indexes.
pub struct Taxonomy {
    techs: Vec<Tech>,
    /// Normalized name or alias to index in `techs`.
    by_key: HashMap<String, usize>,
    /// The same without spaces and punctuation ("nodejs", "springboot"), when unambiguous.
    by_compact: HashMap<String, usize>,
    /// Normalized canonical name to index in `techs`.
    by_name: HashMap<String, usize>,
    /// For each tech, the indexes of the techs it directly implies.
    implies: Vec<Vec<usize>>,
    text: TextMatcher,
    certs: Vec<CertDef>,
    cert_matcher: CertMatcher,
    /// The data it was built from, so that aliases can be added by building again.
    sources: load::Sources<'static>,
    /// The (alias, canonical name) pairs added to the data, in the order they were accepted.
    added: Vec<(String, String)>,
}

impl Taxonomy {
    /// The taxonomy built from the data files compiled into this crate, parsed on first use.
    pub fn builtin() -> &'static Taxonomy {
        static BUILTIN: OnceLock<Taxonomy> = OnceLock::new();
        BUILTIN.get_or_init(|| load::build(load::BUILTIN, Vec::new()).0)
    }

    /// How many technologies the taxonomy holds.
    pub fn len(&self) -> usize {
        self.techs.len()
    }

    /// Whether the taxonomy holds no technology at all.
    pub fn is_empty(&self) -> bool {
        self.techs.is_empty()
    }

    /// Every technology, in data-file order, for listings and exports.
    pub fn techs(&self) -> &[Tech] {
        &self.techs
    }

    /// Every certification, in data-file order.
    pub fn certification_list(&self) -> &[CertDef] {
        &self.certs
    }

    /// Resolves one skill as written in a skills list ("Postgres", "k8s", "Laravel 5.*",
    /// "Kubernetes (K8s)") to its technology, ignoring case, spacing and punctuation variants,
    /// a trailing version or note in parentheses. `None` when it is not a known technology.
    pub fn lookup(&self, raw: &str) -> Option<&Tech> {
        keys::lookup_candidates(raw).into_iter().find_map(|candidate| {
            let index = self
                .by_key
                .get(&keys::key(candidate))
                .or_else(|| self.by_compact.get(&keys::compact_key(candidate)))?;
            self.techs.get(*index)
        })
    }

    /// Every mention of a technology in free text, in order and without overlaps (the longest
    /// name wins: "Spring Boot" over "Spring"). Names that are also common words are matched
    /// only as written ("Go", not "go"); "C" only standalone, not in "C++", "C#", "C-level" or
    /// "Series C"; mentions inside URLs and email addresses are ignored.
    pub fn find<'a>(&'a self, text: &str) -> Vec<SkillMatch<'a>> {
        self.text
            .find(text)
            .into_iter()
            .filter_map(|found| {
                Some(SkillMatch { tech: self.techs.get(found.id)?, start: found.start, end: found.end })
            })
            .collect()
    }

    /// Everything `tech` implies, transitively and without repeats, nearest first
    /// (Django REST Framework => Django, then Python). Empty for a tech not in this taxonomy.
    pub fn implied(&self, tech: &Tech) -> Vec<&Tech> {
        let Some(&start) = self.by_name.get(&keys::key(&tech.name)) else {
            return Vec::new();
        };
        let mut seen = vec![false; self.techs.len()];
        if let Some(flag) = seen.get_mut(start) {
            *flag = true;
        }
        let mut order = vec![start];
        let mut next = 0;
        while let Some(&current) = order.get(next) {
            next += 1;
            for &target in self.implies.get(current).into_iter().flatten() {
                if let Some(flag) = seen.get_mut(target)
                    && !*flag
                {
                    *flag = true;
                    order.push(target);
                }
            }
        }
        order.into_iter().skip(1).filter_map(|index| self.techs.get(index)).collect()
    }

    /// The certifications mentioned in `text`, each once, in order of first mention. Spacing,
    /// dashes and punctuation do not matter ("AWS Certified Developer - Associate").
    pub fn certifications(&self, text: &str) -> Vec<&CertDef> {
        self.cert_matcher.find(text).into_iter().filter_map(|index| self.certs.get(index)).collect()
    }
}
