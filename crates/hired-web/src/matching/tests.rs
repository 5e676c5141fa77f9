//! Matching glue and the ranking test set.

use hired_match::{Candidate, HeldSkill, Place, Requirement, Scorer};

use super::*;

#[test]
fn a_requisition_in_the_recruiters_words_matches_profiles_in_the_taxonomys() {
    let taxonomy = Taxonomy::builtin();
    let graph = skill_graph(taxonomy);
    let seed = hired_domain::templates::django_backend().spec;
    let job = canonical_job(Job::from_requisition(&seed), taxonomy);
    assert!(job.required.iter().any(|r| r.skill == "PostgreSQL"));
    assert!(job.certifications.iter().any(|c| c.starts_with("PCAP – ")), "{:?}", job.certifications);
    let scorer = Scorer::new(&graph, &job).unwrap();
    let drf = Candidate {
        skills: vec![HeldSkill { name: "Django REST Framework".into(), years: Some(4.0) }],
        total_years: Some(4.0),
        place: Place::default(),
        ..Candidate::default()
    };
    let lines: Vec<String> = scorer.score(&drf).reasons.iter().map(ToString::to_string).collect();
    assert!(lines.contains(&"✓ Python 4 y through Django REST Framework (needs 2)".to_owned()), "{lines:#?}");
    assert!(lines.contains(&"✓ Django 4 y through Django REST Framework (needs 2)".to_owned()), "{lines:#?}");
    let aws = canonical_job(
        Job { nice: vec![Requirement { skill: "k8s".into(), min_years: None, weight: 3 }], ..job },
        taxonomy,
    );
    assert_eq!(aws.nice[0].skill, "Kubernetes");
}

/// The shared corpus (`HIRED_CORPUS_DIR`, set by `cargo xtask test`).
fn corpus() -> std::path::PathBuf {
    let root = std::env::var("HIRED_CORPUS_DIR").unwrap_or_else(|_| "/work/shared/corpus".into());
    let root = std::path::PathBuf::from(root);
    assert!(
        root.join("resumes/json").is_dir(),
        "the resume corpus is needed at {} (set HIRED_CORPUS_DIR)",
        root.display()
    );
    root
}

#[test]
fn the_ranking_test_set_puts_relevant_candidates_first_and_explains_every_top_score() {
    let results = quality::evaluate(std::path::Path::new(quality::TEST_SET), &corpus()).unwrap();
    assert!(results.len() >= 10, "the test set has {} jobs", results.len());
    let mut sum = 0.0;
    for result in &results {
        let ndcg = result.ndcg.unwrap_or_else(|| panic!("{}: no relevant candidate labelled", result.job));
        println!("{:<32} nDCG@10 {ndcg:.3}", result.job);
        sum += ndcg;
        assert!(ndcg >= 0.3, "{}: nDCG@10 {ndcg:.3}", result.job);
        let scores: Vec<u8> = result.top.iter().map(|r| r.matched.score).collect();
        assert!(scores.is_sorted_by(|a, b| a >= b), "{}: not best first: {scores:?}", result.job);
        for ranked in &result.top {
            let matched = &ranked.matched;
            let total: f32 = matched.reasons.iter().map(|r| r.points).sum();
            assert_eq!(
                matched.score,
                total.round().clamp(0.0, 100.0) as u8,
                "{} {}: {matched:#?}",
                result.job,
                ranked.key
            );
            for reason in &matched.reasons {
                assert!(reason.points <= reason.max_points + 1e-4, "{} {}: {reason:?}", result.job, ranked.key);
            }
        }
    }
    let mean = sum / results.len() as f64;
    println!("mean nDCG@10 {mean:.3}");
    assert!(mean >= 0.78, "mean nDCG@10 {mean:.3}");
}
