//! What match scores are computed from: a requisition's applications with their candidates'
//! profiles (as read, with recruiters' edits beside them) and screening answers, in one query;
//! every candidate's facts for the in-memory index, and the change log it follows.

use chrono::{DateTime, Utc};
use hired_domain::audit::FieldChange;
use hired_domain::money::Money;
use hired_domain::profile::Profile;
use hired_domain::profile_edits::ProfileEdits;
use hired_domain::screening::ScreeningResult;
use hired_domain::user::User;
use hired_domain::{ApplicationId, CandidateId, RequisitionId};
use sea_orm::FromQueryResult;
use uuid::Uuid;

use crate::audit::NewAudit;
use crate::sql::QueryBuilder;
use crate::{Store, StoreError, StoreResult};

/// One application, with what matching needs about the person.
#[derive(Debug, Clone, PartialEq)]
pub struct Applicant {
    /// The application.
    pub application: ApplicationId,
    /// The person.
    pub candidate: CandidateId,
    /// Their name, for lists.
    pub name: String,
    /// Stage key.
    pub stage: String,
    /// Status key (`active`, `rejected`, `withdrawn`, `hired`).
    pub status: String,
    /// What intake read, when a resume was read.
    pub profile: Option<Profile>,
    /// Recruiters' corrections to it.
    pub edits: ProfileEdits,
    /// Screening answers, when the requisition asked questions.
    pub screening: Option<ScreeningResult>,
    /// What they expect to earn, if they said.
    pub salary_expectation: Option<Money>,
}

#[derive(FromQueryResult)]
struct Row {
    id: Uuid,
    candidate_id: Uuid,
    name: String,
    stage: String,
    status: String,
    profile: Option<serde_json::Value>,
    edits: Option<serde_json::Value>,
    screening: Option<serde_json::Value>,
    salary_expectation: Option<serde_json::Value>,
}

impl Store {
    /// Every application to `requisition` with its candidate's profile and screening answers,
    /// or only those in `only` when given (the cards a board shows).
    pub async fn applicants(
        &self,
        requisition: RequisitionId,
        only: Option<&[ApplicationId]>,
    ) -> StoreResult<Vec<Applicant>> {
        if only.is_some_and(<[ApplicationId]>::is_empty) {
            return Ok(Vec::new());
        }
        let mut q = QueryBuilder::new(
            "SELECT a.id, a.candidate_id, c.name, a.stage, a.status, p.profile, p.edits, a.screening,
                a.salary_expectation
             FROM applications a
             JOIN candidates c ON c.id = a.candidate_id
             LEFT JOIN candidate_profiles p ON p.candidate_id = a.candidate_id
             WHERE 1 = 1",
        );
        q.and("a.requisition_id = {}", requisition.0);
        if let Some(ids) = only {
            let list: Vec<String> = ids.iter().map(|id| q.arg(id.0)).collect();
            q.push(&format!(" AND a.id IN ({})", list.join(", ")));
        }
        q.push(" ORDER BY a.created_at, a.id");
        let rows: Vec<Row> = self.fetch_all(&self.db, &q.sql, q.values).await?;
        rows.into_iter()
            .map(|r| {
                Ok(Applicant {
                    application: ApplicationId(r.id),
                    candidate: CandidateId(r.candidate_id),
                    name: r.name,
                    stage: r.stage,
                    status: r.status,
                    profile: r.profile.map(serde_json::from_value).transpose()?,
                    edits: r.edits.map(serde_json::from_value).transpose()?.unwrap_or_default(),
                    screening: r.screening.map(serde_json::from_value).transpose()?,
                    salary_expectation: r.salary_expectation.map(serde_json::from_value).transpose()?,
                })
            })
            .collect()
    }
}

/// What the matching index keeps about one candidate, for ranking everyone (rediscovery).
#[derive(Debug, Clone, PartialEq)]
pub struct MatchFacts {
    /// The person.
    pub candidate: CandidateId,
    /// Their name.
    pub name: String,
    /// Where they live, as entered.
    pub location: Option<String>,
    /// Recruiters' tags.
    pub tags: Vec<String>,
    /// Agreed to be kept for other roles.
    pub talent_pool: bool,
    /// Asked not to be contacted.
    pub do_not_contact: bool,
    /// What intake read, when a resume was read.
    pub profile: Option<Profile>,
    /// Recruiters' corrections to it.
    pub edits: ProfileEdits,
    /// Requisitions they applied to, with the status of each application.
    pub applications: Vec<(RequisitionId, String)>,
    /// Where each application stands: the stage key, or `rejected`, `withdrawn`, `hired`.
    pub stages: Vec<String>,
    /// Where they came from.
    pub source: Option<String>,
    /// The resume's plain text, when one was read.
    pub resume_text: Option<String>,
    /// Staff notes, oldest first.
    pub notes: Vec<String>,
    /// Last change to the candidate.
    pub updated_at: DateTime<Utc>,
}

#[derive(FromQueryResult)]
struct FactsRow {
    id: Uuid,
    name: String,
    source: Option<String>,
    updated_at: DateTime<Utc>,
    resume_text: Option<String>,
    location: Option<String>,
    tags: serde_json::Value,
    talent_pool: Option<bool>,
    do_not_contact: bool,
    /// JSON text, read straight into a profile (no `Value` on the way: a million at start).
    profile: Option<String>,
    edits: Option<String>,
}

#[derive(FromQueryResult)]
struct ApplicationRow {
    candidate_id: Uuid,
    requisition_id: Uuid,
    stage: String,
    status: String,
}

#[derive(FromQueryResult)]
struct NoteRow {
    candidate_id: Uuid,
    body: String,
}

#[derive(FromQueryResult)]
struct ChangeRow {
    seq: i64,
    candidate_id: Uuid,
}

/// Which candidates a facts query reads.
#[derive(Clone, Copy)]
enum Which<'a> {
    These(&'a [CandidateId]),
    PageAfter(Option<CandidateId>, u64),
}

/// Whose rows a query about candidates reads: these, or a page of ids after the first and
/// up to the last (a page of thousands would otherwise bind thousands of parameters).
enum Among<'a> {
    These(&'a [Uuid]),
    Range(Option<Uuid>, Uuid),
}

/// Whether a facts query reads the resume text and notes, which only the full-text index
/// needs and which are most of the bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Texts {
    /// Resume text and notes too.
    Read,
    /// Without them: `resume_text` is `None` and `notes` empty.
    Skip,
}

impl Store {
    /// The matching facts of `candidates`; those deleted are missing from the answer.
    pub async fn match_facts(&self, candidates: &[CandidateId]) -> StoreResult<Vec<MatchFacts>> {
        if candidates.is_empty() {
            return Ok(Vec::new());
        }
        self.facts(Which::These(candidates), Texts::Read).await
    }

    /// One page of every candidate's matching facts in id order, after `after`: how an index
    /// is built at start.
    pub async fn match_facts_page(
        &self,
        after: Option<CandidateId>,
        limit: u64,
        texts: Texts,
    ) -> StoreResult<Vec<MatchFacts>> {
        self.facts(Which::PageAfter(after, limit), texts).await
    }

    async fn facts(&self, which: Which<'_>, texts: Texts) -> StoreResult<Vec<MatchFacts>> {
        let resume_text = match texts {
            Texts::Read => "p.resume_text",
            Texts::Skip => "CAST(NULL AS TEXT) AS resume_text",
        };
        let mut q = QueryBuilder::new(&format!(
            "SELECT c.id, c.name, c.source, c.updated_at, {resume_text}, c.location, c.tags, c.talent_pool,
                c.do_not_contact, CAST(p.profile AS TEXT) AS profile, CAST(p.edits AS TEXT) AS edits
             FROM candidates c LEFT JOIN candidate_profiles p ON p.candidate_id = c.id WHERE 1 = 1"
        ));
        match which {
            Which::These(ids) => {
                let list: Vec<String> = ids.iter().map(|id| q.arg(id.0)).collect();
                q.push(&format!(" AND c.id IN ({}) ORDER BY c.id", list.join(", ")));
            }
            Which::PageAfter(after, limit) => {
                if let Some(after) = after {
                    q.and("c.id > {}", after.0);
                }
                q.push(&format!(" ORDER BY c.id LIMIT {limit}"));
            }
        }
        let rows: Vec<FactsRow> = self.fetch_all(&self.db, &q.sql, q.values).await?;
        let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
        let among = match (which, ids.last()) {
            (Which::PageAfter(after, _), Some(last)) => Among::Range(after.map(|a| a.0), *last),
            _ => Among::These(&ids),
        };
        let applications: Vec<ApplicationRow> =
            self.of_candidates("SELECT candidate_id, requisition_id, stage, status FROM applications", &among).await?;
        let notes: Vec<NoteRow> = match texts {
            Texts::Read => self.of_candidates("SELECT candidate_id, body FROM notes", &among).await?,
            Texts::Skip => Vec::new(),
        };
        rows.into_iter()
            .map(|r| {
                Ok(MatchFacts {
                    candidate: CandidateId(r.id),
                    applications: applications
                        .iter()
                        .filter(|a| a.candidate_id == r.id)
                        .map(|a| (RequisitionId(a.requisition_id), a.status.clone()))
                        .collect(),
                    stages: applications
                        .iter()
                        .filter(|a| a.candidate_id == r.id)
                        .map(|a| if a.status == "active" { a.stage.clone() } else { a.status.clone() })
                        .collect(),
                    notes: notes.iter().filter(|n| n.candidate_id == r.id).map(|n| n.body.clone()).collect(),
                    source: r.source,
                    resume_text: r.resume_text,
                    updated_at: r.updated_at,
                    name: r.name,
                    location: r.location,
                    tags: serde_json::from_value(r.tags)?,
                    talent_pool: r.talent_pool.unwrap_or(false),
                    do_not_contact: r.do_not_contact,
                    profile: r.profile.as_deref().map(serde_json::from_str).transpose()?,
                    edits: r.edits.as_deref().map(serde_json::from_str).transpose()?.unwrap_or_default(),
                })
            })
            .collect()
    }

    /// Rows of `select` (a query without WHERE) whose `candidate_id` is `among`.
    async fn of_candidates<T: FromQueryResult>(&self, select: &str, among: &Among<'_>) -> StoreResult<Vec<T>> {
        let mut q = QueryBuilder::new(select);
        match among {
            Among::These([]) => return Ok(Vec::new()),
            Among::These(ids) => {
                let list: Vec<String> = ids.iter().map(|id| q.arg(*id)).collect();
                q.push(&format!(" WHERE candidate_id IN ({})", list.join(", ")));
            }
            Among::Range(after, last) => {
                q.push(" WHERE 1 = 1");
                q.and("candidate_id <= {}", *last);
                if let Some(after) = after {
                    q.and("candidate_id > {}", *after);
                }
            }
        }
        q.push(" ORDER BY candidate_id");
        self.fetch_all(&self.db, &q.sql, q.values).await
    }

    /// Entries of the candidate change log after `after`, oldest first, at most `limit`:
    /// `(sequence number, candidate)`. On PostgreSQL a sequence number can commit after a
    /// higher one, so followers read a little behind their last number too.
    pub async fn candidate_changes(&self, after: i64, limit: u64) -> StoreResult<Vec<(i64, CandidateId)>> {
        let rows: Vec<ChangeRow> = self
            .fetch_all(
                &self.db,
                &format!("SELECT seq, candidate_id FROM candidate_changes WHERE seq > $1 ORDER BY seq LIMIT {limit}"),
                [after.into()],
            )
            .await?;
        Ok(rows.into_iter().map(|r| (r.seq, CandidateId(r.candidate_id))).collect())
    }

    /// The newest change log entry's number (0 when empty): where a freshly built index starts
    /// following.
    pub async fn last_candidate_change(&self) -> StoreResult<i64> {
        Ok(self.candidate_change_bounds().await?.1)
    }

    /// The oldest and the newest change log entry's numbers (0 when empty): an index that
    /// stopped before the oldest has missed entries and must be built again.
    pub async fn candidate_change_bounds(&self) -> StoreResult<(i64, i64)> {
        #[derive(FromQueryResult)]
        struct Bounds {
            first: Option<i64>,
            last: Option<i64>,
        }
        let sql = "SELECT MIN(seq) AS first, MAX(seq) AS last FROM candidate_changes";
        let row: Option<Bounds> = self.fetch_one(&self.db, sql, []).await?;
        Ok(row.map_or((0, 0), |r| (r.first.unwrap_or(0), r.last.unwrap_or(0))))
    }

    /// This database's name, made by the first caller and the same for every node: what an
    /// on-disk index records to be reused only with the store it was built from.
    pub async fn identity(&self) -> StoreResult<Uuid> {
        #[derive(FromQueryResult)]
        struct Identity {
            id: Uuid,
        }
        self.exec(
            &self.db,
            "INSERT INTO store_identity (one, id) VALUES (1, $1) ON CONFLICT (one) DO NOTHING",
            [Uuid::now_v7().into()],
        )
        .await?;
        let row: Option<Identity> = self.fetch_one(&self.db, "SELECT id FROM store_identity", []).await?;
        row.map(|r| r.id).ok_or(StoreError::NotFound("store identity"))
    }

    /// Marks whether a candidate asked not to be contacted.
    pub async fn set_do_not_contact(&self, actor: &User, candidate: CandidateId, value: bool) -> StoreResult<()> {
        let txn = self.write_txn().await?;
        let n = self
            .exec(&txn, "UPDATE candidates SET do_not_contact = $1 WHERE id = $2", [value.into(), candidate.0.into()])
            .await?;
        if n == 0 {
            return Err(StoreError::NotFound("candidate"));
        }
        let audit = NewAudit {
            actor: Some(actor),
            action: "candidate.do_not_contact",
            entity_type: "candidate",
            entity_id: Some(candidate.0),
            changes: vec![FieldChange { field: "do_not_contact".into(), before: (!value).into(), after: value.into() }],
        };
        self.append_audit(&txn, audit).await?;
        txn.commit().await?;
        Ok(())
    }
}

impl Store {
    /// Whether a candidate asked not to be contacted.
    pub async fn do_not_contact(&self, candidate: CandidateId) -> StoreResult<bool> {
        #[derive(FromQueryResult)]
        struct Flag {
            do_not_contact: bool,
        }
        let row: Option<Flag> = self
            .fetch_one(&self.db, "SELECT do_not_contact FROM candidates WHERE id = $1", [candidate.0.into()])
            .await?;
        row.map(|r| r.do_not_contact).ok_or(StoreError::NotFound("candidate"))
    }
}
