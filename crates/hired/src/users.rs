//! `hired user create` and `hired token create`: staff accounts and API tokens
//! from the command line, for the first admin and for integrations.

use std::io::{BufRead, IsTerminal, Write};

use anyhow::{Context, Result, anyhow, bail};
use hired_domain::user::{MIN_PASSWORD_LEN, check_new_password};
use hired_store::StoreError;

use crate::cli::{TokenCreateArgs, UserCreateArgs};
use crate::db;

/// Creates a staff account with the password read from stdin.
pub async fn create_user(args: UserCreateArgs) -> Result<()> {
    let password = read_password()?;
    check_new_password(&password).map_err(|e| anyhow!("the password {e}"))?;
    let hash = hired_web::hash_password(&password).map_err(|e| anyhow!("cannot hash the password: {e}"))?;
    let store = db::open(&args.store).await?;
    let user = store
        .create_user(&args.email, &args.name, args.role, Some(hash))
        .await
        .map_err(|e| flag_error(e, "cannot create the user"))?;
    println!("Created {} <{}> ({}).", user.name, user.email, user.role.label());
    Ok(())
}

/// Prints a new API token for the user with `--email`, and nothing else.
pub async fn create_token(args: TokenCreateArgs) -> Result<()> {
    let store = db::open(&args.store).await?;
    let Some(found) = store.user_for_login(&args.email).await? else {
        bail!("there is no user with email {}; create one first with `hired user create`", args.email);
    };
    if !found.user.active {
        bail!("{} is deactivated; reactivate the account before giving it a token", args.email);
    }
    let (token, _) =
        store.create_token(found.user.id, &args.name).await.map_err(|e| flag_error(e, "cannot create the token"))?;
    println!("{token}");
    Ok(())
}

/// Reads one line from stdin, prompting first when a person is typing.
fn read_password() -> Result<String> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprint!("Password for the new account (at least {MIN_PASSWORD_LEN} characters, shown as you type): ");
        std::io::stderr().flush().context("cannot write the prompt")?;
    }
    let mut line = String::new();
    let read = stdin.lock().read_line(&mut line).context("cannot read the password from stdin")?;
    if read == 0 {
        bail!("no password on stdin; pipe one line, e.g. printf '%s\\n' \"$PASSWORD\" | hired user create …");
    }
    let password = line.strip_suffix('\n').unwrap_or(&line);
    Ok(password.strip_suffix('\r').unwrap_or(password).to_owned())
}

/// Names the flag behind a validation error (`--email: a user with this email already exists`).
fn flag_error(error: StoreError, doing: &str) -> anyhow::Error {
    match error {
        StoreError::Invalid(invalid) => {
            let problems: Vec<String> =
                invalid.errors.iter().map(|e| format!("--{}: {}", e.field.replace('_', "-"), e.message)).collect();
            anyhow!("{doing}: {}", problems.join("; "))
        }
        other => anyhow::Error::new(other).context(doing.to_owned()),
    }
}
