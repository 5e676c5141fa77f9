//! `/admin/users`: the staff accounts — who may sign in, with which role.
//! Admins add people, change roles and deactivate or reactivate accounts;
//! every change lands in the audit log with the admin as its actor.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use hired_domain::authz::Action;
use hired_domain::user::{Role, User, check_new_password};
use hired_domain::validation::required_text;
use hired_domain::{Email, Invalid, UserId};
use hired_store::StoreError;
use serde::Deserialize;

use super::{parse_id, unprocessable};
use crate::auth::csrf::CsrfForm;
use crate::auth::password::hash_password;
use crate::auth::{Staff, require};
use crate::error::{AppError, AppResult};
use crate::forms::FormErrors;
use crate::state::AppState;
use crate::views::{PageCtx, redirect_with, render};

/// The "add a staff member" form as typed.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct NewUserForm {
    name: String,
    email: String,
    role: String,
    password: String,
}

/// A new account that passed validation.
struct NewUser {
    name: String,
    email: Email,
    role: Role,
    password: String,
}

impl TryFrom<&NewUserForm> for NewUser {
    type Error = Invalid;

    fn try_from(form: &NewUserForm) -> Result<Self, Invalid> {
        let mut bad = Invalid::default();
        let name = bad.check("name", required_text(&form.name, 200));
        let email = bad.check("email", Email::parse(&form.email));
        let role = bad.check("role", form.role.parse::<Role>().map_err(|_| "choose a role"));
        bad.check("password", check_new_password(&form.password));
        match (name, email, role) {
            (Some(name), Some(email), Some(role)) if bad.errors.is_empty() => {
                Ok(NewUser { name, email, role, password: form.password.clone() })
            }
            _ => Err(bad),
        }
    }
}

/// A role change or (de)activation; an empty field keeps the current value.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct AccessForm {
    role: String,
    active: String,
}

#[derive(Template)]
#[template(path = "admin/users.html")]
struct UsersPage {
    ctx: PageCtx,
    rows: Vec<UserRow>,
    roles: &'static [Role],
    active_count: usize,
    admin_count: usize,
    deactivated_count: usize,
    form: NewUserForm,
    errors: FormErrors,
}

struct UserRow {
    user: User,
    is_self: bool,
    error: String,
}

/// A row's error after a refused change: which user, and why.
type RowError = Option<(UserId, String)>;

async fn users_page(
    state: &AppState,
    staff: &Staff,
    form: NewUserForm,
    errors: FormErrors,
    row_error: RowError,
) -> AppResult<Response> {
    let users = state.store.list_users().await?;
    let active = || users.iter().filter(|u| u.active);
    let page = UsersPage {
        ctx: PageCtx::new(staff, "users"),
        active_count: active().count(),
        admin_count: active().filter(|u| u.role == Role::Admin).count(),
        deactivated_count: users.iter().filter(|u| !u.active).count(),
        rows: users
            .iter()
            .map(|u| UserRow {
                is_self: u.id == staff.user.id,
                error: row_error.as_ref().filter(|(id, _)| *id == u.id).map(|(_, e)| e.clone()).unwrap_or_default(),
                user: u.clone(),
            })
            .collect(),
        roles: Role::ALL,
        form,
        errors,
    };
    render(&page.ctx, &page)
}

/// `GET /admin/users`.
pub(super) async fn list(State(state): State<AppState>, staff: Staff) -> AppResult<Response> {
    require(&staff.user, Action::ManageUsers)?;
    users_page(&state, &staff, NewUserForm::default(), FormErrors::none(), None).await
}

/// `POST /admin/users`: adds a staff member with an initial password.
pub(super) async fn create(State(state): State<AppState>, posted: CsrfForm<NewUserForm>) -> AppResult<Response> {
    let CsrfForm { staff, form } = posted;
    require(&staff.user, Action::ManageUsers)?;
    let new = match NewUser::try_from(&form) {
        Ok(new) => new,
        Err(invalid) => return unprocessable(users_page(&state, &staff, form, invalid.into(), None).await),
    };
    let hash = hash_password(&new.password).map_err(|e| AppError::Internal(format!("hashing a password: {e}")))?;
    let created = state.store.create_user_by(Some(&staff.user), &new.email, &new.name, new.role, Some(hash)).await;
    match created {
        Ok(user) => Ok(redirect_with(
            "/admin/users",
            "success",
            &format!("{} can now sign in as {} with the password you chose.", user.name, user.role.label()),
        )),
        Err(StoreError::Invalid(invalid)) => {
            unprocessable(users_page(&state, &staff, form, invalid.into(), None).await)
        }
        Err(other) => Err(other.into()),
    }
}

/// `POST /admin/users/{id}/access`: changes a role, or deactivates / reactivates an account.
pub(super) async fn change_access(
    State(state): State<AppState>,
    Path(raw_id): Path<String>,
    posted: CsrfForm<AccessForm>,
) -> AppResult<Response> {
    let CsrfForm { staff, form } = posted;
    require(&staff.user, Action::ManageUsers)?;
    let target = state.store.user(parse_id(&raw_id, "user")?).await?;
    let (role, active) = match planned_access(&staff.user, &target, &form) {
        Ok(plan) => plan,
        Err(message) => {
            let row_error = Some((target.id, message));
            return unprocessable(
                users_page(&state, &staff, NewUserForm::default(), FormErrors::none(), row_error).await,
            );
        }
    };
    let updated = state.store.update_user_access_by(Some(&staff.user), target.id, role, active).await?;
    Ok(redirect_with("/admin/users", "success", &access_message(&target, &updated)))
}

/// The role and active flag `form` asks for, or why the change is refused.
fn planned_access(actor: &User, target: &User, form: &AccessForm) -> Result<(Role, bool), String> {
    let role = match form.role.as_str() {
        "" => target.role,
        raw => raw.parse::<Role>().map_err(|e| format!("Role {e}."))?,
    };
    let active = match form.active.as_str() {
        "" => target.active,
        "true" => true,
        "false" => false,
        _ => return Err("Choose whether the account is active.".into()),
    };
    if target.id == actor.id && (role != Role::Admin || !active) {
        return Err("You cannot demote or deactivate your own account; ask another admin to do it.".into());
    }
    Ok((role, active))
}

/// What changed, for the flash message.
fn access_message(before: &User, after: &User) -> String {
    match (before.active, after.active) {
        (true, false) => format!("{} is deactivated and was signed out everywhere.", after.name),
        (false, true) => format!("{} can sign in again, as {}.", after.name, after.role.label()),
        _ if before.role != after.role => format!("{} is now {}.", after.name, after.role.label()),
        _ => format!("Nothing changed for {}.", after.name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(role: Role) -> User {
        User { id: UserId::new(), email: Email::parse("x@example.com").unwrap(), name: "X".into(), role, active: true }
    }

    #[test]
    fn a_new_user_form_reports_every_bad_field() {
        let form =
            NewUserForm { name: " ".into(), email: "nope".into(), role: "owner".into(), password: "short".into() };
        let invalid = NewUser::try_from(&form).err().unwrap();
        for field in ["name", "email", "role", "password"] {
            assert!(invalid.message_for(field).is_some(), "{field}");
        }
    }

    #[test]
    fn admins_cannot_demote_or_deactivate_themselves_but_may_change_others() {
        let admin = user(Role::Admin);
        let demote = AccessForm { role: "recruiter".into(), active: String::new() };
        let deactivate = AccessForm { role: String::new(), active: "false".into() };
        assert!(planned_access(&admin, &admin, &demote).is_err());
        assert!(planned_access(&admin, &admin, &deactivate).is_err());
        let other = user(Role::Admin);
        assert_eq!(planned_access(&admin, &other, &demote), Ok((Role::Recruiter, true)));
        assert_eq!(planned_access(&admin, &other, &deactivate), Ok((Role::Admin, false)));
    }
}
