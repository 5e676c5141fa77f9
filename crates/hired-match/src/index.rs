//! Many candidates in compact form, ranked against a job in one pass per skill.
//!
//! Each skill keeps a posting list of the candidates who hold it (slot and years in tenths),
//! and each candidate a few bytes of facts (experience, city, country). A skill that others
//! imply (Python, by Django and dozens more) also keeps a reach list: everyone who holds it or
//! a skill implying it, with the best years among those, so ranking reads one list instead of
//! one per implying skill, and a stand-in list: everyone outside that reach who holds a skill
//! that can stand in for it (MySQL for PostgreSQL). Ranking adds every requirement's credit
//! from those two lists, then experience and location from lookup tables, keeps the top `k` in
//! a heap and explains only those with [`Scorer`] — the same credits, so the explained score is
//! the ranked score. Replaced and removed candidates leave dead slots until [`Index::compact`].

use std::collections::{BinaryHeap, HashMap};
use std::hash::Hash;

use crate::candidate::{Candidate, HeldSkill};
use crate::explain::Match;
use crate::job::{Job, JobError, Place};
use crate::score::{
    ALTERNATIVE_CREDIT, LEAST_HELD_CREDIT, Scorer, cert_key, cert_matches, experience_credit, years_credit,
};
use crate::skills::{SkillGraph, SkillId};
use crate::slots::Slots;

// Whoever holds a skill or reaches it through another earns more than a stand-in does, so
// stand-in lists need only those the reach leaves out, and each slot earns from one list.
const _: () = assert!(ALTERNATIVE_CREDIT < LEAST_HELD_CREDIT);

/// Years in tenths in the low 15 bits, `NONE_KNOWN` there when no years are known, and the
/// `SOME_UNKNOWN` bit when some holding gives no years. A single holding is either known
/// years or `UNKNOWN`; a reach entry merges several with [`merge_reach`].
const UNKNOWN: u16 = SOME_UNKNOWN | NONE_KNOWN;
const SOME_UNKNOWN: u16 = 0x8000;
const NONE_KNOWN: u16 = 0x7FFF;

fn tenths(years: Option<f32>) -> u16 {
    years.map_or(UNKNOWN, |y| (y.max(0.0) * 10.0).round().min(f32::from(NONE_KNOWN - 1)) as u16)
}

/// Two holdings covering one skill, as one reach entry: the larger known years, and whether
/// either gave none — credit is the better of the two, and unknown years may earn more than
/// few known ones.
fn merge_reach(a: u16, b: u16) -> u16 {
    let known = match (a & NONE_KNOWN, b & NONE_KNOWN) {
        (NONE_KNOWN, other) | (other, NONE_KNOWN) => other,
        (x, y) => x.max(y),
    };
    known | ((a | b) & SOME_UNKNOWN)
}

fn from_tenths(t: u16) -> Option<f32> {
    (t != UNKNOWN).then(|| f32::from(t) / 10.0)
}

/// [`years_credit`] for one requirement as a table over years in tenths, computed once per
/// ranking; `constant` when the requirement sets no minimum and every holder earns the same.
struct YearsCredits {
    constant: Option<f32>,
    below_min: Vec<f32>,
    unknown: f32,
}

impl YearsCredits {
    fn new(min: Option<u8>) -> Self {
        let min_tenths = min.map_or(0, |m| u16::from(m) * 10);
        YearsCredits {
            constant: (min_tenths == 0).then(|| years_credit(None, min)),
            below_min: (0..min_tenths).map(|t| years_credit(from_tenths(t), min)).collect(),
            unknown: years_credit(None, min),
        }
    }

    /// The credit of a holding or reach entry: the best of its known years and unknown ones.
    fn of(&self, years: u16) -> f32 {
        let known = match years & NONE_KNOWN {
            NONE_KNOWN => 0.0,
            t => self.below_min.get(usize::from(t)).copied().unwrap_or(1.0),
        };
        if years & SOME_UNKNOWN != 0 { known.max(self.unknown) } else { known }
    }
}

/// Who holds one skill: parallel columns, appended as candidates arrive.
#[derive(Debug, Default, Clone)]
struct Postings {
    slots: Vec<u32>,
    years: Vec<u16>,
}

/// Per skill, what [`Index::add_reach`] noted for the slot it last added (marks are slot + 1):
/// which slot covered it and where in that slot's list, which slot had a stand-in for it.
#[derive(Debug, Default, Clone)]
struct ReachScratch {
    covered_by: Vec<u32>,
    at: Vec<u32>,
    stood_in_by: Vec<u32>,
}

impl ReachScratch {
    fn resize(&mut self, skills: usize) {
        for marks in [&mut self.covered_by, &mut self.at, &mut self.stood_in_by] {
            marks.resize(skills, 0);
        }
    }
}

/// A candidate's few fixed-size facts.
#[derive(Debug, Clone, Copy)]
struct Facts {
    total: u16,
    /// Interned city, 0 when unknown.
    city: u32,
    /// Interned country, 0 when unknown.
    country: u32,
}

/// Strings stored once under their lower-case form, numbered from 1 (0 is "unknown"), shown
/// as first written.
#[derive(Debug, Default, Clone)]
struct Interner {
    names: Vec<String>,
    ids: HashMap<String, u32>,
}

impl Interner {
    fn intern(&mut self, value: Option<&str>) -> u32 {
        let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else { return 0 };
        let key = value.to_lowercase();
        if let Some(&id) = self.ids.get(&key) {
            return id;
        }
        self.names.push(value.to_owned());
        let id = self.names.len() as u32;
        self.ids.insert(key, id);
        id
    }

    fn get(&self, value: &str) -> u32 {
        self.ids.get(&value.trim().to_lowercase()).copied().unwrap_or(0)
    }

    fn name(&self, id: u32) -> Option<&str> {
        id.checked_sub(1).and_then(|i| self.names.get(i as usize)).map(String::as_str)
    }
}

/// One result: the candidate's key and its explained match.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked<K> {
    /// The key the candidate was added under.
    pub key: K,
    /// Score and explanation.
    pub matched: Match,
}

/// Candidates held for ranking, under keys of the caller's choosing (ids, file names).
#[derive(Debug, Clone)]
pub struct Index<K> {
    graph: SkillGraph,
    keys: Vec<K>,
    alive: Vec<bool>,
    slot_of: HashMap<K, u32>,
    facts: Vec<Facts>,
    postings: Vec<Postings>,
    /// For skills that others imply, who holds them or an implying skill; empty for others.
    reach: Vec<Postings>,
    /// For each skill, the slots outside its reach holding a skill that stands in for it.
    stand_ins: Vec<Slots>,
    /// For each skill, the skills it can stand in for (the inverse of [`SkillGraph::alternatives`]).
    stands_in_for: Vec<Vec<SkillId>>,
    scratch: ReachScratch,
    /// Each slot's skills, for explanations: `skill_start[slot]..skill_start[slot + 1]`.
    skill_start: Vec<u32>,
    skills: Vec<(SkillId, u16)>,
    cert_start: Vec<u32>,
    certs: Vec<u32>,
    cert_names: Interner,
    cities: Interner,
    countries: Interner,
    dead: usize,
}

/// A slot and its score, ordered so that a `BinaryHeap` keeps the worst of the best on top.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Entry(f32, u32);

impl Eq for Entry {}

impl Ord for Entry {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        other.0.total_cmp(&self.0).then(self.1.cmp(&other.1))
    }
}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl<K: Clone + Eq + Hash> Index<K> {
    /// An empty index over `graph`; skills it does not know are added as candidates arrive.
    pub fn new(graph: SkillGraph) -> Self {
        let postings = vec![Postings::default(); graph.len()];
        let mut stands_in_for = vec![Vec::new(); graph.len()];
        for skill in (0..graph.len()).map(|i| SkillId(i as u32)) {
            for alternative in graph.alternatives(skill) {
                stands_in_for[alternative.0 as usize].push(skill);
            }
        }
        Index {
            graph,
            keys: Vec::new(),
            alive: Vec::new(),
            slot_of: HashMap::new(),
            facts: Vec::new(),
            reach: postings.clone(),
            stand_ins: vec![Slots::default(); postings.len()],
            stands_in_for,
            scratch: ReachScratch::default(),
            postings,
            skill_start: vec![0],
            skills: Vec::new(),
            cert_start: vec![0],
            certs: Vec::new(),
            cert_names: Interner::default(),
            cities: Interner::default(),
            countries: Interner::default(),
            dead: 0,
        }
    }

    /// How many candidates it holds.
    pub fn len(&self) -> usize {
        self.slot_of.len()
    }

    /// Whether it holds no candidate.
    pub fn is_empty(&self) -> bool {
        self.slot_of.is_empty()
    }

    /// The skill graph, with the skills candidates brought.
    pub fn graph(&self) -> &SkillGraph {
        &self.graph
    }

    /// Adds `candidate` under `key`, replacing what `key` held before.
    pub fn upsert(&mut self, key: K, candidate: &Candidate) {
        self.remove(&key);
        let slot = self.keys.len() as u32;
        let mut held: Vec<(SkillId, u16)> = Vec::with_capacity(candidate.skills.len());
        for skill in &candidate.skills {
            let id = self.graph.intern(&skill.name);
            if self.postings.len() <= id.0 as usize {
                self.postings.resize(id.0 as usize + 1, Postings::default());
                self.reach.resize(id.0 as usize + 1, Postings::default());
                self.stand_ins.resize(id.0 as usize + 1, Slots::default());
                self.stands_in_for.resize(id.0 as usize + 1, Vec::new());
            }
            let years = tenths(skill.years);
            match held.iter_mut().find(|(h, _)| *h == id) {
                Some(existing) => existing.1 = more_years(existing.1, years),
                None => held.push((id, years)),
            }
        }
        for &(id, years) in &held {
            let list = &mut self.postings[id.0 as usize];
            list.slots.push(slot);
            list.years.push(years);
        }
        self.scratch.resize(self.postings.len());
        self.add_reach(slot, &held);
        self.skills.extend_from_slice(&held);
        self.skill_start.push(self.skills.len() as u32);
        for cert in &candidate.certifications {
            let id = self.cert_names.intern(Some(&cert_key(cert)));
            if id != 0 && !self.certs[self.cert_start[slot as usize] as usize..].contains(&id) {
                self.certs.push(id);
            }
        }
        self.cert_start.push(self.certs.len() as u32);
        let country = candidate.place.country.as_deref().map(str::to_ascii_uppercase);
        self.facts.push(Facts {
            total: tenths(candidate.total_years),
            city: self.cities.intern(candidate.place.city.as_deref()),
            country: self.countries.intern(country.as_deref()),
        });
        self.keys.push(key.clone());
        self.alive.push(true);
        self.slot_of.insert(key, slot);
    }

    /// Appends `slot` to the reach list of every skill that `held` covers and others imply,
    /// and to the stand-in list of every skill it does not cover but holds a stand-in for.
    fn add_reach(&mut self, slot: u32, held: &[(SkillId, u16)]) {
        let mark = slot + 1;
        let scratch = &mut self.scratch;
        let mut covered: Vec<(SkillId, u16)> = Vec::new();
        for &(id, years) in held {
            for skill in std::iter::once(id).chain(self.graph.implied(id).iter().copied()) {
                let s = skill.0 as usize;
                if scratch.covered_by[s] == mark {
                    let entry = &mut covered[scratch.at[s] as usize].1;
                    *entry = merge_reach(*entry, years);
                } else {
                    scratch.covered_by[s] = mark;
                    scratch.at[s] = covered.len() as u32;
                    covered.push((skill, years));
                }
            }
        }
        for &(id, _) in held {
            for &skill in &self.stands_in_for[id.0 as usize] {
                let s = skill.0 as usize;
                if scratch.covered_by[s] != mark && scratch.stood_in_by[s] != mark {
                    scratch.stood_in_by[s] = mark;
                    self.stand_ins[s].push(slot);
                }
            }
        }
        for (skill, years) in covered.into_iter().filter(|&(s, _)| !self.graph.implied_by(s).is_empty()) {
            let list = &mut self.reach[skill.0 as usize];
            list.slots.push(slot);
            list.years.push(years);
        }
    }

    /// Forgets `key`; true when it was there.
    pub fn remove(&mut self, key: &K) -> bool {
        match self.slot_of.remove(key) {
            Some(slot) => {
                self.alive[slot as usize] = false;
                self.dead += 1;
                true
            }
            None => false,
        }
    }

    /// Rebuilds the columns without dead slots, when replacements have left many behind.
    pub fn compact(&mut self) {
        if self.dead == 0 {
            return;
        }
        let mut fresh = Index::new(self.graph.clone());
        for slot in 0..self.keys.len() {
            if self.alive[slot] {
                fresh.upsert(self.keys[slot].clone(), &self.candidate(slot as u32));
            }
        }
        *self = fresh;
    }

    /// Share of slots that are dead, to decide when to [`Index::compact`].
    pub fn dead_share(&self) -> f32 {
        if self.keys.is_empty() { 0.0 } else { self.dead as f32 / self.keys.len() as f32 }
    }

    /// The candidate under `key`, as the index holds it (years in tenths).
    pub fn get(&self, key: &K) -> Option<Candidate> {
        self.slot_of.get(key).map(|&slot| self.candidate(slot))
    }

    fn candidate(&self, slot: u32) -> Candidate {
        let s = slot as usize;
        let skills = self.skills[self.skill_start[s] as usize..self.skill_start[s + 1] as usize]
            .iter()
            .map(|&(id, years)| HeldSkill { name: self.graph.name(id).to_owned(), years: from_tenths(years) })
            .collect();
        let certifications = self.certs[self.cert_start[s] as usize..self.cert_start[s + 1] as usize]
            .iter()
            .filter_map(|&id| self.cert_names.name(id).map(str::to_owned))
            .collect();
        let facts = self.facts[s];
        Candidate {
            skills,
            total_years: from_tenths(facts.total),
            certifications,
            place: Place {
                city: self.cities.name(facts.city).map(str::to_owned),
                country: self.countries.name(facts.country).map(str::to_owned),
            },
            salary_expectation: None,
            knockouts: Vec::new(),
        }
    }

    /// The best `k` candidates for `job` that `allow` lets through, best first, explained.
    /// `allow` is asked only about candidates good enough to enter the top `k`.
    pub fn rank(&self, job: &Job, k: usize, allow: impl Fn(&K) -> bool) -> Result<Vec<Ranked<K>>, JobError> {
        let scorer = Scorer::new(&self.graph, job)?;
        let scores = self.scores(&scorer);
        let mut heap: BinaryHeap<Entry> = BinaryHeap::with_capacity(k + 1);
        // The worst score kept once `k` are kept. Slots rise, so an equal score ranks after
        // it: only a higher one gets in, and most are turned away by one float comparison.
        let mut floor = f32::NEG_INFINITY;
        for (slot, &score) in scores.iter().enumerate() {
            if k == 0 || score <= floor || !self.alive[slot] || !allow(&self.keys[slot]) {
                continue;
            }
            heap.push(Entry(score, slot as u32));
            if heap.len() > k {
                heap.pop();
            }
            if heap.len() == k {
                floor = heap.peek().map_or(floor, |worst| worst.0);
            }
        }
        let mut best = heap.into_vec();
        best.sort();
        Ok(best
            .into_iter()
            .map(|Entry(_, slot)| Ranked {
                key: self.keys[slot as usize].clone(),
                matched: scorer.score(&self.candidate(slot)),
            })
            .collect())
    }

    /// Every slot's unrounded score, summed in the order [`Scorer::score`] sums its lines.
    /// Each requirement adds its credit straight from the two lists that cover it, which
    /// never share a slot: the skill's reach, and stand-ins for those the reach left out.
    fn scores(&self, scorer: &Scorer<'_>) -> Vec<f32> {
        let mut acc = vec![0f32; self.keys.len()];
        let points = scorer.part_points(false);
        for target in &scorer.targets {
            let Some(id) = target.id else { continue };
            let part = if target.required { points.required } else { points.nice };
            let max_points = part * target.share;
            let credits = YearsCredits::new(target.requirement.min_years);
            let covering = if target.implied_by.is_empty() { &self.postings } else { &self.reach };
            if let Some(list) = covering.get(id.0 as usize) {
                for (&slot, &years) in list.slots.iter().zip(&list.years) {
                    acc[slot as usize] += credits.constant.unwrap_or_else(|| credits.of(years)) * max_points;
                }
            }
            let stand_in = ALTERNATIVE_CREDIT * max_points;
            if let Some(slots) = self.stand_ins.get(id.0 as usize) {
                slots.for_each(|slot| acc[slot as usize] += stand_in);
            }
        }
        self.add_experience(scorer, points.experience, &mut acc);
        self.add_certifications(scorer, points.certifications, &mut acc);
        if points.location > 0.0 {
            self.add_location(scorer, points.location, &mut acc);
        }
        acc
    }

    fn add_experience(&self, scorer: &Scorer<'_>, points: f32, acc: &mut [f32]) {
        let level = scorer.job().level;
        let credit = |t: u16| match from_tenths(t) {
            Some(years) => experience_credit(years, level) * points,
            None => scorer.experience(None).0 * points,
        };
        // Fifty years in tenths cover everyone; longer careers are worked out one by one.
        let table: Vec<f32> = (0..=500).map(credit).collect();
        let unknown = credit(UNKNOWN);
        for (slot, facts) in self.facts.iter().enumerate() {
            acc[slot] += match facts.total {
                UNKNOWN => unknown,
                t => table.get(t as usize).copied().unwrap_or_else(|| credit(t)),
            };
        }
    }

    fn add_certifications(&self, scorer: &Scorer<'_>, points: f32, acc: &mut [f32]) {
        let wanted: Vec<String> =
            scorer.job().certifications.iter().map(|c| cert_key(c)).filter(|c| !c.is_empty()).collect();
        if wanted.is_empty() || points == 0.0 {
            return;
        }
        let each = points / wanted.len() as f32;
        let held: Vec<Vec<bool>> = wanted
            .iter()
            .map(|w| {
                std::iter::once(false).chain(self.cert_names.names.iter().map(|name| cert_matches(w, name))).collect()
            })
            .collect();
        for (slot, bounds) in acc.iter_mut().zip(self.cert_start.windows(2)) {
            let certs = &self.certs[bounds[0] as usize..bounds[1] as usize];
            for matches in &held {
                if certs.iter().any(|&c| matches[c as usize]) {
                    *slot += each;
                }
            }
        }
    }

    /// Location credit is one of four values (remote roles: one), worked out by the scorer
    /// for a representative of each: in an office's city, in its country, unknown, elsewhere.
    fn add_location(&self, scorer: &Scorer<'_>, points: f32, acc: &mut [f32]) {
        let offices = &scorer.job().locations;
        let office = |f: fn(&Place) -> &Option<String>| offices.iter().find_map(|o| f(o).clone());
        let credit = |place: Place| scorer.location(&place).0 * points;
        let in_city = credit(Place { city: office(|o| &o.city), country: None });
        let in_country = credit(Place { city: None, country: office(|o| &o.country) });
        let unknown = credit(Place::default());
        let elsewhere = credit(Place { city: None, country: Some("not an office country".into()) });
        let cities: Vec<u32> = offices.iter().filter_map(|o| o.city.as_deref()).map(|c| self.cities.get(c)).collect();
        let countries: Vec<u32> =
            offices.iter().filter_map(|o| o.country.as_deref()).map(|c| self.countries.get(c)).collect();
        for (slot, f) in self.facts.iter().enumerate() {
            acc[slot] += if scorer.job().remote || (f.city != 0 && cities.contains(&f.city)) {
                in_city
            } else if f.country != 0 && countries.contains(&f.country) {
                in_country
            } else if f.city == 0 && f.country == 0 {
                unknown
            } else {
                elsewhere
            };
        }
    }
}

/// Two mentions of one skill: the known, larger number of years.
fn more_years(a: u16, b: u16) -> u16 {
    match (a, b) {
        (UNKNOWN, other) | (other, UNKNOWN) => other,
        (a, b) => a.max(b),
    }
}
