//! The pipeline board: columns with their counts and newest cards, and the
//! per-column counters that keep counting cheap at any pipeline size.

use hired_domain::RequisitionId;
use hired_domain::pipeline::{Application, ApplicationStatus};
use hired_domain::requisition::Requisition;
use sea_orm::{ConnectionTrait, FromQueryResult};
use serde::Serialize;

use crate::applications::{ApplicationCard, CARD_COLUMNS, column_condition};
use crate::sql::QueryBuilder;
use crate::{Store, StoreResult};

/// One column of a requisition's board: a stage, or Rejected / Withdrawn.
#[derive(Debug, Clone, Serialize)]
pub struct BoardColumn {
    /// Column key: a stage key, `rejected` or `withdrawn`.
    pub key: String,
    /// Name for people.
    pub name: String,
    /// Applications in the column.
    pub count: i64,
    /// The most recently moved cards, up to the page size.
    pub cards: Vec<ApplicationCard>,
    /// Rejected and withdrawn columns are terminal.
    pub terminal: bool,
}

impl Store {
    /// Applications per board column, in two queries whatever the size:
    /// one for the counts, one for the first `per_column` cards of every column.
    pub async fn board(&self, req: &Requisition, per_column: u64) -> StoreResult<Vec<BoardColumn>> {
        let requisition = req.id;
        let counts = self.column_counts(requisition).await?;
        let mut columns: Vec<(String, String, bool)> =
            req.stages.iter().map(|s| (s.key.clone(), s.name.clone(), false)).collect();
        columns.push(("rejected".into(), "Rejected".into(), true));
        columns.push(("withdrawn".into(), "Withdrawn".into(), true));

        let mut q = QueryBuilder::new("");
        let req_arg = q.arg(requisition.0);
        let parts: Vec<String> = columns
            .iter()
            .map(|(key, _, _)| {
                let condition = column_condition(&mut q, key);
                format!(
                    "SELECT * FROM (SELECT {CARD_COLUMNS} FROM applications a JOIN candidates c ON c.id = a.candidate_id
                     WHERE a.requisition_id = {req_arg} AND {condition}
                     ORDER BY a.updated_at DESC, a.id DESC LIMIT {per_column}) AS col"
                )
            })
            .collect();
        q.push(&parts.join(" UNION ALL "));
        let cards: Vec<ApplicationCard> = self.fetch_all(&self.db, &q.sql, q.values).await?;

        Ok(columns
            .into_iter()
            .map(|(key, name, terminal)| {
                let count = counts.iter().find(|(k, _)| *k == key).map_or(0, |(_, n)| *n);
                let cards = cards
                    .iter()
                    .filter(|c| {
                        let status = ApplicationStatus::parse(&c.status).unwrap_or(ApplicationStatus::Active);
                        hired_domain::pipeline::board_column(&c.stage, status) == key
                    })
                    .cloned()
                    .collect();
                BoardColumn { key, name, count, cards, terminal }
            })
            .collect())
    }

    /// How many applications each board column holds, from the maintained counters.
    pub async fn column_counts(&self, requisition: RequisitionId) -> StoreResult<Vec<(String, i64)>> {
        #[derive(FromQueryResult)]
        struct StageCount {
            status: String,
            stage: String,
            n: i64,
        }
        let rows: Vec<StageCount> = self
            .fetch_all(
                &self.db,
                "SELECT status, stage, n FROM application_counts WHERE requisition_id = $1 AND n > 0",
                [requisition.0.into()],
            )
            .await?;
        let mut counts: Vec<(String, i64)> = Vec::new();
        for row in rows {
            let status = ApplicationStatus::parse(&row.status).unwrap_or(ApplicationStatus::Active);
            let column = hired_domain::pipeline::board_column(&row.stage, status);
            match counts.iter_mut().find(|(k, _)| k == column) {
                Some((_, n)) => *n += row.n,
                None => counts.push((column.to_owned(), row.n)),
            }
        }
        Ok(counts)
    }

    /// Adds `delta` to the counter of one (status, stage) of a requisition.
    pub(crate) async fn bump_count(
        &self,
        conn: &impl ConnectionTrait,
        requisition: RequisitionId,
        status: ApplicationStatus,
        stage: &str,
        delta: i64,
    ) -> StoreResult<()> {
        self.exec(
            conn,
            "INSERT INTO application_counts (requisition_id, status, stage, n) VALUES ($1, $2, $3, $4)
             ON CONFLICT (requisition_id, status, stage) DO UPDATE SET n = application_counts.n + excluded.n",
            [requisition.0.into(), status.as_str().into(), stage.into(), delta.into()],
        )
        .await?;
        Ok(())
    }

    /// Moves one application between counters, locking the two rows in a fixed order so
    /// concurrent moves in opposite directions cannot deadlock.
    pub(crate) async fn move_count(
        &self,
        conn: &impl ConnectionTrait,
        before: &Application,
        after: &Application,
    ) -> StoreResult<()> {
        let mut bumps = [(before.status, before.stage.as_str(), -1), (after.status, after.stage.as_str(), 1)];
        bumps.sort_by_key(|(status, stage, _)| (status.as_str(), *stage));
        for (status, stage, delta) in bumps {
            self.bump_count(conn, before.requisition_id, status, stage, delta).await?;
        }
        Ok(())
    }

    /// Recomputes a requisition's counters from its applications, after bulk writes that bypass
    /// [`Store::add_application`].
    pub(crate) async fn rebuild_counts(
        &self,
        conn: &impl ConnectionTrait,
        requisition: RequisitionId,
    ) -> StoreResult<()> {
        self.exec(conn, "DELETE FROM application_counts WHERE requisition_id = $1", [requisition.0.into()]).await?;
        self.exec(
            conn,
            "INSERT INTO application_counts (requisition_id, status, stage, n)
             SELECT requisition_id, status, stage, COUNT(*) FROM applications WHERE requisition_id = $1
             GROUP BY requisition_id, status, stage",
            [requisition.0.into()],
        )
        .await?;
        Ok(())
    }
}
