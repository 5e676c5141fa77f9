//! The index ranks exactly as the scorer scores: same order, same numbers, same explanations.

use hired_domain::requisition::Level;

use crate::skills::tests::sample;
use crate::*;

/// A small deterministic generator (xorshift), so failures repeat.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const SKILLS: &[&str] = &[
    "Python",
    "PHP",
    "Django",
    "Django REST Framework",
    "Flask",
    "Laravel",
    "PostgreSQL",
    "MySQL",
    "Docker",
    "Git",
    "Cobol",
];
const PLACES: &[&str] = &["Berlin, DE", "Munich, DE", "Paris, FR", "", "berlin", "Lisbon, PT"];

fn random_candidate(rng: &mut Rng) -> Candidate {
    let skills = (0..rng.below(6))
        .map(|_| HeldSkill {
            name: SKILLS[rng.below(SKILLS.len() as u64) as usize].into(),
            years: (rng.below(4) > 0).then(|| rng.below(120) as f32 / 10.0),
        })
        .collect();
    Candidate {
        skills,
        total_years: (rng.below(5) > 0).then(|| rng.below(300) as f32 / 10.0),
        certifications: if rng.below(4) == 0 {
            vec!["PCAP – Certified Associate in Python Programming".into()]
        } else {
            vec![]
        },
        place: Place::parse(PLACES[rng.below(PLACES.len() as u64) as usize]),
        ..Candidate::default()
    }
}

fn job(remote: bool, level: Level) -> Job {
    let req = |skill: &str, min_years, weight| Requirement { skill: skill.into(), min_years, weight };
    Job {
        title: "Backend".into(),
        level,
        required: vec![req("Python", Some(3), 10), req("Django", Some(2), 8), req("PostgreSQL", None, 5)],
        nice: vec![req("Docker", None, 5), req("Cobol", Some(1), 2)],
        certifications: vec!["PCAP".into()],
        locations: vec![Place::parse("Berlin, DE")],
        remote,
        salary: None,
        weights: Weights::default(),
    }
}

#[test]
fn the_top_k_are_the_brute_force_top_k_with_the_scorers_explanations() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut index = Index::new(sample());
    for i in 0..3000u32 {
        index.upsert(i, &random_candidate(&mut rng));
    }
    for job in [job(false, Level::Mid), job(true, Level::Junior), job(false, Level::Senior)] {
        let ranked = index.rank(&job, 50, |_| true).unwrap();
        let scorer = Scorer::new(index.graph(), &job).unwrap();
        let mut all: Vec<f32> = (0..3000u32).map(|i| scorer.score(&index.get(&i).unwrap()).exact()).collect();
        all.sort_by(|a, b| b.total_cmp(a));
        let got: Vec<f32> = ranked.iter().map(|r| r.matched.exact()).collect();
        assert_eq!(got, all[..50], "the index's top 50 are the best 50 by the scorer");
        for r in &ranked {
            assert_eq!(r.matched, scorer.score(&index.get(&r.key).unwrap()));
        }
    }
}

#[test]
fn a_skill_reached_through_known_and_unknown_years_earns_the_better_credit() {
    let mut index = Index::new(sample());
    let held = |skills: &[(&str, Option<f32>)]| Candidate {
        skills: skills.iter().map(|&(name, years)| HeldSkill { name: name.into(), years }).collect(),
        ..Candidate::default()
    };
    // Python needs 3 years: one known year earns 0.67, unknown years 0.75, five years 1.
    index.upsert("few and unknown", &held(&[("Django", Some(1.0)), ("Flask", None)]));
    index.upsert("few", &held(&[("Django", Some(1.0))]));
    index.upsert("unknown and many", &held(&[("Flask", None), ("Django REST Framework", Some(5.0))]));
    index.upsert("directly", &held(&[("Python", Some(2.0)), ("Django", Some(0.5))]));
    let ranked = index.rank(&job(false, Level::Mid), 10, |_| true).unwrap();
    let order: Vec<&str> = ranked.iter().map(|r| r.key).collect();
    assert_eq!(order, ["unknown and many", "few and unknown", "directly", "few"]);
    assert_descending(&ranked);
}

/// The explained scores of `ranked` never rise: the index ordered them as the scorer scores.
fn assert_descending<K: std::fmt::Debug>(ranked: &[Ranked<K>]) {
    for pair in ranked.windows(2) {
        assert!(pair[0].matched.exact() >= pair[1].matched.exact(), "{:?} ranked above {:?}", pair[0], pair[1]);
    }
}

#[test]
fn everyone_is_ranked_in_the_order_of_the_scorers_scores() {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut index = Index::new(sample());
    for i in 0..2000u32 {
        index.upsert(i, &random_candidate(&mut rng));
    }
    for job in [job(false, Level::Senior), job(true, Level::Junior)] {
        let ranked = index.rank(&job, 2000, |_| true).unwrap();
        assert_eq!(ranked.len(), 2000);
        assert_descending(&ranked);
    }
}

#[test]
fn replaced_and_removed_candidates_leave_the_ranking() {
    let graph = sample();
    let mut index = Index::new(graph);
    let strong = Candidate {
        skills: vec![HeldSkill { name: "Django".into(), years: Some(6.0) }],
        total_years: Some(4.0),
        place: Place::parse("Berlin, DE"),
        ..Candidate::default()
    };
    let weak = Candidate { total_years: Some(1.0), ..Candidate::default() };
    index.upsert("a", &strong);
    index.upsert("b", &weak);
    let job = job(false, Level::Mid);
    assert_eq!(index.rank(&job, 1, |_| true).unwrap()[0].key, "a");
    index.upsert("a", &weak);
    index.upsert("b", &strong);
    assert_eq!(index.rank(&job, 1, |_| true).unwrap()[0].key, "b");
    assert!(index.remove(&"b"));
    assert_eq!(index.len(), 1);
    assert_eq!(index.rank(&job, 5, |_| true).unwrap().len(), 1);
    assert!(index.dead_share() > 0.5);
    index.compact();
    assert_eq!(index.dead_share(), 0.0);
    assert_eq!(index.rank(&job, 5, |_| true).unwrap()[0].key, "a");
}

#[test]
fn a_filter_keeps_people_out_of_the_results() {
    let mut rng = Rng(7);
    let mut index = Index::new(sample());
    for i in 0..200u32 {
        index.upsert(i, &random_candidate(&mut rng));
    }
    let ranked = index.rank(&job(true, Level::Mid), 20, |k| k % 2 == 0).unwrap();
    assert_eq!(ranked.len(), 20);
    assert!(ranked.iter().all(|r| r.key % 2 == 0));
}

#[test]
fn cities_are_shown_as_written_and_matched_in_any_case() {
    let mut index = Index::new(sample());
    let c = Candidate {
        skills: vec![HeldSkill { name: "Django".into(), years: None }],
        place: Place::parse("berlin"),
        ..Candidate::default()
    };
    index.upsert(1, &c);
    let ranked = index.rank(&job(false, Level::Mid), 1, |_| true).unwrap();
    let location = ranked[0].matched.reasons.iter().find(|r| r.part == Part::Location).unwrap();
    assert_eq!(location.to_string(), "✓ In berlin");
}
