//! Channels and what each has brought: applications, hires and cost per applicant.

use chrono::{DateTime, Utc};
use hired_domain::audit::diff;
use hired_domain::channel::{Channel, ChannelKind, ChannelSpec, CostBasis, cost_per_applicant};
use hired_domain::user::User;
use hired_domain::{ChannelId, Currency};
use sea_orm::{ConnectionTrait, FromQueryResult};
use serde::Serialize;
use uuid::Uuid;

use crate::audit::NewAudit;
use crate::clock::{now, uuid_at};
use crate::{Store, StoreError, StoreResult};

/// A channel with what it has brought so far.
#[derive(Debug, Clone, Serialize)]
pub struct ChannelStats {
    /// The channel.
    pub channel: Channel,
    /// Postings sent to it.
    pub postings: i64,
    /// Applications that came through it.
    pub applications: i64,
    /// Of those, hired.
    pub hires: i64,
    /// Spent so far, minor units of the channel's currency.
    pub spent_minor: i64,
    /// Spent per application, when there is one.
    pub cost_per_applicant_minor: Option<i64>,
}

#[derive(FromQueryResult)]
struct ChannelRow {
    id: Uuid,
    kind: String,
    name: String,
    cost_basis: String,
    cost_minor: i64,
    currency: String,
    active: bool,
    created_at: DateTime<Utc>,
}

impl TryFrom<ChannelRow> for Channel {
    type Error = StoreError;
    fn try_from(r: ChannelRow) -> StoreResult<Channel> {
        let corrupt = |v: &str| StoreError::Corrupt(format!("channel {}: {v}", r.id));
        Ok(Channel {
            id: r.id.into(),
            spec: ChannelSpec {
                kind: ChannelKind::parse(&r.kind).ok_or_else(|| corrupt(&r.kind))?,
                name: r.name.clone(),
                cost_basis: CostBasis::parse(&r.cost_basis).ok_or_else(|| corrupt(&r.cost_basis))?,
                cost_minor: r.cost_minor,
                currency: Currency::parse(&r.currency).map_err(|_| corrupt(&r.currency))?,
            },
            active: r.active,
            created_at: r.created_at,
        })
    }
}

#[derive(FromQueryResult)]
struct Tally {
    channel_id: Uuid,
    n: i64,
}

const COLUMNS: &str = "id, kind, name, cost_basis, cost_minor, currency, active, created_at";

impl Store {
    /// Makes sure the careers page exists as a channel: it is where direct applicants come from.
    pub(crate) async fn seed_careers_channel(&self) -> StoreResult<()> {
        if self.careers_channel_in(&self.db).await?.is_none() {
            let spec = ChannelSpec {
                kind: ChannelKind::CareersPage,
                name: "Careers site".into(),
                cost_basis: CostBasis::Free,
                cost_minor: 0,
                currency: Currency::USD,
            };
            self.insert_channel(&self.db, None, &spec).await?;
        }
        Ok(())
    }

    /// Defines a channel.
    pub async fn create_channel(&self, actor: &User, spec: ChannelSpec) -> StoreResult<Channel> {
        let txn = self.write_txn().await?;
        let channel = self.insert_channel(&txn, Some(actor), &spec).await?;
        txn.commit().await?;
        Ok(channel)
    }

    async fn insert_channel(
        &self,
        conn: &impl ConnectionTrait,
        actor: Option<&User>,
        spec: &ChannelSpec,
    ) -> StoreResult<Channel> {
        let at = now();
        let channel = Channel { id: ChannelId(uuid_at(at)), spec: spec.clone(), active: true, created_at: at };
        conn.execute_raw(self.sql(
            &format!("INSERT INTO channels ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"),
            [
                channel.id.0.into(),
                spec.kind.as_str().into(),
                spec.name.clone().into(),
                spec.cost_basis.as_str().into(),
                spec.cost_minor.into(),
                spec.currency.to_string().into(),
                true.into(),
                at.into(),
            ],
        ))
        .await
        .map_err(|e| StoreError::on_unique(e, "name", "a channel with this name already exists"))?;
        self.append_audit(
            conn,
            NewAudit {
                actor,
                action: "channel.create",
                entity_type: "channel",
                entity_id: Some(channel.id.0),
                changes: diff(&serde_json::Value::Null, &serde_json::to_value(spec)?),
            },
        )
        .await?;
        Ok(channel)
    }

    /// Changes a channel's definition and whether it takes new postings.
    pub async fn update_channel(
        &self,
        actor: &User,
        id: ChannelId,
        spec: ChannelSpec,
        active: bool,
    ) -> StoreResult<Channel> {
        let before = self.channel(id).await?;
        if before.spec.kind == ChannelKind::CareersPage && (spec.kind != ChannelKind::CareersPage || !active) {
            return Err(hired_domain::Invalid::field(
                "kind",
                "the careers page is always a channel; rename it instead",
            )
            .into());
        }
        let txn = self.write_txn().await?;
        txn.execute_raw(self.sql(
            "UPDATE channels SET kind = $1, name = $2, cost_basis = $3, cost_minor = $4, currency = $5, active = $6
             WHERE id = $7",
            [
                spec.kind.as_str().into(),
                spec.name.clone().into(),
                spec.cost_basis.as_str().into(),
                spec.cost_minor.into(),
                spec.currency.to_string().into(),
                active.into(),
                id.0.into(),
            ],
        ))
        .await
        .map_err(|e| StoreError::on_unique(e, "name", "a channel with this name already exists"))?;
        let mut changes = diff(&serde_json::to_value(&before.spec)?, &serde_json::to_value(&spec)?);
        if before.active != active {
            changes.push(hired_domain::audit::FieldChange {
                field: "active".into(),
                before: before.active.into(),
                after: active.into(),
            });
        }
        self.append_audit(
            &txn,
            NewAudit {
                actor: Some(actor),
                action: "channel.update",
                entity_type: "channel",
                entity_id: Some(id.0),
                changes,
            },
        )
        .await?;
        txn.commit().await?;
        Ok(Channel { spec, active, ..before })
    }

    /// Every channel, the careers page first, then by name.
    pub async fn channels(&self) -> StoreResult<Vec<Channel>> {
        let rows: Vec<ChannelRow> = self
            .fetch_all(&self.db, &format!("SELECT {COLUMNS} FROM channels ORDER BY kind <> 'careers_page', name"), [])
            .await?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    /// One channel.
    pub async fn channel(&self, id: ChannelId) -> StoreResult<Channel> {
        let row: Option<ChannelRow> =
            self.fetch_one(&self.db, &format!("SELECT {COLUMNS} FROM channels WHERE id = $1"), [id.0.into()]).await?;
        row.ok_or(StoreError::NotFound("channel"))?.try_into()
    }

    /// The careers page channel, where direct applicants are counted.
    pub async fn careers_channel(&self) -> StoreResult<Channel> {
        self.careers_channel_in(&self.db).await?.ok_or(StoreError::NotFound("channel"))
    }

    pub(crate) async fn careers_channel_in(&self, conn: &impl ConnectionTrait) -> StoreResult<Option<Channel>> {
        let row: Option<ChannelRow> = self
            .fetch_one(
                conn,
                &format!("SELECT {COLUMNS} FROM channels WHERE kind = 'careers_page' ORDER BY created_at LIMIT 1"),
                [],
            )
            .await?;
        row.map(TryInto::try_into).transpose()
    }

    /// Every channel with its postings, applications, hires and spending so far.
    pub async fn channel_stats(&self) -> StoreResult<Vec<ChannelStats>> {
        let channels = self.channels().await?;
        let tally = |sql: &'static str| async move {
            let rows: Vec<Tally> = self.fetch_all(&self.db, sql, []).await?;
            StoreResult::Ok(rows.into_iter().map(|t| (t.channel_id, t.n)).collect::<std::collections::HashMap<_, _>>())
        };
        let postings = tally("SELECT channel_id, COUNT(*) AS n FROM posting_channels GROUP BY channel_id").await?;
        let applications = tally(
            "SELECT channel_id, COUNT(*) AS n FROM applications WHERE channel_id IS NOT NULL GROUP BY channel_id",
        )
        .await?;
        let hires = tally(
            "SELECT channel_id, COUNT(*) AS n FROM applications WHERE channel_id IS NOT NULL AND status = 'hired'
             GROUP BY channel_id",
        )
        .await?;
        let today = now();
        Ok(channels
            .into_iter()
            .map(|channel| {
                let id = channel.id.0;
                let postings = postings.get(&id).copied().unwrap_or(0);
                let applications = applications.get(&id).copied().unwrap_or(0);
                let spent_minor = channel.spec.spent_minor(channel.created_at, today, postings);
                ChannelStats {
                    postings,
                    applications,
                    hires: hires.get(&id).copied().unwrap_or(0),
                    spent_minor,
                    cost_per_applicant_minor: cost_per_applicant(spent_minor, applications),
                    channel,
                }
            })
            .collect())
    }
}
