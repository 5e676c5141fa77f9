//! What every handler can reach: the store and the web settings.

use std::num::NonZeroU32;
use std::sync::Arc;

use chrono::Duration;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use hired_store::{LoginThrottle, Store};

use crate::matching::live::LiveIndex;

/// Settings of the web layer.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Mark cookies `Secure` (serving over HTTPS, directly or behind a proxy).
    pub secure_cookies: bool,
    /// How long a sign-in lasts.
    pub session_ttl: Duration,
    /// Failed sign-ins allowed per account and per address.
    pub login_throttle: LoginThrottle,
    /// The address people reach this server at (`https://jobs.example.com`), without a
    /// trailing slash; feeds, the sitemap and structured data carry absolute links.
    pub public_url: String,
    /// The hiring organization's name, as job boards show it.
    pub company_name: String,
    /// Applications accepted per client address per minute.
    pub apply_per_minute: u32,
    /// Where each process keeps its full-text search index, in a folder of its own reused
    /// across restarts (a cache of the store); `None` keeps it in memory.
    pub search_dir: Option<std::path::PathBuf>,
}

impl Default for WebConfig {
    fn default() -> Self {
        Self {
            secure_cookies: false,
            session_ttl: Duration::hours(12),
            login_throttle: LoginThrottle::default(),
            public_url: "http://127.0.0.1:8080".into(),
            company_name: "Example Company".into(),
            apply_per_minute: 10,
            search_dir: None,
        }
    }
}

/// Shared application state, cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// The database and files.
    pub store: Store,
    /// Web settings.
    pub config: Arc<WebConfig>,
    /// Per-address limit on applications.
    pub apply_limiter: Arc<RateLimit>,
    /// Everyone in the store, held for ranking (rediscovery).
    pub people: Arc<LiveIndex>,
}

impl AppState {
    /// State over `store` with `config`.
    pub fn new(store: Store, config: WebConfig) -> Self {
        let apply_limiter = Arc::new(RateLimit::per_minute(config.apply_per_minute));
        let people = LiveIndex::new(config.search_dir.as_deref()).unwrap_or_else(|e| {
            tracing::warn!(error = %e, "the on-disk search index could not be created; keeping it in memory");
            LiveIndex::new(None).expect("an in-memory search index")
        });
        Self { store, config: Arc::new(config), apply_limiter, people }
    }
}

/// A per-client-address rate limit (a token bucket per address, refilled evenly over a minute).
pub struct RateLimit(DefaultKeyedRateLimiter<String>);

impl RateLimit {
    /// Allows `n` requests per minute per address, in bursts of up to `n`; 0 means 1.
    pub fn per_minute(n: u32) -> Self {
        let n = NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN);
        Self(RateLimiter::keyed(Quota::per_minute(n)))
    }

    /// Takes one request for `addr`; `Err` with the seconds to wait when over the limit.
    pub fn check(&self, addr: &str) -> Result<(), u64> {
        self.0.check_key(&addr.to_owned()).map_err(|wait| {
            let secs = wait.wait_time_from(governor::clock::Clock::now(&governor::clock::DefaultClock::default()));
            secs.as_secs().max(1)
        })?;
        if self.0.len() > 100_000 {
            self.0.retain_recent();
        }
        Ok(())
    }
}
