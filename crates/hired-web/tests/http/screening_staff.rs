//! Screening questions on the staff side: writing them as lines, automatic rejection,
//! saved question sets, the JSON API, and who may change them.

use axum::http::StatusCode;
use hired_domain::screening::Knockout;
use hired_store::testing::Backend;
use serde_json::json;

use crate::postings_staff::{open_requisition, team};
use crate::{Actor, TestApp, TestResponse};

const LINES: &str = "Years of professional Django experience? | number | required | knockout >= 2
Are you authorized to work in the EU? | yes/no | required | knockout = yes
Anything else we should know? | long text | optional";

const SET_LINES: &str = "Earliest start date | short text | optional";

async fn post(app: &TestApp, actor: &Actor, req: hired_domain::RequisitionId, fields: &[(&str, &str)]) -> TestResponse {
    app.post_form(&format!("/requisitions/{req}/screening"), Some(actor), fields).await
}

async fn questions_are_saved_and_a_saved_set_is_reused(backend: Backend) {
    let t = team(backend).await;
    let (app, r) = (&t.app, &t.recruiter);
    let reason = app.store.rejection_reasons().await.unwrap().remove(0);
    let fields = [("lines", LINES), ("auto_reject", "on"), ("reject_reason", reason.as_str()), ("action", "save")];
    let saved = post(app, r, t.req, &fields).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let form = app.store.screening_form(t.req).await.unwrap();
    assert_eq!(form.questions.len(), 3);
    assert_eq!(form.questions[0].knockout, Some(Knockout::AtLeast(2.0)));
    assert_eq!(form.auto_reject_reason.as_deref(), Some(reason.as_str()));
    let page = app.get(&format!("/requisitions/{}/screening", t.req), Some(r)).await;
    assert!(page.body.contains("Are you authorized to work in the EU? | yes/no | required | knockout = yes"));
    assert!(page.body.contains("<strong>Years of professional Django experience?</strong>"), "preview");

    let set = [("lines", LINES), ("set_name", "Django basics"), ("action", "save_set")];
    let stored = post(app, r, t.req, &set).await;
    assert_eq!(stored.status, StatusCode::OK, "{}", stored.body);
    assert!(stored.body.contains("Saved 3 questions as the set “Django basics”"), "{}", stored.body);
    let sets = app.store.question_sets().await.unwrap();
    assert_eq!((sets.len(), sets[0].questions.len()), (1, 3));

    let other = open_requisition(app, r).await;
    let set_id = sets[0].id.to_string();
    let appended = [("lines", SET_LINES), ("set_id", set_id.as_str()), ("set_mode", "append"), ("action", "load")];
    let page = post(app, r, other, &appended).await;
    assert_eq!(page.status, StatusCode::OK);
    let first = "Years of professional Django experience? | number | required | knockout ";
    assert!(page.body.contains(&format!("{SET_LINES}\n{first}")), "{}", page.body);
    let replaced = [("lines", SET_LINES), ("set_id", set_id.as_str()), ("set_mode", "replace"), ("action", "load")];
    let page = post(app, r, other, &replaced).await;
    assert!(!page.body.contains(SET_LINES) && page.body.contains("Loaded the questions of “Django basics”"));
    assert!(app.store.screening_form(other).await.unwrap().questions.is_empty(), "loading does not save");
}

#[tokio::test]
async fn questions_are_saved_and_a_saved_set_is_reused_on_another_requisition() {
    questions_are_saved_and_a_saved_set_is_reused(Backend::Sqlite).await;
}

#[tokio::test]
async fn questions_are_saved_and_a_saved_set_is_reused_on_another_requisition_on_postgres() {
    questions_are_saved_and_a_saved_set_is_reused(Backend::Postgres).await;
}

#[tokio::test]
async fn bad_lines_name_the_line_and_nothing_is_saved() {
    let t = team(Backend::Sqlite).await;
    let lines = "Ok? | yes/no\nPick one | single: A\nWhy? | long text | knockout = x";
    let page = post(&t.app, &t.recruiter, t.req, &[("lines", lines), ("action", "save")]).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("Line 2: a choice question needs at least two options"), "{}", page.body);
    assert!(page.body.contains("Line 3: text answers cannot have a knockout rule"), "{}", page.body);
    assert!(page.body.contains("Pick one | single: A"), "the text is kept for fixing");
    assert!(t.app.store.screening_form(t.req).await.unwrap().questions.is_empty());

    let unknown = [("lines", LINES), ("auto_reject", "on"), ("reject_reason", "Because"), ("action", "save")];
    let page = post(&t.app, &t.recruiter, t.req, &unknown).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("Choose one of the rejection reasons."), "{}", page.body);
    let no_set = post(&t.app, &t.recruiter, t.req, &[("lines", LINES), ("action", "load")]).await;
    assert_eq!(no_set.status, StatusCode::UNPROCESSABLE_ENTITY);
    let unnamed = post(&t.app, &t.recruiter, t.req, &[("lines", LINES), ("action", "save_set")]).await;
    assert_eq!(unnamed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unnamed.body.contains("Set name is required."), "{}", unnamed.body);
}

#[tokio::test]
async fn screening_pages_follow_the_rule_for_editing_the_requisition() {
    let t = team(Backend::Sqlite).await;
    let path = format!("/requisitions/{}/screening", t.req);
    let denied = [
        (&t.manager_off, StatusCode::NOT_FOUND),
        (&t.interviewer_off, StatusCode::NOT_FOUND),
        (&t.interviewer_on, StatusCode::FORBIDDEN),
    ];
    for (actor, want) in denied {
        assert_eq!(t.app.get(&path, Some(actor)).await.status, want, "GET as {}", actor.user.role);
        let save = post(&t.app, actor, t.req, &[("lines", LINES), ("action", "save")]).await;
        assert_eq!(save.status, want, "POST as {}", actor.user.role);
    }
    assert!(t.app.store.screening_form(t.req).await.unwrap().questions.is_empty());
    for actor in [&t.admin, &t.recruiter, &t.manager_on] {
        assert_eq!(t.app.get(&path, Some(actor)).await.status, StatusCode::OK, "GET as {}", actor.user.role);
    }
    let by_manager = post(&t.app, &t.manager_on, t.req, &[("lines", LINES), ("action", "save")]).await;
    assert_eq!(by_manager.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn the_api_takes_questions_as_json_or_as_lines() {
    let t = team(Backend::Sqlite).await;
    let path = format!("/api/v1/requisitions/{}/screening", t.req);
    let empty = t.app.api("GET", &path, Some(&t.recruiter), None).await;
    assert_eq!(empty.json(), json!({"questions": [], "lines": "", "auto_reject_reason": null}));

    let structured = json!({"questions": [
        {"prompt": "Years of Django?", "kind": "number", "knockout": {"rule": "at_least", "value": 2}},
        {"prompt": "Stack", "kind": "multiple_choice", "required": false, "options": ["Django", "Flask"],
         "knockout": {"rule": "any_of", "value": ["Django"]}},
    ]});
    let saved = t.app.api("PUT", &path, Some(&t.recruiter), Some(structured)).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let json = saved.json();
    assert_eq!(json["questions"][1]["key"], "q2");
    assert_eq!(
        json["lines"],
        "Years of Django? | number | required | knockout >= 2\nStack | multiple: Django, Flask | optional | knockout any of Django"
    );
    assert_eq!(t.app.store.screening_form(t.req).await.unwrap().questions.len(), 2);

    let reason = t.app.store.rejection_reasons().await.unwrap().remove(0);
    let by_lines = json!({"lines": LINES, "auto_reject_reason": reason});
    let saved = t.app.api("PUT", &path, Some(&t.recruiter), Some(by_lines)).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let read = t.app.api("GET", &path, Some(&t.admin), None).await.json();
    assert_eq!((read["questions"].as_array().unwrap().len(), &read["auto_reject_reason"]), (3, &json!(reason)));
    assert_eq!(read["questions"][1]["knockout"], json!({"rule": "equals", "value": "yes"}));
}

#[tokio::test]
async fn the_api_names_each_bad_question() {
    let t = team(Backend::Sqlite).await;
    let path = format!("/api/v1/requisitions/{}/screening", t.req);
    let put = |body| t.app.api("PUT", &path, Some(&t.recruiter), Some(body));
    let fields = |r: TestResponse| -> Vec<String> {
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        r.json()["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_owned()).collect()
    };
    let bad = json!({"questions": [
        {"prompt": "Fine?", "kind": "yes_no"},
        {"prompt": "Why?", "kind": "long_text", "knockout": {"rule": "equals", "value": "x"}},
        {"prompt": "What?", "kind": "essay"},
    ]});
    assert_eq!(fields(put(bad).await), ["questions[2].kind"]);
    let knockout = json!({"questions": [
        {"prompt": "Fine?", "kind": "yes_no"},
        {"prompt": "Why?", "kind": "long_text", "knockout": {"rule": "equals", "value": "x"}},
    ]});
    assert_eq!(fields(put(knockout).await), ["questions[1]"]);
    assert_eq!(fields(put(json!({"lines": "Pick | single: A"})).await), ["lines"]);
    assert_eq!(fields(put(json!({"lines": LINES, "questions": []})).await), ["questions"]);
    assert_eq!(fields(put(json!({"lines": LINES, "auto_reject_reason": "Because"})).await), ["auto_reject_reason"]);
    assert!(t.app.store.screening_form(t.req).await.unwrap().questions.is_empty());
}

#[tokio::test]
async fn the_screening_api_follows_the_rule_for_editing_the_requisition() {
    let t = team(Backend::Sqlite).await;
    let path = format!("/api/v1/requisitions/{}/screening", t.req);
    let denied = [
        (&t.manager_off, StatusCode::NOT_FOUND),
        (&t.interviewer_off, StatusCode::NOT_FOUND),
        (&t.interviewer_on, StatusCode::FORBIDDEN),
    ];
    for (actor, want) in denied {
        let role = actor.user.role;
        assert_eq!(t.app.api("GET", &path, Some(actor), None).await.status, want, "GET as {role}");
        let put = t.app.api("PUT", &path, Some(actor), Some(json!({"lines": LINES}))).await;
        assert_eq!(put.status, want, "PUT as {role}");
    }
    for actor in [&t.admin, &t.recruiter, &t.manager_on] {
        assert_eq!(t.app.api("GET", &path, Some(actor), None).await.status, StatusCode::OK, "as {}", actor.user.role);
    }
    assert_eq!(t.app.api("PUT", &path, None, Some(json!({"lines": LINES}))).await.status, StatusCode::UNAUTHORIZED);
}
