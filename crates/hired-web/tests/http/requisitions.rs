//! Requisition pages and the pipeline board, as people use them.

use axum::http::StatusCode;
use hired_domain::templates::django_backend;
use hired_domain::user::Role;
use hired_store::NewApplication;

use crate::{TestApp, person};

fn form_fields(title: &str) -> Vec<(&'static str, String)> {
    let input = django_backend().spec.to_input();
    vec![
        ("title", title.to_owned()),
        ("locations", input.locations),
        ("remote", input.remote),
        ("employment_type", input.employment_type),
        ("sourcing", input.sourcing),
        ("level", "senior".into()),
        ("headcount", "2".into()),
        ("skills", input.skills),
        ("certifications", input.certifications),
        ("salary_min", "130000".into()),
        ("salary_max", "180000".into()),
        ("salary_currency", "USD".into()),
        ("salary_period", "year".into()),
    ]
}

fn borrowed<'a>(fields: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    fields.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

#[tokio::test]
async fn the_new_requisition_form_is_prefilled_from_the_django_template() {
    let app = TestApp::new().await;
    let recruiter = app.actor(Role::Recruiter).await;
    let page = app.get("/requisitions/new?level=junior", Some(&recruiter)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Python Django Backend Developer"));
    assert!(page.body.contains("Django | required | 9 | 2"));
    assert!(page.body.contains("value=\"70000\""), "junior band from the seed guide");
}

#[tokio::test]
async fn a_recruiter_creates_a_requisition_and_sees_it_listed() {
    let app = TestApp::new().await;
    let recruiter = app.actor(Role::Recruiter).await;
    let fields = form_fields("Senior Django Developer");
    let created = app.post_form("/requisitions", Some(&recruiter), &borrowed(&fields)).await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let show = app.get(created.location(), Some(&recruiter)).await;
    assert!(show.body.contains("Senior Django Developer"));
    assert!(show.body.contains("USD 130,000 – 180,000 per year"));
    let list = app.get("/requisitions", Some(&recruiter)).await;
    assert!(list.body.contains("Senior Django Developer"));
}

#[tokio::test]
async fn an_invalid_requisition_form_names_the_fields_and_writes_nothing() {
    let app = TestApp::new().await;
    let recruiter = app.actor(Role::Recruiter).await;
    let mut fields = form_fields(" ");
    fields.push(("headcount", "0".into()));
    fields.retain(|(k, v)| *k != "headcount" || v == "0");
    fields.push(("skills", "Django | maybe".into()));
    fields.retain(|(k, v)| *k != "skills" || v == "Django | maybe");
    let response = app.post_form("/requisitions", Some(&recruiter), &borrowed(&fields)).await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.body.contains("Title is required"));
    assert!(response.body.contains("Headcount must be a whole number from 1 to 500"));
    assert!(response.body.contains("line 1: &#39;maybe&#39; should be"));
    let list = app.store.list_requisitions(&Default::default(), None, 10).await.unwrap();
    assert!(list.items.is_empty());
}

#[tokio::test]
async fn a_stale_edit_is_refused_with_a_clear_message() {
    let app = TestApp::new().await;
    let recruiter = app.actor(Role::Recruiter).await;
    let req = app.store.create_requisition(&recruiter.user, django_backend().spec).await.unwrap();
    let mut fields = form_fields("First edit");
    fields.push(("version", "1".into()));
    let path = format!("/requisitions/{}", req.id);
    assert_eq!(app.post_form(&path, Some(&recruiter), &borrowed(&fields)).await.status, StatusCode::SEE_OTHER);
    fields[0].1 = "Second edit from an old page".into();
    let stale = app.post_form(&path, Some(&recruiter), &borrowed(&fields)).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert!(stale.body.contains("someone else changed this requisition"));
    assert_eq!(app.store.requisition(req.id).await.unwrap().spec.title, "First edit");
}

#[tokio::test]
async fn status_changes_follow_the_lifecycle() {
    let app = TestApp::new().await;
    let recruiter = app.actor(Role::Recruiter).await;
    let req = app.store.create_requisition(&recruiter.user, django_backend().spec).await.unwrap();
    let path = format!("/requisitions/{}/status", req.id);
    let opened = app.post_form(&path, Some(&recruiter), &[("status", "open"), ("version", "1")]).await;
    assert_eq!(opened.status, StatusCode::SEE_OTHER);
    let bad = app.post_form(&path, Some(&recruiter), &[("status", "draft"), ("version", "2")]).await;
    assert_eq!(bad.status, StatusCode::SEE_OTHER);
    assert!(bad.headers.get("set-cookie").unwrap().to_str().unwrap().contains("cannot%20become"));
    assert_eq!(app.store.requisition(req.id).await.unwrap().status.as_str(), "open");
}

#[tokio::test]
async fn the_board_shows_every_column_with_counts_and_moves_by_form_and_json() {
    let app = TestApp::new().await;
    let recruiter = app.actor(Role::Recruiter).await;
    let req = app.store.create_requisition(&recruiter.user, django_backend().spec).await.unwrap();
    let c = app.store.create_candidate(Some(&recruiter.user), person("Ada Lovelace", "ada@example.com")).await.unwrap();
    let new = NewApplication { candidate_id: c.id, requisition_id: req.id, source: Some("Referral".into()) };
    let application = app.store.add_application(Some(&recruiter.user), new).await.unwrap();

    let board = app.get(&format!("/requisitions/{}/board", req.id), Some(&recruiter)).await;
    assert_eq!(board.status, StatusCode::OK);
    for column in
        ["Applied", "Screen", "Assessment", "Interviews", "References", "Offer", "Hired", "Rejected", "Withdrawn"]
    {
        assert!(board.body.contains(&format!(">{column}</h2>")), "column {column}");
    }
    assert!(board.body.contains("Ada Lovelace"));

    let path = format!("/applications/{}/move", application.id);
    let moved = app.post_form(&path, Some(&recruiter), &[("stage", "screen"), ("version", "1")]).await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER);

    let request = axum::http::Request::post(&path)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json")
        .header("cookie", &recruiter.cookie)
        .body(axum::body::Body::from(format!("stage=interviews&version=1&csrf={}", recruiter.csrf)))
        .unwrap();
    let stale = app.send(request).await;
    assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.body);
    assert!(stale.json()["detail"].as_str().unwrap().contains("someone else changed"));

    let request = axum::http::Request::post(&path)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json")
        .header("cookie", &recruiter.cookie)
        .body(axum::body::Body::from(format!("stage=rejected&version=2&reason=Other&csrf={}", recruiter.csrf)))
        .unwrap();
    let rejected = app.send(request).await;
    assert_eq!(rejected.status, StatusCode::OK);
    assert_eq!(rejected.json(), serde_json::json!({"version": 3, "stage": "rejected"}));
}

#[tokio::test]
async fn bulk_reject_moves_every_selected_card_or_none() {
    let app = TestApp::new().await;
    let recruiter = app.actor(Role::Recruiter).await;
    let req = app.store.create_requisition(&recruiter.user, django_backend().spec).await.unwrap();
    let mut ids = Vec::new();
    for i in 0..3 {
        let c = app
            .store
            .create_candidate(Some(&recruiter.user), person(&format!("C{i}"), &format!("c{i}@example.com")))
            .await
            .unwrap();
        let new = NewApplication { candidate_id: c.id, requisition_id: req.id, source: None };
        ids.push(app.store.add_application(Some(&recruiter.user), new).await.unwrap().id.to_string());
    }
    let path = format!("/requisitions/{}/bulk", req.id);
    let mut fields: Vec<(&str, &str)> = ids.iter().map(|id| ("ids", id.as_str())).collect();
    fields.push(("stage", "rejected"));
    fields.push(("reason", "Position filled by another candidate"));
    assert_eq!(app.post_form(&path, Some(&recruiter), &fields).await.status, StatusCode::SEE_OTHER);
    let counts = app.store.column_counts(req.id).await.unwrap();
    assert_eq!(counts, vec![("rejected".to_owned(), 3)]);
}

#[tokio::test]
async fn unknown_and_malformed_ids_are_not_found() {
    let app = TestApp::new().await;
    let recruiter = app.actor(Role::Recruiter).await;
    for path in
        ["/requisitions/not-a-uuid", "/requisitions/0190f0a0-0000-7000-8000-000000000000", "/requisitions/x/board"]
    {
        assert_eq!(app.get(path, Some(&recruiter)).await.status, StatusCode::NOT_FOUND, "{path}");
    }
}

#[tokio::test]
async fn a_recruiter_customizes_the_stages_and_the_board_follows() {
    let app = TestApp::new().await;
    let recruiter = app.actor(Role::Recruiter).await;
    let req = app.store.create_requisition(&recruiter.user, django_backend().spec).await.unwrap();
    let path = format!("/requisitions/{}/stages", req.id);
    let lines = "Applied\nPhone screen\nPair programming\nOffer\nHired";
    let saved = app.post_form(&path, Some(&recruiter), &[("stages", lines), ("version", "1")]).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let board = app.get(&format!("/requisitions/{}/board", req.id), Some(&recruiter)).await;
    assert!(board.body.contains(">Pair programming</h2>") && !board.body.contains(">Assessment</h2>"));

    let bad = app.post_form(&path, Some(&recruiter), &[("stages", "Applied\nOffer"), ("version", "2")]).await;
    assert!(bad.headers.get("set-cookie").unwrap().to_str().unwrap().contains("Hired"), "the flash says why");
    assert_eq!(app.store.requisition(req.id).await.unwrap().stages.len(), 5, "nothing written");
}
