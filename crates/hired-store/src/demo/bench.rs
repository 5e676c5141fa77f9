//! The pipeline benchmark's data: one open requisition with N applications
//! spread evenly over the first columns of its board, written with
//! multi-row inserts in one transaction so 10,000 applications take seconds.

use chrono::{DateTime, Duration, Utc};
use hired_domain::candidate::CandidateDetails;
use hired_domain::pipeline::{ApplicationStatus, DEFAULT_REJECTION_REASONS, HIRED_STAGE, StageDef};
use hired_domain::posting::PostingSpec;
use hired_domain::requisition::{Level, RequisitionStatus};
use hired_domain::templates::django_backend;
use hired_domain::user::{Role, User};
use hired_domain::{Email, Invalid, RequisitionId};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sea_orm::Value;
use uuid::Uuid;

use super::history::spread;
use super::people::{self, People};
use super::{SEED, pick};
use crate::clock::{now, uuid_at};
use crate::{NewAudit, Store, StoreError, StoreResult};

/// Board columns the benchmark can fill: the default pipeline's seven stages, then Rejected.
pub const BENCH_COLUMNS: usize = 8;

/// Bound values per statement: about 50 rows. Measured fastest on both backends; statements
/// with thousands of values were two to three times slower.
const MAX_PARAMS: usize = 500;

/// What [`seed_pipeline_bench`] created.
#[derive(Debug, Clone)]
pub struct BenchSeed {
    /// The admin who owns everything; give them a session or token to drive the benchmark.
    pub admin: User,
    /// The requisition holding the applications.
    pub requisition: RequisitionId,
}

/// The requisition whose board is being filled.
struct Board<'a> {
    requisition: Uuid,
    stages: &'a [StageDef],
    now: DateTime<Utc>,
}

/// Rows to insert, per table.
#[derive(Default)]
struct Rows {
    candidates: Vec<Vec<Value>>,
    applications: Vec<Vec<Value>>,
    stage_events: Vec<Vec<Value>>,
}

/// Seeds an empty database for the pipeline benchmark: an admin, and one open requisition
/// (the default pipeline) with `applications` applications spread round-robin over the
/// first `columns` board columns (seven stages, then Rejected), each with its back-dated
/// stage events.
pub async fn seed_pipeline_bench(store: &Store, applications: usize, columns: usize) -> StoreResult<BenchSeed> {
    if !(1..=BENCH_COLUMNS).contains(&columns) {
        let message = format!("must be 1 to {BENCH_COLUMNS}: the default pipeline has seven stages plus Rejected");
        return Err(Invalid::field("stages", message).into());
    }
    let users = store.count_users().await?;
    if users > 0 {
        return Err(StoreError::Conflict(format!(
            "the pipeline benchmark needs an empty database; this one already has {users} users"
        )));
    }
    let email = Email::parse("bench@example.com").map_err(|e| Invalid::field("email", e.to_string()))?;
    let admin = store.create_user(&email, "Bench Admin", Role::Admin, None).await?;
    let now = now();
    let req = store
        .insert_requisition(&admin, django_backend().spec, RequisitionStatus::Open, now - Duration::days(366))
        .await?;

    let mut rng = StdRng::seed_from_u64(SEED);
    let mut people = People::new();
    let skills: Vec<String> = req.spec.skills.iter().map(|s| s.skill.clone()).collect();
    let board = Board { requisition: req.id.0, stages: &req.stages, now };
    let mut rows = Rows::default();
    for i in 0..applications {
        let source = people::source(&mut rng, false);
        let details = CandidateDetails::try_from(&people.next(&mut rng, &skills, source))?;
        let created = now - Duration::seconds(rng.random_range(3_600..365 * 86_400));
        rows.push(&mut rng, &board, details, created, i % columns);
    }

    let txn = store.write_txn().await?;
    insert_rows(store, &txn, "candidates", CANDIDATE_COLUMNS, rows.candidates).await?;
    insert_rows(store, &txn, "applications", APPLICATION_COLUMNS, rows.applications).await?;
    store.rebuild_counts(&txn, req.id).await?;
    insert_rows(store, &txn, "stage_events", EVENT_COLUMNS, rows.stage_events).await?;
    store
        .append_audit(
            &txn,
            NewAudit {
                actor: Some(&admin),
                action: "bench.seed",
                entity_type: "requisition",
                entity_id: Some(req.id.0),
                changes: Vec::new(),
            },
        )
        .await?;
    txn.commit().await?;
    store.refresh_statistics().await?;
    Ok(BenchSeed { admin, requisition: req.id })
}

const CANDIDATE_COLUMNS: &[&str] = &[
    "id",
    "name",
    "email",
    "phone",
    "location",
    "github",
    "linkedin",
    "portfolio",
    "tags",
    "source",
    "created_at",
    "updated_at",
    "version",
];
const APPLICATION_COLUMNS: &[&str] = &[
    "id",
    "candidate_id",
    "requisition_id",
    "stage",
    "status",
    "status_reason",
    "source",
    "created_at",
    "updated_at",
    "version",
];
const EVENT_COLUMNS: &[&str] =
    &["id", "application_id", "from_stage", "from_status", "to_stage", "to_status", "reason", "actor_id", "at"];

impl Rows {
    /// Adds a candidate, their application ending in board column `column`, and its stage events.
    fn push(
        &mut self,
        rng: &mut StdRng,
        board: &Board<'_>,
        d: CandidateDetails,
        created: DateTime<Utc>,
        column: usize,
    ) {
        let stages = board.stages;
        let rejected = column >= stages.len();
        let reached = if rejected { rng.random_range(0..stages.len() - 2) } else { column };
        let moves = spread(rng, created, board.now, reached + usize::from(rejected));
        let candidate_id = uuid_at(created);
        let application_id = uuid_at(created);
        let updated = moves.last().copied().unwrap_or(created);
        let stage = stages.get(reached).map_or_else(|| "applied".to_owned(), |s| s.key.clone());
        let reason = rejected.then(|| (*pick(rng, DEFAULT_REJECTION_REASONS)).to_owned());
        let status = if rejected {
            ApplicationStatus::Rejected
        } else if stage == HIRED_STAGE {
            ApplicationStatus::Hired
        } else {
            ApplicationStatus::Active
        };
        self.candidates.push(vec![
            candidate_id.into(),
            d.name.into(),
            d.email.map(|e| e.to_string()).into(),
            d.phone.into(),
            d.location.into(),
            d.github.into(),
            d.linkedin.into(),
            d.portfolio.into(),
            serde_json::Value::from(d.tags).into(),
            d.source.clone().into(),
            created.into(),
            created.into(),
            1i64.into(),
        ]);
        self.applications.push(vec![
            application_id.into(),
            candidate_id.into(),
            board.requisition.into(),
            stage.into(),
            status.as_str().into(),
            reason.clone().into(),
            d.source.into(),
            created.into(),
            updated.into(),
            (1 + moves.len() as i64).into(),
        ]);
        let mut from: Option<(String, &str)> = None;
        let times = std::iter::once(created).chain(moves.iter().copied());
        for (step, at) in times.enumerate() {
            let is_rejection = rejected && step == reached + 1;
            let (to_stage, to_status, why) = if is_rejection {
                (from.as_ref().map_or("applied", |f| f.0.as_str()).to_owned(), "rejected", reason.clone())
            } else {
                let key = stages.get(step).map_or("applied", |s| s.key.as_str()).to_owned();
                let status = if key == HIRED_STAGE { "hired" } else { "active" };
                (key, status, None)
            };
            self.stage_events.push(vec![
                uuid_at(at).into(),
                application_id.into(),
                from.as_ref().map(|f| f.0.clone()).into(),
                from.as_ref().map(|f| f.1.to_owned()).into(),
                to_stage.clone().into(),
                to_status.into(),
                why.into(),
                Option::<Uuid>::None.into(),
                at.into(),
            ]);
            from = Some((to_stage, to_status));
        }
    }
}

/// Inserts `rows` into `table` with as few statements as the parameter limit allows.
async fn insert_rows(
    store: &Store,
    txn: &crate::sql::WriteTxn,
    table: &str,
    columns: &[&str],
    rows: Vec<Vec<Value>>,
) -> StoreResult<()> {
    let per_statement = (MAX_PARAMS / columns.len()).max(1);
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let mut values: Vec<Value> = Vec::with_capacity(per_statement * columns.len());
        let mut tuples: Vec<String> = Vec::with_capacity(per_statement);
        for row in rows.by_ref().take(per_statement) {
            let first = values.len() + 1;
            values.extend(row);
            let placeholders: Vec<String> = (first..=values.len()).map(|n| format!("${n}")).collect();
            tuples.push(format!("({})", placeholders.join(", ")));
        }
        let sql = format!("INSERT INTO {table} ({}) VALUES {}", columns.join(", "), tuples.join(", "));
        store.exec(txn, &sql, values).await?;
    }
    Ok(())
}

/// Publishes the benchmark requisition on the careers site and adds open requisitions with
/// published postings until `postings` are live; returns the benchmark requisition's slug.
pub async fn publish_bench_postings(store: &Store, seed: &BenchSeed, postings: usize) -> StoreResult<String> {
    let today = now().date_naive();
    let mut cities = ["Berlin", "Lisbon", "Austin", "Toronto", "Warsaw"].iter().cycle();
    let mut spec_for = |req: &hired_domain::requisition::RequisitionSpec| {
        let mut spec = PostingSpec::draft_for(req, today);
        spec.city = cities.next().map(|c| (*c).to_owned());
        spec.country = "DE".into();
        spec
    };
    let bench = store.requisition(seed.requisition).await?;
    let slug = store.save_posting(&seed.admin, bench.id, None, spec_for(&bench.spec), true).await?.slug;
    let levels = [Level::Junior, Level::Mid, Level::Senior, Level::Lead];
    for n in 1..postings {
        let mut spec = django_backend().spec_for(levels[n % levels.len()]);
        spec.title = format!("{} #{n}", spec.title);
        let req = store.insert_requisition(&seed.admin, spec, RequisitionStatus::Open, now()).await?;
        store.save_posting(&seed.admin, req.id, None, spec_for(&req.spec), true).await?;
    }
    Ok(slug)
}
