//! `/account/tokens`: a staff member's own API tokens for integrations —
//! listed with when they were last used, created (the secret is shown once,
//! on the page that answers the creation) and revoked.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::Response;
use hired_domain::TokenId;
use hired_domain::authz::Action;
use hired_store::{ApiToken, StoreError};
use serde::Deserialize;

use super::{NoFields, parse_id, unprocessable};
use crate::auth::csrf::CsrfForm;
use crate::auth::{Staff, require};
use crate::error::AppResult;
use crate::forms::FormErrors;
use crate::state::AppState;
use crate::views::{PageCtx, redirect_with, render, when};

/// The new-token form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct TokenForm {
    name: String,
}

#[derive(Template)]
#[template(path = "admin/tokens.html")]
struct TokensPage {
    ctx: PageCtx,
    tokens: Vec<TokenRow>,
    name: String,
    errors: FormErrors,
    created: Option<Created>,
}

struct TokenRow {
    id: String,
    name: String,
    created: String,
    last_used: String,
    revoked: Option<String>,
}

impl From<&ApiToken> for TokenRow {
    fn from(t: &ApiToken) -> Self {
        TokenRow {
            id: t.id.to_string(),
            name: t.name.clone(),
            created: when(&t.created_at),
            last_used: t.last_used_at.as_ref().map_or_else(|| "Never".to_owned(), when),
            revoked: t.revoked_at.as_ref().map(when),
        }
    }
}

/// A token just created: the only time its secret is ever shown.
struct Created {
    name: String,
    secret: String,
}

async fn tokens_page(
    state: &AppState,
    staff: &Staff,
    name: String,
    errors: FormErrors,
    created: Option<Created>,
) -> AppResult<Response> {
    let tokens = state.store.list_tokens(staff.user.id).await?;
    let page = TokensPage {
        ctx: PageCtx::new(staff, "account"),
        tokens: tokens.iter().map(TokenRow::from).collect(),
        name,
        errors,
        created,
    };
    let mut response = render(&page.ctx, &page)?;
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// `GET /account/tokens`.
pub(super) async fn list(State(state): State<AppState>, staff: Staff) -> AppResult<Response> {
    require(&staff.user, Action::ManageOwnTokens)?;
    tokens_page(&state, &staff, String::new(), FormErrors::none(), None).await
}

/// `POST /account/tokens`: creates a token and shows its secret this once.
pub(super) async fn create(State(state): State<AppState>, posted: CsrfForm<TokenForm>) -> AppResult<Response> {
    let CsrfForm { staff, form } = posted;
    require(&staff.user, Action::ManageOwnTokens)?;
    match state.store.create_token(staff.user.id, &form.name).await {
        Ok((secret, token)) => {
            let created = Created { name: token.name, secret };
            tokens_page(&state, &staff, String::new(), FormErrors::none(), Some(created)).await
        }
        Err(StoreError::Invalid(invalid)) => {
            unprocessable(tokens_page(&state, &staff, form.name, invalid.into(), None).await)
        }
        Err(other) => Err(other.into()),
    }
}

/// `POST /account/tokens/{id}/revoke`: revokes one of the caller's own tokens.
pub(super) async fn revoke(
    State(state): State<AppState>,
    Path(raw_id): Path<String>,
    posted: CsrfForm<NoFields>,
) -> AppResult<Response> {
    require(&posted.staff.user, Action::ManageOwnTokens)?;
    let id: TokenId = parse_id(&raw_id, "token")?;
    state.store.revoke_token(posted.staff.user.id, id).await?;
    Ok(redirect_with("/account/tokens", "success", "Token revoked. Integrations using it are refused from now on."))
}
