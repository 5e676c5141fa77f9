//! Signing in and out, sessions, CSRF and throttling.

use axum::http::StatusCode;
use hired_domain::Email;
use hired_domain::user::Role;

use crate::TestApp;

async fn login_form(app: &TestApp) -> (String, String) {
    let page = app.get("/login", None).await;
    assert_eq!(page.status, StatusCode::OK);
    let cookie = page.headers.get("set-cookie").unwrap().to_str().unwrap().split(';').next().unwrap().to_owned();
    let token = cookie.split_once('=').unwrap().1.to_owned();
    (cookie, token)
}

async fn sign_in(app: &TestApp, email: &str, password: &str) -> crate::TestResponse {
    let (cookie, token) = login_form(app).await;
    let body = serde_html_form::to_string([
        ("email", email),
        ("password", password),
        ("csrf", &token),
        ("next", "/candidates"),
    ])
    .unwrap();
    let request = axum::http::Request::post("/login")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", cookie)
        .body(axum::body::Body::from(body))
        .unwrap();
    app.send(request).await
}

#[tokio::test]
async fn pages_redirect_anonymous_visitors_to_sign_in() {
    let app = TestApp::new().await;
    let response = app.get("/requisitions?status=open", None).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    assert_eq!(response.location(), "/login?next=/requisitions%3Fstatus%3Dopen");
}

#[tokio::test]
async fn a_correct_password_starts_a_fresh_httponly_session() {
    let app = TestApp::new().await;
    let hash = hired_web::hash_password("correct horse battery").unwrap();
    app.store.create_user(&Email::parse("ada@example.com").unwrap(), "Ada", Role::Recruiter, Some(hash)).await.unwrap();
    let response = sign_in(&app, "ADA@example.com", "correct horse battery").await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    assert_eq!(response.location(), "/candidates");
    let cookies: Vec<&str> = response.headers.get_all("set-cookie").iter().map(|v| v.to_str().unwrap()).collect();
    let session = cookies.iter().find(|c| c.starts_with("hired_session=")).expect("session cookie");
    assert!(session.contains("HttpOnly") && session.contains("SameSite=Lax"), "{session}");
    let secret = session.split(';').next().unwrap().trim_start_matches("hired_session=");
    assert!(app.store.session(secret).await.unwrap().is_some());
}

#[tokio::test]
async fn wrong_passwords_are_refused_then_throttled() {
    let app = TestApp::new().await;
    let hash = hired_web::hash_password("correct horse battery").unwrap();
    app.store.create_user(&Email::parse("ada@example.com").unwrap(), "Ada", Role::Recruiter, Some(hash)).await.unwrap();
    for _ in 0..5 {
        assert_eq!(sign_in(&app, "ada@example.com", "wrong").await.status, StatusCode::UNAUTHORIZED);
    }
    let blocked = sign_in(&app, "ada@example.com", "correct horse battery").await;
    assert_eq!(blocked.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn a_sign_in_form_without_its_token_is_refused() {
    let app = TestApp::new().await;
    let response = app.post_form("/login", None, &[("email", "a@example.com"), ("password", "x")]).await;
    assert_eq!(response.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn logout_needs_the_csrf_token_and_ends_the_session() {
    let app = TestApp::new().await;
    let actor = app.actor(Role::Recruiter).await;
    let forged = app.post_form("/logout", Some(&actor), &[("csrf", "forged")]).await;
    assert_eq!(forged.status, StatusCode::BAD_REQUEST);
    assert_eq!(app.get("/", Some(&actor)).await.status, StatusCode::OK);
    let out = app.post_form("/logout", Some(&actor), &[]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(app.get("/", Some(&actor)).await.status, StatusCode::SEE_OTHER, "the old cookie no longer works");
}
