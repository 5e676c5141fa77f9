//! The JSON API: tokens, problem+json errors, pagination, concurrency,
//! team scoping and the OpenAPI document.

use std::collections::BTreeSet;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use hired_domain::RequisitionId;
use hired_domain::user::Role;
use serde_json::{Value, json};

use crate::{Actor, TestApp, TestResponse};

fn requisition_body(title: &str) -> Value {
    json!({
        "title": title,
        "locations": ["Berlin"],
        "remote": "hybrid",
        "employment_type": "full_time",
        "sourcing": "in_house",
        "level": "mid",
        "headcount": 2,
        "responsibilities": ["Build and run our REST APIs"],
        "skills": [{"skill": "Django", "required": true, "weight": 9, "min_years": 2}, {"skill": "Redis"}],
        "certifications": [],
        "salary": {"min_minor": 9_500_000, "max_minor": 13_000_000, "currency": "USD", "period": "year"}
    })
}

async fn create_requisition(app: &TestApp, actor: &Actor, title: &str) -> Value {
    let response = app.api("POST", "/api/v1/requisitions", Some(actor), Some(requisition_body(title))).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.body);
    response.json()
}

async fn create_candidate(app: &TestApp, actor: &Actor, name: &str) -> Value {
    let email = format!("{}@example.com", name.to_lowercase().replace(' ', "."));
    let body = json!({"name": name, "email": email, "tags": ["Python"]});
    let response = app.api("POST", "/api/v1/candidates", Some(actor), Some(body)).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.body);
    response.json()
}

async fn apply(app: &TestApp, actor: &Actor, requisition: &Value, candidate: &Value) -> Value {
    let path = format!("/api/v1/requisitions/{}/applications", requisition["id"].as_str().unwrap());
    let body = json!({"candidate_id": candidate["id"], "source": "referral"});
    let response = app.api("POST", &path, Some(actor), Some(body)).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.body);
    response.json()
}

async fn move_application(app: &TestApp, actor: &Actor, application: &Value, body: Value) -> TestResponse {
    let path = format!("/api/v1/applications/{}/move", application["id"].as_str().unwrap());
    app.api("POST", &path, Some(actor), Some(body)).await
}

async fn raw_json(app: &TestApp, actor: &Actor, path: &str, content_type: Option<&str>, body: &str) -> TestResponse {
    let mut request = Request::post(path).header(header::AUTHORIZATION, format!("Bearer {}", actor.token));
    if let Some(content_type) = content_type {
        request = request.header(header::CONTENT_TYPE, content_type);
    }
    app.send(request.body(Body::from(body.to_owned())).unwrap()).await
}

fn assert_problem(response: &TestResponse, status: StatusCode) -> Value {
    assert_eq!(response.status, status, "{}", response.body);
    let content_type = response.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    assert_eq!(content_type, "application/problem+json", "{}", response.body);
    let problem = response.json();
    assert_eq!(problem["status"], status.as_u16(), "{problem}");
    assert!(problem["type"].as_str().unwrap().starts_with("https://hired.dev/problems/"), "{problem}");
    assert!(!problem["detail"].as_str().unwrap().is_empty(), "{problem}");
    problem
}

fn ids(items: &Value) -> Vec<String> {
    items.as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn requests_without_a_working_token_get_a_401_problem() {
    let app = TestApp::new().await;
    let anonymous = app.api("GET", "/api/v1/requisitions", None, None).await;
    assert_problem(&anonymous, StatusCode::UNAUTHORIZED);

    let forged =
        Request::get("/api/v1/candidates").header(header::AUTHORIZATION, "Bearer hired_forged").body(Body::empty());
    assert_problem(&app.send(forged.unwrap()).await, StatusCode::UNAUTHORIZED);

    let actor = app.actor(Role::Recruiter).await;
    let cookie_only = app.get("/api/v1/requisitions", Some(&actor)).await;
    assert_problem(&cookie_only, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_requisition_round_trips_through_create_get_update_and_list() {
    let app = TestApp::new().await;
    let recruiter = app.actor(Role::Recruiter).await;
    let response =
        app.api("POST", "/api/v1/requisitions", Some(&recruiter), Some(requisition_body("Backend Developer"))).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.body);
    let created = response.json();
    assert_eq!(response.location(), format!("/api/v1/requisitions/{}", created["id"].as_str().unwrap()));
    assert_eq!(created["status"], "draft");
    assert_eq!(created["skills"][1], json!({"skill": "Redis", "required": false, "weight": 5, "min_years": null}));
    assert_eq!(created["salary"]["max_minor"], 13_000_000);
    assert_eq!(created["stages"][0]["key"], "applied");
    assert_eq!(created["hiring_team"][0]["email"], recruiter.user.email.as_str());

    let fetched = app.api("GET", response.location(), Some(&recruiter), None).await;
    assert_eq!(fetched.status, StatusCode::OK);
    assert_eq!(fetched.json(), created);

    let mut update = requisition_body("Senior Backend Developer");
    update["level"] = json!("senior");
    update["version"] = created["version"].clone();
    let updated = app.api("PUT", response.location(), Some(&recruiter), Some(update)).await;
    assert_eq!(updated.status, StatusCode::OK, "{}", updated.body);
    assert_eq!(
        (updated.json()["title"].as_str(), updated.json()["version"].as_i64()),
        (Some("Senior Backend Developer"), Some(2))
    );

    let status_path = format!("{}/status", response.location());
    let opened = app.api("POST", &status_path, Some(&recruiter), Some(json!({"status": "open", "version": 2}))).await;
    assert_eq!(opened.json()["status"], "open", "{}", opened.body);

    let list = app.api("GET", "/api/v1/requisitions?status=open&level=senior&q=backend", Some(&recruiter), None).await;
    assert_eq!(list.status, StatusCode::OK);
    let list = list.json();
    assert_eq!(ids(&list["items"]), vec![created["id"].as_str().unwrap().to_owned()]);
    assert_eq!(list["items"][0]["title"], "Senior Backend Developer");
    assert_eq!(list["next_cursor"], Value::Null);
    let none = app.api("GET", "/api/v1/requisitions?status=draft", Some(&recruiter), None).await.json();
    assert_eq!(none["items"], json!([]));
}

#[tokio::test]
async fn invalid_values_are_a_422_problem_naming_every_field_by_its_path() {
    let app = TestApp::new().await;
    let recruiter = app.actor(Role::Recruiter).await;
    let mut body = requisition_body(" ");
    body["level"] = json!("guru");
    body["skills"] = json!([{"skill": "Django"}, {"skill": "Flask", "weight": 11}]);
    body["salary"]["currency"] = json!("dollars");
    let response = app.api("POST", "/api/v1/requisitions", Some(&recruiter), Some(body)).await;
    let problem = assert_problem(&response, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: BTreeSet<&str> =
        problem["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, BTreeSet::from(["title", "level", "skills[1]", "salary.currency"]), "{problem}");
    let skill = problem["errors"].as_array().unwrap().iter().find(|e| e["field"] == "skills[1]").unwrap();
    assert_eq!(skill["message"], "weight must be 1 to 10");

    let candidate =
        app.api("POST", "/api/v1/candidates", Some(&recruiter), Some(json!({"name": "Ada", "email": "nope"}))).await;
    let problem = assert_problem(&candidate, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem["errors"][0]["field"], "email");
    let listed = app.api("GET", "/api/v1/requisitions", Some(&recruiter), None).await.json();
    assert_eq!(listed["items"], json!([]), "nothing was written");
}

#[tokio::test]
async fn malformed_json_is_a_400_problem_that_says_what_is_wrong() {
    let app = TestApp::new().await;
    let recruiter = app.actor(Role::Recruiter).await;
    let syntax = raw_json(&app, &recruiter, "/api/v1/requisitions", Some("application/json"), "{\"title\": ").await;
    assert!(assert_problem(&syntax, StatusCode::BAD_REQUEST)["detail"].as_str().unwrap().contains("not valid JSON"));

    let mut body = requisition_body("Backend Developer");
    body["headcount"] = json!("two");
    let shape = raw_json(&app, &recruiter, "/api/v1/requisitions", Some("application/json"), &body.to_string()).await;
    let detail = assert_problem(&shape, StatusCode::BAD_REQUEST)["detail"].as_str().unwrap().to_owned();
    assert!(detail.contains("headcount"), "{detail}");

    let untyped = raw_json(&app, &recruiter, "/api/v1/candidates", None, "{\"name\": \"Ada\"}").await;
    assert!(assert_problem(&untyped, StatusCode::BAD_REQUEST)["detail"].as_str().unwrap().contains("Content-Type"));

    let bad_limit = app.api("GET", "/api/v1/candidates?limit=ten", Some(&recruiter), None).await;
    assert_problem(&bad_limit, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn malformed_and_unknown_ids_are_404_problems() {
    let app = TestApp::new().await;
    let recruiter = app.actor(Role::Recruiter).await;
    let unknown = uuid::Uuid::now_v7();
    for path in [
        "/api/v1/requisitions/not-a-uuid".to_owned(),
        format!("/api/v1/requisitions/{unknown}"),
        format!("/api/v1/requisitions/{unknown}/applications"),
        "/api/v1/candidates/123".to_owned(),
        format!("/api/v1/candidates/{unknown}"),
        "/api/v1/applications/%E2%9C%93".to_owned(),
        format!("/api/v1/applications/{unknown}"),
        "/api/v1/no-such-endpoint".to_owned(),
    ] {
        let response = app.api("GET", &path, Some(&recruiter), None).await;
        assert_problem(&response, StatusCode::NOT_FOUND);
    }
    let move_body = json!({"to": "stage", "stage": "screen", "version": 1});
    let response = app.api("POST", "/api/v1/applications/nope/move", Some(&recruiter), Some(move_body)).await;
    assert_problem(&response, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn cursor_pagination_walks_every_item_exactly_once_and_refuses_a_tampered_cursor() {
    let app = TestApp::new().await;
    let recruiter = app.actor(Role::Recruiter).await;
    let mut expected = BTreeSet::new();
    for n in 0..7 {
        expected.insert(
            create_candidate(&app, &recruiter, &format!("Candidate {n}")).await["id"].as_str().unwrap().to_owned(),
        );
    }
    let mut seen = Vec::new();
    let mut path = "/api/v1/candidates?limit=3".to_owned();
    loop {
        let page = app.api("GET", &path, Some(&recruiter), None).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        let page = page.json();
        assert!(page["items"].as_array().unwrap().len() <= 3);
        seen.extend(ids(&page["items"]));
        match page["next_cursor"].as_str() {
            Some(cursor) => path = format!("/api/v1/candidates?limit=3&cursor={cursor}"),
            None => break,
        }
    }
    assert_eq!(seen.len(), 7, "{seen:?}");
    assert_eq!(seen.into_iter().collect::<BTreeSet<_>>(), expected);

    let first = app.api("GET", "/api/v1/candidates?limit=3", Some(&recruiter), None).await.json();
    let cursor = first["next_cursor"].as_str().unwrap();
    let truncated = &cursor[..cursor.len() - 5];
    let not_ours = "bm90LWEtY3Vyc29y";
    for tampered in [truncated, not_ours, "garbage!"] {
        let response = app.api("GET", &format!("/api/v1/candidates?cursor={tampered}"), Some(&recruiter), None).await;
        let problem = assert_problem(&response, StatusCode::BAD_REQUEST);
        assert!(problem["detail"].as_str().unwrap().contains("next_cursor"), "{problem}");
    }
}

#[tokio::test]
async fn moving_with_a_stale_version_is_a_409_problem_and_changes_nothing() {
    let app = TestApp::new().await;
    let recruiter = app.actor(Role::Recruiter).await;
    let requisition = create_requisition(&app, &recruiter, "Backend Developer").await;
    let candidate = create_candidate(&app, &recruiter, "Ada Lovelace").await;
    let application = apply(&app, &recruiter, &requisition, &candidate).await;
    assert_eq!((application["stage"].as_str(), application["version"].as_i64()), (Some("applied"), Some(1)));

    let moved =
        move_application(&app, &recruiter, &application, json!({"to": "stage", "stage": "screen", "version": 1})).await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
    assert_eq!((moved.json()["stage"].as_str(), moved.json()["version"].as_i64()), (Some("screen"), Some(2)));

    let stale = move_application(
        &app,
        &recruiter,
        &application,
        json!({"to": "reject", "reason": "Missing required skills", "version": 1}),
    )
    .await;
    let problem = assert_problem(&stale, StatusCode::CONFLICT);
    assert!(problem["detail"].as_str().unwrap().contains("someone else changed this application"), "{problem}");
    let path = format!("/api/v1/applications/{}", application["id"].as_str().unwrap());
    let current = app.api("GET", &path, Some(&recruiter), None).await.json();
    assert_eq!((current["status"].as_str(), current["version"].as_i64()), (Some("active"), Some(2)));

    let withdrawn = move_application(&app, &recruiter, &application, json!({"to": "withdraw", "version": 2})).await;
    assert_eq!(withdrawn.json()["status"], "withdrawn", "{}", withdrawn.body);
}

#[tokio::test]
async fn interviewers_list_and_open_only_their_teams_requisitions() {
    let app = TestApp::new().await;
    let recruiter = app.actor(Role::Recruiter).await;
    let interviewer = app.actor(Role::Interviewer).await;
    let theirs = create_requisition(&app, &recruiter, "Backend Developer").await;
    let other = create_requisition(&app, &recruiter, "Secret Project Lead").await;
    let theirs_id: RequisitionId = theirs["id"].as_str().unwrap().parse().unwrap();
    app.store.set_team_member(&recruiter.user, theirs_id, &interviewer.user).await.unwrap();

    let list = app.api("GET", "/api/v1/requisitions", Some(&interviewer), None).await.json();
    assert_eq!(ids(&list["items"]), ids(&json!([theirs])));
    let path = format!("/api/v1/requisitions/{}", other["id"].as_str().unwrap());
    assert_problem(&app.api("GET", &path, Some(&interviewer), None).await, StatusCode::NOT_FOUND);
    let path = format!("/api/v1/requisitions/{}/applications", other["id"].as_str().unwrap());
    assert_problem(&app.api("GET", &path, Some(&interviewer), None).await, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn interviewers_may_not_create_requisitions_or_move_candidates() {
    let app = TestApp::new().await;
    let recruiter = app.actor(Role::Recruiter).await;
    let interviewer = app.actor(Role::Interviewer).await;
    let created = app.api("POST", "/api/v1/requisitions", Some(&interviewer), Some(requisition_body("Mine"))).await;
    assert_problem(&created, StatusCode::FORBIDDEN);

    let requisition = create_requisition(&app, &recruiter, "Backend Developer").await;
    let id: RequisitionId = requisition["id"].as_str().unwrap().parse().unwrap();
    app.store.set_team_member(&recruiter.user, id, &interviewer.user).await.unwrap();
    let candidate = create_candidate(&app, &recruiter, "Ada Lovelace").await;
    let application = apply(&app, &recruiter, &requisition, &candidate).await;
    let moved =
        move_application(&app, &interviewer, &application, json!({"to": "stage", "stage": "screen", "version": 1}))
            .await;
    assert_problem(&moved, StatusCode::FORBIDDEN);
    let path = format!("/api/v1/applications/{}", application["id"].as_str().unwrap());
    assert_eq!(app.api("GET", &path, Some(&interviewer), None).await.json()["stage"], "applied");
}

#[tokio::test]
async fn interviewers_never_get_a_salary_field_even_on_their_team() {
    let app = TestApp::new().await;
    let recruiter = app.actor(Role::Recruiter).await;
    let interviewer = app.actor(Role::Interviewer).await;
    let requisition = create_requisition(&app, &recruiter, "Backend Developer").await;
    let id: RequisitionId = requisition["id"].as_str().unwrap().parse().unwrap();
    app.store.set_team_member(&recruiter.user, id, &interviewer.user).await.unwrap();

    let path = format!("/api/v1/requisitions/{id}");
    let seen = app.api("GET", &path, Some(&interviewer), None).await;
    assert_eq!(seen.status, StatusCode::OK, "{}", seen.body);
    assert!(seen.json().get("salary").is_none(), "{}", seen.body);
    assert!(!seen.body.contains("13000000") && !seen.body.contains("min_minor"), "{}", seen.body);
    assert!(app.api("GET", &path, Some(&recruiter), None).await.json()["salary"].is_object());
}

#[tokio::test]
async fn application_lists_count_every_board_column_and_filter_by_one() {
    let app = TestApp::new().await;
    let recruiter = app.actor(Role::Recruiter).await;
    let requisition = create_requisition(&app, &recruiter, "Backend Developer").await;
    let mut applications = Vec::new();
    for name in ["Ada Lovelace", "Grace Hopper", "Alan Turing", "Edsger Dijkstra"] {
        let candidate = create_candidate(&app, &recruiter, name).await;
        applications.push(apply(&app, &recruiter, &requisition, &candidate).await);
    }
    let screen = json!({"to": "stage", "stage": "screen", "version": 1});
    assert_eq!(move_application(&app, &recruiter, &applications[0], screen).await.status, StatusCode::OK);
    let reject = json!({"to": "reject", "reason": "Missing required skills", "version": 1});
    assert_eq!(move_application(&app, &recruiter, &applications[1], reject).await.status, StatusCode::OK);

    let base = format!("/api/v1/requisitions/{}/applications", requisition["id"].as_str().unwrap());
    let all = app.api("GET", &base, Some(&recruiter), None).await.json();
    assert_eq!(all["items"].as_array().unwrap().len(), 4);
    assert_eq!(
        all["counts"],
        json!({"applied": 2, "screen": 1, "assessment": 0, "interviews": 0, "references": 0, "offer": 0,
               "hired": 0, "rejected": 1, "withdrawn": 0})
    );
    let screened = app.api("GET", &format!("{base}?stage=screen"), Some(&recruiter), None).await.json();
    assert_eq!(ids(&screened["items"]), vec![applications[0]["id"].as_str().unwrap().to_owned()]);
    assert_eq!(screened["items"][0]["candidate_name"], "Ada Lovelace");
    assert_eq!(screened["counts"], all["counts"]);
    let rejected = app.api("GET", &format!("{base}?stage=rejected&limit=1"), Some(&recruiter), None).await.json();
    assert_eq!(rejected["items"][0]["status_reason"], "Missing required skills");
    assert_problem(
        &app.api("GET", &format!("{base}?stage=nowhere"), Some(&recruiter), None).await,
        StatusCode::BAD_REQUEST,
    );

    let candidate = app
        .api(
            "GET",
            &format!("/api/v1/candidates/{}", applications[1]["candidate_id"].as_str().unwrap()),
            Some(&recruiter),
            None,
        )
        .await
        .json();
    assert_eq!(candidate["applications"][0]["status"], "rejected");
}

#[tokio::test]
async fn the_openapi_document_is_3_1_and_documents_every_endpoint() {
    let app = TestApp::new().await;
    let response = app.api("GET", "/api/v1/openapi.json", None, None).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let doc = response.json();
    assert_eq!(doc["openapi"], "3.1.0");
    let paths: BTreeSet<&str> = doc["paths"].as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        paths,
        BTreeSet::from([
            "/api/v1/requisitions",
            "/api/v1/requisitions/{id}",
            "/api/v1/requisitions/{id}/status",
            "/api/v1/requisitions/{id}/applications",
            "/api/v1/requisitions/{id}/match-weights",
            "/api/v1/candidates",
            "/api/v1/candidates/{id}",
            "/api/v1/applications/{id}",
            "/api/v1/applications/{id}/move",
            "/api/v1/applications/{id}/scorecards",
            "/api/v1/requisitions/{id}/posting",
            "/api/v1/requisitions/{id}/posting/unpublish",
            "/api/v1/requisitions/{id}/ranking",
            "/api/v1/requisitions/{id}/rediscovery",
            "/api/v1/requisitions/{id}/screening",
            "/api/v1/channels",
            "/api/v1/channels/{id}",
            "/api/v1/board/postings",
            "/api/v1/board/postings/{slug}",
            "/api/v1/board/postings/{slug}/applications",
            "/api/v1/imports",
            "/api/v1/imports/{id}",
            "/api/v1/interviews/{id}/scorecard",
            "/api/v1/openapi.json",
            "/api/v1/search",
        ])
    );
    let methods =
        |path: &str| -> BTreeSet<String> { doc["paths"][path].as_object().unwrap().keys().cloned().collect() };
    assert_eq!(methods("/api/v1/requisitions/{id}"), BTreeSet::from(["get".into(), "put".into()]));
    assert_eq!(methods("/api/v1/requisitions/{id}/applications"), BTreeSet::from(["get".into(), "post".into()]));
    let operations: Vec<&str> = doc["paths"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|item| item.as_object().unwrap().values().map(|op| op["operationId"].as_str().unwrap()))
        .collect();
    assert_eq!(operations.len(), 34);
    assert_eq!(operations.iter().collect::<BTreeSet<_>>().len(), operations.len(), "operation ids are unique");
    assert_eq!(doc["components"]["securitySchemes"]["bearer"]["scheme"], "bearer");
    assert_eq!(doc["security"], json!([{"bearer": []}]));
    let not_found = &doc["components"]["responses"]["NotFound"]["content"]["application/problem+json"];
    assert_eq!(not_found["schema"]["$ref"], "#/components/schemas/Problem");
    let conflict = &doc["paths"]["/api/v1/applications/{id}/move"]["post"]["responses"]["409"];
    assert_eq!(conflict["$ref"], "#/components/responses/Conflict");
}
