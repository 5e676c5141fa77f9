//! Sign-in and sign-out pages.

use std::net::SocketAddr;

use askama::Template;
use axum::extract::{ConnectInfo, FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use hired_domain::Email;
use serde::Deserialize;

use super::csrf::{CsrfForm, constant_time_eq};
use super::password::{dummy_hash, verify_password};
use super::{SESSION_COOKIE, Staff};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

const LOGIN_CSRF_COOKIE: &str = "hired_login_csrf";

/// Routes for signing in and out.
pub fn router() -> Router<AppState> {
    Router::new().route("/login", get(show).post(submit)).route("/logout", post(logout))
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    csrf: String,
    email: String,
    next: String,
    error: String,
}

#[derive(Deserialize, Default)]
struct NextQuery {
    #[serde(default)]
    next: String,
}

/// The client's address, for throttling; unknown when not served from a socket (tests).
pub struct ClientAddr(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let addr = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip().to_string());
        Ok(ClientAddr(addr.unwrap_or_else(|| "unknown".into())))
    }
}

/// Only local paths may be redirected to after sign-in (no open redirects).
fn safe_next(next: &str) -> &str {
    let local = next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') && !next.contains("://");
    if local { next } else { "/" }
}

fn is_https(state: &AppState, headers: &HeaderMap) -> bool {
    state.config.secure_cookies || headers.get("x-forwarded-proto").is_some_and(|v| v.as_bytes() == b"https")
}

fn login_page(csrf: String, email: String, next: String, error: String) -> AppResult<Html<String>> {
    Ok(Html(LoginPage { csrf, email, next, error }.render()?))
}

async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    staff: Option<Staff>,
    Query(q): Query<NextQuery>,
) -> AppResult<Response> {
    if staff.is_some() {
        return Ok(Redirect::to(safe_next(&q.next)).into_response());
    }
    let token = hired_store::random_secret();
    let cookie = Cookie::build((LOGIN_CSRF_COOKIE, token.clone()))
        .path("/login")
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(is_https(&state, &headers))
        .build();
    Ok((jar.add(cookie), login_page(token, String::new(), q.next, String::new())?).into_response())
}

#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    next: String,
}

async fn submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    ClientAddr(addr): ClientAddr,
    jar: CookieJar,
    Form(form): Form<LoginForm>,
) -> AppResult<Response> {
    let cookie_token = jar.get(LOGIN_CSRF_COOKIE).map(|c| c.value().to_owned()).unwrap_or_default();
    if cookie_token.is_empty() || !constant_time_eq(cookie_token.as_bytes(), form.csrf.as_bytes()) {
        return Err(AppError::BadRequest("the sign-in form expired; reload the page and try again".into()));
    }
    let retry = |message: &str| -> AppResult<Response> {
        let page = login_page(form.csrf.clone(), form.email.clone(), form.next.clone(), message.into())?;
        Ok((StatusCode::UNAUTHORIZED, page).into_response())
    };
    let account = form.email.trim().to_lowercase();
    if state.store.login_blocked(&account, &addr, state.config.login_throttle).await? {
        let page = login_page(
            form.csrf.clone(),
            form.email.clone(),
            form.next.clone(),
            AppError::TooManyRequests.to_string(),
        )?;
        return Ok((StatusCode::TOO_MANY_REQUESTS, page).into_response());
    }
    let found = match Email::parse(&account) {
        Ok(email) => state.store.user_for_login(&email).await?,
        Err(_) => None,
    };
    let hash = found.as_ref().and_then(|f| f.password_hash.clone());
    let password_ok = verify_password(&form.password, hash.as_deref().unwrap_or(dummy_hash()));
    let user = match found {
        Some(f) if password_ok && hash.is_some() && f.user.active => f.user,
        _ => {
            state.store.record_login_failure(&account, &addr).await?;
            return retry("That email and password do not match an active account.");
        }
    };
    state.store.clear_login_failures(&account).await?;
    let (secret, _) = state.store.create_session(&user, state.config.session_ttl).await?;
    let session = Cookie::build((SESSION_COOKIE, secret))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(is_https(&state, &headers))
        .build();
    let jar = jar.remove(Cookie::build(LOGIN_CSRF_COOKIE).path("/login")).add(session);
    Ok((jar, Redirect::to(safe_next(&form.next))).into_response())
}

#[derive(Deserialize)]
struct Empty {}

async fn logout(State(state): State<AppState>, jar: CookieJar, posted: CsrfForm<Empty>) -> AppResult<Response> {
    let _ = posted.form;
    if let Some(secret) = jar.get(SESSION_COOKIE).map(|c| c.value().to_owned()) {
        state.store.delete_session(&secret).await?;
    }
    let jar = jar.remove(Cookie::build(SESSION_COOKIE).path("/"));
    Ok((jar, Redirect::to("/login")).into_response())
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed_after_sign_in() {
        assert_eq!(safe_next("/requisitions/1"), "/requisitions/1");
        for bad in ["https://evil.example", "//evil.example", "/\\evil.example", "", "javascript:alert(1)"] {
            assert_eq!(safe_next(bad), "/", "{bad}");
        }
    }
}
