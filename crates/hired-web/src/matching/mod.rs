//! Matching glue: the taxonomy as the ranking's skill graph, and jobs with their skills and
//! certifications written the taxonomy's way, so "Postgres" in a requisition finds the
//! PostgreSQL that intake put in profiles.

pub mod applicants;
pub mod live;
pub mod quality;

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
mod tests;
