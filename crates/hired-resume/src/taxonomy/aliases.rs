//! Aliases admins add to the taxonomy from the UI ("Dj" for Django): checking one before it is
//! saved, with a reason an admin can act on, and building a taxonomy that knows the saved ones.

use std::collections::HashSet;

use super::keys::{compact_key, key};
use super::{Taxonomy, Tech, load};

/// The longest alias accepted, in characters: anything longer is a sentence, not a name.
pub const MAX_ALIAS_CHARS: usize = 60;

/// How many technologies an "unknown technology" message suggests at most.
const SUGGESTIONS: usize = 3;

/// Names longer than this get no suggestions, so a hostile input costs nothing.
const MAX_SUGGEST_CHARS: usize = 100;

impl Taxonomy {
    /// A new taxonomy: this one plus each (alias, canonical name) pair as one more alias of
    /// that technology, for [`Taxonomy::lookup`] and [`Taxonomy::find`] alike, under the data
    /// files' rule for unmarked aliases (one character: lookup only; two: found only as
    /// written; longer: found in any case; always on word boundaries). Pairs that
    /// [`Taxonomy::check_alias`] refuses, here or against an earlier pair of the list, are
    /// skipped. It builds the taxonomy again, which takes milliseconds.
    pub fn with_aliases(&self, aliases: &[(String, String)]) -> Taxonomy {
        let mut added = self.added.clone();
        let mut taken: HashSet<String> = HashSet::new();
        for (alias, canonical) in aliases {
            let alias = alias.trim();
            let Some(tech) = self.named(canonical) else {
                continue;
            };
            let keys = [key(alias), compact_key(alias)];
            if self.check_alias(alias, &tech.name).is_err() || keys.iter().any(|k| taken.contains(k)) {
                continue;
            }
            taken.extend(keys);
            added.push((alias.to_string(), tech.name.clone()));
        }
        load::build(self.sources, added).0
    }

    /// Whether `alias` may be added to the technology named `canonical`; if not, the reason
    /// to show the admin: an empty, over-long or multi-line alias, an unknown technology (with
    /// the closest names), or an alias that already stands for a technology (named).
    pub fn check_alias(&self, alias: &str, canonical: &str) -> Result<(), String> {
        let alias = alias.trim();
        check_alias_text(alias)?;
        let tech = self.check_technology(canonical)?;
        match self.owner(alias) {
            None => Ok(()),
            Some((owner, _)) if owner == tech && key(alias) == key(&tech.name) => {
                Err(format!("\"{alias}\" is the name of {} itself.", tech.name))
            }
            Some((owner, true)) if owner == tech => Err(format!("\"{alias}\" is already an alias of {}.", tech.name)),
            Some((owner, true)) if key(alias) == key(&owner.name) => Err(format!(
                "\"{alias}\" is the name of another technology, {}; an alias stands for one technology only.",
                owner.name
            )),
            Some((owner, true)) => Err(format!(
                "\"{alias}\" is already an alias of {}; an alias stands for one technology only.",
                owner.name
            )),
            // Only the loose spelling is known, and for this very technology: the alias adds
            // the spelling to what find() looks for.
            Some((owner, false)) if owner == tech => Ok(()),
            Some((owner, false)) => Err(format!(
                "\"{alias}\" already reads as {} (spacing and punctuation aside); an alias stands for one \
                 technology only.",
                owner.name
            )),
        }
    }

    /// The technology an alias is to stand for, named by its canonical name in any case;
    /// otherwise the reason to show, with the closest names. The second half of
    /// [`Taxonomy::check_alias`], for forms that show it next to the technology field.
    pub fn check_technology(&self, canonical: &str) -> Result<&Tech, String> {
        let canonical = canonical.trim();
        if canonical.is_empty() {
            return Err("Choose the technology the alias stands for.".into());
        }
        self.named(canonical).ok_or_else(|| self.unknown_technology(canonical))
    }

    /// The technology whose canonical name is `name`, ignoring case and spacing.
    pub fn named(&self, name: &str) -> Option<&Tech> {
        self.by_name.get(&key(name)).and_then(|&index| self.techs.get(index))
    }

    /// The technology `alias` already stands for, and whether as written (true) or only in
    /// its loose spelling without spaces and punctuation (false).
    fn owner(&self, alias: &str) -> Option<(&Tech, bool)> {
        if let Some(&index) = self.by_key.get(&key(alias)) {
            return self.techs.get(index).map(|tech| (tech, true));
        }
        let &index = self.by_compact.get(&compact_key(alias))?;
        self.techs.get(index).map(|tech| (tech, false))
    }

    /// The message for a technology name that is not in the taxonomy, with the closest names.
    fn unknown_technology(&self, canonical: &str) -> String {
        let suggestions = self.closest_names(canonical);
        let mut message = format!("There is no technology named \"{canonical}\" in the taxonomy.");
        match suggestions.as_slice() {
            [] => message.push_str(" Choose one from the list."),
            [only] => message.push_str(&format!(" Did you mean {only}?")),
            [init @ .., last] => message.push_str(&format!(" Did you mean {} or {last}?", init.join(", "))),
        }
        message
    }

    /// Up to [`SUGGESTIONS`] canonical names close to `written`: the technology it already
    /// reads as ("Postgres"), then names containing it or nearly spelled like it.
    fn closest_names(&self, written: &str) -> Vec<&str> {
        if written.chars().count() > MAX_SUGGEST_CHARS {
            return Vec::new();
        }
        let wanted = key(written);
        let mut ranked: Vec<(usize, &str)> = self
            .techs
            .iter()
            .filter_map(|tech| {
                let name = key(&tech.name);
                let shorter = name.chars().count().min(wanted.chars().count());
                let contained = shorter >= 3 && (name.contains(&wanted) || wanted.contains(&name));
                let distance = if contained { 1 } else { edit_distance(&name, &wanted) };
                (distance <= (wanted.chars().count() / 3).max(1)).then_some((distance, tech.name.as_str()))
            })
            .collect();
        ranked.sort_by_key(|&(distance, name)| (distance, name.len()));
        let mut names: Vec<&str> = self.lookup(written).map(|tech| tech.name.as_str()).into_iter().collect();
        for (_, name) in ranked {
            if names.len() == SUGGESTIONS {
                break;
            }
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names
    }
}

/// The checks on an alias's own text, the first half of [`Taxonomy::check_alias`]: present
/// once trimmed, one line, at most [`MAX_ALIAS_CHARS`] characters, with a letter or digit.
pub fn check_alias_text(alias: &str) -> Result<(), String> {
    let alias = alias.trim();
    if alias.is_empty() {
        return Err("Write the alias as resumes spell it, for example \"Dj\" for Django.".into());
    }
    if alias.chars().any(char::is_control) {
        return Err("An alias is one line of text: remove the line breaks, tabs or other control characters.".into());
    }
    let length = alias.chars().count();
    if length > MAX_ALIAS_CHARS {
        return Err(format!("An alias is at most {MAX_ALIAS_CHARS} characters; this one has {length}."));
    }
    if !alias.chars().any(char::is_alphanumeric) {
        return Err("An alias needs at least one letter or digit.".into());
    }
    Ok(())
}

/// The Levenshtein distance between two short strings, by characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = Vec::with_capacity(b.len() + 1);
        current.push(i + 1);
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous.get(j).map_or(usize::MAX, |d| d + usize::from(ca != *cb));
            let delete = previous.get(j + 1).map_or(usize::MAX, |d| d + 1);
            let insert = current.get(j).map_or(usize::MAX, |d| d + 1);
            current.push(substitute.min(delete).min(insert));
        }
        previous = current;
    }
    previous.last().copied().unwrap_or_default()
}
