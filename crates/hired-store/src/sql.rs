//! Writing SQL once for both backends.
//!
//! Queries are written with PostgreSQL's `$1` placeholders; for SQLite they
//! become `?1`, which SQLite numbers the same way. DDL uses `{uuid}`, `{ts}`,
//! `{json}` and `{bool}` for the few column types that differ.

use sea_orm::{
    ConnectionTrait, DatabaseTransaction, DbBackend, DbErr, ExecResult, FromQueryResult, QueryResult,
    SqliteTransactionMode, Statement, TransactionOptions, TransactionTrait, Value,
};
use tokio::sync::OwnedMutexGuard;

use crate::{Store, StoreResult};

/// Builds a statement for `backend` from PostgreSQL-style SQL.
pub(crate) fn stmt(backend: DbBackend, sql: &str, values: impl IntoIterator<Item = Value>) -> Statement {
    let sql = match backend {
        DbBackend::Sqlite => sql.replace('$', "?"),
        _ => sql.to_owned(),
    };
    Statement::from_sql_and_values(backend, sql, values)
}

/// Replaces the column-type placeholders of shared DDL for `backend`.
pub(crate) fn ddl(backend: DbBackend, sql: &str) -> String {
    let (uuid, ts, json, boolean) = match backend {
        DbBackend::Postgres => ("UUID", "TIMESTAMPTZ", "JSONB", "BOOLEAN"),
        _ => ("BLOB", "TEXT", "TEXT", "BOOLEAN"),
    };
    sql.replace("{uuid}", uuid).replace("{ts}", ts).replace("{json}", json).replace("{bool}", boolean)
}

/// Escapes `%`, `_` and `\` so user text matches literally inside `LIKE … ESCAPE '\'`.
pub(crate) fn like_pattern(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('%');
    for c in text.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

impl Store {
    /// Starts a transaction that will write. On SQLite it first waits for this process's write
    /// turn (a fair queue, so writers go in arrival order instead of sleeping and polling in
    /// SQLite's busy handler, which made the slowest writes wait close to a second under load),
    /// then takes the database's write lock at `BEGIN` (`BEGIN IMMEDIATE`), so a writer never
    /// fails with "database is locked" when a read lock cannot be upgraded.
    pub(crate) async fn write_txn(&self) -> StoreResult<WriteTxn> {
        let turn = match self.backend() {
            DbBackend::Sqlite => Some(self.write_turn.clone().lock_owned().await),
            _ => None,
        };
        let options = TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..TransactionOptions::default()
        };
        Ok(WriteTxn { txn: self.db.begin_with_options(options).await?, _turn: turn })
    }

    pub(crate) fn sql(&self, sql: &str, values: impl IntoIterator<Item = Value>) -> Statement {
        stmt(self.backend(), sql, values)
    }

    pub(crate) async fn fetch_all<T: FromQueryResult>(
        &self,
        conn: &impl ConnectionTrait,
        sql: &str,
        values: impl IntoIterator<Item = Value>,
    ) -> StoreResult<Vec<T>> {
        let rows = conn.query_all_raw(self.sql(sql, values)).await?;
        rows.iter().map(|r| T::from_query_result(r, "").map_err(Into::into)).collect()
    }

    pub(crate) async fn fetch_one<T: FromQueryResult>(
        &self,
        conn: &impl ConnectionTrait,
        sql: &str,
        values: impl IntoIterator<Item = Value>,
    ) -> StoreResult<Option<T>> {
        match conn.query_one_raw(self.sql(sql, values)).await? {
            Some(row) => Ok(Some(T::from_query_result(&row, "")?)),
            None => Ok(None),
        }
    }

    pub(crate) async fn exec(
        &self,
        conn: &impl ConnectionTrait,
        sql: &str,
        values: impl IntoIterator<Item = Value>,
    ) -> StoreResult<u64> {
        Ok(conn.execute_raw(self.sql(sql, values)).await?.rows_affected())
    }
}

/// A write transaction, holding the process's write turn on SQLite until it commits or drops.
pub(crate) struct WriteTxn {
    txn: DatabaseTransaction,
    _turn: Option<OwnedMutexGuard<()>>,
}

impl WriteTxn {
    /// Commits, then gives the write turn to the next writer.
    pub async fn commit(self) -> Result<(), DbErr> {
        self.txn.commit().await
    }

    /// A nested transaction (a savepoint): what it did is undone alone if it drops uncommitted.
    pub async fn savepoint(&self) -> Result<DatabaseTransaction, DbErr> {
        self.txn.begin().await
    }
}

#[async_trait::async_trait]
impl ConnectionTrait for WriteTxn {
    fn get_database_backend(&self) -> DbBackend {
        self.txn.get_database_backend()
    }

    async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        self.txn.execute_raw(stmt).await
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        self.txn.execute_unprepared(sql).await
    }

    async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        self.txn.query_one_raw(stmt).await
    }

    async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        self.txn.query_all_raw(stmt).await
    }
}

/// SQL assembled from optional filters, numbering placeholders as values are bound.
pub(crate) struct QueryBuilder {
    pub sql: String,
    pub values: Vec<Value>,
}

impl QueryBuilder {
    /// Starts from a base query.
    pub fn new(base: &str) -> Self {
        Self { sql: base.to_owned(), values: Vec::new() }
    }

    /// Binds a value and returns its placeholder (`$3`).
    pub fn arg(&mut self, value: impl Into<Value>) -> String {
        self.values.push(value.into());
        format!("${}", self.values.len())
    }

    /// Appends SQL text.
    pub fn push(&mut self, sql: &str) {
        self.sql.push_str(sql);
    }

    /// Appends ` AND <clause>` where `{}` in the clause is the bound value's placeholder.
    pub fn and(&mut self, clause: &str, value: impl Into<Value>) {
        let placeholder = self.arg(value);
        self.sql.push_str(" AND ");
        self.sql.push_str(&clause.replace("{}", &placeholder));
    }

    /// Appends the keyset condition for a newest-first page after `cursor` on `(at_col, id_col)`.
    pub fn after_cursor(&mut self, at_col: &str, id_col: &str, cursor: Option<crate::Cursor>) {
        if let Some(c) = cursor {
            let at = self.arg(c.at);
            let id = self.arg(c.id);
            self.push(&format!(" AND ({at_col} < {at} OR ({at_col} = {at} AND {id_col} < {id}))"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_gets_numbered_question_marks() {
        let s = stmt(DbBackend::Sqlite, "SELECT * FROM t WHERE a = $1 AND b = $2", []);
        assert_eq!(s.sql, "SELECT * FROM t WHERE a = ?1 AND b = ?2");
    }

    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(like_pattern("50%_A"), "%50\\%\\_a%");
    }
}
