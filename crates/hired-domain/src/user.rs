//! Staff users and their roles.

use serde::{Deserialize, Serialize};

use crate::{Email, UserId, enums::string_enum};

string_enum! {
    /// What a staff member does; decides, with hiring-team membership, what they may see and do.
    pub enum Role {
        Admin => ("admin", "Admin"),
        Recruiter => ("recruiter", "Recruiter"),
        HiringManager => ("hiring_manager", "Hiring manager"),
        Interviewer => ("interviewer", "Interviewer"),
    }
}

/// A staff account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    /// Identity.
    pub id: UserId,
    /// Sign-in address, unique.
    pub email: Email,
    /// Display name.
    pub name: String,
    /// Role.
    pub role: Role,
    /// Deactivated users cannot sign in; their history stays.
    pub active: bool,
}

/// Minimum password length for staff accounts.
pub const MIN_PASSWORD_LEN: usize = 10;

/// Checks a new password is long enough and not absurdly long (hashing cost).
pub fn check_new_password(password: &str) -> Result<(), String> {
    let len = password.chars().count();
    if len < MIN_PASSWORD_LEN {
        return Err(format!("must be at least {MIN_PASSWORD_LEN} characters"));
    }
    if len > 1024 {
        return Err("must be at most 1024 characters".into());
    }
    Ok(())
}
