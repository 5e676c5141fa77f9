//! `hired bench seed`: prepares a fresh database for `cargo xtask bench pipeline` and `apply`
//! and prints the one JSON line they read (`requisition_id`, `token`, `session_cookie`,
//! `posting_slug`).

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
    let slug = if args.postings > 0 {
        let slug = hired_store::demo::publish_bench_postings(&store, &seeded, args.postings)
            .await
            .context("cannot publish the benchmark postings")?;
        Some(slug)
    } else {
        None
    };
    tracing::info!(applications = args.applications, elapsed = ?started.elapsed(), "pipeline benchmark seeded");
    let line = serde_json::json!({
        "requisition_id": seeded.requisition.to_string(),
        "token": token,
        "session_cookie": format!("{SESSION_COOKIE}={session}"),
        "posting_slug": slug,
    });
    println!("{line}");
    Ok(())
}
