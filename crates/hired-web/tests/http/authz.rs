//! Every role against every route: what a role must not reach answers 403 or
//! 404, through the pages and through the API alike.

use axum::http::StatusCode;
use hired_domain::templates::django_backend;
use hired_domain::user::Role;
use hired_store::NewApplication;
use serde_json::json;

use crate::{Actor, TestApp, TestResponse, person};

struct World {
    app: TestApp,
    admin: Actor,
    recruiter: Actor,
    manager: Actor,
    interviewer: Actor,
    requisition: String,
    candidate: String,
    application: String,
}

/// A requisition whose team is only the recruiter, with one candidate on it.
async fn world() -> World {
    let app = TestApp::new().await;
    let (admin, recruiter) = (app.actor(Role::Admin).await, app.actor(Role::Recruiter).await);
    let (manager, interviewer) = (app.actor(Role::HiringManager).await, app.actor(Role::Interviewer).await);
    let req = app.store.create_requisition(&recruiter.user, django_backend().spec).await.unwrap();
    let c = app.store.create_candidate(Some(&recruiter.user), person("Ada", "ada@example.com")).await.unwrap();
    let new = NewApplication { candidate_id: c.id, requisition_id: req.id, source: None };
    let a = app.store.add_application(Some(&recruiter.user), new).await.unwrap();
    World {
        app,
        admin,
        recruiter,
        manager,
        interviewer,
        requisition: req.id.to_string(),
        candidate: c.id.to_string(),
        application: a.id.to_string(),
    }
}

impl World {
    fn path(&self, template: &str) -> String {
        template.replace("{r}", &self.requisition).replace("{c}", &self.candidate).replace("{a}", &self.application)
    }

    async fn page(&self, method: &str, template: &str, actor: Option<&Actor>) -> TestResponse {
        let path = self.path(template);
        match method {
            "GET" => self.app.get(&path, actor).await,
            _ => {
                let fields = [
                    ("stage", "screen"),
                    ("version", "1"),
                    ("status", "open"),
                    ("email", self.admin.user.email.as_str()),
                    ("requisition_id", self.requisition.as_str()),
                    ("body", "A note"),
                    ("name", "Ada"),
                ];
                self.app.post_form(&path, actor, &fields).await
            }
        }
    }

    /// Calls the API with a well-formed body for the route, so only authorization can refuse it.
    async fn api(&self, method: &str, template: &str, actor: Option<&Actor>) -> TestResponse {
        let mut spec = serde_json::to_value(&django_backend().spec).unwrap();
        spec["version"] = 1.into();
        spec.as_object_mut().unwrap().remove("department_id");
        let body = match (method, template) {
            ("GET", _) => None,
            (_, "/requisitions/{r}" | "/requisitions") => Some(spec),
            (_, "/requisitions/{r}/status") => Some(json!({"status": "open", "version": 1})),
            (_, "/requisitions/{r}/applications") => {
                Some(json!({"candidate_id": self.candidate, "source": "referral"}))
            }
            (_, "/candidates/{c}" | "/candidates") => {
                Some(json!({"name": "Ada", "email": "ada2@example.com", "version": 1}))
            }
            _ => Some(json!({"to": "stage", "stage": "screen", "version": 1})),
        };
        self.app.api(method, &format!("/api/v1{}", self.path(template)), actor, body).await
    }
}

const PAGES_OUTSIDE_THE_TEAM: &[(&str, &str)] = &[
    ("GET", "/requisitions/{r}"),
    ("GET", "/requisitions/{r}/board"),
    ("GET", "/requisitions/{r}/board/applied"),
    ("GET", "/requisitions/{r}/edit"),
    ("POST", "/requisitions/{r}"),
    ("POST", "/requisitions/{r}/status"),
    ("POST", "/requisitions/{r}/team"),
    ("POST", "/requisitions/{r}/bulk"),
    ("POST", "/applications/{a}/move"),
    ("GET", "/candidates/{c}"),
    ("GET", "/candidates/{c}/edit"),
    ("POST", "/candidates/{c}"),
    ("POST", "/candidates/{c}/notes"),
    ("POST", "/candidates/{c}/applications"),
];

const API_OUTSIDE_THE_TEAM: &[(&str, &str)] = &[
    ("GET", "/requisitions/{r}"),
    ("PUT", "/requisitions/{r}"),
    ("POST", "/requisitions/{r}/status"),
    ("GET", "/requisitions/{r}/applications"),
    ("POST", "/requisitions/{r}/applications"),
    ("GET", "/candidates/{c}"),
    ("PUT", "/candidates/{c}"),
    ("GET", "/applications/{a}"),
    ("POST", "/applications/{a}/move"),
];

#[tokio::test]
async fn team_scoped_roles_get_not_found_for_records_outside_their_teams() {
    let w = world().await;
    for actor in [&w.manager, &w.interviewer] {
        for (method, path) in PAGES_OUTSIDE_THE_TEAM {
            let status = w.page(method, path, Some(actor)).await.status;
            assert_eq!(status, StatusCode::NOT_FOUND, "page {method} {path} as {}", actor.user.role);
        }
        for (method, path) in API_OUTSIDE_THE_TEAM {
            let status = w.api(method, path, Some(actor)).await.status;
            assert_eq!(status, StatusCode::NOT_FOUND, "api {method} {path} as {}", actor.user.role);
        }
    }
}

#[tokio::test]
async fn admins_and_recruiters_reach_every_requisition_and_candidate() {
    let w = world().await;
    for actor in [&w.admin, &w.recruiter] {
        for path in ["/requisitions/{r}", "/requisitions/{r}/board", "/requisitions/{r}/edit", "/candidates/{c}"] {
            assert_eq!(w.page("GET", path, Some(actor)).await.status, StatusCode::OK, "{path} as {}", actor.user.role);
        }
        for path in ["/requisitions/{r}", "/requisitions/{r}/applications", "/candidates/{c}", "/applications/{a}"] {
            assert_eq!(
                w.api("GET", path, Some(actor)).await.status,
                StatusCode::OK,
                "api {path} as {}",
                actor.user.role
            );
        }
    }
    let r = Some(&w.recruiter);
    assert_eq!(
        w.api("PUT", "/requisitions/{r}", r).await.status,
        StatusCode::OK,
        "the denial tests' bodies are well-formed"
    );
    assert_eq!(w.api("POST", "/applications/{a}/move", r).await.status, StatusCode::OK);
    assert_eq!(w.api("PUT", "/candidates/{c}", r).await.status, StatusCode::OK);
}

#[tokio::test]
async fn interviewers_on_the_team_may_look_but_not_change() {
    let w = world().await;
    let req_id = w.requisition.parse().unwrap();
    w.app.store.set_team_member(&w.recruiter.user, req_id, &w.interviewer.user).await.unwrap();
    let i = Some(&w.interviewer);
    for path in ["/requisitions/{r}", "/requisitions/{r}/board", "/candidates/{c}"] {
        assert_eq!(w.page("GET", path, i).await.status, StatusCode::OK, "{path}");
    }
    for (method, path) in [
        ("GET", "/requisitions/{r}/edit"),
        ("POST", "/requisitions/{r}/status"),
        ("POST", "/applications/{a}/move"),
        ("GET", "/candidates/{c}/edit"),
        ("GET", "/requisitions/new"),
        ("GET", "/candidates/new"),
    ] {
        assert_eq!(w.page(method, path, i).await.status, StatusCode::FORBIDDEN, "page {method} {path}");
    }
    for (method, path) in [
        ("PUT", "/requisitions/{r}"),
        ("POST", "/applications/{a}/move"),
        ("POST", "/requisitions"),
        ("POST", "/candidates"),
    ] {
        assert_eq!(w.api(method, path, i).await.status, StatusCode::FORBIDDEN, "api {method} {path}");
    }
    let page = w.page("GET", "/requisitions/{r}", i).await;
    assert!(!page.body.contains("Salary band") && !page.body.contains("USD 95,000"), "no pay on the page");
    let json = w.api("GET", "/requisitions/{r}", i).await.json();
    assert!(json.get("salary").is_none(), "no pay in the API: {json}");
}

#[tokio::test]
async fn hiring_managers_on_the_team_may_edit_and_move() {
    let w = world().await;
    let req_id = w.requisition.parse().unwrap();
    w.app.store.set_team_member(&w.recruiter.user, req_id, &w.manager.user).await.unwrap();
    let m = Some(&w.manager);
    assert_eq!(w.page("GET", "/requisitions/{r}/edit", m).await.status, StatusCode::OK);
    assert_eq!(w.page("POST", "/applications/{a}/move", m).await.status, StatusCode::SEE_OTHER);
    assert!(w.page("GET", "/requisitions/{r}", m).await.body.contains("USD 95,000"), "managers see the band");
    assert_eq!(w.page("POST", "/requisitions/{r}/team", m).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn only_admins_reach_the_admin_pages() {
    let w = world().await;
    let pages = [
        ("GET", "/admin/users"),
        ("POST", "/admin/users"),
        ("GET", "/admin/audit"),
        ("GET", "/admin/jobs"),
        ("GET", "/admin/templates"),
        ("GET", "/admin/templates/new"),
        ("POST", "/admin/templates"),
    ];
    for actor in [&w.recruiter, &w.manager, &w.interviewer] {
        for (method, path) in pages {
            assert_eq!(
                w.page(method, path, Some(actor)).await.status,
                StatusCode::FORBIDDEN,
                "{method} {path} as {}",
                actor.user.role
            );
        }
    }
    for (_, path) in pages.iter().filter(|(m, _)| *m == "GET") {
        assert_eq!(w.page("GET", path, Some(&w.admin)).await.status, StatusCode::OK, "{path} as admin");
    }
}

#[tokio::test]
async fn anonymous_callers_are_sent_to_sign_in_or_told_to_authenticate() {
    let w = world().await;
    for (method, path) in
        PAGES_OUTSIDE_THE_TEAM.iter().chain(&[("GET", "/"), ("GET", "/admin/users"), ("GET", "/candidates")])
    {
        let response = w.page(method, path, None).await;
        assert!(
            response.status == StatusCode::SEE_OTHER && response.location().starts_with("/login"),
            "{method} {path}: {}",
            response.status
        );
    }
    for (method, path) in API_OUTSIDE_THE_TEAM.iter().chain(&[("GET", "/requisitions"), ("GET", "/candidates")]) {
        let response = w.api(method, path, None).await;
        assert_eq!(response.status, StatusCode::UNAUTHORIZED, "api {method} {path}");
        assert_eq!(response.headers["content-type"], "application/problem+json");
    }
}
