//! The one migration set, embedded and run at start on either backend.
//!
//! Migrations are never edited once landed; a change is a new migration.

use sea_orm_migration::prelude::*;

use crate::sql::ddl;

/// Every migration, in order.
pub(crate) struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![Box::new(M0001Foundation)]
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
