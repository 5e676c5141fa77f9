//! Demo data: a year in the life of a small engineering hiring team, so a new
//! installation (`hired serve --demo`) shows every page with realistic content.
//!
//! Everything is deterministic (a fixed random seed) and back-dated: each
//! application arrives at some time in the past year and is replayed through
//! the pipeline with the store's own functions, so stage events, audit entries
//! and board columns look exactly like a year of real use. Staff, departments
//! and requisitions are written first; everything else in one transaction.
//! The pipeline benchmark's seeder, [`seed_pipeline_bench`], lives beside it.

mod bench;
mod careers;
mod history;
mod names;
mod people;
mod profiles;
mod roles;

use crate::sql::WriteTxn;
use chrono::{DateTime, Duration, Utc};
use hired_domain::candidate::{CandidateDetails, CandidateInput};
use hired_domain::pipeline::MoveTarget;
use hired_domain::requisition::{Requisition, RequisitionStatus};
use hired_domain::user::{Role, User};
use hired_domain::{CandidateId, DepartmentId, Email, Invalid};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

pub use bench::{BENCH_COLUMNS, BenchSeed, publish_bench_postings, seed_pipeline_bench};

use crate::clock::{now, uuid_at};
use crate::{NewApplication, NewAudit, Store, StoreError, StoreResult};
use history::{Outcome, Story, Window};
use people::People;
use profiles::profile_for;
use roles::{DemoRole, STAFF};

/// The seed of every random choice: the same demo on every run.
const SEED: u64 = 20_240_501;

/// Candidates in the demo, including a few sourced ones who have not applied anywhere yet.
const CANDIDATES: usize = 600;

/// The accounts people sign in with on a demo installation; all share the password the caller hashed.
pub const ACCOUNTS: [(&str, Role); 4] = [
    ("admin@example.com", Role::Admin),
    ("recruiter@example.com", Role::Recruiter),
    ("manager@example.com", Role::HiringManager),
    ("interviewer@example.com", Role::Interviewer),
];

/// What [`seed`] created.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoSummary {
    /// Staff accounts.
    pub users: usize,
    /// Requisitions.
    pub requisitions: usize,
    /// Candidates.
    pub candidates: usize,
    /// Applications.
    pub applications: usize,
    /// Stage events (every arrival and move).
    pub stage_events: usize,
    /// Notes on candidates.
    pub notes: usize,
}

/// One application to write: to which demo role, how it went, where it came from.
struct PlannedApplication {
    role: usize,
    story: Story,
    source: &'static str,
}

/// One candidate to write with their applications.
struct PlannedCandidate {
    input: CandidateInput,
    created: DateTime<Utc>,
    applications: Vec<PlannedApplication>,
}

/// A random element of a non-empty constant list.
fn pick<'a, T>(rng: &mut StdRng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

/// Fills an empty database with the demo: staff (the [`ACCOUNTS`] plus colleagues, all with
/// `password_hash`), three departments, ten requisitions with hiring teams, about 600
/// candidates and a year of applications, stage moves and notes, then the channels they came
/// through and a published posting for every open requisition.
pub async fn seed(store: &Store, password_hash: &str) -> StoreResult<DemoSummary> {
    let now = now();
    let mut rng = StdRng::seed_from_u64(SEED);
    let mut staff = Vec::with_capacity(STAFF.len());
    for (email, name, role) in STAFF {
        let email = Email::parse(email).map_err(|e| Invalid::field("email", e.to_string()))?;
        staff.push(store.create_user(&email, name, *role, Some(password_hash.to_owned())).await?);
    }
    let mut departments = [DepartmentId::new(); 3];
    for (id, name) in departments.iter_mut().zip(roles::DEPARTMENTS) {
        *id = DepartmentId(store.create_department(name).await?.id);
    }
    let roles = roles::catalogue(&departments)?;
    let recruiter = member(&staff, "recruiter@example.com")?;
    let mut requisitions = Vec::with_capacity(roles.len());
    let mut windows = Vec::with_capacity(roles.len());
    for role in &roles {
        let opened = now - Duration::days(role.opened_days_ago) + Duration::minutes(rng.random_range(0..600));
        let req = store.insert_requisition(recruiter, role.spec.clone(), role.status, opened).await?;
        let end = role.ended_days_ago.map_or(now, |days| now - Duration::days(days));
        windows.push(Window { start: opened, end, now });
        requisitions.push(req);
    }
    let planned = plan(&mut rng, &roles, &windows, now);

    let txn = store.write_txn().await?;
    let mut writer = Writer { store, txn: &txn, staff: &staff, now, summary: DemoSummary::default() };
    writer.teams(&roles, &requisitions, &windows).await?;
    for candidate in planned {
        writer.candidate(&mut rng, candidate, &roles, &requisitions).await?;
    }
    let summary = DemoSummary { users: staff.len(), requisitions: requisitions.len(), ..writer.summary };
    txn.commit().await?;
    careers::seed(store, recruiter, &requisitions).await?;
    store.refresh_statistics().await?;
    Ok(summary)
}

/// Decides who applies where and how each application goes, before anything is written.
fn plan(rng: &mut StdRng, roles: &[DemoRole], windows: &[Window], now: DateTime<Utc>) -> Vec<PlannedCandidate> {
    let mut people = People::new();
    let mut planned: Vec<PlannedCandidate> = Vec::with_capacity(CANDIDATES);
    for (index, (role, window)) in roles.iter().zip(windows).enumerate() {
        let hires = if role.status == RequisitionStatus::Filled { usize::from(role.spec.headcount) } else { 0 };
        let skills = role.skill_names();
        for n in 0..role.applicants {
            let story = history::story(rng, role.status, *window, n < hires);
            let source = people::source(rng, role.uses_marketplaces());
            let application = PlannedApplication { role: index, story, source };
            let returning = (!planned.is_empty() && rng.random_bool(0.12))
                .then(|| rng.random_range(0..planned.len()))
                .filter(|&k| planned[k].applications.iter().all(|a| a.role != index));
            match returning {
                Some(k) => {
                    planned[k].created = planned[k].created.min(application.story.created);
                    planned[k].applications.push(application);
                }
                None => planned.push(PlannedCandidate {
                    input: people.next(rng, &skills, source),
                    created: application.story.created,
                    applications: vec![application],
                }),
            }
        }
    }
    while planned.len() < CANDIDATES {
        let skills = pick(rng, roles).skill_names();
        let source = *pick(rng, &["LinkedIn", "Developer community", "Employee referral"]);
        let created = now - Duration::seconds(rng.random_range(3_600..365 * 86_400));
        planned.push(PlannedCandidate { input: people.next(rng, &skills, source), created, applications: Vec::new() });
    }
    planned
}

/// The staff member with this email.
fn member<'a>(staff: &'a [User], email: &str) -> StoreResult<&'a User> {
    staff.iter().find(|u| u.email.as_str() == email).ok_or(StoreError::NotFound("demo staff member"))
}

/// Writes the planned demo inside one transaction.
struct Writer<'a> {
    store: &'a Store,
    txn: &'a WriteTxn,
    staff: &'a [User],
    now: DateTime<Utc>,
    summary: DemoSummary,
}

impl Writer<'_> {
    /// Puts each role's team on its requisition and dates finished requisitions' last change.
    async fn teams(&mut self, roles: &[DemoRole], reqs: &[Requisition], windows: &[Window]) -> StoreResult<()> {
        for ((role, req), window) in roles.iter().zip(reqs).zip(windows) {
            for email in role.team {
                let user = member(self.staff, email)?;
                let team_role = match user.role {
                    Role::HiringManager => "hiring_manager",
                    Role::Interviewer => "interviewer",
                    Role::Admin | Role::Recruiter => "recruiter",
                };
                self.store
                    .exec(
                        self.txn,
                        "INSERT INTO hiring_team (requisition_id, user_id, team_role) VALUES ($1, $2, $3)",
                        [req.id.0.into(), user.id.0.into(), team_role.into()],
                    )
                    .await?;
                let change = hired_domain::audit::FieldChange {
                    field: "team".into(),
                    before: serde_json::Value::Null,
                    after: user.email.as_str().into(),
                };
                let audit = NewAudit {
                    actor: Some(member(self.staff, "recruiter@example.com")?),
                    action: "requisition.team_add",
                    entity_type: "requisition",
                    entity_id: Some(req.id.0),
                    changes: vec![change],
                };
                self.store.append_audit(self.txn, audit).await?;
            }
            if role.ended_days_ago.is_some() {
                self.store
                    .exec(
                        self.txn,
                        "UPDATE requisitions SET updated_at = $1 WHERE id = $2",
                        [window.end.into(), req.id.0.into()],
                    )
                    .await?;
            }
        }
        Ok(())
    }

    /// Writes a candidate, then replays each of their applications and leaves a few notes.
    async fn candidate(
        &mut self,
        rng: &mut StdRng,
        planned: PlannedCandidate,
        roles: &[DemoRole],
        reqs: &[Requisition],
    ) -> StoreResult<()> {
        let recruiter = member(self.staff, "recruiter@example.com")?;
        let details = CandidateDetails::try_from(&planned.input)?;
        let actor = (planned.input.source != "Careers page").then_some(recruiter);
        let candidate = self.store.insert_candidate(self.txn, actor, details, planned.created).await?;
        let names: Vec<String> = roles.iter().flat_map(DemoRole::skill_names).collect();
        let profile = profile_for(&planned.input, &names);
        self.store.insert_demo_profile(self.txn, candidate.id, &profile, planned.created).await?;
        self.summary.candidates += 1;
        for application in planned.applications {
            let (role, req) = (&roles[application.role], &reqs[application.role]);
            self.application(candidate.id, &application, role, req).await?;
            self.notes(rng, candidate.id, &application.story, role).await?;
        }
        Ok(())
    }

    /// Replays one application: arrival, each move forward, then its rejection or withdrawal.
    async fn application(
        &mut self,
        candidate_id: CandidateId,
        application: &PlannedApplication,
        role: &DemoRole,
        req: &Requisition,
    ) -> StoreResult<()> {
        let recruiter = member(self.staff, "recruiter@example.com")?;
        let manager = role.team.first().map_or(Ok(recruiter), |email| member(self.staff, email))?;
        let story = &application.story;
        let stage_key = |index: usize| {
            req.stages.get(index).map(|s| s.key.clone()).ok_or(StoreError::Corrupt(format!("no stage {index}")))
        };
        let new = NewApplication { candidate_id, requisition_id: req.id, source: Some(application.source.to_owned()) };
        let actor = (application.source != "Careers page").then_some(recruiter);
        let app = self.store.insert_application(self.txn, actor, &new, &stage_key(0)?, story.created).await?;
        for (stage, at) in (1..=story.reached).zip(&story.moves) {
            let mover = if stage <= 2 { recruiter } else { manager };
            let target = MoveTarget::Stage { stage: stage_key(stage)? };
            self.store.move_in(self.txn, mover, app.id, None, &target, *at).await?;
        }
        let ending = match story.outcome {
            Outcome::Rejected(reason) => Some(MoveTarget::Reject { reason: reason.to_owned() }),
            Outcome::Withdrawn(reason) => Some(MoveTarget::Withdraw { reason: reason.map(str::to_owned) }),
            Outcome::Active | Outcome::Hired => None,
        };
        if let (Some(target), Some(at)) = (ending, story.moves.last()) {
            let mover = if story.reached <= 1 { recruiter } else { manager };
            self.store.move_in(self.txn, mover, app.id, None, &target, *at).await?;
        }
        self.summary.applications += 1;
        self.summary.stage_events += 1 + story.moves.len();
        Ok(())
    }

    /// Leaves a recruiter's screening note on some candidates and a team member's interview note on others.
    async fn notes(
        &mut self,
        rng: &mut StdRng,
        candidate: CandidateId,
        story: &Story,
        role: &DemoRole,
    ) -> StoreResult<()> {
        let skill = role.spec.skills.first().map_or("backend", |s| s.skill.as_str());
        if let Some(screened) = story.moves.first().filter(|_| story.reached >= 1 && rng.random_bool(0.35)) {
            let author = member(self.staff, "recruiter@example.com")?;
            let body = history::note(rng, true, skill);
            self.note(candidate, author, body, *screened + Duration::hours(3)).await?;
        }
        if let Some(interviewed) = story.moves.get(2).filter(|_| story.reached >= 3 && rng.random_bool(0.55)) {
            let email = role.team.last().copied().unwrap_or("recruiter@example.com");
            let author = member(self.staff, email)?;
            let body = history::note(rng, false, skill);
            self.note(candidate, author, body, *interviewed + Duration::days(1)).await?;
        }
        Ok(())
    }

    /// Writes a note dated `at` (never later than now), with its audit entry.
    async fn note(
        &mut self,
        candidate: CandidateId,
        author: &User,
        body: String,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        let at = at.min(self.now);
        self.store
            .exec(
                self.txn,
                "INSERT INTO notes (id, candidate_id, author_id, body, created_at) VALUES ($1, $2, $3, $4, $5)",
                [uuid_at(at).into(), candidate.0.into(), author.id.0.into(), body.into(), at.into()],
            )
            .await?;
        let audit = NewAudit {
            actor: Some(author),
            action: "candidate.note",
            entity_type: "candidate",
            entity_id: Some(candidate.0),
            changes: Vec::new(),
        };
        self.store.append_audit(self.txn, audit).await?;
        self.summary.notes += 1;
        Ok(())
    }
}
