//! The competency library and the interview plans the two seed roles ship with: what each
//! interview assesses, questions to start from, and what strong and weak answers look like.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::interviews::{Competency, CompetencyKind, InterviewKind};
use crate::requisition::RequisitionSpec;

/// One interview of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedInterview {
    /// What it is for.
    pub kind: InterviewKind,
    /// Name shown on the candidate page and in invitations.
    pub title: String,
    /// Length in minutes.
    pub minutes: u16,
    /// The pipeline stage it belongs to.
    pub stage: String,
    /// Keys of the competencies its scorecard rates, in the kit's order.
    pub competencies: Vec<String>,
}

impl PlannedInterview {
    /// The names of what it assesses, for lists: "Python, Django, Testing".
    pub fn assesses(&self) -> String {
        self.competencies.iter().filter_map(|k| competency(k)).map(|c| c.name.as_str()).collect::<Vec<_>>().join(", ")
    }
}

/// Every competency of the library, technical first.
pub fn library() -> &'static [Competency] {
    static LIBRARY: OnceLock<Vec<Competency>> = OnceLock::new();
    LIBRARY.get_or_init(build_library)
}

/// The library's competency under `key`.
pub fn competency(key: &str) -> Option<&'static Competency> {
    library().iter().find(|c| c.key == key)
}

fn entry(
    key: &str,
    name: &str,
    kind: CompetencyKind,
    assess: &str,
    questions: &[&str],
    good: &str,
    poor: &str,
) -> Competency {
    Competency {
        key: key.into(),
        name: name.into(),
        kind,
        assess: assess.into(),
        questions: questions.iter().map(|q| q.to_string()).collect(),
        good: good.into(),
        poor: poor.into(),
    }
}

fn build_library() -> Vec<Competency> {
    use CompetencyKind::{Soft, Technical};
    vec![
        entry(
            "python",
            "Python",
            Technical,
            "Idiomatic Python: data structures, generators, typing, packaging, the standard library.",
            &[
                "When would you reach for a generator instead of a list?",
                "How do you keep a growing codebase type-safe?",
            ],
            "Chooses the simple construct, knows its costs, reads and explains unfamiliar code quickly.",
            "Writes Python like another language, cannot say why a construct is slow or surprising.",
        ),
        entry(
            "django",
            "Django",
            Technical,
            "The ORM, migrations, middleware, the request cycle and the admin in real projects.",
            &[
                "A list page makes hundreds of queries. How do you find and fix it?",
                "How do you change a large table's schema without downtime?",
            ],
            "Uses select_related/prefetch_related on purpose, plans migrations, knows where Django ends.",
            "Knows the tutorial; has not met N+1 queries or a migration that locks a table.",
        ),
        entry(
            "php",
            "PHP",
            Technical,
            "Modern PHP with a framework (Laravel or Symfony), Composer and typed code.",
            &["How would you move a legacy PHP module under tests before changing it?"],
            "Writes typed, tested PHP and talks about framework internals with confidence.",
            "Mixes templates and logic, no tests, no sense of PHP's modern features.",
        ),
        entry(
            "rest_api_design",
            "REST API design",
            Technical,
            "Resources, status codes, pagination, versioning, idempotency and documentation.",
            &[
                "Design the API for booking a meeting room, including conflicts.",
                "How do you change a field's meaning without breaking clients?",
            ],
            "Designs for clients: clear errors, stable contracts, safe retries, documented.",
            "Verbs in URLs, 200 for everything, no thought for pagination or old clients.",
        ),
        entry(
            "databases",
            "Databases and query optimization",
            Technical,
            "Schema design, indexes, query plans and transactions on PostgreSQL or MySQL.",
            &[
                "Here is a slow query and its EXPLAIN output. What do you change?",
                "When does a transaction isolation level matter to you?",
            ],
            "Reads a query plan, picks indexes for the access pattern, knows locking and isolation.",
            "Adds indexes at random, cannot read a plan, unaware of concurrent writes.",
        ),
        entry(
            "testing",
            "Testing",
            Technical,
            "Unit and integration tests that catch regressions, fixtures, testing at the right level.",
            &["Which tests would you write for a payment webhook handler, and why those?"],
            "Tests behaviour at the right level, keeps them fast and deterministic.",
            "Tests implementation details or nothing; flaky or slow suites seem normal.",
        ),
        entry(
            "security",
            "Security",
            Technical,
            "Authentication, authorization, injection, secrets and the OWASP top ten in practice.",
            &["Walk through how you would review an endpoint that exports user data."],
            "Checks authorization per object, parameterizes queries, handles secrets and input with care.",
            "Trusts the client, builds SQL from strings, keeps secrets in the repository.",
        ),
        entry(
            "git",
            "Git and code review",
            Technical,
            "Branching, readable history, reviewing and being reviewed.",
            &["How do you split a large change so it is easy to review?"],
            "Small focused commits with reasons, reviews kindly and specifically.",
            "Huge commits, no messages, treats review as a formality.",
        ),
        entry(
            "containers",
            "Containers",
            Technical,
            "Docker images, compose for local work, what changes in production.",
            &["What makes a container image small, reproducible and safe?"],
            "Builds lean images, understands layers, config and health checks.",
            "Copies a Dockerfile from a blog and cannot explain it.",
        ),
        entry(
            "cloud",
            "Cloud",
            Technical,
            "Deploying and running services on AWS, GCP or Azure: managed databases, queues, observability.",
            &["A service is slow only in production. Where do you look first?"],
            "Uses managed services deliberately, watches metrics and logs, thinks about cost.",
            "Has only deployed by hand; no idea how to observe a running system.",
        ),
        entry(
            "communication",
            "Communication",
            Soft,
            "Explaining technical ideas to engineers and non-engineers, in speech and in writing.",
            &[
                "Explain a system you built to someone from sales.",
                "Tell me about documentation you wrote that others relied on.",
            ],
            "Adapts to the listener, structures the explanation, checks understanding, writes clearly.",
            "Jargon for everyone, rambles, or cannot explain their own work.",
        ),
        entry(
            "problem_solving",
            "Problem solving",
            Soft,
            "Breaking a problem down, weighing options and justifying a choice.",
            &["Tell me about the hardest bug you fixed. How did you narrow it down?"],
            "Forms hypotheses, tests them, considers alternatives and explains the trade-offs.",
            "Guesses, jumps to a fix without understanding the cause.",
        ),
        entry(
            "attention_to_detail",
            "Attention to detail",
            Soft,
            "Care for correctness: edge cases, consistency, tests, reviewing one's own work.",
            &[
                "Describe a time a small oversight caused a big problem. What changed afterwards?",
                "How do you check your own change before asking for review?",
            ],
            "Owns mistakes, learned a habit from them, catches edge cases unprompted.",
            "Blames others, sees small errors as unimportant.",
        ),
        entry(
            "collaboration",
            "Collaboration",
            Soft,
            "Working with frontend, DevOps, QA and product; disagreeing well.",
            &["Tell me about a disagreement with a colleague about a design. How did it end?"],
            "Seeks others' views, disagrees with reasons, commits once decided.",
            "Works alone, dismisses others, or cannot recall working through a disagreement.",
        ),
        entry(
            "learning",
            "Learning and mentorship",
            Soft,
            "Taking feedback, learning new tools, helping others grow.",
            &["What feedback changed how you work?", "How have you helped a newer colleague?"],
            "Asks for feedback, acts on it, shares what they know.",
            "Defensive about feedback, no recent learning, no interest in helping others.",
        ),
        entry(
            "deadlines",
            "Meeting deadlines",
            Soft,
            "Estimating, cutting scope, raising risks early and delivering.",
            &["Tell me about a deadline you were going to miss. What did you do?"],
            "Raises risks early, negotiates scope, delivers what was agreed.",
            "Surprises people at the last minute, or ships broken work to hit a date.",
        ),
    ]
}

fn planned(kind: InterviewKind, minutes: u16, stage: &str, competencies: &[&str]) -> PlannedInterview {
    PlannedInterview {
        kind,
        title: kind.label().into(),
        minutes,
        stage: stage.into(),
        competencies: competencies.iter().map(|c| c.to_string()).collect(),
    }
}

/// The system-design interview both seed roles share.
fn system_design() -> PlannedInterview {
    planned(InterviewKind::SystemDesign, 60, "interviews", &["rest_api_design", "databases", "containers", "cloud"])
}

/// The behavioral interview both seed roles share: the soft skills of the seed guides.
fn behavioral() -> PlannedInterview {
    let soft = ["communication", "problem_solving", "attention_to_detail", "collaboration", "deadlines"];
    planned(InterviewKind::Behavioral, 45, "interviews", &soft)
}

/// The plan of the "Python Django Backend Developer" seed role.
pub fn django_backend_plan() -> Vec<PlannedInterview> {
    use InterviewKind::*;
    vec![
        planned(PhoneScreen, 30, "screen", &["communication", "python", "deadlines"]),
        planned(TakeHomeReview, 45, "assessment", &["django", "rest_api_design", "testing", "attention_to_detail"]),
        planned(Technical, 60, "interviews", &["python", "django", "databases", "security"]),
        planned(PairProgramming, 60, "interviews", &["python", "testing", "git", "problem_solving"]),
        system_design(),
        behavioral(),
        planned(HiringManager, 30, "interviews", &["collaboration", "learning", "communication"]),
    ]
}

/// The plan of the "PHP/Python Backend Developer" seed role.
pub fn php_python_backend_plan() -> Vec<PlannedInterview> {
    use InterviewKind::*;
    vec![
        planned(PhoneScreen, 30, "screen", &["communication", "php", "python"]),
        planned(Technical, 60, "interviews", &["php", "python", "databases", "security"]),
        planned(PairProgramming, 60, "interviews", &["php", "testing", "git", "problem_solving"]),
        system_design(),
        behavioral(),
        planned(Culture, 30, "interviews", &["collaboration", "learning"]),
        planned(HiringManager, 30, "interviews", &["collaboration", "learning", "deadlines"]),
    ]
}

/// The plan a requisition starts from: the PHP/Python seed plan for roles asking PHP, the
/// Django seed plan for roles asking Django or Python, the general plan for the rest.
pub fn default_plan(spec: &RequisitionSpec) -> Vec<PlannedInterview> {
    let asks = |skill: &str| spec.skills.iter().any(|s| s.skill.eq_ignore_ascii_case(skill));
    if asks("PHP") {
        php_python_backend_plan()
    } else if asks("Django") || asks("Python") {
        django_backend_plan()
    } else {
        general_plan()
    }
}

/// A plan for roles without one of their own: a screen, a technical and a behavioral interview.
pub fn general_plan() -> Vec<PlannedInterview> {
    use InterviewKind::*;
    vec![
        planned(PhoneScreen, 30, "screen", &["communication", "deadlines"]),
        planned(Technical, 60, "interviews", &["problem_solving", "testing", "databases", "git"]),
        planned(Behavioral, 45, "interviews", &["communication", "attention_to_detail", "collaboration", "learning"]),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_planned_competency_is_in_the_library_and_every_kit_has_questions() {
        let keys: Vec<&str> = library().iter().map(|c| c.key.as_str()).collect();
        for (i, key) in keys.iter().enumerate() {
            assert!(!keys[..i].contains(key), "{key} is in the library twice");
        }
        for plan in [django_backend_plan(), php_python_backend_plan(), general_plan()] {
            for interview in &plan {
                assert!(!interview.competencies.is_empty(), "{} rates something", interview.title);
                for key in &interview.competencies {
                    let c = competency(key).unwrap_or_else(|| panic!("{key} of {} is in the library", interview.title));
                    assert!(!c.questions.is_empty() && !c.good.is_empty() && !c.poor.is_empty());
                }
            }
        }
        assert_eq!(default_plan(&crate::templates::django_backend().spec), django_backend_plan());
        assert_eq!(default_plan(&crate::templates::php_python_backend().spec), php_python_backend_plan());
        let soft = library().iter().filter(|c| c.kind == CompetencyKind::Soft).count();
        assert_eq!(soft, 6, "communication, problem solving, attention to detail, collaboration, learning, deadlines");
    }
}
