//! Matching glue: the taxonomy as the ranking's skill graph, and jobs with their skills and
//! certifications written the taxonomy's way, so "Postgres" in a requisition finds the
//! PostgreSQL that intake put in profiles.

use hired_match::{Job, SkillGraph, SkillNode};
use hired_resume::taxonomy::Taxonomy;

/// The skill graph of `taxonomy`: every technology with its category, aliases and implications.
pub fn skill_graph(taxonomy: &Taxonomy) -> SkillGraph {
    SkillGraph::new(taxonomy.techs().iter().map(|tech| SkillNode {
        name: tech.name.clone(),
        category: tech.category.clone(),
        aliases: tech.aliases.clone(),
        implies: tech.implies.clone(),
    }))
}

/// `job` with each skill and certification under its canonical taxonomy name when the
/// taxonomy knows it ("AWS" becomes "Amazon Web Services", "PCAP" the full PCAP name).
pub fn canonical_job(mut job: Job, taxonomy: &Taxonomy) -> Job {
    for requirement in job.required.iter_mut().chain(job.nice.iter_mut()) {
        if let Some(tech) = taxonomy.lookup(&requirement.skill) {
            requirement.skill = tech.name.clone();
        }
    }
    for cert in &mut job.certifications {
        if let [only] = taxonomy.certifications(cert).as_slice() {
            *cert = only.name.clone();
        }
    }
    job
}

#[cfg(test)]
mod tests {
    use hired_match::{Candidate, HeldSkill, Place, Requirement, Scorer, Weights};

    use super::*;

    #[test]
    fn a_requisition_in_the_recruiters_words_matches_profiles_in_the_taxonomys() {
        let taxonomy = Taxonomy::builtin();
        let graph = skill_graph(taxonomy);
        let seed = hired_domain::templates::django_backend().spec;
        let job = canonical_job(Job::from_requisition(&seed, Weights::default()), taxonomy);
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
}
