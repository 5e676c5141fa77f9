//! Interviews of an application, their panels, and the panel's scorecards. Scorecards are
//! read through [`Store::scorecards_for`], which applies the rule that whoever owes one reads
//! no one else's, so every page and endpoint gets the same answer.

use chrono::{DateTime, Utc};
use hired_domain::interview_library::competency;
use hired_domain::interviews::{Competency, InterviewKind, ScorecardInput, may_read_others_scorecards};
use hired_domain::user::User;
use hired_domain::{ApplicationId, CandidateId, InterviewId, Invalid, RequisitionId, ScorecardId, UserId};
use sea_orm::FromQueryResult;
use serde::Serialize;
use uuid::Uuid;

use crate::audit::NewAudit;
use crate::clock::now;
use crate::sql::QueryBuilder;
use crate::{Store, StoreError, StoreResult};

/// Most people on one interview's panel.
pub const MAX_PANEL: usize = 10;

/// An interview to set up for an application.
#[derive(Debug, Clone)]
pub struct NewInterview {
    /// What it is for.
    pub kind: InterviewKind,
    /// Name shown to people.
    pub title: String,
    /// Length in minutes.
    pub minutes: u16,
    /// Keys of the competencies its scorecards rate.
    pub competencies: Vec<String>,
    /// Who interviews.
    pub panel: Vec<UserId>,
}

/// Someone on a panel, and whether their scorecard is in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Panelist {
    /// The interviewer.
    pub user_id: UserId,
    /// Their name.
    pub name: String,
    /// Whether they submitted their scorecard.
    pub submitted: bool,
}

/// An interview with its panel and kit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Interview {
    /// Identity.
    pub id: InterviewId,
    /// The application it belongs to.
    pub application_id: ApplicationId,
    /// The application's candidate.
    pub candidate_id: CandidateId,
    /// The application's requisition.
    pub requisition_id: RequisitionId,
    /// The requisition's title.
    pub requisition_title: String,
    /// What it is for.
    pub kind: InterviewKind,
    /// Name shown to people.
    pub title: String,
    /// Length in minutes.
    pub minutes: u16,
    /// What its scorecards rate, from the library.
    pub competencies: Vec<Competency>,
    /// Who interviews.
    pub panel: Vec<Panelist>,
    /// When it was set up.
    pub created_at: DateTime<Utc>,
}

impl Interview {
    /// Whether `user` is on the panel.
    pub fn on_panel(&self, user: UserId) -> bool {
        self.panel.iter().any(|p| p.user_id == user)
    }
}

/// One interviewer's submitted scorecard.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scorecard {
    /// Identity.
    pub id: ScorecardId,
    /// The interview it rates.
    pub interview_id: InterviewId,
    /// The interview's title.
    pub interview_title: String,
    /// Who wrote it.
    pub author_id: UserId,
    /// Their name.
    pub author_name: String,
    /// Ratings, recommendation and notes.
    pub card: ScorecardInput,
    /// When it was last submitted.
    pub submitted_at: DateTime<Utc>,
}

/// The scorecards of an application that one person may read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VisibleScorecards {
    /// Theirs and, when allowed, everyone's.
    pub scorecards: Vec<Scorecard>,
    /// How many submitted scorecards they may not read yet.
    pub hidden: usize,
    /// Whether they still owe a scorecard for this application.
    pub owes_one: bool,
}

#[derive(FromQueryResult)]
struct InterviewRow {
    id: Uuid,
    application_id: Uuid,
    candidate_id: Uuid,
    requisition_id: Uuid,
    requisition_title: String,
    kind: String,
    title: String,
    minutes: i32,
    competencies: serde_json::Value,
    created_at: DateTime<Utc>,
}

#[derive(FromQueryResult)]
struct PanelRow {
    interview_id: Uuid,
    user_id: Uuid,
    name: String,
    submitted: bool,
}

#[derive(FromQueryResult)]
struct ScorecardRow {
    id: Uuid,
    interview_id: Uuid,
    interview_title: String,
    author_id: Uuid,
    author_name: String,
    body: serde_json::Value,
    submitted_at: DateTime<Utc>,
}

const INTERVIEW_COLUMNS: &str = "SELECT i.id, i.application_id, a.candidate_id, a.requisition_id,
        r.title AS requisition_title, i.kind, i.title, i.minutes, i.competencies, i.created_at
     FROM interviews i JOIN applications a ON a.id = i.application_id JOIN requisitions r ON r.id = a.requisition_id";

fn interview_of(row: InterviewRow, panels: &[PanelRow]) -> StoreResult<Interview> {
    let keys: Vec<String> = serde_json::from_value(row.competencies)?;
    Ok(Interview {
        id: InterviewId(row.id),
        application_id: ApplicationId(row.application_id),
        candidate_id: CandidateId(row.candidate_id),
        requisition_id: RequisitionId(row.requisition_id),
        requisition_title: row.requisition_title,
        kind: InterviewKind::parse(&row.kind)
            .ok_or_else(|| StoreError::Corrupt(format!("interview kind {}", row.kind)))?,
        title: row.title,
        minutes: u16::try_from(row.minutes).unwrap_or(u16::MAX),
        competencies: keys.iter().filter_map(|k| competency(k).cloned()).collect(),
        panel: panels
            .iter()
            .filter(|p| p.interview_id == row.id)
            .map(|p| Panelist { user_id: UserId(p.user_id), name: p.name.clone(), submitted: p.submitted })
            .collect(),
        created_at: row.created_at,
    })
}

/// The kit's competencies from their keys; an unknown key is a mistake to name.
fn kit(keys: &[String]) -> Result<Vec<Competency>, Invalid> {
    let mut invalid = Invalid::default();
    let found: Vec<Competency> = keys
        .iter()
        .filter_map(|k| {
            let c = competency(k).cloned();
            if c.is_none() {
                invalid.push("competencies", format!("'{k}' is not in the competency library"));
            }
            c
        })
        .collect();
    if keys.is_empty() {
        invalid.push("competencies", "choose at least one competency for the scorecard");
    }
    invalid.into_result(|| found)
}

impl Store {
    /// Sets up an interview for `application` with its panel and kit, checked whole: a
    /// title, a sane length, known competencies, one to [`MAX_PANEL`] active staff.
    pub async fn add_interview(
        &self,
        actor: &User,
        application: ApplicationId,
        new: NewInterview,
    ) -> StoreResult<Interview> {
        let mut invalid = Invalid::default();
        let title = invalid.check("title", hired_domain::validation::single_line_text(&new.title, 200));
        if !(10..=480).contains(&new.minutes) {
            invalid.push("minutes", "an interview lasts from 10 to 480 minutes");
        }
        if let Err(e) = kit(&new.competencies) {
            invalid.errors.extend(e.errors);
        }
        let mut panel = new.panel.clone();
        panel.sort();
        panel.dedup();
        if panel.is_empty() || panel.len() > MAX_PANEL {
            invalid.push("panel", format!("choose one to {MAX_PANEL} interviewers"));
        }
        let active = self.active_user_count(&panel).await?;
        if active != panel.len() {
            invalid.push("panel", "every interviewer must be an active staff member");
        }
        let title = invalid.into_result(|| title)?.unwrap_or_default();
        let id = InterviewId::new();
        let at = now();
        let txn = self.write_txn().await?;
        self.exec(
            &txn,
            "INSERT INTO interviews (id, application_id, kind, title, minutes, competencies, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            [
                id.0.into(),
                application.0.into(),
                new.kind.as_str().into(),
                title.into(),
                i32::from(new.minutes).into(),
                serde_json::to_value(&new.competencies)?.into(),
                actor.id.0.into(),
                at.into(),
            ],
        )
        .await
        .map_err(|e| match e {
            StoreError::Db(_) => StoreError::NotFound("application"),
            other => other,
        })?;
        for user in &panel {
            self.exec(
                &txn,
                "INSERT INTO interview_panel (interview_id, user_id) VALUES ($1, $2)",
                [id.0.into(), user.0.into()],
            )
            .await?;
        }
        let audit = NewAudit {
            actor: Some(actor),
            action: "interview.create",
            entity_type: "application",
            entity_id: Some(application.0),
            changes: Vec::new(),
        };
        self.append_audit(&txn, audit).await?;
        txn.commit().await?;
        self.interview(id).await?.ok_or(StoreError::NotFound("interview"))
    }

    /// How many of `users` are active staff, in one query.
    async fn active_user_count(&self, users: &[UserId]) -> StoreResult<usize> {
        #[derive(FromQueryResult)]
        struct Count {
            n: i64,
        }
        if users.is_empty() {
            return Ok(0);
        }
        let mut q = QueryBuilder::new("SELECT COUNT(*) AS n FROM users WHERE active AND id IN (");
        let placeholders: Vec<String> = users.iter().map(|u| q.arg(u.0)).collect();
        q.push(&format!("{})", placeholders.join(", ")));
        let found: Option<Count> = self.fetch_one(&self.db, &q.sql, q.values).await?;
        Ok(found.map_or(0, |c| c.n as usize))
    }

    /// One interview with its panel and kit.
    pub async fn interview(&self, id: InterviewId) -> StoreResult<Option<Interview>> {
        Ok(self.interviews_where("i.id = $1", id.0).await?.pop())
    }

    /// Every interview of `candidate`'s applications, oldest first.
    pub async fn interviews_of_candidate(&self, candidate: CandidateId) -> StoreResult<Vec<Interview>> {
        self.interviews_where("a.candidate_id = $1", candidate.0).await
    }

    /// The interviews matching `filter` (over `interviews i` and `applications a`, one
    /// placeholder bound to `value`), oldest first, with their panels read in one more query.
    async fn interviews_where(&self, filter: &str, value: Uuid) -> StoreResult<Vec<Interview>> {
        let sql = format!("{INTERVIEW_COLUMNS} WHERE {filter} ORDER BY i.created_at, i.id");
        let rows: Vec<InterviewRow> = self.fetch_all(&self.db, &sql, [value.into()]).await?;
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let panel_sql = format!(
            "SELECT p.interview_id, p.user_id, u.name,
                EXISTS (SELECT 1 FROM scorecards s WHERE s.interview_id = p.interview_id
                        AND s.author_id = p.user_id) AS submitted
             FROM interview_panel p JOIN users u ON u.id = p.user_id
             JOIN interviews i ON i.id = p.interview_id JOIN applications a ON a.id = i.application_id
             WHERE {filter} ORDER BY u.name"
        );
        let panels: Vec<PanelRow> = self.fetch_all(&self.db, &panel_sql, [value.into()]).await?;
        rows.into_iter().map(|row| interview_of(row, &panels)).collect()
    }

    /// Records `author`'s scorecard for `interview` (replacing their earlier one). Only the
    /// panel may submit, and the card must rate exactly the interview's kit.
    pub async fn submit_scorecard(
        &self,
        author: &User,
        interview: &Interview,
        card: &ScorecardInput,
    ) -> StoreResult<ScorecardId> {
        if !interview.on_panel(author.id) {
            return Err(Invalid::field("panel", "only the interview's panel can submit its scorecards").into());
        }
        card.validate(&interview.competencies)?;
        let at = now();
        let id = ScorecardId::new();
        let txn = self.write_txn().await?;
        self.exec(
            &txn,
            "INSERT INTO scorecards (id, interview_id, author_id, recommendation, body, submitted_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (interview_id, author_id)
             DO UPDATE SET recommendation = excluded.recommendation, body = excluded.body,
                 submitted_at = excluded.submitted_at",
            [
                id.0.into(),
                interview.id.0.into(),
                author.id.0.into(),
                card.recommendation.as_str().into(),
                serde_json::to_value(card)?.into(),
                at.into(),
            ],
        )
        .await?;
        let audit = NewAudit {
            actor: Some(author),
            action: "scorecard.submit",
            entity_type: "application",
            entity_id: Some(interview.application_id.0),
            changes: Vec::new(),
        };
        self.append_audit(&txn, audit).await?;
        txn.commit().await?;
        Ok(id)
    }

    /// The scorecards of `application` that `reader` may read: their own always, everyone
    /// else's only as [`may_read_others_scorecards`] allows.
    pub async fn scorecards_for(&self, reader: &User, application: ApplicationId) -> StoreResult<VisibleScorecards> {
        let rows: Vec<ScorecardRow> = self
            .fetch_all(
                &self.db,
                "SELECT s.id, s.interview_id, i.title AS interview_title, s.author_id, u.name AS author_name,
                    s.body, s.submitted_at
                 FROM scorecards s JOIN interviews i ON i.id = s.interview_id JOIN users u ON u.id = s.author_id
                 WHERE i.application_id = $1 ORDER BY i.created_at, s.submitted_at, s.id",
                [application.0.into()],
            )
            .await?;
        let owes_one = self.owes_scorecard(reader.id, application).await?;
        let submitted_one = rows.iter().any(|r| r.author_id == reader.id.0);
        let all = may_read_others_scorecards(reader.role, owes_one, submitted_one);
        let total = rows.len();
        let mut scorecards = Vec::new();
        for row in rows.into_iter().filter(|r| all || r.author_id == reader.id.0) {
            let card: ScorecardInput = serde_json::from_value(row.body)?;
            scorecards.push(Scorecard {
                id: ScorecardId(row.id),
                interview_id: InterviewId(row.interview_id),
                interview_title: row.interview_title,
                author_id: UserId(row.author_id),
                author_name: row.author_name,
                card,
                submitted_at: row.submitted_at,
            });
        }
        Ok(VisibleScorecards { hidden: total - scorecards.len(), scorecards, owes_one })
    }

    /// Whether `user` is on a panel of `application` without having submitted its scorecard.
    async fn owes_scorecard(&self, user: UserId, application: ApplicationId) -> StoreResult<bool> {
        #[derive(FromQueryResult)]
        struct Count {
            n: i64,
        }
        let owed: Option<Count> = self
            .fetch_one(
                &self.db,
                "SELECT COUNT(*) AS n FROM interview_panel p JOIN interviews i ON i.id = p.interview_id
                 WHERE i.application_id = $1 AND p.user_id = $2
                   AND NOT EXISTS (SELECT 1 FROM scorecards s WHERE s.interview_id = i.id AND s.author_id = $2)",
                [application.0.into(), user.0.into()],
            )
            .await?;
        Ok(owed.is_some_and(|c| c.n > 0))
    }
}
