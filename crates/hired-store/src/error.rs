//! The store's error type: what callers can act on, with database details kept inside.

use hired_domain::Invalid;
use sea_orm::{DbErr, SqlErr};

/// What went wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No such record (or not visible to the caller).
    #[error("{0} not found")]
    NotFound(&'static str),
    /// Someone else changed the record first, or a unique value is taken.
    #[error("{0}")]
    Conflict(String),
    /// The input breaks a rule that only the stored state can tell.
    #[error(transparent)]
    Invalid(#[from] Invalid),
    /// The configuration cannot work (bad URL, …).
    #[error("{0}")]
    Config(String),
    /// A file could not be read or written.
    #[error("file storage: {0}")]
    Io(String),
    /// A stored value could not be read back into a domain type.
    #[error("corrupt record: {0}")]
    Corrupt(String),
    /// Any other database failure.
    #[error("database: {0}")]
    Db(DbErr),
}

/// Result alias for store calls.
pub type StoreResult<T> = Result<T, StoreError>;

impl From<DbErr> for StoreError {
    fn from(err: DbErr) -> Self {
        match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => StoreError::Conflict("that value is already taken".into()),
            _ => StoreError::Db(err),
        }
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(err: serde_json::Error) -> Self {
        StoreError::Corrupt(err.to_string())
    }
}

impl StoreError {
    /// Maps a foreign-key violation (a reference to a record that does not exist) to a field error.
    pub(crate) fn on_reference(err: DbErr, field: &str, message: &str) -> Self {
        match err.sql_err() {
            Some(SqlErr::ForeignKeyConstraintViolation(_)) => StoreError::Invalid(Invalid::field(field, message)),
            _ => err.into(),
        }
    }

    /// Maps a unique violation to a message about the field concerned.
    pub(crate) fn on_unique(err: DbErr, field: &str, message: &str) -> Self {
        match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => StoreError::Invalid(Invalid::field(field, message)),
            _ => StoreError::Db(err),
        }
    }
}
