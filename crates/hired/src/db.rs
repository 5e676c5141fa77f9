//! Opening the store from the command line's `--data-dir` / `--database-url`,
//! and `hired migrate`.

use anyhow::{Context, Result};
use hired_store::Store;

use crate::cli::StoreArgs;

/// Opens (and migrates) the store the flags point at.
pub async fn open(args: &StoreArgs) -> Result<Store> {
    Store::open(args.database_url.as_deref(), &args.data_dir).await.with_context(|| match &args.database_url {
        Some(_) => "cannot open the database given by --database-url".to_owned(),
        None => format!("cannot open the database in {}", args.data_dir.display()),
    })
}

/// `hired migrate`: applies pending migrations and exits.
pub async fn migrate(args: &StoreArgs) -> Result<()> {
    let store = open(args).await?;
    tracing::info!(backend = ?store.backend(), "database schema is up to date");
    Ok(())
}
