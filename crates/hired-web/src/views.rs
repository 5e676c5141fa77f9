//! What every page shares: the layout context, flash messages and rendering.

use askama::Template;
use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use hired_domain::authz::Action;
use hired_domain::user::Role;

use crate::auth::{Staff, may};
use crate::error::AppResult;

const FLASH_COOKIE: &str = "hired_flash";

/// A one-time message shown on the next page (after a redirect).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flash {
    /// `success`, `error` or `info`.
    pub kind: String,
    /// The message.
    pub message: String,
}

impl Flash {
    /// Reads the flash cookie, if any.
    pub fn from_jar(jar: &CookieJar) -> Option<Self> {
        let raw = jar.get(FLASH_COOKIE)?.value().to_owned();
        let decoded = percent_decode(&raw);
        let (kind, message) = decoded.split_once(':')?;
        matches!(kind, "success" | "error" | "info").then(|| Flash { kind: kind.into(), message: message.into() })
    }
}

/// Redirects to `to` with a message for the next page.
pub fn redirect_with(to: &str, kind: &str, message: &str) -> Response {
    let value = format!(
        "{FLASH_COOKIE}={}; Path=/; Max-Age=60; HttpOnly; SameSite=Lax",
        urlencode(&format!("{kind}:{message}"))
    );
    let mut response = Redirect::to(to).into_response();
    if let Ok(v) = HeaderValue::from_str(&value) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    response
}

/// Percent-encodes text for a URL query value or a cookie (everything but unreserved characters).
pub fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = text.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The layout's view of the signed-in user and the current page.
#[derive(Debug, Clone)]
pub struct PageCtx {
    /// Display name.
    pub user_name: String,
    /// Avatar initials.
    pub initials: String,
    /// Role label.
    pub role_label: &'static str,
    /// CSRF token for forms.
    pub csrf: String,
    /// Show the admin section.
    pub is_admin: bool,
    /// May create requisitions (shows the button).
    pub can_create_requisition: bool,
    /// Which nav item is active.
    pub nav: &'static str,
    /// One-time message.
    pub flash: Option<Flash>,
}

impl PageCtx {
    /// The context for `staff` on the page under nav item `nav`.
    pub fn new(staff: &Staff, nav: &'static str) -> Self {
        let user = &staff.user;
        Self {
            user_name: user.name.clone(),
            initials: user.name.split_whitespace().filter_map(|w| w.chars().next()).take(2).collect(),
            role_label: user.role.label(),
            csrf: staff.csrf.clone(),
            is_admin: user.role == Role::Admin,
            can_create_requisition: may(user, Action::CreateRequisition),
            nav,
            flash: staff.flash.clone(),
        }
    }
}

/// Renders a page template; clears a shown flash message.
pub fn render(ctx: &PageCtx, template: &impl Template) -> AppResult<Response> {
    let mut response = Html(template.render()?).into_response();
    if ctx.flash.is_some() {
        let clear = HeaderValue::from_static("hired_flash=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
        response.headers_mut().append(header::SET_COOKIE, clear);
    }
    Ok(response)
}

/// Formats a time for people: `2026-03-04 14:05 UTC`.
pub fn when(t: &chrono::DateTime<chrono::Utc>) -> String {
    t.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// Formats a date: `4 Mar 2026`.
pub fn day(t: &chrono::DateTime<chrono::Utc>) -> String {
    t.format("%-d %b %Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urlencode_escapes_everything_but_unreserved_characters() {
        assert_eq!(urlencode("user.access"), "user.access");
        assert_eq!(urlencode("a b&c=d"), "a%20b%26c%3Dd");
    }

    #[test]
    fn flash_survives_the_cookie_round_trip() {
        let encoded = urlencode("success:Moved Ada → Screen; ok");
        assert_eq!(percent_decode(&encoded), "success:Moved Ada → Screen; ok");
    }
}
