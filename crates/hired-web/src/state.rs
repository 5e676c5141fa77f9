//! What every handler can reach: the store and the web settings.

use std::sync::Arc;

use chrono::Duration;
use hired_store::{LoginThrottle, Store};

/// Settings of the web layer.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Mark cookies `Secure` (serving over HTTPS, directly or behind a proxy).
    pub secure_cookies: bool,
    /// How long a sign-in lasts.
    pub session_ttl: Duration,
    /// Failed sign-ins allowed per account and per address.
    pub login_throttle: LoginThrottle,
}

impl Default for WebConfig {
    fn default() -> Self {
        Self { secure_cookies: false, session_ttl: Duration::hours(12), login_throttle: LoginThrottle::default() }
    }
}

/// Shared application state, cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// The database and files.
    pub store: Store,
    /// Web settings.
    pub config: Arc<WebConfig>,
}

impl AppState {
    /// State over `store` with `config`.
    pub fn new(store: Store, config: WebConfig) -> Self {
        Self { store, config: Arc::new(config) }
    }
}
