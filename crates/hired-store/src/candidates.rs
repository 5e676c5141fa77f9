//! Candidates, their notes, and who may see them.

use chrono::{DateTime, Utc};
use hired_domain::audit::diff;
use hired_domain::candidate::{Candidate, CandidateDetails, phone_key};
use hired_domain::pipeline::Application;
use hired_domain::user::User;
use hired_domain::{CandidateId, Email, Invalid, NoteId, RequisitionId, UserId};
use sea_orm::{ConnectionTrait, FromQueryResult};
use serde::Serialize;
use uuid::Uuid;

use crate::applications::NewApplication;
use crate::audit::NewAudit;
use crate::clock::{now, uuid_at};
use crate::page::{Cursor, Page};
use crate::requisitions::stale;
use crate::sql::{QueryBuilder, like_pattern};
use crate::{Store, StoreError, StoreResult};

/// A row of the candidates list.
#[derive(Debug, Clone, FromQueryResult, Serialize)]
pub struct CandidateListItem {
    /// Identity.
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// Email.
    pub email: Option<String>,
    /// Location.
    pub location: Option<String>,
    /// Tags, JSON array.
    pub tags: serde_json::Value,
    /// Number of applications.
    pub application_count: i64,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

/// One application as shown on a candidate's page.
#[derive(Debug, Clone, FromQueryResult, Serialize)]
pub struct ApplicationSummary {
    /// Application id.
    pub id: Uuid,
    /// Requisition id.
    pub requisition_id: Uuid,
    /// Requisition title.
    pub requisition_title: String,
    /// Stage key.
    pub stage: String,
    /// Status key.
    pub status: String,
    /// Rejection or withdrawal reason.
    pub status_reason: Option<String>,
    /// Source.
    pub source: Option<String>,
    /// Version for moves.
    pub version: i64,
    /// Applied at.
    pub created_at: DateTime<Utc>,
    /// Screening answers with their knockout verdicts (a `ScreeningResult`), if any.
    pub screening: Option<serde_json::Value>,
    /// `false` when a knockout failed.
    pub meets_requirements: Option<bool>,
    /// Cover letter.
    pub cover_letter: Option<String>,
    /// What they expect to earn (a `Money`), if they said.
    pub salary_expectation: Option<serde_json::Value>,
}

/// A note on a candidate.
#[derive(Debug, Clone, FromQueryResult, Serialize)]
pub struct Note {
    /// Identity.
    pub id: Uuid,
    /// Author's name.
    pub author_name: String,
    /// Text.
    pub body: String,
    /// Written at.
    pub created_at: DateTime<Utc>,
}

#[derive(FromQueryResult)]
struct CandidateRow {
    id: Uuid,
    name: String,
    email: Option<String>,
    phone: Option<String>,
    location: Option<String>,
    github: Option<String>,
    linkedin: Option<String>,
    portfolio: Option<String>,
    tags: serde_json::Value,
    source: Option<String>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    version: i64,
}

impl TryFrom<CandidateRow> for Candidate {
    type Error = StoreError;
    fn try_from(r: CandidateRow) -> StoreResult<Candidate> {
        let email = r.email.map(|e| Email::parse(&e)).transpose().map_err(|e| StoreError::Corrupt(e.to_string()))?;
        Ok(Candidate {
            id: r.id.into(),
            details: CandidateDetails {
                name: r.name,
                email,
                phone: r.phone,
                location: r.location,
                github: r.github,
                linkedin: r.linkedin,
                portfolio: r.portfolio,
                tags: serde_json::from_value(r.tags)?,
                source: r.source,
            },
            created_at: r.created_at,
            updated_at: r.updated_at,
            version: r.version,
        })
    }
}

const COLUMNS: &str =
    "id, name, email, phone, location, github, linkedin, portfolio, tags, source, created_at, updated_at, version";

/// Filters for the candidates list.
#[derive(Debug, Clone, Default)]
pub struct CandidateFilter {
    /// Only candidates with an application on a team including this user.
    pub team_member: Option<UserId>,
    /// Name or email contains this text.
    pub text: Option<String>,
}

impl Store {
    /// Records a new candidate; the email must not belong to another candidate.
    pub async fn create_candidate(&self, actor: Option<&User>, details: CandidateDetails) -> StoreResult<Candidate> {
        let txn = self.write_txn().await?;
        let candidate = self.insert_candidate(&txn, actor, details, now()).await?;
        txn.commit().await?;
        Ok(candidate)
    }

    /// Records a new candidate and puts them into a requisition's first stage, all or
    /// nothing; the application's source is the candidate's.
    pub async fn create_candidate_with_application(
        &self,
        actor: &User,
        details: CandidateDetails,
        requisition: RequisitionId,
    ) -> StoreResult<(Candidate, Application)> {
        let txn = self.write_txn().await?;
        let req = self.requisition_in(&txn, requisition).await?;
        let first = req.entry_stage().map_err(|e| Invalid::field("requisition_id", e))?;
        let at = now();
        let candidate = self.insert_candidate(&txn, Some(actor), details, at).await?;
        let new = NewApplication {
            candidate_id: candidate.id,
            requisition_id: requisition,
            source: candidate.details.source.clone(),
        };
        let application = self.insert_application(&txn, Some(actor), &new, first, at).await?;
        txn.commit().await?;
        Ok((candidate, application))
    }

    pub(crate) async fn insert_candidate(
        &self,
        conn: &impl ConnectionTrait,
        actor: Option<&User>,
        details: CandidateDetails,
        at: DateTime<Utc>,
    ) -> StoreResult<Candidate> {
        let c = Candidate { id: CandidateId(uuid_at(at)), details, created_at: at, updated_at: at, version: 1 };
        let d = &c.details;
        conn.execute_raw(self.sql(
            &format!(
                "INSERT INTO candidates ({COLUMNS}, phone_key)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"
            ),
            [
                c.id.0.into(),
                d.name.clone().into(),
                d.email.as_ref().map(|e| e.to_string()).into(),
                d.phone.clone().into(),
                d.location.clone().into(),
                d.github.clone().into(),
                d.linkedin.clone().into(),
                d.portfolio.clone().into(),
                serde_json::to_value(&d.tags)?.into(),
                d.source.clone().into(),
                at.into(),
                at.into(),
                1i64.into(),
                d.phone.as_deref().map(phone_key).into(),
            ],
        ))
        .await
        .map_err(|e| StoreError::on_unique(e, "email", "a candidate with this email already exists"))?;
        self.append_audit(
            conn,
            NewAudit {
                actor,
                action: "candidate.create",
                entity_type: "candidate",
                entity_id: Some(c.id.0),
                changes: diff(&serde_json::Value::Null, &serde_json::to_value(d)?),
            },
        )
        .await?;
        Ok(c)
    }

    /// The candidate with this id.
    pub async fn candidate(&self, id: CandidateId) -> StoreResult<Candidate> {
        self.candidate_in(&self.db, id).await
    }

    pub(crate) async fn candidate_in(&self, conn: &impl ConnectionTrait, id: CandidateId) -> StoreResult<Candidate> {
        let sql = format!("SELECT {COLUMNS} FROM candidates WHERE id = $1");
        let row: Option<CandidateRow> = self.fetch_one(conn, &sql, [id.0.into()]).await?;
        row.ok_or(StoreError::NotFound("candidate"))?.try_into()
    }

    /// Writes a candidate's details inside the caller's transaction, bumping the version so
    /// that a recruiter editing at the same time is told the record changed. With `version`,
    /// only if the record is still at it; returns the rows written (0 when it was not).
    pub(crate) async fn write_candidate_details(
        &self,
        conn: &impl ConnectionTrait,
        id: CandidateId,
        d: &CandidateDetails,
        at: DateTime<Utc>,
        version: Option<i64>,
    ) -> StoreResult<u64> {
        let only_at = if version.is_some() { " AND version = $13" } else { "" };
        let mut values: Vec<sea_orm::Value> = vec![
            d.name.clone().into(),
            d.email.as_ref().map(|e| e.to_string()).into(),
            d.phone.clone().into(),
            d.location.clone().into(),
            d.github.clone().into(),
            d.linkedin.clone().into(),
            d.portfolio.clone().into(),
            serde_json::to_value(&d.tags)?.into(),
            d.source.clone().into(),
            at.into(),
            d.phone.as_deref().map(phone_key).into(),
            id.0.into(),
        ];
        values.extend(version.map(Into::into));
        let sql = format!(
            "UPDATE candidates SET name = $1, email = $2, phone = $3, location = $4, github = $5, linkedin = $6,
             portfolio = $7, tags = $8, source = $9, updated_at = $10, version = version + 1, phone_key = $11
             WHERE id = $12{only_at}"
        );
        Ok(conn
            .execute_raw(self.sql(&sql, values))
            .await
            .map_err(|e| StoreError::on_unique(e, "email", "another candidate has this email"))?
            .rows_affected())
    }

    /// The candidate with this email address, if any.
    pub async fn candidate_by_email(&self, email: &Email) -> StoreResult<Option<Candidate>> {
        let sql = format!("SELECT {COLUMNS} FROM candidates WHERE email = $1");
        let row: Option<CandidateRow> = self.fetch_one(&self.db, &sql, [email.as_str().into()]).await?;
        row.map(TryInto::try_into).transpose()
    }

    /// Replaces a candidate's details if nobody changed them since `version`.
    pub async fn update_candidate(
        &self,
        actor: &User,
        id: CandidateId,
        version: i64,
        details: CandidateDetails,
    ) -> StoreResult<Candidate> {
        let before = self.candidate(id).await?;
        let txn = self.write_txn().await?;
        let at = now();
        let d = &details;
        let n = self.write_candidate_details(&txn, id, d, at, Some(version)).await?;
        if n == 0 {
            return Err(stale("candidate"));
        }
        self.append_audit(
            &txn,
            NewAudit {
                actor: Some(actor),
                action: "candidate.update",
                entity_type: "candidate",
                entity_id: Some(id.0),
                changes: diff(&serde_json::to_value(&before.details)?, &serde_json::to_value(d)?),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(Candidate { details, updated_at: at, version: version + 1, ..before })
    }

    /// A page of candidates, most recently changed first.
    pub async fn list_candidates(
        &self,
        filter: &CandidateFilter,
        cursor: Option<Cursor>,
        limit: u64,
    ) -> StoreResult<Page<CandidateListItem>> {
        let mut q = QueryBuilder::new(
            "SELECT c.id, c.name, c.email, c.location, c.tags, c.updated_at,
                (SELECT COUNT(*) FROM applications a WHERE a.candidate_id = c.id) AS application_count
             FROM candidates c WHERE 1 = 1",
        );
        if let Some(user) = filter.team_member {
            q.and(
                "c.id IN (SELECT a.candidate_id FROM applications a JOIN hiring_team t
                    ON t.requisition_id = a.requisition_id WHERE t.user_id = {})",
                user.0,
            );
        }
        if let Some(text) = filter.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            let pattern = q.arg(like_pattern(text));
            q.push(&format!(
                " AND (lower(c.name) LIKE {pattern} ESCAPE '\\' OR lower(COALESCE(c.email, '')) LIKE {pattern} ESCAPE '\\')"
            ));
        }
        q.after_cursor("c.updated_at", "c.id", cursor);
        q.push(&format!(" ORDER BY c.updated_at DESC, c.id DESC LIMIT {}", limit + 1));
        let rows: Vec<CandidateListItem> = self.fetch_all(&self.db, &q.sql, q.values).await?;
        Ok(Page::from_rows(rows, limit, |r| Cursor { at: r.updated_at, id: r.id }))
    }

    /// Every candidate with an application on a requisition whose hiring team includes `user`:
    /// whom a team-scoped role may find in search.
    pub async fn team_candidates(&self, user: UserId) -> StoreResult<Vec<CandidateId>> {
        #[derive(FromQueryResult)]
        struct Row {
            candidate_id: Uuid,
        }
        let rows: Vec<Row> = self
            .fetch_all(
                &self.db,
                "SELECT DISTINCT a.candidate_id FROM applications a
                 JOIN hiring_team t ON t.requisition_id = a.requisition_id WHERE t.user_id = $1",
                [user.0.into()],
            )
            .await?;
        Ok(rows.into_iter().map(|r| CandidateId(r.candidate_id)).collect())
    }

    /// Whether `user` is on the hiring team of any requisition the candidate applied to.
    pub async fn candidate_on_users_team(&self, id: CandidateId, user: UserId) -> StoreResult<bool> {
        #[derive(FromQueryResult)]
        struct Count {
            n: i64,
        }
        let row: Option<Count> = self
            .fetch_one(
                &self.db,
                "SELECT COUNT(*) AS n FROM applications a JOIN hiring_team t ON t.requisition_id = a.requisition_id
                 WHERE a.candidate_id = $1 AND t.user_id = $2",
                [id.0.into(), user.0.into()],
            )
            .await?;
        Ok(row.is_some_and(|c| c.n > 0))
    }

    /// A candidate's applications, newest first.
    pub async fn candidate_applications(&self, id: CandidateId) -> StoreResult<Vec<ApplicationSummary>> {
        self.fetch_all(
            &self.db,
            "SELECT a.id, a.requisition_id, r.title AS requisition_title, a.stage, a.status, a.status_reason,
                    a.source, a.version, a.created_at, a.screening, a.meets_requirements, a.cover_letter,
                    a.salary_expectation
             FROM applications a JOIN requisitions r ON r.id = a.requisition_id
             WHERE a.candidate_id = $1 ORDER BY a.created_at DESC",
            [id.0.into()],
        )
        .await
    }

    /// Adds a note to a candidate.
    pub async fn add_note(&self, actor: &User, candidate: CandidateId, body: &str) -> StoreResult<Note> {
        let body = hired_domain::validation::required_text(body, 10_000).map_err(|e| Invalid::field("body", e))?;
        let note = Note { id: NoteId::new().0, author_name: actor.name.clone(), body, created_at: now() };
        let txn = self.write_txn().await?;
        self.exec(
            &txn,
            "INSERT INTO notes (id, candidate_id, author_id, body, created_at) VALUES ($1, $2, $3, $4, $5)",
            [note.id.into(), candidate.0.into(), actor.id.0.into(), note.body.clone().into(), note.created_at.into()],
        )
        .await
        .map_err(|e| match e {
            StoreError::Db(_) => StoreError::NotFound("candidate"),
            other => other,
        })?;
        self.append_audit(
            &txn,
            NewAudit {
                actor: Some(actor),
                action: "candidate.note",
                entity_type: "candidate",
                entity_id: Some(candidate.0),
                changes: Vec::new(),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(note)
    }

    /// A candidate's notes, newest first.
    pub async fn notes(&self, candidate: CandidateId) -> StoreResult<Vec<Note>> {
        self.fetch_all(
            &self.db,
            "SELECT n.id, u.name AS author_name, n.body, n.created_at FROM notes n JOIN users u ON u.id = n.author_id
             WHERE n.candidate_id = $1 ORDER BY n.created_at DESC",
            [candidate.0.into()],
        )
        .await
    }
}
