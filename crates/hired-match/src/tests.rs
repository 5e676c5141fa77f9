//! The scorer on small, hand-made candidates: every credit rule and every line's wording.

use hired_domain::requisition::Level;
use hired_domain::{Currency, Money, PayPeriod, SalaryBand};

use crate::skills::tests::sample;
use crate::*;

fn req(skill: &str, min_years: Option<u8>, weight: u8) -> Requirement {
    Requirement { skill: skill.into(), min_years, weight }
}

fn django_job() -> Job {
    Job {
        title: "Backend".into(),
        level: Level::Mid,
        required: vec![req("Python", Some(2), 10), req("Django", Some(2), 10), req("PostgreSQL", None, 5)],
        nice: vec![req("Docker", None, 5)],
        certifications: vec!["PCAP".into()],
        locations: vec![Place::parse("Berlin, DE")],
        remote: false,
        salary: None,
        weights: Weights::default(),
    }
}

fn person(skills: &[(&str, Option<f32>)], total: Option<f32>, place: &str) -> Candidate {
    Candidate {
        skills: skills.iter().map(|(n, y)| HeldSkill { name: (*n).into(), years: *y }).collect(),
        total_years: total,
        place: Place::parse(place),
        ..Candidate::default()
    }
}

fn lines(m: &Match) -> Vec<String> {
    m.reasons.iter().map(ToString::to_string).collect()
}

#[test]
fn a_full_match_scores_100_with_every_line_met() {
    let graph = sample();
    let scorer = Scorer::new(&graph, &django_job()).unwrap();
    let mut c = person(
        &[("Python", Some(5.0)), ("Django", Some(4.0)), ("PostgreSQL", Some(3.0)), ("Docker", None)],
        Some(4.0),
        "Berlin, DE",
    );
    c.certifications = vec!["PCAP – Certified Associate in Python Programming".into()];
    let m = scorer.score(&c);
    assert_eq!(m.score, 100, "{:#?}", lines(&m));
    assert_eq!(
        lines(&m),
        [
            "✓ Python 5 y (needs 2)",
            "✓ Django 4 y (needs 2)",
            "✓ PostgreSQL 3 y",
            "✓ Docker",
            "✓ 4 y experience (mid: 2–5 y)",
            "✓ PCAP",
            "✓ In Berlin, DE"
        ]
    );
}

#[test]
fn implied_stand_in_and_missing_skills_read_as_the_issue_shows() {
    let graph = sample();
    let scorer = Scorer::new(&graph, &django_job()).unwrap();
    let c = person(&[("Flask", Some(3.0)), ("MySQL", None)], Some(3.0), "Munich, DE");
    let m = scorer.score(&c);
    let l = lines(&m);
    assert_eq!(l[0], "✓ Python 3 y through Flask (needs 2)");
    assert_eq!(l[1], "~ Flask instead of Django");
    assert_eq!(l[2], "~ MySQL instead of PostgreSQL");
    assert_eq!(l[3], "✗ Docker");
    assert_eq!(l[5], "✗ PCAP");
    assert_eq!(l[6], "~ In Munich, DE, office in Berlin, DE");
    assert!(m.score > 30 && m.score < 80, "{}", m.score);
}

#[test]
fn fewer_years_than_asked_earn_part_of_the_points() {
    let graph = sample();
    let scorer = Scorer::new(&graph, &django_job()).unwrap();
    let short = scorer.score(&person(&[("Django", Some(1.0))], Some(1.0), "Berlin"));
    let long = scorer.score(&person(&[("Django", Some(3.0))], Some(3.0), "Berlin"));
    assert!(short.score < long.score);
    assert_eq!(lines(&short)[1], "~ Django 1 y (needs 2)");
    assert_eq!(lines(&short)[0], "~ Python 1 y through Django (needs 2)");
    assert_eq!(lines(&short)[4], "~ 1 y experience (mid: 2–5 y)");
    let unknown = scorer.score(&person(&[("Django", None)], None, ""));
    assert_eq!(lines(&unknown)[1], "~ Django, years not shown (needs 2)");
    assert_eq!(lines(&unknown)[4], "? Experience not shown (mid: 2–5 y)");
    assert_eq!(lines(&unknown)[6], "? Location not shown (office in Berlin, DE)");
}

#[test]
fn the_lines_add_up_to_the_score() {
    let graph = sample();
    let scorer = Scorer::new(&graph, &django_job()).unwrap();
    for c in [
        person(&[], None, ""),
        person(&[("Laravel", Some(9.0))], Some(12.0), "Paris, FR"),
        person(&[("Django REST Framework", Some(2.5)), ("Git", None)], Some(2.5), "Berlin, DE"),
    ] {
        let m = scorer.score(&c);
        assert!((m.exact() - f32::from(m.score)).abs() <= 0.5 + 1e-3, "{m:#?}");
        assert!(m.reasons.iter().all(|r| r.points <= r.max_points + 1e-3));
    }
}

#[test]
fn a_failed_knockout_caps_the_score_and_says_why() {
    let graph = sample();
    let scorer = Scorer::new(&graph, &django_job()).unwrap();
    let mut c = person(&[("Python", Some(5.0)), ("Django", Some(4.0))], Some(4.0), "Berlin, DE");
    c.knockouts = vec!["Are you authorized to work in the EU?".into()];
    let m = scorer.score(&c);
    assert_eq!(m.score, 20);
    assert_eq!(lines(&m).last().unwrap(), "✗ Failed knockout: Are you authorized to work in the EU?");
}

#[test]
fn salary_counts_only_when_the_expectation_and_band_share_a_currency() {
    let graph = sample();
    let usd = Currency::parse("USD").unwrap();
    let job =
        Job { salary: Some(SalaryBand::new(8_000_000, 10_000_000, usd, PayPeriod::Year).unwrap()), ..django_job() };
    let scorer = Scorer::new(&graph, &job).unwrap();
    let mut c = person(&[("Django", Some(4.0))], Some(4.0), "Berlin, DE");
    assert!(scorer.score(&c).reasons.iter().all(|r| r.part != Part::Salary));
    c.salary_expectation = Some(Money { minor: 12_500_000, currency: usd });
    let over = scorer.score(&c);
    assert_eq!(lines(&over).last().unwrap(), "~ Salary expectation 25% above the band");
    c.salary_expectation = Some(Money { minor: 9_000_000, currency: Currency::parse("EUR").unwrap() });
    assert!(scorer.score(&c).reasons.iter().all(|r| r.part != Part::Salary));
}

#[test]
fn a_remote_role_fits_everyone_and_experience_far_past_a_junior_range_counts_against() {
    let graph = sample();
    let job = Job { remote: true, level: Level::Junior, ..django_job() };
    let scorer = Scorer::new(&graph, &job).unwrap();
    let m = scorer.score(&person(&[("Django", Some(10.0))], Some(10.0), "Lima, PE"));
    let l = lines(&m);
    assert_eq!(l.last().unwrap(), "✓ Remote role");
    assert_eq!(l[4], "✗ 10 y experience, far more than the level asks (junior: 0–2 y)");
    assert!(m.reasons[4].points < 0.0, "{:?}", m.reasons[4]);
    let three = lines(&scorer.score(&person(&[("Django", Some(3.0))], Some(3.0), "Lima, PE")));
    assert_eq!(three[4], "~ 3 y experience, more than the level asks (junior: 0–2 y)");
    let mid = Scorer::new(&graph, &Job { level: Level::Mid, ..job }).unwrap();
    let senior = mid.score(&person(&[("Django", Some(10.0))], Some(10.0), "Lima, PE"));
    assert_eq!(lines(&senior)[4], "~ 10 y experience, more than the level asks (mid: 2–5 y)");
    assert!(senior.reasons[4].points >= senior.reasons[4].max_points / 2.0);
}

#[test]
fn a_job_without_skills_cannot_rank() {
    let graph = sample();
    let job = Job { required: vec![], nice: vec![], ..django_job() };
    assert_eq!(Scorer::new(&graph, &job).unwrap_err(), JobError::NoSkills);
}

#[test]
fn skills_unknown_to_the_graph_match_by_name() {
    let graph = sample();
    let job = Job { required: vec![req("Frobnicator", None, 5)], nice: vec![], ..django_job() };
    let scorer = Scorer::new(&graph, &job).unwrap();
    let m = scorer.score(&person(&[("frobnicator", None)], Some(3.0), "Berlin"));
    assert_eq!(lines(&m)[0], "✓ Frobnicator");
}
