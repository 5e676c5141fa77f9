//! The one migration set, embedded and run at start on either backend.
//!
//! Migrations are never edited once landed; a change is a new migration.

use sea_orm_migration::prelude::*;

use sea_orm::DbBackend;

use crate::sql::ddl;

/// Every migration, in order.
pub(crate) struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(M0001Foundation),
            Box::new(M0002Careers),
            Box::new(M0003Profiles),
            Box::new(M0004IntakeAdmin),
            Box::new(M0005ChangeLog),
            Box::new(M0006RestartsAndSalary),
            Box::new(M0007Interviews),
        ]
    }
}

/// Runs each `;`-terminated statement of shared DDL.
async fn run_ddl(manager: &SchemaManager<'_>, sql: &str) -> Result<(), DbErr> {
    let conn = manager.get_connection();
    let ddl = ddl(conn.get_database_backend(), sql);
    for statement in ddl.split(";\n").map(str::trim).filter(|s| !s.is_empty()) {
        conn.execute_unprepared(statement).await?;
    }
    Ok(())
}

/// Why: the foundation — staff and their sessions, requisitions with hiring
/// teams, candidates, applications with stage events, the audit log and the
/// job queue that later features build on.
struct M0001Foundation;

impl MigrationName for M0001Foundation {
    fn name(&self) -> &str {
        "m0001_foundation"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0001Foundation {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run_ddl(manager, include_str!("migrations/0001_foundation.sql")).await
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}

/// Why: the careers site — postings and the channels they go to, screening questions,
/// where each application came from, consent, and idempotent submissions. Existing
/// candidates get their phone digits for duplicate detection.
struct M0002Careers;

impl MigrationName for M0002Careers {
    fn name(&self) -> &str {
        "m0002_careers"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0002Careers {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run_ddl(manager, include_str!("migrations/0002_careers.sql")).await?;
        backfill_phone_keys(manager).await
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}

async fn backfill_phone_keys(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let conn = manager.get_connection();
    let backend = conn.get_database_backend();
    let rows = conn
        .query_all_raw(crate::sql::stmt(backend, "SELECT id, phone FROM candidates WHERE phone IS NOT NULL", []))
        .await?;
    for row in rows {
        let id: uuid::Uuid = row.try_get("", "id")?;
        let phone: String = row.try_get("", "phone")?;
        let key = hired_domain::candidate::phone_key(&phone);
        conn.execute_raw(crate::sql::stmt(
            backend,
            "UPDATE candidates SET phone_key = $1 WHERE id = $2",
            [key.into(), id.into()],
        ))
        .await?;
    }
    Ok(())
}

/// Why: resume intake — the profile read from each candidate's latest resume, or the reason it
/// could not be read, kept beside the file it came from.
struct M0003Profiles;

impl MigrationName for M0003Profiles {
    fn name(&self) -> &str {
        "m0003_profiles"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0003Profiles {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run_ddl(manager, include_str!("migrations/0003_profiles.sql")).await
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}

/// Why: recruiters edit what intake read and keep those edits across new readings; the
/// resume's text is kept to show beside the profile; admins add skill aliases and import
/// resumes in bulk through the web.
struct M0004IntakeAdmin;

impl MigrationName for M0004IntakeAdmin {
    fn name(&self) -> &str {
        "m0004_intake_admin"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0004IntakeAdmin {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run_ddl(manager, include_str!("migrations/0004_intake_admin.sql")).await
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}

/// Why: the in-memory matching index of every `hired serve` node follows one log of which
/// candidates changed. Triggers write it in the same transaction as the change, so no code
/// path can forget it and a rolled-back change leaves no entry. Also: a do-not-contact flag.
struct M0005ChangeLog;

impl MigrationName for M0005ChangeLog {
    fn name(&self) -> &str {
        "m0005_change_log"
    }
}

/// The tables whose rows change what matching knows, with the column naming the candidate.
const LOGGED: &[(&str, &str)] =
    &[("candidates", "id"), ("candidate_profiles", "candidate_id"), ("applications", "candidate_id")];

#[async_trait::async_trait]
impl MigrationTrait for M0005ChangeLog {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run_ddl(manager, include_str!("migrations/0005_change_log.sql")).await?;
        let conn = manager.get_connection();
        let log = match conn.get_database_backend() {
            DbBackend::Postgres => {
                "CREATE TABLE candidate_changes (seq BIGSERIAL PRIMARY KEY, candidate_id UUID NOT NULL)"
            }
            _ => "CREATE TABLE candidate_changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, candidate_id BLOB NOT NULL)",
        };
        conn.execute_unprepared(log).await?;
        log_changes(conn, LOGGED).await
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}

/// Triggers that write a `candidate_changes` entry for every row inserted, updated or deleted
/// in each `(table, column naming the candidate)`.
async fn log_changes(conn: &SchemaManagerConnection<'_>, tables: &[(&str, &str)]) -> Result<(), DbErr> {
    match conn.get_database_backend() {
        DbBackend::Postgres => {
            for (table, column) in tables {
                conn.execute_unprepared(&format!(
                    "CREATE FUNCTION log_{table}_change() RETURNS trigger LANGUAGE plpgsql AS $$
                     BEGIN
                       IF TG_OP = 'DELETE' THEN
                         INSERT INTO candidate_changes (candidate_id) VALUES (OLD.{column});
                         RETURN OLD;
                       END IF;
                       INSERT INTO candidate_changes (candidate_id) VALUES (NEW.{column});
                       RETURN NEW;
                     END $$"
                ))
                .await?;
                conn.execute_unprepared(&format!(
                    "CREATE TRIGGER {table}_changed AFTER INSERT OR UPDATE OR DELETE ON {table}
                     FOR EACH ROW EXECUTE FUNCTION log_{table}_change()"
                ))
                .await?;
            }
        }
        _ => {
            for (table, column) in tables {
                for (event, row) in [("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")] {
                    conn.execute_unprepared(&format!(
                        "CREATE TRIGGER {table}_{}_logged AFTER {event} ON {table}
                         BEGIN INSERT INTO candidate_changes (candidate_id) VALUES ({row}.{column}); END",
                        event.to_lowercase()
                    ))
                    .await?;
                }
            }
        }
    }
    Ok(())
}

/// Why: each node keeps its full-text index on disk across restarts and reuses it only with
/// the database it was built from; that needs a name for the database. Notes are searched,
/// so adding one must reach the change log too (0005 left them out). Applicants may say what
/// they expect to earn, which matching compares with the band.
struct M0006RestartsAndSalary;

impl MigrationName for M0006RestartsAndSalary {
    fn name(&self) -> &str {
        "m0006_restarts_and_salary"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0006RestartsAndSalary {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run_ddl(manager, include_str!("migrations/0006_restarts_and_salary.sql")).await?;
        log_changes(manager.get_connection(), &[("notes", "candidate_id")]).await
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}

/// Why: structured interviews — each application's interviews with their panel and kit, and
/// one scorecard per panelist, which the blind-review rule reads through.
struct M0007Interviews;

impl MigrationName for M0007Interviews {
    fn name(&self) -> &str {
        "m0007_interviews"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0007Interviews {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run_ddl(manager, include_str!("migrations/0007_interviews.sql")).await
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}
