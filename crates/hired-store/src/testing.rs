//! Throwaway stores for tests: a SQLite file in a temporary directory, or a
//! fresh database on the PostgreSQL server named by `HIRED_TEST_DATABASE_URL`
//! (which `cargo xtask test` starts and sets).

use sea_orm::{ConnectionTrait, Database};
use tempfile::TempDir;

use crate::Store;

/// The backends every store test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// Embedded SQLite file.
    Sqlite,
    /// PostgreSQL server.
    Postgres,
}

/// A store plus the temporary directory it lives in (kept alive with it).
pub struct TestStore {
    /// The store.
    pub store: Store,
    /// Its data directory; dropped at the end of the test.
    pub dir: TempDir,
    /// The database URL, for starting a server process on the same data.
    pub database_url: Option<String>,
}

/// The PostgreSQL admin URL for tests; panics with what to do when unset.
pub fn postgres_admin_url() -> String {
    std::env::var("HIRED_TEST_DATABASE_URL").unwrap_or_else(|_| {
        panic!("PostgreSQL tests need HIRED_TEST_DATABASE_URL (a server URL); run them with `cargo xtask test`")
    })
}

/// Opens a fresh, migrated store on `backend`.
pub async fn open(backend: Backend) -> TestStore {
    let dir = tempfile::tempdir().expect("temp dir");
    let database_url = match backend {
        Backend::Sqlite => None,
        Backend::Postgres => Some(create_postgres_database().await),
    };
    let store = Store::open(database_url.as_deref(), dir.path()).await.expect("open test store");
    TestStore { store, dir, database_url }
}

/// Creates an empty database on the test server and returns its URL.
pub async fn create_postgres_database() -> String {
    let admin = postgres_admin_url();
    let name = format!("hired_test_{}", uuid::Uuid::now_v7().simple());
    let conn = Database::connect(&admin).await.expect("connect to the test PostgreSQL server");
    conn.execute_unprepared(&format!("CREATE DATABASE {name}")).await.expect("create test database");
    conn.close().await.ok();
    let base = admin.rsplit_once('/').map_or(admin.as_str(), |(base, _)| base);
    format!("{base}/{name}")
}

/// Declares one async test body that runs once per backend:
/// `store_test!(name, |store: Store| async move { … })` makes `name::sqlite` and `name::postgres`.
#[macro_export]
macro_rules! store_test {
    ($name:ident, $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test]
            async fn sqlite() {
                let t = $crate::testing::open($crate::testing::Backend::Sqlite).await;
                ($body)(t.store.clone()).await;
            }

            #[tokio::test]
            async fn postgres() {
                let t = $crate::testing::open($crate::testing::Backend::Postgres).await;
                ($body)(t.store.clone()).await;
            }
        }
    };
}
