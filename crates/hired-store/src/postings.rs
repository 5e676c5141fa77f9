//! Postings: publishing a requisition on the careers site and its channels, and reading
//! what is live for applicants, feeds and the sitemap.

use chrono::{DateTime, NaiveDate, Utc};
use hired_domain::audit::diff;
use hired_domain::posting::{Posting, PostingSpec, slug_for};
use hired_domain::requisition::{Requisition, RequisitionStatus};
use hired_domain::user::User;
use hired_domain::{DepartmentId, Invalid, PostingId, RequisitionId};
use sea_orm::{ConnectionTrait, FromQueryResult};
use serde::Serialize;
use uuid::Uuid;

use crate::audit::NewAudit;
use crate::clock::{now, uuid_at};
use crate::requisitions::{RequisitionRow, stale};
use crate::sql::{QueryBuilder, like_pattern};
use crate::{Store, StoreError, StoreResult};

/// A row of the careers list.
#[derive(Debug, Clone, FromQueryResult, Serialize)]
pub struct PostingListItem {
    /// Address on the careers site.
    pub slug: String,
    /// Public title.
    pub title: String,
    /// City, if any.
    pub city: Option<String>,
    /// Country code.
    pub country: String,
    /// Department name.
    pub department: Option<String>,
    /// Level key.
    pub level: String,
    /// Remote policy key.
    pub remote: String,
    /// Employment type key.
    pub employment_type: String,
    /// First published.
    pub published_at: Option<DateTime<Utc>>,
}

/// Filters of the careers list; each is optional.
#[derive(Debug, Clone, Default)]
pub struct PostingFilter {
    /// Department.
    pub department: Option<DepartmentId>,
    /// City, exactly.
    pub city: Option<String>,
    /// Remote policy key.
    pub remote: Option<String>,
    /// Level key.
    pub level: Option<String>,
    /// Employment type key.
    pub employment_type: Option<String>,
    /// Words in the title.
    pub text: Option<String>,
}

/// A live posting with its requisition, for the posting page, feeds and the sitemap.
#[derive(Debug, Clone)]
pub struct LivePosting {
    /// The posting.
    pub posting: Posting,
    /// Its requisition.
    pub requisition: Requisition,
    /// Department name.
    pub department: Option<String>,
}

/// The values the careers filters can take, from what is live.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CareersFacets {
    /// Departments with live postings: `(id, name)`.
    pub departments: Vec<(Uuid, String)>,
    /// Cities with live postings.
    pub cities: Vec<String>,
}

#[derive(FromQueryResult)]
struct PostingRow {
    id: Uuid,
    requisition_id: Uuid,
    slug: String,
    spec: serde_json::Value,
    published: bool,
    published_at: Option<DateTime<Utc>>,
    updated_at: DateTime<Utc>,
    version: i64,
}

impl TryFrom<PostingRow> for Posting {
    type Error = StoreError;
    fn try_from(r: PostingRow) -> StoreResult<Posting> {
        Ok(Posting {
            id: r.id.into(),
            requisition_id: r.requisition_id.into(),
            slug: r.slug,
            spec: serde_json::from_value(r.spec)?,
            published: r.published,
            published_at: r.published_at,
            updated_at: r.updated_at,
            version: r.version,
        })
    }
}

const COLUMNS: &str = "p.id, p.requisition_id, p.slug, p.spec, p.published, p.published_at, p.updated_at, p.version";

/// A live posting joined with its requisition and department in one read.
const LIVE_SELECT: &str = "SELECT p.id, p.requisition_id, p.slug, p.spec, p.published, p.published_at, p.updated_at,
        p.version, r.status AS r_status, r.spec AS r_spec, r.stages AS r_stages, r.created_by AS r_created_by,
        r.created_at AS r_created_at, r.updated_at AS r_updated_at, r.version AS r_version, d.name AS department
    FROM postings p JOIN requisitions r ON r.id = p.requisition_id LEFT JOIN departments d ON d.id = p.department_id";

#[derive(FromQueryResult)]
struct LiveRow {
    id: Uuid,
    requisition_id: Uuid,
    slug: String,
    spec: serde_json::Value,
    published: bool,
    published_at: Option<DateTime<Utc>>,
    updated_at: DateTime<Utc>,
    version: i64,
    r_status: String,
    r_spec: serde_json::Value,
    r_stages: serde_json::Value,
    r_created_by: Uuid,
    r_created_at: DateTime<Utc>,
    r_updated_at: DateTime<Utc>,
    r_version: i64,
    department: Option<String>,
}

impl LiveRow {
    fn into_live(self) -> StoreResult<LivePosting> {
        let requisition = RequisitionRow {
            id: self.requisition_id,
            status: self.r_status,
            spec: self.r_spec,
            stages: self.r_stages,
            created_by: self.r_created_by,
            created_at: self.r_created_at,
            updated_at: self.r_updated_at,
            version: self.r_version,
        }
        .try_into()?;
        let posting = PostingRow {
            id: self.id,
            requisition_id: self.requisition_id,
            slug: self.slug,
            spec: self.spec,
            published: self.published,
            published_at: self.published_at,
            updated_at: self.updated_at,
            version: self.version,
        }
        .try_into()?;
        Ok(LivePosting { posting, requisition, department: self.department })
    }
}

/// Today as the careers site sees it (UTC), for `valid_through`.
fn today() -> NaiveDate {
    now().date_naive()
}

impl Store {
    /// Creates or replaces a requisition's posting and its channels. `version` must match the
    /// stored posting when there is one; `publish` decides whether applicants can see it.
    pub async fn save_posting(
        &self,
        actor: &User,
        requisition: RequisitionId,
        version: Option<i64>,
        spec: PostingSpec,
        publish: bool,
    ) -> StoreResult<Posting> {
        let txn = self.write_txn().await?;
        let req = self.requisition_in(&txn, requisition).await?;
        if publish && req.status != RequisitionStatus::Open {
            let status = req.status.label().to_lowercase();
            return Err(Invalid::field("publish", format!("the requisition is {status}; open it to publish")).into());
        }
        self.check_channels(&txn, &spec, publish).await?;
        let before = self.posting_in(&txn, requisition).await?;
        let at = now();
        let posting = match &before {
            None => {
                let id = PostingId(uuid_at(at));
                Posting {
                    id,
                    requisition_id: requisition,
                    slug: slug_for(&spec.title, id),
                    spec,
                    published: publish,
                    published_at: publish.then_some(at),
                    updated_at: at,
                    version: 1,
                }
            }
            Some(b) => {
                if version != Some(b.version) {
                    return Err(stale("posting"));
                }
                Posting {
                    spec,
                    published: publish,
                    published_at: b.published_at.or(publish.then_some(at)),
                    updated_at: at,
                    version: b.version + 1,
                    ..b.clone()
                }
            }
        };
        self.write_posting(&txn, &posting, &req, before.is_none()).await?;
        self.replace_posting_channels(&txn, &posting, at).await?;
        let changes = diff(
            &serde_json::to_value(before.as_ref().map(|b| (&b.spec, b.published)))?,
            &serde_json::to_value((&posting.spec, posting.published))?,
        );
        self.append_audit(
            &txn,
            NewAudit {
                actor: Some(actor),
                action: if publish { "posting.publish" } else { "posting.save" },
                entity_type: "posting",
                entity_id: Some(posting.id.0),
                changes,
            },
        )
        .await?;
        txn.commit().await?;
        Ok(posting)
    }

    /// Only active channels take new postings.
    async fn check_channels(&self, conn: &impl ConnectionTrait, spec: &PostingSpec, publish: bool) -> StoreResult<()> {
        #[derive(FromQueryResult)]
        struct Row {
            active: bool,
        }
        for channel in &spec.channels {
            let row: Option<Row> =
                self.fetch_one(conn, "SELECT active FROM channels WHERE id = $1", [channel.0.into()]).await?;
            match row {
                None => return Err(Invalid::field("channels", "one of the channels no longer exists").into()),
                Some(r) if publish && !r.active => {
                    return Err(Invalid::field("channels", "an inactive channel cannot take new postings").into());
                }
                Some(_) => {}
            }
        }
        Ok(())
    }

    async fn write_posting(
        &self,
        conn: &impl ConnectionTrait,
        p: &Posting,
        req: &Requisition,
        insert: bool,
    ) -> StoreResult<()> {
        let sql = if insert {
            "INSERT INTO postings (id, requisition_id, slug, spec, title, city, country, department_id, level, remote,
                employment_type, live, published, published_at, valid_through, updated_at, version)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)"
        } else {
            "UPDATE postings SET requisition_id = $2, slug = $3, spec = $4, title = $5, city = $6, country = $7,
                department_id = $8, level = $9, remote = $10, employment_type = $11, live = $12, published = $13,
                published_at = $14, valid_through = $15, updated_at = $16, version = $17
             WHERE id = $1"
        };
        let live = p.published && req.status == RequisitionStatus::Open;
        self.exec(
            conn,
            sql,
            [
                p.id.0.into(),
                p.requisition_id.0.into(),
                p.slug.clone().into(),
                serde_json::to_value(&p.spec)?.into(),
                p.spec.title.clone().into(),
                p.spec.city.clone().into(),
                p.spec.country.clone().into(),
                req.spec.department_id.map(|d| d.0).into(),
                req.spec.level.as_str().into(),
                req.spec.remote.as_str().into(),
                req.spec.employment_type.as_str().into(),
                live.into(),
                p.published.into(),
                p.published_at.into(),
                p.spec.valid_through.to_string().into(),
                p.updated_at.into(),
                p.version.into(),
            ],
        )
        .await?;
        Ok(())
    }

    async fn replace_posting_channels(
        &self,
        conn: &impl ConnectionTrait,
        p: &Posting,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        let keep: Vec<Uuid> = p.spec.channels.iter().map(|c| c.0).collect();
        #[derive(FromQueryResult)]
        struct Row {
            channel_id: Uuid,
        }
        let existing: Vec<Row> = self
            .fetch_all(conn, "SELECT channel_id FROM posting_channels WHERE posting_id = $1", [p.id.0.into()])
            .await?;
        for row in existing.iter().filter(|r| !keep.contains(&r.channel_id)) {
            self.exec(
                conn,
                "DELETE FROM posting_channels WHERE posting_id = $1 AND channel_id = $2",
                [p.id.0.into(), row.channel_id.into()],
            )
            .await?;
        }
        for channel in keep.iter().filter(|c| !existing.iter().any(|r| r.channel_id == **c)) {
            self.exec(
                conn,
                "INSERT INTO posting_channels (posting_id, channel_id, added_at) VALUES ($1, $2, $3)",
                [p.id.0.into(), (*channel).into(), at.into()],
            )
            .await?;
        }
        Ok(())
    }

    /// Takes a posting off the careers site, the feeds and every channel.
    pub async fn unpublish_posting(&self, actor: &User, requisition: RequisitionId) -> StoreResult<()> {
        let txn = self.write_txn().await?;
        let posting = self.posting_in(&txn, requisition).await?.ok_or(StoreError::NotFound("posting"))?;
        self.exec(
            &txn,
            "UPDATE postings SET published = $1, live = $1, updated_at = $2, version = version + 1 WHERE id = $3",
            [false.into(), now().into(), posting.id.0.into()],
        )
        .await?;
        self.append_audit(
            &txn,
            NewAudit {
                actor: Some(actor),
                action: "posting.unpublish",
                entity_type: "posting",
                entity_id: Some(posting.id.0),
                changes: diff(
                    &serde_json::json!({"published": posting.published}),
                    &serde_json::json!({"published": false}),
                ),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Keeps a requisition's posting in step with it, inside the caller's transaction: the
    /// copied filter columns follow edits, and filling or closing unpublishes it everywhere.
    pub(crate) async fn sync_posting(&self, conn: &impl ConnectionTrait, req: &Requisition) -> StoreResult<()> {
        let ends = matches!(req.status, RequisitionStatus::Filled | RequisitionStatus::Closed);
        let open = req.status == RequisitionStatus::Open;
        self.exec(
            conn,
            "UPDATE postings SET department_id = $1, level = $2, remote = $3, employment_type = $4,
                published = (published AND NOT $5), live = (published AND NOT $5 AND $6)
             WHERE requisition_id = $7",
            [
                req.spec.department_id.map(|d| d.0).into(),
                req.spec.level.as_str().into(),
                req.spec.remote.as_str().into(),
                req.spec.employment_type.as_str().into(),
                ends.into(),
                open.into(),
                req.id.0.into(),
            ],
        )
        .await?;
        Ok(())
    }

    /// A requisition's posting, published or not.
    pub async fn posting_for(&self, requisition: RequisitionId) -> StoreResult<Option<Posting>> {
        self.posting_in(&self.db, requisition).await
    }

    async fn posting_in(
        &self,
        conn: &impl ConnectionTrait,
        requisition: RequisitionId,
    ) -> StoreResult<Option<Posting>> {
        let sql = format!("SELECT {COLUMNS} FROM postings p WHERE p.requisition_id = $1");
        let row: Option<PostingRow> = self.fetch_one(conn, &sql, [requisition.0.into()]).await?;
        row.map(TryInto::try_into).transpose()
    }

    /// The live posting at `slug`, with its requisition; `None` when there is none or it has ended.
    pub async fn live_posting(&self, slug: &str) -> StoreResult<Option<LivePosting>> {
        let sql = format!("{LIVE_SELECT} WHERE p.slug = $1 AND p.live AND p.valid_through >= $2");
        let rows = self.live_rows(&sql, [slug.into(), today().to_string().into()]).await?;
        Ok(rows.into_iter().next())
    }

    /// Every live posting, newest first: for feeds and the sitemap.
    pub async fn live_postings(&self) -> StoreResult<Vec<LivePosting>> {
        let sql =
            format!("{LIVE_SELECT} WHERE p.live AND p.valid_through >= $1 ORDER BY p.published_at DESC, p.id DESC");
        self.live_rows(&sql, [today().to_string().into()]).await
    }

    async fn live_rows(
        &self,
        sql: &str,
        values: impl IntoIterator<Item = sea_orm::Value>,
    ) -> StoreResult<Vec<LivePosting>> {
        let rows: Vec<LiveRow> = self.fetch_all(&self.db, sql, values).await?;
        rows.into_iter().map(LiveRow::into_live).collect()
    }

    /// One page of the careers list (`page` from 0) and how many postings match in all.
    pub async fn list_live_postings(
        &self,
        filter: &PostingFilter,
        page: u64,
        per_page: u64,
    ) -> StoreResult<(Vec<PostingListItem>, i64)> {
        let mut q = QueryBuilder::new("FROM postings p LEFT JOIN departments d ON d.id = p.department_id WHERE p.live");
        q.and("p.valid_through >= {}", today().to_string());
        if let Some(d) = filter.department {
            q.and("p.department_id = {}", d.0);
        }
        if let Some(city) = &filter.city {
            q.and("p.city = {}", city.clone());
        }
        if let Some(remote) = &filter.remote {
            q.and("p.remote = {}", remote.clone());
        }
        if let Some(level) = &filter.level {
            q.and("p.level = {}", level.clone());
        }
        if let Some(kind) = &filter.employment_type {
            q.and("p.employment_type = {}", kind.clone());
        }
        for word in filter.text.as_deref().unwrap_or("").split_whitespace().take(8) {
            q.and("lower(p.title) LIKE {} ESCAPE '\\'", like_pattern(word));
        }
        #[derive(FromQueryResult)]
        struct Count {
            n: i64,
        }
        let count: Option<Count> =
            self.fetch_one(&self.db, &format!("SELECT COUNT(*) AS n {}", q.sql), q.values.clone()).await?;
        let sql = format!(
            "SELECT p.slug, p.title, p.city, p.country, d.name AS department, p.level, p.remote, p.employment_type,
                p.published_at {} ORDER BY p.published_at DESC, p.id DESC LIMIT {per_page} OFFSET {}",
            q.sql,
            page.saturating_mul(per_page)
        );
        let rows = self.fetch_all(&self.db, &sql, q.values).await?;
        Ok((rows, count.map_or(0, |c| c.n)))
    }

    /// The departments and cities that live postings have, for the careers filters.
    pub async fn careers_facets(&self) -> StoreResult<CareersFacets> {
        #[derive(FromQueryResult)]
        struct Dept {
            id: Uuid,
            name: String,
        }
        #[derive(FromQueryResult)]
        struct City {
            city: String,
        }
        let live = today().to_string();
        let departments: Vec<Dept> = self
            .fetch_all(
                &self.db,
                "SELECT DISTINCT d.id, d.name FROM postings p JOIN departments d ON d.id = p.department_id
                 WHERE p.live AND p.valid_through >= $1 ORDER BY d.name",
                [live.clone().into()],
            )
            .await?;
        let cities: Vec<City> = self
            .fetch_all(
                &self.db,
                "SELECT DISTINCT p.city FROM postings p WHERE p.live AND p.valid_through >= $1 AND p.city IS NOT NULL
                 ORDER BY p.city",
                [live.into()],
            )
            .await?;
        Ok(CareersFacets {
            departments: departments.into_iter().map(|d| (d.id, d.name)).collect(),
            cities: cities.into_iter().map(|c| c.city).collect(),
        })
    }
}
