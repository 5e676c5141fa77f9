//! Persistence for hired: one schema and one set of queries that run on both
//! SQLite (the embedded default) and PostgreSQL (large deployments).
//!
//! Each module holds the queries of one aggregate, each next to the function
//! that runs it. Writes that must stay together (a change, its stage event and
//! its audit entry) run in one transaction inside one store function.

mod applications;
mod apply;
mod audit;
mod auth;
mod board;
mod candidates;
mod channels;
mod clock;
pub mod demo;
mod error;
mod files;
mod import_batches;
mod imports;
mod interviews;
mod jobs;
mod matching;
mod merge;
mod migrations;
mod page;
mod postings;
mod profiles;
mod requisitions;
mod screening;
mod searches;
mod sql;
mod taxonomy;
mod templates;
mod users;

use std::path::{Path, PathBuf};
use std::time::Duration;

use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbBackend};
use sea_orm_migration::MigratorTrait;

pub use applications::{ApplicationCard, ApplicationOrigin, NewApplication, StageEvent};
pub use apply::{ApplyOutcome, ApplyReceipt, MAX_IDEMPOTENCY_KEY, Submission, Upload};
pub use audit::{AuditEntry, AuditFilter, NewAudit};
pub use auth::{ApiToken, LoginThrottle, Session, random_secret};
pub use board::BoardColumn;
pub use candidates::{ApplicationSummary, CandidateFilter, CandidateListItem, Note};
pub use channels::ChannelStats;
pub use error::{StoreError, StoreResult};
pub use files::{
    Attachment, FileStore, MAX_ATTACHMENT_BYTES, RESUME_TYPES, check_resume, clean_file_name, sniff_content_type,
};
pub use import_batches::{
    IMPORT_RESUME_JOB, ImportBatch, ImportBatchSummary, ImportCounts, ImportItem, ImportStatus, ImportTask,
    MAX_IMPORT_FILES,
};
pub use imports::{ImportOutcome, ImportedResume};
pub use interviews::{Interview, MAX_PANEL, NewInterview, Panelist, Scorecard, VisibleScorecards};
pub use jobs::{Job, JobStatus};
pub use matching::{Applicant, MatchFacts, Texts};
pub use page::{Cursor, Page, clamp_limit};
pub use postings::{CareersFacets, LivePosting, PostingFilter, PostingListItem};
pub use profiles::{MANUAL_PROFILE, PARSE_RESUME_JOB, ReadResume, StoredProfile, is_resume_type};
pub use requisitions::{Department, RequisitionFilter, RequisitionListItem, TeamMember};
pub use screening::QuestionSet;
pub use searches::SavedSearch;
pub use taxonomy::TaxonomyAlias;
pub use templates::StoredTemplate;
pub use users::UserWithHash;

/// A connection pool to the database, plus where files live.
#[derive(Clone, Debug)]
pub struct Store {
    db: DatabaseConnection,
    files: FileStore,
    /// On SQLite, the one write turn of this process (see [`sql::WriteTxn`]).
    write_turn: std::sync::Arc<tokio::sync::Mutex<()>>,
}

impl Store {
    /// Connects to `database_url` (`sqlite://…` or `postgres://…`), or to
    /// `DATA_DIR/hired.db` when none is given, and runs pending migrations.
    pub async fn open(database_url: Option<&str>, data_dir: &Path) -> StoreResult<Self> {
        std::fs::create_dir_all(data_dir).map_err(|e| StoreError::Io(format!("{}: {e}", data_dir.display())))?;
        let url = match database_url {
            Some(url) => url.to_owned(),
            None => format!("sqlite://{}?mode=rwc", data_dir.join("hired.db").display()),
        };
        let db = connect(&url).await?;
        let store = Self { db, files: FileStore::new(data_dir.join("files")), write_turn: Default::default() };
        store.migrate().await?;
        Ok(store)
    }

    /// Applies every migration not yet applied. Safe to run on every start.
    pub async fn migrate(&self) -> StoreResult<()> {
        migrations::Migrator::up(&self.db, None).await?;
        self.seed_defaults().await?;
        self.seed_careers_channel().await
    }

    /// Which database this store talks to.
    pub fn backend(&self) -> DbBackend {
        self.db.get_database_backend()
    }

    /// `true` when the database answers a trivial query; for `/readyz`.
    pub async fn ping(&self) -> bool {
        self.db.ping().await.is_ok()
    }

    /// Refreshes the query planner's statistics; run after bulk writes (imports, demo data) so
    /// the first queries after them use the indexes instead of guessing from empty tables.
    pub async fn refresh_statistics(&self) -> StoreResult<()> {
        sea_orm::ConnectionTrait::execute_unprepared(&self.db, "ANALYZE").await?;
        Ok(())
    }

    /// Connections currently open and idle in the pool, for `/metrics`.
    pub fn pool_stats(&self) -> (u32, usize) {
        match self.backend() {
            DbBackend::Sqlite => {
                let pool = self.db.get_sqlite_connection_pool();
                (pool.size(), pool.num_idle())
            }
            _ => {
                let pool = self.db.get_postgres_connection_pool();
                (pool.size(), pool.num_idle())
            }
        }
    }

    /// The content-addressed file store beside the database.
    pub fn files(&self) -> &FileStore {
        &self.files
    }

    /// Where files are kept.
    pub fn files_dir(&self) -> PathBuf {
        self.files.root().to_path_buf()
    }
}

async fn connect(url: &str) -> StoreResult<DatabaseConnection> {
    let mut options = ConnectOptions::new(url.to_owned());
    options.sqlx_logging(false).acquire_timeout(Duration::from_secs(10));
    if url.starts_with("sqlite:") {
        options.max_connections(8).map_sqlx_sqlite_opts(|opts| {
            opts.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                .pragma("mmap_size", "268435456")
                .pragma("cache_size", "-16384")
        });
    } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
        options.max_connections(16);
    } else {
        return Err(StoreError::Config(format!(
            "unsupported database URL '{url}': use sqlite://PATH or postgres://USER@HOST/DB"
        )));
    }
    Ok(Database::connect(options).await?)
}

#[cfg(feature = "testing")]
pub mod testing;
