//! Sessions, API tokens and sign-in throttling.
//!
//! Secrets handed to browsers and integrations are random 256-bit values;
//! only their SHA-256 digests are stored, so a database leak yields nothing
//! that can be replayed.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, Utc};
use hired_domain::audit::FieldChange;
use hired_domain::user::User;
use hired_domain::{TokenId, UserId};
use rand::RngCore;
use sea_orm::FromQueryResult;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::audit::NewAudit;
use crate::clock::now;
use crate::users::UserRow;
use crate::{Store, StoreError, StoreResult};

/// A signed-in browser session.
#[derive(Debug, Clone)]
pub struct Session {
    /// Who is signed in.
    pub user: User,
    /// The token forms must echo back.
    pub csrf_token: String,
    /// When the session ends regardless of activity.
    pub expires_at: DateTime<Utc>,
}

/// An API token's metadata (never the secret).
#[derive(Debug, Clone, FromQueryResult, serde::Serialize)]
pub struct ApiToken {
    /// Identity.
    pub id: Uuid,
    /// What the owner called it.
    pub name: String,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last used, to spot stale tokens.
    pub last_used_at: Option<DateTime<Utc>>,
    /// Revoked tokens no longer authenticate.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// Failed sign-ins allowed within [`LoginThrottle::WINDOW_MINUTES`].
#[derive(Debug, Clone, Copy)]
pub struct LoginThrottle {
    /// Per account.
    pub per_account: i64,
    /// Per client address.
    pub per_address: i64,
}

impl LoginThrottle {
    /// The window failures are counted over.
    pub const WINDOW_MINUTES: i64 = 15;
}

impl Default for LoginThrottle {
    fn default() -> Self {
        Self { per_account: 5, per_address: 20 }
    }
}

/// A fresh random secret, URL-safe.
pub fn random_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

fn digest(secret: &str) -> String {
    let hash = Sha256::digest(secret.as_bytes());
    hash.iter().map(|b| format!("{b:02x}")).collect()
}

#[derive(FromQueryResult)]
struct SessionRow {
    id: Uuid,
    email: String,
    name: String,
    role: String,
    active: bool,
    csrf_token: String,
    expires_at: DateTime<Utc>,
}

#[derive(FromQueryResult)]
struct TokenUserRow {
    token_id: Uuid,
    last_used_at: Option<DateTime<Utc>>,
    id: Uuid,
    email: String,
    name: String,
    role: String,
    active: bool,
}

impl Store {
    /// Starts a session for `user` lasting `ttl`; returns the cookie secret.
    ///
    /// Called at sign-in, so every sign-in gets a new id (no fixation).
    pub async fn create_session(&self, user: &User, ttl: Duration) -> StoreResult<(String, Session)> {
        let secret = random_secret();
        let csrf_token = random_secret();
        let created = now();
        let expires_at = created + ttl;
        self.exec(
            &self.db,
            "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
            [digest(&secret).into(), user.id.0.into(), csrf_token.clone().into(), created.into(), expires_at.into()],
        )
        .await?;
        Ok((secret, Session { user: user.clone(), csrf_token, expires_at }))
    }

    /// The live session for a cookie secret: unexpired, of an active user.
    pub async fn session(&self, secret: &str) -> StoreResult<Option<Session>> {
        let row: Option<SessionRow> = self
            .fetch_one(
                &self.db,
                "SELECT u.id, u.email, u.name, u.role, u.active, s.csrf_token, s.expires_at
                 FROM sessions s JOIN users u ON u.id = s.user_id
                 WHERE s.id_hash = $1 AND s.expires_at > $2 AND u.active = $3",
                [digest(secret).into(), now().into(), true.into()],
            )
            .await?;
        row.map(|r| {
            let user = UserRow { id: r.id, email: r.email, name: r.name, role: r.role, active: r.active }.try_into()?;
            Ok(Session { user, csrf_token: r.csrf_token, expires_at: r.expires_at })
        })
        .transpose()
    }

    /// Ends a session (sign-out).
    pub async fn delete_session(&self, secret: &str) -> StoreResult<()> {
        self.exec(&self.db, "DELETE FROM sessions WHERE id_hash = $1", [digest(secret).into()]).await?;
        Ok(())
    }

    /// Removes expired sessions and old sign-in failures; run periodically.
    pub async fn purge_expired_sessions(&self) -> StoreResult<u64> {
        let cutoff = now() - Duration::minutes(LoginThrottle::WINDOW_MINUTES);
        self.exec(&self.db, "DELETE FROM login_failures WHERE at < $1", [cutoff.into()]).await?;
        self.exec(&self.db, "DELETE FROM sessions WHERE expires_at <= $1", [now().into()]).await
    }

    /// Creates an API token for `user_id`; returns the secret, shown once.
    pub async fn create_token(&self, user_id: UserId, name: &str) -> StoreResult<(String, ApiToken)> {
        let name =
            hired_domain::validation::required_text(name, 100).map_err(|e| hired_domain::Invalid::field("name", e))?;
        let owner = self.user(user_id).await?;
        let secret = format!("hired_{}", random_secret());
        let token = ApiToken { id: TokenId::new().0, name, created_at: now(), last_used_at: None, revoked_at: None };
        let txn = self.write_txn().await?;
        self.exec(
            &txn,
            "INSERT INTO api_tokens (id, user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4, $5)",
            [
                token.id.into(),
                user_id.0.into(),
                token.name.clone().into(),
                digest(&secret).into(),
                token.created_at.into(),
            ],
        )
        .await?;
        self.audit_token(&txn, &owner, "token.create", &token).await?;
        txn.commit().await?;
        Ok((secret, token))
    }

    async fn audit_token(
        &self,
        conn: &impl sea_orm::ConnectionTrait,
        owner: &User,
        action: &str,
        token: &ApiToken,
    ) -> StoreResult<()> {
        let change =
            FieldChange { field: "name".into(), before: serde_json::Value::Null, after: token.name.clone().into() };
        self.append_audit(
            conn,
            NewAudit {
                actor: Some(owner),
                action,
                entity_type: "api_token",
                entity_id: Some(token.id),
                changes: vec![change],
            },
        )
        .await
    }

    /// The active user a bearer token acts as, if the token is valid and not revoked.
    pub async fn user_for_token(&self, secret: &str) -> StoreResult<Option<User>> {
        let row: Option<TokenUserRow> = self
            .fetch_one(
                &self.db,
                "SELECT t.id AS token_id, t.last_used_at, u.id, u.email, u.name, u.role, u.active
                 FROM api_tokens t JOIN users u ON u.id = t.user_id
                 WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.active = $2",
                [digest(secret).into(), true.into()],
            )
            .await?;
        let Some(r) = row else { return Ok(None) };
        let stale = r.last_used_at.is_none_or(|t| now() - t > Duration::minutes(1));
        if stale {
            self.exec(
                &self.db,
                "UPDATE api_tokens SET last_used_at = $1 WHERE id = $2",
                [now().into(), r.token_id.into()],
            )
            .await?;
        }
        Ok(Some(UserRow { id: r.id, email: r.email, name: r.name, role: r.role, active: r.active }.try_into()?))
    }

    /// A user's tokens, newest first.
    pub async fn list_tokens(&self, user_id: UserId) -> StoreResult<Vec<ApiToken>> {
        self.fetch_all(
            &self.db,
            "SELECT id, name, created_at, last_used_at, revoked_at FROM api_tokens
             WHERE user_id = $1 ORDER BY created_at DESC",
            [user_id.0.into()],
        )
        .await
    }

    /// Revokes one of `user_id`'s tokens.
    pub async fn revoke_token(&self, user_id: UserId, token_id: TokenId) -> StoreResult<()> {
        let owner = self.user(user_id).await?;
        let txn = self.write_txn().await?;
        let revoked: Option<ApiToken> = self
            .fetch_one(
                &txn,
                "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL
                 RETURNING id, name, created_at, last_used_at, revoked_at",
                [now().into(), token_id.0.into(), user_id.0.into()],
            )
            .await?;
        let token = revoked.ok_or(StoreError::NotFound("token"))?;
        self.audit_token(&txn, &owner, "token.revoke", &token).await?;
        txn.commit().await?;
        Ok(())
    }

    /// Whether sign-in is currently blocked for this account or address.
    pub async fn login_blocked(&self, account: &str, address: &str, limits: LoginThrottle) -> StoreResult<bool> {
        #[derive(FromQueryResult)]
        struct Counts {
            account_failures: i64,
            address_failures: i64,
        }
        let since = now() - Duration::minutes(LoginThrottle::WINDOW_MINUTES);
        let counts: Option<Counts> = self
            .fetch_one(
                &self.db,
                "SELECT COALESCE(SUM(CASE WHEN throttle_key = $1 THEN 1 ELSE 0 END), 0) AS account_failures,
                        COALESCE(SUM(CASE WHEN throttle_key = $2 THEN 1 ELSE 0 END), 0) AS address_failures
                 FROM login_failures WHERE throttle_key IN ($1, $2) AND at > $3",
                [format!("account:{account}").into(), format!("address:{address}").into(), since.into()],
            )
            .await?;
        Ok(counts.is_some_and(|c| c.account_failures >= limits.per_account || c.address_failures >= limits.per_address))
    }

    /// Records a failed sign-in against the account and the address.
    pub async fn record_login_failure(&self, account: &str, address: &str) -> StoreResult<()> {
        let txn = self.write_txn().await?;
        for key in [format!("account:{account}"), format!("address:{address}")] {
            self.exec(
                &txn,
                "INSERT INTO login_failures (throttle_key, at) VALUES ($1, $2)",
                [key.into(), now().into()],
            )
            .await?;
        }
        txn.commit().await?;
        Ok(())
    }

    /// Forgets an account's failures after a successful sign-in.
    pub async fn clear_login_failures(&self, account: &str) -> StoreResult<()> {
        self.exec(
            &self.db,
            "DELETE FROM login_failures WHERE throttle_key = $1",
            [format!("account:{account}").into()],
        )
        .await?;
        Ok(())
    }
}
