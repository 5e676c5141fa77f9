//! Staff accounts.

use hired_domain::audit::diff;
use hired_domain::user::{Role, User};
use hired_domain::{Email, Invalid, UserId};
use sea_orm::{ConnectionTrait, FromQueryResult};
use uuid::Uuid;

use crate::clock::now;
use crate::{NewAudit, Store, StoreError, StoreResult};

/// A user with their password hash, for sign-in only.
#[derive(Debug, Clone)]
pub struct UserWithHash {
    /// The account.
    pub user: User,
    /// argon2id PHC string, if a password is set.
    pub password_hash: Option<String>,
}

#[derive(FromQueryResult)]
pub(crate) struct UserRow {
    pub id: Uuid,
    pub email: String,
    pub name: String,
    pub role: String,
    pub active: bool,
}

impl TryFrom<UserRow> for User {
    type Error = StoreError;
    fn try_from(r: UserRow) -> StoreResult<User> {
        Ok(User {
            id: r.id.into(),
            email: Email::parse(&r.email).map_err(|e| StoreError::Corrupt(format!("user email: {e}")))?,
            name: r.name,
            role: Role::parse(&r.role).ok_or_else(|| StoreError::Corrupt(format!("role {}", r.role)))?,
            active: r.active,
        })
    }
}

#[derive(FromQueryResult)]
struct UserHashRow {
    id: Uuid,
    email: String,
    name: String,
    role: String,
    active: bool,
    password_hash: Option<String>,
}

const USER_COLUMNS: &str = "id, email, name, role, active";

/// The fields of an account the audit log records (never the password hash).
fn audit_view(user: &User) -> serde_json::Value {
    serde_json::json!({ "email": user.email, "name": user.name, "role": user.role, "active": user.active })
}

impl Store {
    /// Creates a staff account as the system (CLI, first run); see [`Store::create_user_by`].
    pub async fn create_user(
        &self,
        email: &Email,
        name: &str,
        role: Role,
        password_hash: Option<String>,
    ) -> StoreResult<User> {
        self.create_user_by(None, email, name, role, password_hash).await
    }

    /// Creates a staff account on behalf of `actor` (`None`: the system); the email must be
    /// unused. The `user.create` audit entry commits with the account.
    pub async fn create_user_by(
        &self,
        actor: Option<&User>,
        email: &Email,
        name: &str,
        role: Role,
        password_hash: Option<String>,
    ) -> StoreResult<User> {
        let name = hired_domain::validation::required_text(name, 200).map_err(|e| Invalid::field("name", e))?;
        let user = User { id: UserId::new(), email: email.clone(), name, role, active: true };
        let txn = self.write_txn().await?;
        txn.execute_raw(self.sql(
            "INSERT INTO users (id, email, name, role, password_hash, active, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
            [
                user.id.0.into(),
                email.as_str().into(),
                user.name.clone().into(),
                role.as_str().into(),
                password_hash.into(),
                true.into(),
                now().into(),
            ],
        ))
        .await
        .map_err(|e| StoreError::on_unique(e, "email", "a user with this email already exists"))?;
        let changes = diff(&serde_json::Value::Null, &audit_view(&user));
        let entry = NewAudit { actor, action: "user.create", entity_type: "user", entity_id: Some(user.id.0), changes };
        self.append_audit(&txn, entry).await?;
        txn.commit().await?;
        Ok(user)
    }

    /// The user with this id.
    pub async fn user(&self, id: UserId) -> StoreResult<User> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1");
        let row: Option<UserRow> = self.fetch_one(&self.db, &sql, [id.0.into()]).await?;
        row.ok_or(StoreError::NotFound("user"))?.try_into()
    }

    /// The user with this email, with the password hash, for sign-in.
    pub async fn user_for_login(&self, email: &Email) -> StoreResult<Option<UserWithHash>> {
        let sql = format!("SELECT {USER_COLUMNS}, password_hash FROM users WHERE email = $1");
        let row: Option<UserHashRow> = self.fetch_one(&self.db, &sql, [email.as_str().into()]).await?;
        row.map(|r| {
            let password_hash = r.password_hash;
            let user = UserRow { id: r.id, email: r.email, name: r.name, role: r.role, active: r.active }.try_into()?;
            Ok(UserWithHash { user, password_hash })
        })
        .transpose()
    }

    /// Every staff account, by name.
    pub async fn list_users(&self) -> StoreResult<Vec<User>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users ORDER BY lower(name), id");
        let rows: Vec<UserRow> = self.fetch_all(&self.db, &sql, []).await?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    /// How many accounts exist; zero means a fresh installation.
    pub async fn count_users(&self) -> StoreResult<i64> {
        #[derive(FromQueryResult)]
        struct Count {
            n: i64,
        }
        let row: Option<Count> = self.fetch_one(&self.db, "SELECT COUNT(*) AS n FROM users", []).await?;
        Ok(row.map_or(0, |c| c.n))
    }

    /// Changes a user's role and whether they may sign in, as the system; see
    /// [`Store::update_user_access_by`].
    pub async fn update_user_access(&self, id: UserId, role: Role, active: bool) -> StoreResult<User> {
        self.update_user_access_by(None, id, role, active).await
    }

    /// Changes a user's role and whether they may sign in on behalf of `actor`; deactivation
    /// ends their sessions. A real change is recorded as `user.access` in the same transaction.
    pub async fn update_user_access_by(
        &self,
        actor: Option<&User>,
        id: UserId,
        role: Role,
        active: bool,
    ) -> StoreResult<User> {
        let before = self.user(id).await?;
        let after = User { role, active, ..before.clone() };
        let txn = self.write_txn().await?;
        self.exec(
            &txn,
            "UPDATE users SET role = $1, active = $2 WHERE id = $3",
            [role.as_str().into(), active.into(), id.0.into()],
        )
        .await?;
        if !active {
            self.exec(&txn, "DELETE FROM sessions WHERE user_id = $1", [id.0.into()]).await?;
        }
        let changes = diff(&audit_view(&before), &audit_view(&after));
        if !changes.is_empty() {
            let entry = NewAudit { actor, action: "user.access", entity_type: "user", entity_id: Some(id.0), changes };
            self.append_audit(&txn, entry).await?;
        }
        txn.commit().await?;
        Ok(after)
    }

    /// Sets a new password hash and ends every session of the user.
    pub async fn set_password_hash(&self, id: UserId, hash: &str) -> StoreResult<()> {
        let txn = self.write_txn().await?;
        let n =
            self.exec(&txn, "UPDATE users SET password_hash = $1 WHERE id = $2", [hash.into(), id.0.into()]).await?;
        if n == 0 {
            return Err(StoreError::NotFound("user"));
        }
        self.exec(&txn, "DELETE FROM sessions WHERE user_id = $1", [id.0.into()]).await?;
        txn.commit().await?;
        Ok(())
    }
}
