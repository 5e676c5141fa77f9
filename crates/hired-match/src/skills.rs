//! The skills a ranking knows: canonical names with dense ids, what each implies
//! (Django ⇒ Python), and which skills can stand in for one another (Flask for Django).
//!
//! The graph is data handed in by the caller (the taxonomy of `hired-resume`), so this crate
//! needs no intake code; names it was not given are interned as skills with no relations.

use std::collections::HashMap;

/// A dense skill number, valid in the [`SkillGraph`] that gave it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SkillId(pub u32);

impl SkillId {
    fn index(self) -> usize {
        self.0 as usize
    }
}

/// One skill as the caller's taxonomy describes it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SkillNode {
    /// Canonical name ("PostgreSQL").
    pub name: String,
    /// Category ("language", "framework", "database", …).
    pub category: String,
    /// Other names that resolve to this skill ("Postgres").
    pub aliases: Vec<String>,
    /// Canonical names this skill directly implies.
    pub implies: Vec<String>,
}

/// Categories whose members substitute for each other without sharing a parent
/// (MySQL for PostgreSQL, GitLab CI for GitHub Actions); languages and frameworks do not.
const SUBSTITUTABLE: &[&str] = &["database", "message-broker", "cloud", "ci-cd"];

/// Skills with their implications closed transitively, looked up by name or alias.
#[derive(Debug, Clone, Default)]
pub struct SkillGraph {
    names: Vec<String>,
    categories: Vec<String>,
    by_key: HashMap<String, SkillId>,
    /// For each skill, everything it implies (transitively), without itself.
    implied: Vec<Vec<SkillId>>,
    /// For each skill, every skill that implies it (transitively).
    implied_by: Vec<Vec<SkillId>>,
}

fn key(name: &str) -> String {
    name.trim().to_lowercase()
}

impl SkillGraph {
    /// The graph of `nodes`; implications naming unknown skills are ignored, cycles are harmless.
    pub fn new(nodes: impl IntoIterator<Item = SkillNode>) -> Self {
        let nodes: Vec<SkillNode> = nodes.into_iter().collect();
        let mut graph = SkillGraph::default();
        for node in &nodes {
            graph.intern_with_category(&node.name, &node.category);
        }
        for node in &nodes {
            let id = graph.by_key[&key(&node.name)];
            for alias in &node.aliases {
                graph.by_key.entry(key(alias)).or_insert(id);
            }
        }
        let mut direct: Vec<Vec<SkillId>> = vec![Vec::new(); graph.names.len()];
        for node in &nodes {
            let id = graph.by_key[&key(&node.name)];
            direct[id.index()].extend(node.implies.iter().filter_map(|i| graph.by_key.get(&key(i)).copied()));
        }
        graph.implied = (0..graph.names.len()).map(|start| closure(&direct, start)).collect();
        for (from, targets) in graph.implied.iter().enumerate() {
            for &to in targets {
                graph.implied_by[to.index()].push(SkillId(from as u32));
            }
        }
        graph
    }

    /// The skill called `name` (canonical name or alias, any case), if known.
    pub fn resolve(&self, name: &str) -> Option<SkillId> {
        self.by_key.get(&key(name)).copied()
    }

    /// The skill called `name`, added as a skill without relations when unknown.
    pub fn intern(&mut self, name: &str) -> SkillId {
        match self.resolve(name) {
            Some(id) => id,
            None => self.intern_with_category(name, "other"),
        }
    }

    fn intern_with_category(&mut self, name: &str, category: &str) -> SkillId {
        if let Some(&id) = self.by_key.get(&key(name)) {
            return id;
        }
        let id = SkillId(self.names.len() as u32);
        self.names.push(name.trim().to_owned());
        self.categories.push(category.to_owned());
        self.implied.push(Vec::new());
        self.implied_by.push(Vec::new());
        self.by_key.insert(key(name), id);
        id
    }

    /// How many skills the graph holds.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether the graph holds no skill.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The canonical name of `id`.
    pub fn name(&self, id: SkillId) -> &str {
        &self.names[id.index()]
    }

    /// Every skill `id` implies, transitively (for Django: Python), without itself.
    pub fn implied(&self, id: SkillId) -> &[SkillId] {
        &self.implied[id.index()]
    }

    /// Every skill that implies `id`, transitively (for Python: Django, Flask, DRF, …).
    pub fn implied_by(&self, id: SkillId) -> &[SkillId] {
        &self.implied_by[id.index()]
    }

    /// Skills that can stand in for `id`: same category, and either a shared implied parent
    /// (Flask and Django both imply Python) or a category whose members substitute
    /// (databases, brokers, clouds, CI). Neither `id` itself nor what implies it.
    pub fn alternatives(&self, id: SkillId) -> Vec<SkillId> {
        let category = &self.categories[id.index()];
        if category == "other" {
            return Vec::new();
        }
        let parents = &self.implied[id.index()];
        let substitutable = SUBSTITUTABLE.contains(&category.as_str());
        (0..self.names.len())
            .map(|i| SkillId(i as u32))
            .filter(|&other| {
                other != id
                    && &self.categories[other.index()] == category
                    && !self.implied[other.index()].contains(&id)
                    && !parents.contains(&other)
                    && (substitutable || self.implied[other.index()].iter().any(|p| parents.contains(p)))
            })
            .collect()
    }
}

/// Everything reachable from `start` through `direct`, in breadth-first order, without `start`.
fn closure(direct: &[Vec<SkillId>], start: usize) -> Vec<SkillId> {
    let mut seen = vec![false; direct.len()];
    seen[start] = true;
    let mut order = vec![SkillId(start as u32)];
    let mut next = 0;
    while let Some(&current) = order.get(next) {
        next += 1;
        for &target in &direct[current.index()] {
            if !seen[target.index()] {
                seen[target.index()] = true;
                order.push(target);
            }
        }
    }
    order.remove(0);
    order
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn node(name: &str, category: &str, aliases: &[&str], implies: &[&str]) -> SkillNode {
        SkillNode {
            name: name.into(),
            category: category.into(),
            aliases: aliases.iter().map(|s| (*s).into()).collect(),
            implies: implies.iter().map(|s| (*s).into()).collect(),
        }
    }

    /// A small taxonomy for tests across the crate.
    pub(crate) fn sample() -> SkillGraph {
        SkillGraph::new([
            node("Python", "language", &["py"], &[]),
            node("PHP", "language", &[], &[]),
            node("Django", "framework", &[], &["Python"]),
            node("Django REST Framework", "framework", &["DRF"], &["Django"]),
            node("Flask", "framework", &[], &["Python"]),
            node("Laravel", "framework", &[], &["PHP"]),
            node("PostgreSQL", "database", &["Postgres"], &[]),
            node("MySQL", "database", &[], &[]),
            node("Docker", "tool", &[], &[]),
            node("Git", "tool", &[], &[]),
        ])
    }

    #[test]
    fn implications_are_transitive_and_reversed() {
        let g = sample();
        let python = g.resolve("python").unwrap();
        let names: Vec<&str> = g.implied_by(python).iter().map(|&id| g.name(id)).collect();
        assert_eq!(names, ["Django", "Django REST Framework", "Flask"]);
        assert_eq!(g.resolve("DRF"), g.resolve("Django REST Framework"));
        assert_eq!(g.resolve("postgres"), g.resolve("PostgreSQL"));
    }

    #[test]
    fn alternatives_share_a_parent_or_a_substitutable_category() {
        let g = sample();
        let names = |skill: &str| -> Vec<String> {
            g.alternatives(g.resolve(skill).unwrap()).iter().map(|&id| g.name(id).to_owned()).collect()
        };
        assert_eq!(names("Django"), ["Flask"], "DRF implies Django, so it is not a stand-in");
        assert_eq!(names("PostgreSQL"), ["MySQL"]);
        assert!(names("Python").is_empty(), "languages do not substitute for each other");
        assert!(names("Laravel").is_empty(), "Laravel shares no parent with the Python frameworks");
    }

    #[test]
    fn unknown_names_are_interned_without_relations() {
        let mut g = sample();
        let before = g.len();
        let id = g.intern("Frobnicator");
        assert_eq!(g.len(), before + 1);
        assert_eq!(g.intern("frobnicator"), id);
        assert!(g.implied_by(id).is_empty() && g.alternatives(id).is_empty());
    }
}
