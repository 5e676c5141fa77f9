//! Requisitions, their hiring teams, and departments.

use chrono::{DateTime, Utc};
use hired_domain::audit::diff;
use hired_domain::matching::Weights;
use hired_domain::pipeline::{StageDef, default_stages};
use hired_domain::requisition::{Level, Requisition, RequisitionSpec, RequisitionStatus};
use hired_domain::user::{Role, User};
use hired_domain::{DepartmentId, Invalid, RequisitionId, UserId};
use sea_orm::{ConnectionTrait, FromQueryResult};
use serde::Serialize;
use uuid::Uuid;

use crate::audit::NewAudit;
use crate::clock::{now, uuid_at};
use crate::page::{Cursor, Page};
use crate::sql::{QueryBuilder, like_pattern};
use crate::{Store, StoreError, StoreResult};

/// A department that owns requisitions.
#[derive(Debug, Clone, FromQueryResult, Serialize)]
pub struct Department {
    /// Identity.
    pub id: Uuid,
    /// Name, unique.
    pub name: String,
}

/// One member of a requisition's hiring team.
#[derive(Debug, Clone, FromQueryResult, Serialize)]
pub struct TeamMember {
    /// The user.
    pub user_id: Uuid,
    /// Their name.
    pub name: String,
    /// Their email.
    pub email: String,
    /// Their part on this team: `hiring_manager`, `recruiter` or `interviewer`.
    pub team_role: String,
}

/// A row of the requisitions list, with pipeline counts.
#[derive(Debug, Clone, FromQueryResult, Serialize)]
pub struct RequisitionListItem {
    /// Identity.
    pub id: Uuid,
    /// Title.
    pub title: String,
    /// Status key.
    pub status: String,
    /// Level key.
    pub level: String,
    /// Department name, if any.
    pub department: Option<String>,
    /// Applications still in play.
    pub active_count: i64,
    /// All applications.
    pub total_count: i64,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

#[derive(FromQueryResult)]
pub(crate) struct RequisitionRow {
    pub id: Uuid,
    pub status: String,
    pub spec: serde_json::Value,
    pub stages: serde_json::Value,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

impl TryFrom<RequisitionRow> for Requisition {
    type Error = StoreError;
    fn try_from(r: RequisitionRow) -> StoreResult<Requisition> {
        Ok(Requisition {
            id: r.id.into(),
            spec: serde_json::from_value(r.spec)?,
            status: RequisitionStatus::parse(&r.status).ok_or_else(|| StoreError::Corrupt(r.status.clone()))?,
            stages: serde_json::from_value(r.stages)?,
            created_by: r.created_by.into(),
            created_at: r.created_at,
            updated_at: r.updated_at,
            version: r.version,
        })
    }
}

/// Filters for the requisitions list.
#[derive(Debug, Clone, Default)]
pub struct RequisitionFilter {
    /// Only requisitions whose team includes this user (team-scoped roles).
    pub team_member: Option<UserId>,
    /// Only this status.
    pub status: Option<RequisitionStatus>,
    /// Only this level.
    pub level: Option<Level>,
    /// Title contains this text.
    pub text: Option<String>,
}

const COLUMNS: &str = "id, status, spec, stages, created_by, created_at, updated_at, version";

fn team_role_for(role: Role) -> &'static str {
    match role {
        Role::HiringManager => "hiring_manager",
        Role::Interviewer => "interviewer",
        Role::Admin | Role::Recruiter => "recruiter",
    }
}

impl Store {
    /// Every department, by name.
    pub async fn list_departments(&self) -> StoreResult<Vec<Department>> {
        self.fetch_all(&self.db, "SELECT id, name FROM departments ORDER BY name", []).await
    }

    /// Adds a department.
    pub async fn create_department(&self, name: &str) -> StoreResult<Department> {
        let name = hired_domain::validation::required_text(name, 100).map_err(|e| Invalid::field("name", e))?;
        let dept = Department { id: DepartmentId::new().0, name };
        self.db
            .execute_raw(
                self.sql(
                    "INSERT INTO departments (id, name) VALUES ($1, $2)",
                    [dept.id.into(), dept.name.clone().into()],
                ),
            )
            .await
            .map_err(|e| StoreError::on_unique(e, "name", "a department with this name exists"))?;
        Ok(dept)
    }

    /// Creates a draft requisition with the default pipeline; the creator joins its hiring team.
    pub async fn create_requisition(&self, actor: &User, spec: RequisitionSpec) -> StoreResult<Requisition> {
        self.insert_requisition(actor, spec, RequisitionStatus::Draft, now()).await
    }

    /// Inserts a requisition with a given status and creation time (demo data uses past times).
    pub(crate) async fn insert_requisition(
        &self,
        actor: &User,
        spec: RequisitionSpec,
        status: RequisitionStatus,
        at: DateTime<Utc>,
    ) -> StoreResult<Requisition> {
        let req = Requisition {
            id: RequisitionId(uuid_at(at)),
            spec,
            status,
            stages: default_stages(),
            created_by: actor.id,
            created_at: at,
            updated_at: at,
            version: 1,
        };
        let txn = self.write_txn().await?;
        txn.execute_raw(self.sql(
            "INSERT INTO requisitions
                (id, title, department_id, level, status, spec, stages, created_by, created_at, updated_at, version)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            [
                req.id.0.into(),
                req.spec.title.clone().into(),
                req.spec.department_id.map(|d| d.0).into(),
                req.spec.level.as_str().into(),
                req.status.as_str().into(),
                serde_json::to_value(&req.spec)?.into(),
                serde_json::to_value(&req.stages)?.into(),
                actor.id.0.into(),
                at.into(),
                at.into(),
                req.version.into(),
            ],
        ))
        .await
        .map_err(|e| StoreError::on_reference(e, "department_id", "is not a known department"))?;
        self.exec(
            &txn,
            "INSERT INTO hiring_team (requisition_id, user_id, team_role) VALUES ($1, $2, $3)",
            [req.id.0.into(), actor.id.0.into(), team_role_for(actor.role).into()],
        )
        .await?;
        let changes = diff(&serde_json::Value::Null, &serde_json::to_value(&req.spec)?);
        self.append_audit(
            &txn,
            NewAudit {
                actor: Some(actor),
                action: "requisition.create",
                entity_type: "requisition",
                entity_id: Some(req.id.0),
                changes,
            },
        )
        .await?;
        txn.commit().await?;
        Ok(req)
    }

    /// The requisition with this id.
    pub async fn requisition(&self, id: RequisitionId) -> StoreResult<Requisition> {
        self.requisition_in(&self.db, id).await
    }

    pub(crate) async fn requisition_in(
        &self,
        conn: &impl ConnectionTrait,
        id: RequisitionId,
    ) -> StoreResult<Requisition> {
        let sql = format!("SELECT {COLUMNS} FROM requisitions WHERE id = $1");
        let row: Option<RequisitionRow> = self.fetch_one(conn, &sql, [id.0.into()]).await?;
        row.ok_or(StoreError::NotFound("requisition"))?.try_into()
    }

    /// Replaces a requisition's definition if nobody changed it since `version`; its match
    /// weights stay as they are ([`Store::set_match_weights`] changes them).
    pub async fn update_requisition(
        &self,
        actor: &User,
        id: RequisitionId,
        version: i64,
        mut spec: RequisitionSpec,
    ) -> StoreResult<Requisition> {
        let before = self.requisition(id).await?;
        spec.match_weights = before.spec.match_weights;
        self.replace_spec(actor, before, version, spec, "requisition.update").await
    }

    /// Sets how applicants' match scores weigh each part, if nobody changed the requisition
    /// since `version`.
    pub async fn set_match_weights(
        &self,
        actor: &User,
        id: RequisitionId,
        version: i64,
        weights: Weights,
    ) -> StoreResult<Requisition> {
        let before = self.requisition(id).await?;
        let spec = RequisitionSpec { match_weights: weights, ..before.spec.clone() };
        self.replace_spec(actor, before, version, spec, "requisition.match_weights").await
    }

    async fn replace_spec(
        &self,
        actor: &User,
        before: Requisition,
        version: i64,
        spec: RequisitionSpec,
        action: &'static str,
    ) -> StoreResult<Requisition> {
        let id = before.id;
        let txn = self.write_txn().await?;
        let at = now();
        let n = txn
            .execute_raw(self.sql(
                "UPDATE requisitions SET title = $1, department_id = $2, level = $3, spec = $4, updated_at = $5,
                 version = version + 1 WHERE id = $6 AND version = $7",
                [
                    spec.title.clone().into(),
                    spec.department_id.map(|d| d.0).into(),
                    spec.level.as_str().into(),
                    serde_json::to_value(&spec)?.into(),
                    at.into(),
                    id.0.into(),
                    version.into(),
                ],
            ))
            .await
            .map_err(|e| StoreError::on_reference(e, "department_id", "is not a known department"))?
            .rows_affected();
        if n == 0 {
            return Err(stale("requisition"));
        }
        let changes = diff(&serde_json::to_value(&before.spec)?, &serde_json::to_value(&spec)?);
        let after = Requisition { spec, updated_at: at, version: version + 1, ..before };
        self.sync_posting(&txn, &after).await?;
        self.append_audit(
            &txn,
            NewAudit { actor: Some(actor), action, entity_type: "requisition", entity_id: Some(id.0), changes },
        )
        .await?;
        txn.commit().await?;
        Ok(after)
    }

    /// Moves a requisition through its lifecycle, checked by the domain rules.
    pub async fn change_requisition_status(
        &self,
        actor: &User,
        id: RequisitionId,
        version: i64,
        to: RequisitionStatus,
    ) -> StoreResult<Requisition> {
        let before = self.requisition(id).await?;
        if before.version != version {
            return Err(stale("requisition"));
        }
        let status = before.status.transition(to).map_err(|e| Invalid::field("status", e))?;
        let txn = self.write_txn().await?;
        let at = now();
        let n = self
            .exec(
                &txn,
                "UPDATE requisitions SET status = $1, updated_at = $2, version = version + 1 WHERE id = $3 AND version = $4",
                [status.as_str().into(), at.into(), id.0.into(), version.into()],
            )
            .await?;
        if n == 0 {
            return Err(stale("requisition"));
        }
        let after = Requisition { status, updated_at: at, version: version + 1, ..before.clone() };
        self.sync_posting(&txn, &after).await?;
        self.append_audit(
            &txn,
            NewAudit {
                actor: Some(actor),
                action: "requisition.status",
                entity_type: "requisition",
                entity_id: Some(id.0),
                changes: vec![hired_domain::audit::FieldChange {
                    field: "status".into(),
                    before: before.status.as_str().into(),
                    after: status.as_str().into(),
                }],
            },
        )
        .await?;
        txn.commit().await?;
        Ok(after)
    }

    /// Replaces a requisition's pipeline stages; a stage that still holds applications stays.
    pub async fn update_stages(
        &self,
        actor: &User,
        id: RequisitionId,
        version: i64,
        stages: Vec<StageDef>,
    ) -> StoreResult<Requisition> {
        let before = self.requisition(id).await?;
        if before.version != version {
            return Err(stale("requisition"));
        }
        let txn = self.write_txn().await?;
        for removed in before.stages.iter().filter(|old| !stages.iter().any(|new| new.key == old.key)) {
            #[derive(FromQueryResult)]
            struct Held {
                n: i64,
            }
            let held: Option<Held> = self
                .fetch_one(
                    &txn,
                    "SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) AS n FROM application_counts WHERE requisition_id = $1 AND stage = $2",
                    [id.0.into(), removed.key.clone().into()],
                )
                .await?;
            let n = held.map_or(0, |h| h.n);
            if n > 0 {
                let message = format!("{} still holds {n} application(s); move them before removing it", removed.name);
                return Err(Invalid::field("stages", message).into());
            }
        }
        let at = now();
        let n = self
            .exec(
                &txn,
                "UPDATE requisitions SET stages = $1, updated_at = $2, version = version + 1 WHERE id = $3 AND version = $4",
                [serde_json::to_value(&stages)?.into(), at.into(), id.0.into(), version.into()],
            )
            .await?;
        if n == 0 {
            return Err(stale("requisition"));
        }
        let names =
            |list: &[StageDef]| serde_json::Value::from(list.iter().map(|s| s.name.clone()).collect::<Vec<_>>());
        self.append_audit(
            &txn,
            NewAudit {
                actor: Some(actor),
                action: "requisition.stages",
                entity_type: "requisition",
                entity_id: Some(id.0),
                changes: vec![hired_domain::audit::FieldChange {
                    field: "stages".into(),
                    before: names(&before.stages),
                    after: names(&stages),
                }],
            },
        )
        .await?;
        txn.commit().await?;
        Ok(Requisition { stages, updated_at: at, version: version + 1, ..before })
    }

    /// A page of requisitions, most recently changed first.
    pub async fn list_requisitions(
        &self,
        filter: &RequisitionFilter,
        cursor: Option<Cursor>,
        limit: u64,
    ) -> StoreResult<Page<RequisitionListItem>> {
        let mut q = QueryBuilder::new(
            "SELECT r.id, r.title, r.status, r.level, d.name AS department, r.updated_at,
                (SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) FROM application_counts k
                 WHERE k.requisition_id = r.id AND k.status = 'active') AS active_count,
                (SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) FROM application_counts k
                 WHERE k.requisition_id = r.id) AS total_count
             FROM requisitions r LEFT JOIN departments d ON d.id = r.department_id WHERE 1 = 1",
        );
        if let Some(user) = filter.team_member {
            q.and("r.id IN (SELECT requisition_id FROM hiring_team WHERE user_id = {})", user.0);
        }
        if let Some(status) = filter.status {
            q.and("r.status = {}", status.as_str());
        }
        if let Some(level) = filter.level {
            q.and("r.level = {}", level.as_str());
        }
        if let Some(text) = filter.text.as_deref().filter(|t| !t.trim().is_empty()) {
            q.and("lower(r.title) LIKE {} ESCAPE '\\'", like_pattern(text.trim()));
        }
        q.after_cursor("r.updated_at", "r.id", cursor);
        q.push(&format!(" ORDER BY r.updated_at DESC, r.id DESC LIMIT {}", limit + 1));
        let rows: Vec<RequisitionListItem> = self.fetch_all(&self.db, &q.sql, q.values).await?;
        Ok(Page::from_rows(rows, limit, |r| Cursor { at: r.updated_at, id: r.id }))
    }

    /// The hiring team of a requisition.
    pub async fn hiring_team(&self, id: RequisitionId) -> StoreResult<Vec<TeamMember>> {
        self.fetch_all(
            &self.db,
            "SELECT u.id AS user_id, u.name, u.email, t.team_role FROM hiring_team t JOIN users u ON u.id = t.user_id
             WHERE t.requisition_id = $1 ORDER BY t.team_role, u.name",
            [id.0.into()],
        )
        .await
    }

    /// Adds a user to a hiring team (or changes their part on it).
    pub async fn set_team_member(&self, actor: &User, id: RequisitionId, member: &User) -> StoreResult<()> {
        let txn = self.write_txn().await?;
        self.exec(
            &txn,
            "INSERT INTO hiring_team (requisition_id, user_id, team_role) VALUES ($1, $2, $3)
             ON CONFLICT (requisition_id, user_id) DO UPDATE SET team_role = excluded.team_role",
            [id.0.into(), member.id.0.into(), team_role_for(member.role).into()],
        )
        .await?;
        self.append_audit(
            &txn,
            NewAudit {
                actor: Some(actor),
                action: "requisition.team_add",
                entity_type: "requisition",
                entity_id: Some(id.0),
                changes: vec![hired_domain::audit::FieldChange {
                    field: "team".into(),
                    before: serde_json::Value::Null,
                    after: member.email.as_str().into(),
                }],
            },
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Removes a user from a hiring team.
    pub async fn remove_team_member(&self, actor: &User, id: RequisitionId, member: UserId) -> StoreResult<()> {
        let txn = self.write_txn().await?;
        let n = self
            .exec(
                &txn,
                "DELETE FROM hiring_team WHERE requisition_id = $1 AND user_id = $2",
                [id.0.into(), member.0.into()],
            )
            .await?;
        if n == 0 {
            return Err(StoreError::NotFound("team member"));
        }
        self.append_audit(
            &txn,
            NewAudit {
                actor: Some(actor),
                action: "requisition.team_remove",
                entity_type: "requisition",
                entity_id: Some(id.0),
                changes: vec![hired_domain::audit::FieldChange {
                    field: "team".into(),
                    before: member.0.to_string().into(),
                    after: serde_json::Value::Null,
                }],
            },
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Whether `user` is on the hiring team of requisition `id`.
    pub async fn is_on_team(&self, id: RequisitionId, user: UserId) -> StoreResult<bool> {
        #[derive(FromQueryResult)]
        struct Count {
            n: i64,
        }
        let row: Option<Count> = self
            .fetch_one(
                &self.db,
                "SELECT COUNT(*) AS n FROM hiring_team WHERE requisition_id = $1 AND user_id = $2",
                [id.0.into(), user.0.into()],
            )
            .await?;
        Ok(row.is_some_and(|c| c.n > 0))
    }
}

/// The error for a write whose expected version no longer matches.
pub(crate) fn stale(what: &str) -> StoreError {
    StoreError::Conflict(format!(
        "someone else changed this {what} while you were working on it; reload to see their change, then try again"
    ))
}
