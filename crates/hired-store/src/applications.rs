//! Applications: adding candidates to requisitions, moving them through the
//! pipeline (with a stage event and an audit entry per move), and the board.

use chrono::{DateTime, Utc};
use hired_domain::audit::FieldChange;
use hired_domain::money::Money;
use hired_domain::pipeline::{Application, ApplicationStatus, MoveTarget, plan_move};
use hired_domain::screening::ScreeningResult;
use hired_domain::user::User;
use hired_domain::{ApplicationId, CandidateId, ChannelId, Invalid, RequisitionId, UserId};
use sea_orm::{ConnectionTrait, FromQueryResult};
use serde::Serialize;
use uuid::Uuid;

use crate::audit::NewAudit;
use crate::clock::{now, uuid_at};
use crate::page::{Cursor, Page};
use crate::requisitions::stale;
use crate::sql::QueryBuilder;
use crate::{Store, StoreError, StoreResult};

/// A candidate to add to a requisition.
#[derive(Debug, Clone)]
pub struct NewApplication {
    /// Who.
    pub candidate_id: CandidateId,
    /// To what.
    pub requisition_id: RequisitionId,
    /// Where they came from.
    pub source: Option<String>,
}

/// Where an application came from and what came with it, beyond [`NewApplication`].
#[derive(Debug, Clone, Default)]
pub struct ApplicationOrigin {
    /// The channel it came through.
    pub channel_id: Option<ChannelId>,
    /// The employee who referred the candidate.
    pub referrer_id: Option<UserId>,
    /// Screening answers with their knockout verdicts.
    pub screening: Option<ScreeningResult>,
    /// Cover letter.
    pub cover_letter: Option<String>,
    /// What the applicant expects to earn, in the period of the requisition's band.
    pub salary_expectation: Option<Money>,
    /// Enter already rejected, with this reason (a failed knockout under auto-reject).
    pub rejected_reason: Option<String>,
}

/// An application as a card on the board or a row in the API list.
#[derive(Debug, Clone, FromQueryResult, Serialize)]
pub struct ApplicationCard {
    /// Application id.
    pub id: Uuid,
    /// Candidate id.
    pub candidate_id: Uuid,
    /// Candidate name.
    pub candidate_name: String,
    /// Candidate location.
    pub candidate_location: Option<String>,
    /// Stage key.
    pub stage: String,
    /// Status key.
    pub status: String,
    /// Reason for rejection or withdrawal.
    pub status_reason: Option<String>,
    /// Source.
    pub source: Option<String>,
    /// `Some(false)` when a screening knockout failed; `None` without screening questions.
    pub meets_requirements: Option<bool>,
    /// Version to send back with a move.
    pub version: i64,
    /// Applied.
    pub created_at: DateTime<Utc>,
    /// Last moved.
    pub updated_at: DateTime<Utc>,
}

/// One move of an application, for timelines.
#[derive(Debug, Clone, FromQueryResult, Serialize)]
pub struct StageEvent {
    /// Event id.
    pub id: Uuid,
    /// Application moved.
    pub application_id: Uuid,
    /// Requisition title.
    pub requisition_title: String,
    /// Previous stage (none when the application was created).
    pub from_stage: Option<String>,
    /// New stage.
    pub to_stage: String,
    /// New status.
    pub to_status: String,
    /// Reason given.
    pub reason: Option<String>,
    /// Who moved it.
    pub actor_name: Option<String>,
    /// When.
    pub at: DateTime<Utc>,
}

#[derive(FromQueryResult)]
struct ApplicationRow {
    id: Uuid,
    candidate_id: Uuid,
    requisition_id: Uuid,
    stage: String,
    status: String,
    status_reason: Option<String>,
    source: Option<String>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    version: i64,
}

impl TryFrom<ApplicationRow> for Application {
    type Error = StoreError;
    fn try_from(r: ApplicationRow) -> StoreResult<Application> {
        Ok(Application {
            id: r.id.into(),
            candidate_id: r.candidate_id.into(),
            requisition_id: r.requisition_id.into(),
            stage: r.stage,
            status: ApplicationStatus::parse(&r.status).ok_or_else(|| StoreError::Corrupt(r.status.clone()))?,
            status_reason: r.status_reason,
            source: r.source,
            created_at: r.created_at,
            updated_at: r.updated_at,
            version: r.version,
        })
    }
}

pub(crate) const CARD_COLUMNS: &str =
    "a.id, a.candidate_id, c.name AS candidate_name, c.location AS candidate_location, a.stage,
    a.status, a.status_reason, a.source, a.meets_requirements, a.version, a.created_at, a.updated_at";

/// The SQL condition selecting one board column's applications.
pub(crate) fn column_condition(q: &mut QueryBuilder, column: &str) -> String {
    match column {
        "rejected" | "withdrawn" => format!("a.status = {}", q.arg(column.to_owned())),
        hired_domain::pipeline::HIRED_STAGE => format!("a.status = 'hired' AND a.stage = {}", q.arg(column.to_owned())),
        stage => format!("a.status = 'active' AND a.stage = {}", q.arg(stage.to_owned())),
    }
}

impl Store {
    /// Puts a candidate into a requisition's first stage.
    pub async fn add_application(&self, actor: Option<&User>, new: NewApplication) -> StoreResult<Application> {
        self.add_application_from(actor, new, ApplicationOrigin::default()).await
    }

    /// Puts a candidate into a requisition's first stage, crediting a channel or referrer.
    pub async fn add_application_from(
        &self,
        actor: Option<&User>,
        new: NewApplication,
        origin: ApplicationOrigin,
    ) -> StoreResult<Application> {
        let req = self.requisition(new.requisition_id).await?;
        let first = req.entry_stage().map_err(|e| Invalid::field("requisition_id", e))?;
        let txn = self.write_txn().await?;
        let app =
            self.insert_application_from(&txn, actor, &new, &origin, first, now()).await.map_err(|e| match e {
                StoreError::Db(db) => StoreError::on_reference(db, "channel_id", "is not a known channel"),
                other => other,
            })?;
        txn.commit().await?;
        Ok(app)
    }

    pub(crate) async fn insert_application(
        &self,
        conn: &impl ConnectionTrait,
        actor: Option<&User>,
        new: &NewApplication,
        stage: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<Application> {
        self.insert_application_from(conn, actor, new, &ApplicationOrigin::default(), stage, at).await
    }

    /// Inserts an application with its origin, counted on the board, with its first stage event.
    pub(crate) async fn insert_application_from(
        &self,
        conn: &impl ConnectionTrait,
        actor: Option<&User>,
        new: &NewApplication,
        origin: &ApplicationOrigin,
        stage: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<Application> {
        let status =
            if origin.rejected_reason.is_some() { ApplicationStatus::Rejected } else { ApplicationStatus::Active };
        let app = Application {
            id: ApplicationId(uuid_at(at)),
            candidate_id: new.candidate_id,
            requisition_id: new.requisition_id,
            stage: stage.to_owned(),
            status,
            status_reason: origin.rejected_reason.clone(),
            source: new.source.clone(),
            created_at: at,
            updated_at: at,
            version: 1,
        };
        conn.execute_raw(self.sql(
            "INSERT INTO applications (id, candidate_id, requisition_id, stage, status, status_reason, source,
                created_at, updated_at, version, channel_id, referrer_id, screening, meets_requirements, cover_letter,
                salary_expectation)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
            [
                app.id.0.into(),
                app.candidate_id.0.into(),
                app.requisition_id.0.into(),
                app.stage.clone().into(),
                app.status.as_str().into(),
                app.status_reason.clone().into(),
                app.source.clone().into(),
                at.into(),
                at.into(),
                1i64.into(),
                origin.channel_id.map(|c| c.0).into(),
                origin.referrer_id.map(|u| u.0).into(),
                origin.screening.as_ref().map(serde_json::to_value).transpose()?.into(),
                origin.screening.as_ref().map(|s| s.meets_requirements).into(),
                origin.cover_letter.clone().into(),
                origin.salary_expectation.as_ref().map(serde_json::to_value).transpose()?.into(),
            ],
        ))
        .await
        .map_err(|e| StoreError::on_unique(e, "requisition_id", "this candidate is already on that requisition"))?;
        self.bump_count(conn, app.requisition_id, app.status, &app.stage, 1).await?;
        self.insert_stage_event(conn, &app, None, actor, at).await?;
        self.append_audit(
            conn,
            NewAudit {
                actor,
                action: "application.create",
                entity_type: "application",
                entity_id: Some(app.id.0),
                changes: vec![FieldChange {
                    field: "stage".into(),
                    before: serde_json::Value::Null,
                    after: stage.into(),
                }],
            },
        )
        .await?;
        Ok(app)
    }

    async fn insert_stage_event(
        &self,
        conn: &impl ConnectionTrait,
        app: &Application,
        from: Option<&Application>,
        actor: Option<&User>,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        self.exec(
            conn,
            "INSERT INTO stage_events (id, application_id, from_stage, from_status, to_stage, to_status, reason, actor_id, at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            [
                uuid_at(at).into(),
                app.id.0.into(),
                from.map(|f| f.stage.clone()).into(),
                from.map(|f| f.status.as_str().to_owned()).into(),
                app.stage.clone().into(),
                app.status.as_str().into(),
                app.status_reason.clone().into(),
                actor.map(|u| u.id.0).into(),
                at.into(),
            ],
        )
        .await?;
        Ok(())
    }

    /// The application with this id.
    pub async fn application(&self, id: ApplicationId) -> StoreResult<Application> {
        self.application_in(&self.db, id).await
    }

    async fn application_in(&self, conn: &impl ConnectionTrait, id: ApplicationId) -> StoreResult<Application> {
        let row: Option<ApplicationRow> = self
            .fetch_one(
                conn,
                "SELECT id, candidate_id, requisition_id, stage, status, status_reason, source, created_at, updated_at,
                        version FROM applications WHERE id = $1",
                [id.0.into()],
            )
            .await?;
        row.ok_or(StoreError::NotFound("application"))?.try_into()
    }

    /// Moves an application if it is still at `version`; a stale version is a conflict.
    pub async fn move_application(
        &self,
        actor: &User,
        id: ApplicationId,
        version: Option<i64>,
        target: &MoveTarget,
    ) -> StoreResult<Application> {
        let app = self.application(id).await?;
        self.ensure_accepts_moves(app.requisition_id).await?;
        let txn = self.write_txn().await?;
        let moved = self.move_in(&txn, actor, id, version, target, now()).await?;
        txn.commit().await?;
        Ok(moved)
    }

    /// Moves several applications of one requisition at once: all or none.
    pub async fn move_applications(
        &self,
        actor: &User,
        requisition: RequisitionId,
        ids: &[ApplicationId],
        target: &MoveTarget,
    ) -> StoreResult<usize> {
        self.ensure_accepts_moves(requisition).await?;
        let txn = self.write_txn().await?;
        for id in ids {
            let app = self.application_in(&txn, *id).await?;
            if app.requisition_id != requisition {
                return Err(StoreError::NotFound("application"));
            }
            self.move_in(&txn, actor, *id, None, target, now()).await?;
        }
        txn.commit().await?;
        Ok(ids.len())
    }

    /// Filled and closed requisitions keep their pipeline as it was.
    async fn ensure_accepts_moves(&self, requisition: RequisitionId) -> StoreResult<()> {
        let req = self.requisition(requisition).await?;
        if req.status.accepts_candidates() {
            Ok(())
        } else {
            let status = req.status.label().to_lowercase();
            Err(Invalid::field("stage", format!("the requisition is {status}; reopen it to move candidates")).into())
        }
    }

    pub(crate) async fn move_in(
        &self,
        conn: &impl ConnectionTrait,
        actor: &User,
        id: ApplicationId,
        version: Option<i64>,
        target: &MoveTarget,
        at: DateTime<Utc>,
    ) -> StoreResult<Application> {
        let before = self.application_in(conn, id).await?;
        if version.is_some_and(|v| v != before.version) {
            return Err(stale("application"));
        }
        let stages = self.requisition_in(conn, before.requisition_id).await?.stages;
        let plan = plan_move(&before, &stages, target).map_err(|e| Invalid::field("stage", e))?;
        let n = self
            .exec(
                conn,
                "UPDATE applications SET stage = $1, status = $2, status_reason = $3, updated_at = $4, version = version + 1
                 WHERE id = $5 AND version = $6",
                [
                    plan.stage.clone().into(),
                    plan.status.as_str().into(),
                    plan.reason.clone().into(),
                    at.into(),
                    id.0.into(),
                    before.version.into(),
                ],
            )
            .await?;
        if n == 0 {
            return Err(stale("application"));
        }
        let after = Application {
            stage: plan.stage,
            status: plan.status,
            status_reason: plan.reason,
            updated_at: at,
            version: before.version + 1,
            ..before.clone()
        };
        self.move_count(conn, &before, &after).await?;
        self.insert_stage_event(conn, &after, Some(&before), Some(actor), at).await?;
        let changes = hired_domain::audit::diff(
            &serde_json::json!({"stage": before.stage, "status": before.status, "reason": before.status_reason}),
            &serde_json::json!({"stage": after.stage, "status": after.status, "reason": after.status_reason}),
        );
        self.append_audit(
            conn,
            NewAudit {
                actor: Some(actor),
                action: "application.move",
                entity_type: "application",
                entity_id: Some(id.0),
                changes,
            },
        )
        .await?;
        Ok(after)
    }

    /// A page of a requisition's applications, optionally one column only, most recently moved first.
    pub async fn list_applications(
        &self,
        requisition: RequisitionId,
        column: Option<&str>,
        cursor: Option<Cursor>,
        limit: u64,
    ) -> StoreResult<Page<ApplicationCard>> {
        let mut q = QueryBuilder::new(&format!(
            "SELECT {CARD_COLUMNS} FROM applications a JOIN candidates c ON c.id = a.candidate_id WHERE 1 = 1"
        ));
        q.and("a.requisition_id = {}", requisition.0);
        if let Some(column) = column {
            let condition = column_condition(&mut q, column);
            q.push(&format!(" AND {condition}"));
        }
        q.after_cursor("a.updated_at", "a.id", cursor);
        q.push(&format!(" ORDER BY a.updated_at DESC, a.id DESC LIMIT {}", limit + 1));
        let rows: Vec<ApplicationCard> = self.fetch_all(&self.db, &q.sql, q.values).await?;
        Ok(Page::from_rows(rows, limit, |r| Cursor { at: r.updated_at, id: r.id }))
    }

    /// Every stage event of a candidate's applications, newest first.
    pub async fn candidate_stage_events(&self, candidate: CandidateId) -> StoreResult<Vec<StageEvent>> {
        self.fetch_all(
            &self.db,
            "SELECT e.id, e.application_id, r.title AS requisition_title, e.from_stage, e.to_stage, e.to_status,
                    e.reason, u.name AS actor_name, e.at
             FROM stage_events e
             JOIN applications a ON a.id = e.application_id
             JOIN requisitions r ON r.id = a.requisition_id
             LEFT JOIN users u ON u.id = e.actor_id
             WHERE a.candidate_id = $1 ORDER BY e.at DESC, e.id DESC",
            [candidate.0.into()],
        )
        .await
    }
}
