//! `TestApp`: the whole router over a fresh store, with typed helpers for
//! signing in as each role and sending page, form and API requests.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use chrono::Duration;
use hired_domain::Email;
use hired_domain::user::{Role, User};
use hired_store::Store;
use hired_store::testing::{Backend, TestStore};
use http_body_util::BodyExt;
use tower::ServiceExt;

/// The application under test.
pub struct TestApp {
    /// The router, called in-process.
    pub router: Router,
    /// Direct access to the store for setting up and checking state.
    pub store: Store,
    _store: TestStore,
}

/// A signed-in staff member: their user, session cookie, CSRF token and API token.
#[derive(Clone)]
pub struct Actor {
    /// The user.
    pub user: User,
    /// `Cookie` header value.
    pub cookie: String,
    /// CSRF token of the session.
    pub csrf: String,
    /// A bearer token for the API.
    pub token: String,
}

/// A response, read whole.
pub struct TestResponse {
    /// Status.
    pub status: StatusCode,
    /// Headers.
    pub headers: axum::http::HeaderMap,
    /// Body as text.
    pub body: String,
}

impl TestResponse {
    /// The body parsed as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    /// The `Location` header.
    pub fn location(&self) -> &str {
        self.headers.get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or("")
    }
}

impl TestApp {
    /// A fresh app on SQLite.
    pub async fn new() -> Self {
        Self::on(Backend::Sqlite).await
    }

    /// A fresh app on `backend`.
    pub async fn on(backend: Backend) -> Self {
        let t = hired_store::testing::open(backend).await;
        let state = hired_web::AppState::new(t.store.clone(), hired_web::WebConfig::default());
        Self { router: hired_web::app(state), store: t.store.clone(), _store: t }
    }

    /// A fresh app on SQLite with `config` (a tighter rate limit, say).
    pub async fn with_config(config: hired_web::WebConfig) -> Self {
        let t = hired_store::testing::open(Backend::Sqlite).await;
        let state = hired_web::AppState::new(t.store.clone(), config);
        Self { router: hired_web::app(state), store: t.store.clone(), _store: t }
    }

    /// Creates a user with `role` and signs them in (session and API token).
    pub async fn actor(&self, role: Role) -> Actor {
        let email = Email::parse(&format!("{}-{}@example.com", role.as_str(), uuid::Uuid::now_v7().simple())).unwrap();
        let name = format!("Test {}", role.label());
        let user = self.store.create_user(&email, &name, role, None).await.unwrap();
        let (secret, session) = self.store.create_session(&user, Duration::hours(1)).await.unwrap();
        let (token, _) = self.store.create_token(user.id, "tests").await.unwrap();
        Actor { user, cookie: format!("hired_session={secret}"), csrf: session.csrf_token, token }
    }

    /// Sends a request and reads the whole response.
    pub async fn send(&self, request: Request<Body>) -> TestResponse {
        let response = self.router.clone().oneshot(request).await.expect("router never fails");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.expect("body").to_bytes();
        TestResponse { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
    }

    /// `GET path` as a signed-in staff member (or anonymously).
    pub async fn get(&self, path: &str, actor: Option<&Actor>) -> TestResponse {
        let mut request = Request::get(path);
        if let Some(a) = actor {
            request = request.header(header::COOKIE, &a.cookie);
        }
        self.send(request.body(Body::empty()).unwrap()).await
    }

    /// `POST path` with a form body; the actor's CSRF token is added unless the fields carry one.
    pub async fn post_form(&self, path: &str, actor: Option<&Actor>, fields: &[(&str, &str)]) -> TestResponse {
        let mut pairs: Vec<(String, String)> = fields.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let mut request = Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(a) = actor {
            request = request.header(header::COOKIE, &a.cookie);
            if !pairs.iter().any(|(k, _)| k == "csrf") {
                pairs.push(("csrf".into(), a.csrf.clone()));
            }
        }
        let body = serde_html_form::to_string(&pairs).unwrap();
        self.send(request.body(Body::from(body)).unwrap()).await
    }

    /// An API request with the actor's bearer token and an optional JSON body.
    pub async fn api(
        &self,
        method: &str,
        path: &str,
        actor: Option<&Actor>,
        body: Option<serde_json::Value>,
    ) -> TestResponse {
        let mut request = Request::builder().method(method).uri(path);
        if let Some(a) = actor {
            request = request.header(header::AUTHORIZATION, format!("Bearer {}", a.token));
        }
        let body = match body {
            Some(json) => {
                request = request.header(header::CONTENT_TYPE, "application/json");
                Body::from(json.to_string())
            }
            None => Body::empty(),
        };
        self.send(request.body(body).unwrap()).await
    }
}

/// Minimal valid candidate details.
pub fn person(name: &str, email: &str) -> hired_domain::candidate::CandidateDetails {
    hired_domain::candidate::CandidateDetails {
        name: name.into(),
        email: Some(Email::parse(email).unwrap()),
        phone: None,
        location: Some("Lisbon".into()),
        github: None,
        linkedin: None,
        portfolio: None,
        tags: vec!["python".into()],
        source: Some("referral".into()),
    }
}
