//! Scoring one candidate against one job, with the explanation. The index ranks with the same
//! credits (`years_credit`, `ALTERNATIVE_CREDIT`, `Scorer::experience`, `Scorer::location`), so
//! a ranked list and a single score never disagree.

use hired_domain::requisition::Level;

use crate::candidate::Candidate;
use crate::explain::{Mark, Match, Part, Reason, years};
use crate::job::{Job, JobError, Place, Requirement};
use crate::skills::{SkillGraph, SkillId};

/// Credit for a skill held only through a stand-in ("Flask instead of Django").
pub const ALTERNATIVE_CREDIT: f32 = 0.4;
/// Credit for a skill held for an unknown number of years when the role sets a minimum.
const UNKNOWN_YEARS_CREDIT: f32 = 0.75;
/// Credit for experience when the profile gives no years.
const UNKNOWN_EXPERIENCE_CREDIT: f32 = 0.25;
/// Score a candidate who failed a screening knockout can reach at most.
const KNOCKOUT_CAP: f32 = 20.0;

/// The least credit holding a skill earns, however few its years: more than a stand-in's.
pub const LEAST_HELD_CREDIT: f32 = 0.5;

/// Credit for holding a skill for `years` when the role asks for `min`: full at or above the
/// minimum, from one half up to full below it, three quarters when the years are unknown.
pub fn years_credit(years: Option<f32>, min: Option<u8>) -> f32 {
    match (years, min) {
        (_, None | Some(0)) => 1.0,
        (Some(y), Some(m)) if y >= f32::from(m) => 1.0,
        (Some(y), Some(m)) => LEAST_HELD_CREDIT + (1.0 - LEAST_HELD_CREDIT) * (y.max(0.0) / f32::from(m)),
        (None, Some(_)) => UNKNOWN_YEARS_CREDIT,
    }
}

/// A requirement with its skill resolved and its share of the points.
#[derive(Debug, Clone)]
pub(crate) struct Target {
    pub(crate) requirement: Requirement,
    pub(crate) id: Option<SkillId>,
    pub(crate) implied_by: Vec<SkillId>,
    pub(crate) alternatives: Vec<SkillId>,
    /// Fraction of its part's points (its weight over the part's total weight).
    pub(crate) share: f32,
    /// Must-have (true) or nice-to-have.
    pub(crate) required: bool,
}

/// A job compiled against a skill graph, ready to score many candidates.
#[derive(Debug, Clone)]
pub struct Scorer<'g> {
    graph: &'g SkillGraph,
    job: Job,
    pub(crate) targets: Vec<Target>,
    certifications: Vec<String>,
}

/// How a candidate holds a target skill.
enum Held<'a> {
    Directly(Option<f32>),
    Through(&'a str, Option<f32>),
    Instead(&'a str),
    Not,
}

impl<'g> Scorer<'g> {
    /// Compiles `job`; fails when it names no skill to rank by.
    pub fn new(graph: &'g SkillGraph, job: &Job) -> Result<Scorer<'g>, JobError> {
        let job = job.clone().check()?;
        let mut targets = Vec::new();
        for (list, required) in [(&job.required, true), (&job.nice, false)] {
            let total: f32 = list.iter().map(|r| f32::from(r.weight)).sum();
            for requirement in list {
                let id = graph.resolve(&requirement.skill);
                targets.push(Target {
                    requirement: requirement.clone(),
                    id,
                    implied_by: id.map(|id| graph.implied_by(id).to_vec()).unwrap_or_default(),
                    alternatives: id.map(|id| graph.alternatives(id)).unwrap_or_default(),
                    share: f32::from(requirement.weight) / total,
                    required,
                });
            }
        }
        let certifications = job.certifications.iter().map(|c| cert_key(c)).filter(|c| !c.is_empty()).collect();
        Ok(Scorer { graph, job, targets, certifications })
    }

    /// The job being scored against.
    pub fn job(&self) -> &Job {
        &self.job
    }

    /// Points each part is worth for this candidate; parts that cannot be judged are zero and
    /// the others scale up so the total stays 100.
    pub(crate) fn part_points(&self, salary_known: bool) -> PartPoints {
        let w = self.job.weights;
        let has = |list: &[Requirement]| !list.is_empty();
        let raw = [
            if has(&self.job.required) { w.required } else { 0 },
            if has(&self.job.nice) { w.nice } else { 0 },
            w.experience,
            if self.certifications.is_empty() { 0 } else { w.certifications },
            if self.job.remote || !self.job.locations.is_empty() { w.location } else { 0 },
            if salary_known { w.salary } else { 0 },
        ]
        .map(f32::from);
        let total: f32 = raw.iter().sum();
        let scale = if total > 0.0 { 100.0 / total } else { 0.0 };
        PartPoints {
            required: raw[0] * scale,
            nice: raw[1] * scale,
            experience: raw[2] * scale,
            certifications: raw[3] * scale,
            location: raw[4] * scale,
            salary: raw[5] * scale,
        }
    }

    /// The score of `candidate` with one line per requirement, experience, certification,
    /// location, salary and failed knockout.
    pub fn score(&self, candidate: &Candidate) -> Match {
        let salary = candidate.salary_expectation.and_then(|e| self.job.band_for(e).map(|band| (e, band)));
        let points = self.part_points(salary.is_some());
        let held: Vec<(Option<SkillId>, &str, Option<f32>)> =
            candidate.skills.iter().map(|s| (self.graph.resolve(&s.name), s.name.as_str(), s.years)).collect();
        let mut reasons = Vec::new();
        for target in &self.targets {
            let part_points = if target.required { points.required } else { points.nice };
            reasons.push(self.skill_reason(target, &held, part_points * target.share));
        }
        let (credit, mark, text) = self.experience(candidate.total_years);
        reasons.push(Reason {
            part: Part::Experience,
            mark,
            text,
            points: credit * points.experience,
            max_points: points.experience,
        });
        let each_cert = points.certifications / self.certifications.len().max(1) as f32;
        for (wanted, shown) in self.certifications.iter().zip(&self.job.certifications) {
            let has = candidate.certifications.iter().any(|c| cert_matches(wanted, &cert_key(c)));
            let (mark, credit) = if has { (Mark::Met, 1.0) } else { (Mark::Missing, 0.0) };
            reasons.push(Reason {
                part: Part::Certification,
                mark,
                text: shown.clone(),
                points: credit * each_cert,
                max_points: each_cert,
            });
        }
        if points.location > 0.0 {
            let (credit, mark, text) = self.location(&candidate.place);
            reasons.push(Reason {
                part: Part::Location,
                mark,
                text,
                points: credit * points.location,
                max_points: points.location,
            });
        }
        if let Some((expectation, band)) = salary {
            let (credit, mark, text) = salary_fit(expectation.minor, band.min_minor, band.max_minor);
            reasons.push(Reason {
                part: Part::Salary,
                mark,
                text,
                points: credit * points.salary,
                max_points: points.salary,
            });
        }
        if !candidate.knockouts.is_empty() {
            let earned: f32 = reasons.iter().map(|r| r.points).sum();
            let text = format!("Failed knockout: {}", candidate.knockouts.join("; "));
            let penalty = (KNOCKOUT_CAP - earned).min(0.0);
            reasons.push(Reason { part: Part::Knockout, mark: Mark::Missing, text, points: penalty, max_points: 0.0 });
        }
        Match::from_reasons(reasons)
    }

    fn skill_reason(&self, target: &Target, held: &[(Option<SkillId>, &str, Option<f32>)], max_points: f32) -> Reason {
        let wanted = target.id.map(|id| self.graph.name(id)).unwrap_or(&target.requirement.skill);
        let min = target.requirement.min_years;
        let needs = min.filter(|&m| m > 0).map(|m| format!(" (needs {m})")).unwrap_or_default();
        let (credit, mark, text) = match how_held(target, held) {
            Held::Directly(y) => {
                let credit = years_credit(y, min);
                let text = match y {
                    Some(y) => format!("{wanted} {}{needs}", years(y)),
                    None if min.is_some_and(|m| m > 0) => format!("{wanted}, years not shown{needs}"),
                    None => wanted.to_owned(),
                };
                (credit, if credit >= 1.0 { Mark::Met } else { Mark::Partial }, text)
            }
            Held::Through(by, y) => {
                let credit = years_credit(y, min);
                let y = y.map(|y| format!(" {}", years(y))).unwrap_or_default();
                (
                    credit,
                    if credit >= 1.0 { Mark::Met } else { Mark::Partial },
                    format!("{wanted}{y} through {by}{needs}"),
                )
            }
            Held::Instead(by) => (ALTERNATIVE_CREDIT, Mark::Partial, format!("{by} instead of {wanted}")),
            Held::Not => (0.0, Mark::Missing, wanted.to_owned()),
        };
        let part = if target.required { Part::Required } else { Part::Nice };
        Reason { part, mark, text, points: credit * max_points, max_points }
    }

    /// Experience credit, mark and line for `total` years against the level's range.
    pub(crate) fn experience(&self, total: Option<f32>) -> (f32, Mark, String) {
        let (lo, hi) = self.job.level.years();
        let range = match hi {
            Some(hi) => format!("{}: {lo}–{hi} y", self.job.level.as_str()),
            None => format!("{}: {lo}+ y", self.job.level.as_str()),
        };
        let Some(t) = total else {
            return (UNKNOWN_EXPERIENCE_CREDIT, Mark::Unknown, format!("Experience not shown ({range})"));
        };
        let credit = experience_credit(t, self.job.level);
        let mark = if credit >= 1.0 {
            Mark::Met
        } else if credit > 0.0 {
            Mark::Partial
        } else {
            Mark::Missing
        };
        let above = match hi {
            Some(_) if credit < 0.0 => ", far more than the level asks",
            Some(hi) if t > f32::from(hi) => ", more than the level asks",
            _ => "",
        };
        (credit, mark, format!("{} experience{above} ({range})", years(t)))
    }

    /// Location credit, mark and line for someone living at `place`.
    pub(crate) fn location(&self, place: &Place) -> (f32, Mark, String) {
        if self.job.remote {
            return (1.0, Mark::Met, "Remote role".into());
        }
        let same = |a: &Option<String>, b: &Option<String>| matches!((a, b), (Some(a), Some(b)) if a.trim().to_lowercase() == b.trim().to_lowercase());
        let offices = self.job.locations.iter().map(show_place).collect::<Vec<_>>().join(" or ");
        let here = show_place(place);
        if place.city.is_none() && place.country.is_none() {
            (0.5, Mark::Unknown, format!("Location not shown (office in {offices})"))
        } else if self.job.locations.iter().any(|o| same(&o.city, &place.city)) {
            (1.0, Mark::Met, format!("In {here}"))
        } else if self.job.locations.iter().any(|o| same(&o.country, &place.country)) {
            (0.6, Mark::Partial, format!("In {here}, office in {offices}"))
        } else {
            (0.1, Mark::Missing, format!("In {here}, office in {offices}"))
        }
    }
}

/// Points per part for one candidate.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PartPoints {
    pub(crate) required: f32,
    pub(crate) nice: f32,
    pub(crate) experience: f32,
    pub(crate) certifications: f32,
    pub(crate) location: f32,
    pub(crate) salary: f32,
}

/// Full inside the level's range and proportional below it. Above it, a mid-level opening
/// loses a little per year and never more than half; a junior opening is meant for someone
/// early in their career, so three years past its range the line earns nothing and beyond
/// that it counts against the candidate, down to minus the full part.
pub(crate) fn experience_credit(t: f32, level: Level) -> f32 {
    let (lo, hi) = level.years();
    let (lo, hi) = (f32::from(lo), hi.map(f32::from));
    if t < lo {
        (t / lo).max(0.0)
    } else if let Some(hi) = hi.filter(|&hi| t > hi) {
        match level {
            Level::Junior => (1.0 - (t - hi) / JUNIOR_TOLERANCE).max(-1.0),
            _ => (1.0 - (t - hi) / 10.0).max(0.5),
        }
    } else {
        1.0
    }
}

/// Years past a junior range after which experience stops earning points.
const JUNIOR_TOLERANCE: f32 = 3.0;

/// How `held` covers `target`: the way that earns the most credit, the skill itself first on
/// a tie, then a skill that implies it, then a stand-in. The index takes the same maximum.
fn how_held<'a>(target: &Target, held: &[(Option<SkillId>, &'a str, Option<f32>)]) -> Held<'a> {
    let min = target.requirement.min_years;
    let mut best = (0.0, Held::Not);
    for &(id, name, years) in held {
        let (credit, how) = match (id, target.id) {
            (Some(id), Some(t)) if id == t => (years_credit(years, min), Held::Directly(years)),
            (_, None) if name.trim().eq_ignore_ascii_case(target.requirement.skill.trim()) => {
                (years_credit(years, min), Held::Directly(years))
            }
            (Some(id), Some(_)) if target.implied_by.contains(&id) => {
                (years_credit(years, min), Held::Through(name, years))
            }
            (Some(id), Some(_)) if target.alternatives.contains(&id) => (ALTERNATIVE_CREDIT, Held::Instead(name)),
            _ => continue,
        };
        if credit > best.0 || (credit == best.0 && how.rank() < best.1.rank()) {
            best = (credit, how);
        }
    }
    best.1
}

impl Held<'_> {
    /// Which way wins a tie: the skill itself, then through another, then instead of it.
    fn rank(&self) -> u8 {
        match self {
            Held::Directly(_) => 0,
            Held::Through(..) => 1,
            Held::Instead(_) => 2,
            Held::Not => 3,
        }
    }
}

fn salary_fit(expected: i64, min: i64, max: i64) -> (f32, Mark, String) {
    if expected <= max {
        let below = if expected < min { ", below the band" } else { "" };
        (1.0, Mark::Met, format!("Salary expectation within budget{below}"))
    } else {
        let over = (expected - max) as f32 / max.max(1) as f32;
        let credit = (1.0 - 2.0 * over).max(0.0);
        (
            credit,
            if credit > 0.0 { Mark::Partial } else { Mark::Missing },
            format!("Salary expectation {:.0}% above the band", over * 100.0),
        )
    }
}

fn show_place(place: &Place) -> String {
    [&place.city, &place.country].into_iter().flatten().cloned().collect::<Vec<_>>().join(", ")
}

/// Certification names compared without case, punctuation or spacing.
pub(crate) fn cert_key(name: &str) -> String {
    name.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ").to_lowercase()
}

/// "pcap" matches "pcap certified associate in python programming": one is the other's leading words.
pub(crate) fn cert_matches(wanted: &str, held: &str) -> bool {
    let leads =
        |long: &str, short: &str| long == short || long.strip_prefix(short).is_some_and(|rest| rest.starts_with(' '));
    leads(held, wanted) || leads(wanted, held)
}
