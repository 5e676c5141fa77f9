//! `hired bench seed`: prepares a fresh database for `cargo xtask bench pipeline`
//! and prints the one JSON line it reads (`requisition_id`, `token`, `session_cookie`).

use std::time::Instant;

use anyhow::{Context, Result};
use hired_web::auth::SESSION_COOKIE;

use crate::cli::BenchSeedArgs;
use crate::db;

/// Seeds the benchmark requisition, then prints how to reach it as the benchmark's admin.
pub async fn seed(args: BenchSeedArgs) -> Result<()> {
    let store = db::open(&args.store).await?;
    let started = Instant::now();
    let seeded = hired_store::demo::seed_pipeline_bench(&store, args.applications, usize::from(args.stages))
        .await
        .context("cannot seed the pipeline benchmark")?;
    let (session, _) = store
        .create_session(&seeded.admin, chrono::Duration::hours(24))
        .await
        .context("cannot create the benchmark session")?;
    let (token, _) = store.create_token(seeded.admin.id, "bench").await.context("cannot create the benchmark token")?;
    tracing::info!(applications = args.applications, elapsed = ?started.elapsed(), "pipeline benchmark seeded");
    let line = serde_json::json!({
        "requisition_id": seeded.requisition.to_string(),
        "token": token,
        "session_cookie": format!("{SESSION_COOKIE}={session}"),
    });
    println!("{line}");
    Ok(())
}
