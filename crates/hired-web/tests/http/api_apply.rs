//! The public job board API as integrations use it: open postings, one posting with its
//! questions, and applying with a multipart form (201, 200 on a retry, 404, 413, 422, 429).

use axum::http::{StatusCode, header};
use hired_domain::user::Role;
use hired_store::{CandidateFilter, MAX_ATTACHMENT_BYTES};

use crate::TestApp;
use crate::careers_apply::support::{ApplyForm, QUESTIONS, live_posting, on_both_backends, send_form};

fn applications_path(slug: &str) -> String {
    format!("/api/v1/board/postings/{slug}/applications")
}

#[tokio::test]
async fn the_board_lists_open_postings_and_shows_one_with_its_questions() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await.user;
    let (open_req, open) = live_posting(&app, &admin, "Django Developer", QUESTIONS, None).await;
    let (closed_req, closed) = live_posting(&app, &admin, "Old Job", "", None).await;
    app.store.unpublish_posting(&admin, closed_req.id).await.unwrap();

    let list = app.api("GET", "/api/v1/board/postings", None, None).await;
    assert_eq!(list.status, StatusCode::OK);
    let items = list.json()["items"].as_array().unwrap().clone();
    assert_eq!(items.len(), 1, "only open postings");
    let item = &items[0];
    assert_eq!(item["slug"], open.slug.as_str());
    assert_eq!(item["title"], "Django Developer");
    assert_eq!(item["location"], "Berlin, DE (hybrid)");
    assert_eq!(item["level"], open_req.spec.level.as_str());
    assert_eq!(item["url"], format!("http://127.0.0.1:8080/careers/{}", open.slug));

    let one = app.api("GET", &format!("/api/v1/board/postings/{}", open.slug), None, None).await;
    assert_eq!(one.status, StatusCode::OK);
    let json = one.json();
    assert_eq!(json["description"], "Build our **Django** APIs.");
    let questions = json["questions"].as_array().unwrap();
    assert_eq!(questions.len(), 6);
    assert_eq!(questions[1]["key"], "q2");
    assert_eq!(questions[1]["kind"], "yes_no");
    assert_eq!(questions[1]["options"], serde_json::json!(["yes", "no"]));
    assert_eq!(questions[2]["options"], serde_json::json!(["Django", "Flask", "FastAPI"]));
    assert!(!one.body.contains("knockout"), "applicants never see the knockout rules");

    for slug in [closed.slug.as_str(), "no-such-job"] {
        let missing = app.api("GET", &format!("/api/v1/board/postings/{slug}"), None, None).await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        assert_eq!(missing.headers[header::CONTENT_TYPE], "application/problem+json");
        let refused = send_form(&app, &applications_path(slug), &ApplyForm::new("Ann", "ann@example.com"), &[]).await;
        assert_eq!(refused.status, StatusCode::NOT_FOUND);
    }
}

async fn applying_through_the_api_answers_201_then_200_for_a_retry(app: TestApp) {
    let admin = app.actor(Role::Admin).await.user;
    let (_, posting) = live_posting(&app, &admin, "Django Developer", QUESTIONS, None).await;
    let form = ApplyForm::new("Ann Lee", "ann@example.com").set("q1", "1").set("q2", "yes");
    let path = applications_path(&posting.slug);
    let created = send_form(&app, &path, &form, &[("Idempotency-Key", "client-key-1")]).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let receipt = created.json();
    assert_eq!(receipt["outcome"], "created");
    assert_eq!(receipt["status"], "active");
    assert_eq!(receipt["meets_requirements"], false, "under two years of Django");
    let id = receipt["application_id"].as_str().unwrap().to_owned();
    assert_eq!(created.location(), format!("/api/v1/applications/{id}"));

    let retry = send_form(&app, &path, &form, &[("Idempotency-Key", "client-key-1")]).await;
    assert_eq!(retry.status, StatusCode::OK);
    assert_eq!(
        (retry.json()["outcome"].as_str(), retry.json()["application_id"].as_str()),
        (Some("replayed"), Some(id.as_str()))
    );
    let by_field = send_form(&app, &path, &form.clone().set("idempotency_key", "client-key-1"), &[]).await;
    assert_eq!(by_field.json()["outcome"], "replayed");
    let twice = send_form(&app, &path, &form, &[]).await;
    assert_eq!(twice.status, StatusCode::OK);
    assert_eq!(twice.json()["outcome"], "already_applied");
    assert_eq!(twice.json()["candidate_id"], receipt["candidate_id"]);
    let all = app.store.list_candidates(&CandidateFilter::default(), None, 10).await.unwrap();
    assert_eq!(all.items.len(), 1);
    assert_eq!(all.items[0].application_count, 1);
}

on_both_backends!(applying_through_the_api_answers_201_then_200_for_a_retry);

#[tokio::test]
async fn an_invalid_api_application_is_a_422_problem_naming_each_field() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await.user;
    let (_, posting) = live_posting(&app, &admin, "Django Developer", QUESTIONS, None).await;
    let form = ApplyForm::new("Ann Lee", "not-an-email").set("q1", "many").without("consent").without("resume");
    let refused = send_form(&app, &applications_path(&posting.slug), &form, &[]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.headers[header::CONTENT_TYPE], "application/problem+json");
    let fields: Vec<String> =
        refused.json()["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_owned()).collect();
    for field in ["email", "consent", "q1", "q2", "resume"] {
        assert!(fields.iter().any(|f| f == field), "{field} in {fields:?}");
    }
    let too_big = vec![b'%'; MAX_ATTACHMENT_BYTES + 1];
    let large = ApplyForm::new("Ann Lee", "ann@example.com").file("cv.pdf", &too_big);
    let refused = send_form(&app, &applications_path(&posting.slug), &large, &[]).await;
    assert_eq!(refused.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(refused.json()["errors"][0]["field"], "resume");
    let long_key = "k".repeat(101);
    let fine = ApplyForm::new("Ann Lee", "ann@example.com").set("q1", "3").set("q2", "yes");
    let bad_key = send_form(&app, &applications_path(&posting.slug), &fine, &[("Idempotency-Key", &long_key)]).await;
    assert_eq!(bad_key.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad_key.body);
    assert_eq!(bad_key.json()["errors"][0]["field"], "idempotency_key");
    assert!(app.store.list_candidates(&CandidateFilter::default(), None, 10).await.unwrap().items.is_empty());
}

#[tokio::test]
async fn the_api_shares_the_rate_limit_and_answers_429_with_retry_after() {
    let app = TestApp::with_config(hired_web::WebConfig { apply_per_minute: 1, ..Default::default() }).await;
    let admin = app.actor(Role::Admin).await.user;
    let (_, posting) = live_posting(&app, &admin, "Django Developer", "", None).await;
    let first =
        send_form(&app, &format!("/careers/{}/apply", posting.slug), &ApplyForm::new("Ann", "ann@example.com"), &[])
            .await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    let limited =
        send_form(&app, &applications_path(&posting.slug), &ApplyForm::new("Bo", "bo@example.com"), &[]).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(limited.headers.contains_key(header::RETRY_AFTER));
    assert_eq!(limited.headers[header::CONTENT_TYPE], "application/problem+json");
    assert!(limited.json()["detail"].as_str().unwrap().starts_with("too many applications from your network"));
}

#[tokio::test]
async fn the_board_endpoints_are_public_in_the_openapi_document() {
    let app = TestApp::new().await;
    let doc = app.api("GET", "/api/v1/openapi.json", None, None).await.json();
    let apply = &doc["paths"]["/api/v1/board/postings/{slug}/applications"]["post"];
    assert!(apply["requestBody"]["content"]["multipart/form-data"].is_object(), "{apply}");
    assert_eq!(apply["security"], serde_json::json!([{}]), "no token needed");
    for status in ["200", "201", "404", "413", "422", "429"] {
        assert!(apply["responses"][status].is_object(), "{status} documented");
    }
    assert!(doc["paths"]["/api/v1/board/postings"]["get"].is_object());
    assert!(doc["paths"]["/api/v1/board/postings/{slug}"]["get"].is_object());
}
