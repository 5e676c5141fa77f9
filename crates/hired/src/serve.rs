//! `hired serve`: opens the store, seeds the demo when asked, binds the web
//! application to a socket, runs the job worker beside it, and shuts both down
//! cleanly on Ctrl-C or SIGTERM.

use std::net::SocketAddr;
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result, anyhow};
use hired_domain::Email;
use hired_store::Store;
use hired_web::{AppState, WebConfig};
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::cli::{DEFAULT_DATA_DIR, ServeArgs};
use crate::intake::Reader;
use crate::{db, worker};

/// The password of every demo account.
const DEMO_PASSWORD: &str = "hired-demo";

/// Runs the server until a shutdown signal arrives.
pub async fn run(args: ServeArgs) -> Result<()> {
    let store = db::open(&args.store).await?;
    if args.demo {
        seed_demo(&store).await?;
    }
    let listener =
        TcpListener::bind(&args.listen).await.with_context(|| format!("cannot listen on {}", args.listen))?;
    let addr = listener.local_addr().context("cannot read the listening address")?;
    announce(&store, &args, addr).await?;

    let (stop, stopped) = watch::channel(false);
    let reader = Reader::current(args.intake.limits())?;
    let jobs = tokio::spawn(worker::run(store.clone(), reader, stopped));
    let public_url = args.public_url.clone().unwrap_or_else(|| format!("http://{addr}"));
    let config = WebConfig {
        secure_cookies: args.secure_cookies,
        public_url: public_url.trim_end_matches('/').to_owned(),
        company_name: args.company_name.clone(),
        apply_per_minute: args.apply_per_minute,
        search_dir: Some(args.store.data_dir.join("search-index")),
        ..WebConfig::default()
    };
    let state = AppState::new(store.clone(), config);
    let following = state.people.clone().follow(store);
    let app = hired_web::app(state);
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await
        .context("the web server failed")?;
    tracing::info!("web server stopped; stopping the job worker");
    following.abort();
    stop.send_replace(true);
    jobs.await.context("the job worker panicked")?;
    Ok(())
}

/// Fills the database with demo data unless it already has accounts.
async fn seed_demo(store: &Store) -> Result<()> {
    if store.count_users().await? > 0 {
        tracing::info!("the database already has accounts; demo data not added");
        return Ok(());
    }
    let hash = hired_web::hash_password(DEMO_PASSWORD).map_err(|e| anyhow!("cannot hash the demo password: {e}"))?;
    let started = Instant::now();
    let summary = hired_store::demo::seed(store, &hash).await.context("cannot seed the demo data")?;
    tracing::info!(
        elapsed = ?started.elapsed(),
        candidates = summary.candidates,
        applications = summary.applications,
        stage_events = summary.stage_events,
        "demo data added"
    );
    Ok(())
}

/// Tells the person at the terminal where hired is and how to get in.
async fn announce(store: &Store, args: &ServeArgs, addr: SocketAddr) -> Result<()> {
    println!("hired is running at http://{addr}");
    if args.demo {
        let (admin, _) = hired_store::demo::ACCOUNTS[0];
        let admin = Email::parse(admin).map_err(|e| anyhow!("demo admin email: {e}"))?;
        if store.user_for_login(&admin).await?.is_some() {
            println!("Demo accounts (password: {DEMO_PASSWORD}):");
            for (email, role) in hired_store::demo::ACCOUNTS {
                println!("  {email:<26} {}", role.label());
            }
        } else {
            println!("The database already had accounts, so no demo data was added.");
        }
    } else if store.count_users().await? == 0 {
        println!("There are no accounts yet. Create the first admin (the password is read from stdin):");
        println!("  hired user create --email you@example.com --name \"Your Name\" --role admin{}", store_flags(args));
    }
    Ok(())
}

/// The `--data-dir` / `--database-url` flags a follow-up command needs to reach the same database.
fn store_flags(args: &ServeArgs) -> String {
    let mut flags = String::new();
    if args.store.data_dir != Path::new(DEFAULT_DATA_DIR) {
        let dir = args.store.data_dir.display().to_string();
        let quoted = if dir.contains(char::is_whitespace) { format!("\"{dir}\"") } else { dir };
        flags.push_str(&format!(" --data-dir {quoted}"));
    }
    if args.store.database_url.is_some() {
        flags.push_str(" --database-url <the same URL>");
    }
    flags
}

/// Resolves on Ctrl-C or, on Unix, SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::warn!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => tracing::info!("Ctrl-C received; shutting down"),
        () = terminate => tracing::info!("SIGTERM received; shutting down"),
    }
}
