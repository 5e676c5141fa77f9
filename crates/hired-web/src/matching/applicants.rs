//! A requisition's applicants scored against it: the same scorer as `hired rank` and the
//! index, fed with each candidate's profile as recruiters corrected it and the screening
//! knockouts they failed. Scores are computed when asked for, so they are always current.

use std::borrow::Cow;
use std::sync::OnceLock;

use hired_domain::money::Money;
use hired_domain::profile::Profile;
use hired_domain::profile_edits::ProfileEdits;
use hired_domain::requisition::RequisitionSpec;
use hired_domain::screening::ScreeningResult;
use hired_match::{Candidate, Job, JobError, Match, Scorer, SkillGraph};
use hired_resume::taxonomy::Taxonomy;
use hired_store::Applicant;

use crate::candidates::profile::this_month;

/// An application with its match; `None` when there is no profile to judge yet.
pub struct Scored {
    /// The application and its candidate.
    pub applicant: Applicant,
    /// Score and explanation.
    pub matched: Option<Match>,
}

/// The built-in taxonomy as a skill graph, built once.
pub(crate) fn graph() -> &'static SkillGraph {
    static GRAPH: OnceLock<SkillGraph> = OnceLock::new();
    GRAPH.get_or_init(|| super::skill_graph(Taxonomy::builtin()))
}

/// The job a requisition describes, in the taxonomy's words.
pub fn requisition_job(spec: &RequisitionSpec) -> Job {
    super::canonical_job(Job::from_requisition(spec), Taxonomy::builtin())
}

/// The facts matching scores for one applicant, with the salary they expect; `None` without a
/// profile.
pub fn candidate(applicant: &Applicant) -> Option<Candidate> {
    let a = applicant;
    candidate_from(a.profile.as_ref(), &a.edits, a.screening.as_ref(), a.salary_expectation)
}

/// The profile as read with recruiters' edits applied (borrowed when there are none); `None`
/// when there is no profile at all.
pub fn effective_profile<'a>(parsed: Option<&'a Profile>, edits: &ProfileEdits) -> Option<Cow<'a, Profile>> {
    match parsed {
        Some(parsed) if edits.is_empty() => Some(Cow::Borrowed(parsed)),
        None if edits.is_empty() => None,
        _ => Some(Cow::Owned(edits.apply(parsed.unwrap_or(&Profile::default()), this_month()))),
    }
}

/// The facts matching scores for a profile as read with recruiters' edits, with what one
/// application adds: the knockouts failed in its screening and the salary expected; `None`
/// when there is no profile at all.
pub fn candidate_from(
    parsed: Option<&Profile>,
    edits: &ProfileEdits,
    screening: Option<&ScreeningResult>,
    salary_expectation: Option<Money>,
) -> Option<Candidate> {
    let mut candidate = Candidate::from_profile(&*effective_profile(parsed, edits)?);
    candidate.salary_expectation = salary_expectation;
    if let Some(screening) = screening {
        candidate.knockouts = screening.failed_prompts().into_iter().map(str::to_owned).collect();
    }
    Some(candidate)
}

/// One candidate's match against a requisition, explained.
pub fn explain(spec: &RequisitionSpec, candidate: &Candidate) -> Result<Match, JobError> {
    Ok(Scorer::new(graph(), &requisition_job(spec))?.score(candidate))
}

/// Every applicant scored, best first (those without a profile last, in the order given).
/// Fails when the requisition names no skills to rank by, saying what to add.
pub fn score(spec: &RequisitionSpec, applicants: Vec<Applicant>) -> Result<Vec<Scored>, JobError> {
    let job = requisition_job(spec);
    let scorer = Scorer::new(graph(), &job)?;
    let mut scored: Vec<Scored> = applicants
        .into_iter()
        .map(|applicant| {
            let matched = candidate(&applicant).map(|c| scorer.score(&c));
            Scored { applicant, matched }
        })
        .collect();
    scored.sort_by_key(|s| std::cmp::Reverse(s.matched.as_ref().map(|m| m.score)));
    Ok(scored)
}

/// What a recruiter should do when a requisition cannot rank anyone.
pub fn unranked_reason(error: &JobError) -> String {
    match error {
        JobError::NoSkills => {
            "This requisition lists no skills, so applicants cannot be ranked: add required or nice-to-have skills on its Edit page.".into()
        }
        other => other.to_string(),
    }
}
