//! What match scores are computed from: a requisition's applications with their candidates'
//! profiles (as read, with recruiters' edits beside them) and screening answers, in one query.

use hired_domain::profile::Profile;
use hired_domain::profile_edits::ProfileEdits;
use hired_domain::screening::ScreeningResult;
use hired_domain::{ApplicationId, CandidateId, RequisitionId};
use sea_orm::FromQueryResult;
use uuid::Uuid;

use crate::sql::QueryBuilder;
use crate::{Store, StoreResult};

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
            "SELECT a.id, a.candidate_id, c.name, a.stage, a.status, p.profile, p.edits, a.screening
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
                })
            })
            .collect()
    }
}
