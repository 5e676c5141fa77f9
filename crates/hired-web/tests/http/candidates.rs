//! The candidates area: list, create and edit forms, the candidate page with
//! its notes, attachments and timeline, and who may see and do what.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use hired_domain::candidate::CandidateDetails;
use hired_domain::pipeline::{Application, MoveTarget};
use hired_domain::requisition::Requisition;
use hired_domain::templates::django_backend;
use hired_domain::user::Role;
use hired_domain::{CandidateId, Email};
use hired_store::{CandidateFilter, NewApplication};

use crate::{Actor, TestApp, TestResponse};

fn ada() -> Vec<(&'static str, &'static str)> {
    vec![
        ("name", "Ada Lovelace"),
        ("email", "ada@example.com"),
        ("location", "London, UK"),
        ("github", "ada-l"),
        ("linkedin", "https://www.linkedin.com/in/ada"),
        ("tags", "Python, analytical-engine"),
        ("source", "Referral"),
    ]
}

fn details(name: &str, email: &str) -> CandidateDetails {
    CandidateDetails {
        name: name.into(),
        email: Some(Email::parse(email).unwrap()),
        phone: None,
        location: Some("Lisbon".into()),
        github: None,
        linkedin: None,
        portfolio: None,
        tags: vec!["rust".into()],
        source: None,
    }
}

async fn candidate(app: &TestApp, by: &Actor, name: &str, email: &str) -> CandidateId {
    app.store.create_candidate(Some(&by.user), details(name, email)).await.unwrap().id
}

async fn requisition(app: &TestApp, by: &Actor) -> Requisition {
    app.store.create_requisition(&by.user, django_backend().spec).await.unwrap()
}

async fn apply(app: &TestApp, by: &Actor, candidate_id: CandidateId, req: &Requisition) -> Application {
    let new = NewApplication { candidate_id, requisition_id: req.id, source: None };
    app.store.add_application(Some(&by.user), new).await.unwrap()
}

async fn count_candidates(app: &TestApp) -> usize {
    app.store.list_candidates(&CandidateFilter::default(), None, 200).await.unwrap().items.len()
}

/// Posts a multipart upload form with `csrf` and one `file` part.
async fn upload(app: &TestApp, actor: &Actor, id: CandidateId, csrf: &str, name: &str, bytes: &[u8]) -> TestResponse {
    let boundary = "hired-test-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n--{boundary}\r\n\
         Content-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let request = Request::post(format!("/candidates/{id}/attachments"))
        .header(header::COOKIE, &actor.cookie)
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
        .body(Body::from(body))
        .unwrap();
    app.send(request).await
}

/// Follows a redirect the way a browser would, sending back the flash cookie it set.
async fn follow(app: &TestApp, actor: &Actor, response: &TestResponse) -> TestResponse {
    let flash = response.headers[header::SET_COOKIE].to_str().unwrap().split(';').next().unwrap();
    let request = Request::get(response.location())
        .header(header::COOKIE, format!("{}; {flash}", actor.cookie))
        .body(Body::empty())
        .unwrap();
    app.send(request).await
}

#[tokio::test]
async fn a_recruiter_creates_a_candidate_and_sees_them_on_the_list() {
    let app = TestApp::new().await;
    let recruiter = app.actor(Role::Recruiter).await;
    let created = app.post_form("/candidates", Some(&recruiter), &ada()).await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    assert!(created.location().starts_with("/candidates/"));

    let page = follow(&app, &recruiter, &created).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Added Ada Lovelace."), "the flash is shown");
    assert!(page.body.contains("https://github.com/ada-l"));
    assert!(page.body.contains("<span class=\"tag\">analytical-engine</span>"));

    let list = app.get("/candidates", Some(&recruiter)).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains(&format!("href=\"{}\">Ada Lovelace</a>", created.location())));
    assert!(list.body.contains("ada@example.com") && list.body.contains("London, UK"));
}

#[tokio::test]
async fn an_empty_list_invites_recruiters_to_add_a_candidate_but_not_interviewers() {
    let app = TestApp::new().await;
    let recruiter = app.actor(Role::Recruiter).await;
    let interviewer = app.actor(Role::Interviewer).await;
    let empty = app.get("/candidates", Some(&recruiter)).await;
    assert!(empty.body.contains("No candidates yet") && empty.body.contains("href=\"/candidates/new\""));
    let theirs = app.get("/candidates", Some(&interviewer)).await;
    assert!(theirs.body.contains("No candidates yet") && !theirs.body.contains("href=\"/candidates/new\""));
}

#[tokio::test]
async fn the_list_searches_by_name_or_email_and_pages_with_a_cursor() {
    let app = TestApp::new().await;
    let recruiter = app.actor(Role::Recruiter).await;
    for i in 0..51 {
        candidate(&app, &recruiter, &format!("Person {i:02}"), &format!("p{i}@example.com")).await;
    }
    candidate(&app, &recruiter, "Grace Hopper", "grace@navy.example").await;

    let found = app.get("/candidates?q=navy", Some(&recruiter)).await;
    assert!(found.body.contains("Grace Hopper") && !found.body.contains("Person 00"));
    let none = app.get("/candidates?q=nobody", Some(&recruiter)).await;
    assert!(none.body.contains("No candidates match “nobody”"));

    let first = app.get("/candidates", Some(&recruiter)).await;
    assert!(first.body.contains("Grace Hopper") && !first.body.contains("Person 00"));
    let next = first.body.split("href=\"").find(|s| s.starts_with("/candidates?cursor=")).expect("next link");
    let next = next.split('"').next().unwrap();
    let second = app.get(next, Some(&recruiter)).await;
    assert_eq!(second.status, StatusCode::OK);
    assert!(second.body.contains("Person 00") && !second.body.contains("Grace Hopper"));
    assert!(!second.body.contains("rel=\"next\""), "the last page has no next link");
}

#[tokio::test]
async fn an_invalid_form_shows_field_errors_with_422_and_writes_nothing() {
    let app = TestApp::new().await;
    let recruiter = app.actor(Role::Recruiter).await;
    let fields = [("name", ""), ("email", "not-an-email"), ("linkedin", "javascript:alert(1)"), ("tags", "")];
    let response = app.post_form("/candidates", Some(&recruiter), &fields).await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.body.contains("id=\"name-error\">is required"), "{}", response.body);
    assert!(response.body.contains("id=\"email-error\">must look like name@example.com"));
    assert!(response.body.contains("id=\"linkedin-error\">must start with https://"));
    assert!(response.body.contains("value=\"javascript:alert(1)\""), "the input is kept");
    assert_eq!(count_candidates(&app).await, 0);
}

#[tokio::test]
async fn a_duplicate_email_is_a_field_error_linking_to_the_existing_candidate() {
    let app = TestApp::new().await;
    let recruiter = app.actor(Role::Recruiter).await;
    let existing = candidate(&app, &recruiter, "Ada Lovelace", "ada@example.com").await;
    let fields = [("name", "Ada L."), ("email", "ADA@example.com")];
    let response = app.post_form("/candidates", Some(&recruiter), &fields).await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.body.contains("a candidate with this email already exists"), "{}", response.body);
    assert!(response.body.contains(&format!("<a href=\"/candidates/{existing}\">open the existing candidate</a>")));
    assert_eq!(count_candidates(&app).await, 1);
}

#[tokio::test]
async fn creating_with_a_requisition_puts_the_candidate_in_its_first_stage() {
    let app = TestApp::new().await;
    let recruiter = app.actor(Role::Recruiter).await;
    let req = requisition(&app, &recruiter).await;
    let form = app.get("/candidates/new", Some(&recruiter)).await;
    assert!(form.body.contains(&format!("<option value=\"{}\">", req.id)), "the requisition is offered");

    let mut fields = ada();
    let rid = req.id.to_string();
    fields.push(("requisition_id", &rid));
    let created = app.post_form("/candidates", Some(&recruiter), &fields).await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let page = app.get(created.location(), Some(&recruiter)).await;
    assert!(
        page.body.contains(&format!("href=\"/requisitions/{}/board\">Python Django Backend Developer</a>", req.id))
    );
    assert!(page.body.contains("<td>Applied</td>"));
    assert!(
        page.body.contains("Added to <strong>Python Django Backend Developer</strong> in <strong>Applied</strong>")
    );
}

#[tokio::test]
async fn an_interviewer_sees_a_candidate_only_once_they_apply_to_a_requisition_on_their_team() {
    let app = TestApp::new().await;
    let recruiter = app.actor(Role::Recruiter).await;
    let interviewer = app.actor(Role::Interviewer).await;
    let id = candidate(&app, &recruiter, "Ada Lovelace", "ada@example.com").await;
    let path = format!("/candidates/{id}");
    assert_eq!(app.get(&path, Some(&interviewer)).await.status, StatusCode::NOT_FOUND);
    assert!(!app.get("/candidates", Some(&interviewer)).await.body.contains("Ada Lovelace"));

    let req = requisition(&app, &recruiter).await;
    app.store.set_team_member(&recruiter.user, req.id, &interviewer.user).await.unwrap();
    apply(&app, &recruiter, id, &req).await;
    let page = app.get(&path, Some(&interviewer)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Ada Lovelace"));
    assert!(!page.body.contains("/move\""), "interviewers get no move form");
    assert!(!page.body.contains("Edit candidate"));
    assert!(app.get("/candidates", Some(&interviewer)).await.body.contains("Ada Lovelace"));
}

#[tokio::test]
async fn an_interviewer_cannot_create_or_edit_candidates() {
    let app = TestApp::new().await;
    let recruiter = app.actor(Role::Recruiter).await;
    let interviewer = app.actor(Role::Interviewer).await;
    assert_eq!(app.get("/candidates/new", Some(&interviewer)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.post_form("/candidates", Some(&interviewer), &ada()).await.status, StatusCode::FORBIDDEN);

    let id = candidate(&app, &recruiter, "Ada Lovelace", "ada@example.com").await;
    let req = requisition(&app, &recruiter).await;
    app.store.set_team_member(&recruiter.user, req.id, &interviewer.user).await.unwrap();
    apply(&app, &recruiter, id, &req).await;
    assert_eq!(app.get(&format!("/candidates/{id}/edit"), Some(&interviewer)).await.status, StatusCode::FORBIDDEN);
    let fields = [("name", "Changed"), ("email", "ada@example.com"), ("version", "1")];
    let edit = app.post_form(&format!("/candidates/{id}"), Some(&interviewer), &fields).await;
    assert_eq!(edit.status, StatusCode::FORBIDDEN);
    assert_eq!(app.store.candidate(id).await.unwrap().details.name, "Ada Lovelace");
    assert_eq!(count_candidates(&app).await, 1);
}

#[tokio::test]
async fn a_recruiter_edits_a_candidate_and_a_stale_edit_is_refused_with_409() {
    let app = TestApp::new().await;
    let recruiter = app.actor(Role::Recruiter).await;
    let id = candidate(&app, &recruiter, "Ada Lovelace", "ada@example.com").await;
    let form = app.get(&format!("/candidates/{id}/edit"), Some(&recruiter)).await;
    assert!(form.body.contains("name=\"version\" value=\"1\""));

    let fields = [("name", "Ada King"), ("email", "ada@example.com"), ("version", "1")];
    let saved = app.post_form(&format!("/candidates/{id}"), Some(&recruiter), &fields).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(app.store.candidate(id).await.unwrap().details.name, "Ada King");

    let stale = [("name", "Ada Byron"), ("email", "ada@example.com"), ("version", "1")];
    let refused = app.post_form(&format!("/candidates/{id}"), Some(&recruiter), &stale).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(refused.body.contains("Someone else changed Ada King while you were editing"), "{}", refused.body);
    assert!(refused.body.contains("value=\"Ada Byron\""), "the person's input is kept");
    assert!(refused.body.contains("name=\"version\" value=\"2\""));
    assert_eq!(app.store.candidate(id).await.unwrap().details.name, "Ada King");
}

#[tokio::test]
async fn notes_appear_on_the_timeline_and_an_empty_note_is_refused() {
    let app = TestApp::new().await;
    let recruiter = app.actor(Role::Recruiter).await;
    let id = candidate(&app, &recruiter, "Ada Lovelace", "ada@example.com").await;
    let path = format!("/candidates/{id}/notes");
    let saved = app.post_form(&path, Some(&recruiter), &[("body", "Strong <systems> background")]).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let page = app.get(&format!("/candidates/{id}"), Some(&recruiter)).await;
    assert!(
        page.body.contains("<strong>Test Recruiter</strong> added a note<p>Strong &#60;systems&#62; background</p>")
    );

    let empty = app.post_form(&path, Some(&recruiter), &[("body", "   ")]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("id=\"note-body-error\">is required"));
    assert_eq!(app.store.notes(id).await.unwrap().len(), 1);
}

#[tokio::test]
async fn an_attachment_round_trips_with_its_content_type() {
    let app = TestApp::new().await;
    let recruiter = app.actor(Role::Recruiter).await;
    let id = candidate(&app, &recruiter, "Ada Lovelace", "ada@example.com").await;
    let pdf = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n";
    let uploaded = upload(&app, &recruiter, id, &recruiter.csrf, "Ada CV.pdf", pdf).await;
    assert_eq!(uploaded.status, StatusCode::SEE_OTHER, "{}", uploaded.body);

    let attachment = app.store.attachments(id).await.unwrap().remove(0);
    let url = format!("/candidates/{id}/attachments/{}", attachment.id);
    let page = app.get(&format!("/candidates/{id}"), Some(&recruiter)).await;
    assert!(page.body.contains(&format!("href=\"{url}\"")) && page.body.contains("Attached <a"));

    let download = app.get(&url, Some(&recruiter)).await;
    assert_eq!(download.status, StatusCode::OK);
    assert_eq!(download.body.as_bytes(), pdf);
    assert_eq!(download.headers[header::CONTENT_TYPE], "application/pdf");
    assert_eq!(download.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    let disposition = download.headers[header::CONTENT_DISPOSITION].to_str().unwrap();
    assert!(disposition.starts_with("attachment; filename=\"Ada CV.pdf\""), "{disposition}");

    let other = candidate(&app, &recruiter, "Grace Hopper", "grace@example.com").await;
    let elsewhere = format!("/candidates/{other}/attachments/{}", attachment.id);
    assert_eq!(app.get(&elsewhere, Some(&recruiter)).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_upload_that_is_not_a_document_or_image_is_refused_with_a_clear_message() {
    let app = TestApp::new().await;
    let recruiter = app.actor(Role::Recruiter).await;
    let id = candidate(&app, &recruiter, "Ada Lovelace", "ada@example.com").await;
    let binary = b"\x7fELF\x02\x01\x01\x00\xff\xfe\x00\x00";
    let refused = upload(&app, &recruiter, id, &recruiter.csrf, "tool.exe", binary).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("id=\"attachment-file-error\">attach a PDF, DOCX, text or image file"));
    assert!(app.store.attachments(id).await.unwrap().is_empty());
}

#[tokio::test]
async fn an_upload_over_ten_megabytes_is_refused_next_to_the_field() {
    let app = TestApp::new().await;
    let recruiter = app.actor(Role::Recruiter).await;
    let id = candidate(&app, &recruiter, "Ada Lovelace", "ada@example.com").await;
    let big = vec![b'a'; hired_store::MAX_ATTACHMENT_BYTES + 1];
    let refused = upload(&app, &recruiter, id, &recruiter.csrf, "huge.txt", &big).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("files must be under 10 MB"));
    assert!(app.store.attachments(id).await.unwrap().is_empty());
}

#[tokio::test]
async fn an_upload_without_the_csrf_token_or_from_an_interviewer_is_refused() {
    let app = TestApp::new().await;
    let recruiter = app.actor(Role::Recruiter).await;
    let interviewer = app.actor(Role::Interviewer).await;
    let id = candidate(&app, &recruiter, "Ada Lovelace", "ada@example.com").await;
    let forged = upload(&app, &recruiter, id, "forged", "cv.txt", b"hello").await;
    assert_eq!(forged.status, StatusCode::BAD_REQUEST);
    let req = requisition(&app, &recruiter).await;
    app.store.set_team_member(&recruiter.user, req.id, &interviewer.user).await.unwrap();
    apply(&app, &recruiter, id, &req).await;
    let denied = upload(&app, &interviewer, id, &interviewer.csrf, "cv.txt", b"hello").await;
    assert_eq!(denied.status, StatusCode::FORBIDDEN);
    assert!(app.store.attachments(id).await.unwrap().is_empty());
}

#[tokio::test]
async fn unknown_and_malformed_candidate_ids_are_not_found() {
    let app = TestApp::new().await;
    let recruiter = app.actor(Role::Recruiter).await;
    for path in [
        format!("/candidates/{}", CandidateId::new()),
        "/candidates/not-a-uuid".to_owned(),
        "/candidates/not-a-uuid/edit".to_owned(),
        format!("/candidates/{}/attachments/{}", CandidateId::new(), CandidateId::new()),
        "/candidates/x/attachments/y".to_owned(),
    ] {
        assert_eq!(app.get(&path, Some(&recruiter)).await.status, StatusCode::NOT_FOUND, "{path}");
    }
    let note = app.post_form("/candidates/not-a-uuid/notes", Some(&recruiter), &[("body", "hi")]).await;
    assert_eq!(note.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_timeline_shows_a_stage_move_made_through_the_store() {
    let app = TestApp::new().await;
    let recruiter = app.actor(Role::Recruiter).await;
    let id = candidate(&app, &recruiter, "Ada Lovelace", "ada@example.com").await;
    let req = requisition(&app, &recruiter).await;
    let application = apply(&app, &recruiter, id, &req).await;
    let to_screen = MoveTarget::Stage { stage: "screen".into() };
    app.store.move_application(&recruiter.user, application.id, None, &to_screen).await.unwrap();
    let reject = MoveTarget::Reject { reason: "Missing required skills".into() };
    app.store.move_application(&recruiter.user, application.id, None, &reject).await.unwrap();

    let page = app.get(&format!("/candidates/{id}"), Some(&recruiter)).await;
    let moved = "Moved from <strong>Applied</strong> to <strong>Screen</strong> on Python Django Backend Developer by Test Recruiter";
    assert!(page.body.contains(moved), "{}", page.body);
    let rejected = "Rejected for <strong>Python Django Backend Developer</strong> by Test Recruiter<p>Reason: Missing required skills</p>";
    assert!(page.body.contains(rejected));
    assert!(page.body.find(rejected) < page.body.find(moved), "newest first");
    assert!(page.body.contains(
        "<span class=\"badge badge-rejected\">Rejected</span><span class=\"muted\">Missing required skills</span>"
    ));
}

#[tokio::test]
async fn the_candidate_page_offers_a_move_form_and_adding_to_another_requisition() {
    let app = TestApp::new().await;
    let recruiter = app.actor(Role::Recruiter).await;
    let id = candidate(&app, &recruiter, "Ada Lovelace", "ada@example.com").await;
    let first = requisition(&app, &recruiter).await;
    let second = requisition(&app, &recruiter).await;
    let application = apply(&app, &recruiter, id, &first).await;

    let page = app.get(&format!("/candidates/{id}"), Some(&recruiter)).await;
    assert!(page.body.contains(&format!("action=\"/applications/{}/move\"", application.id)));
    assert!(page.body.contains(&format!("name=\"return_to\" value=\"/candidates/{id}\"")));
    assert!(page.body.contains("<option value=\"Missing required skills\">"));
    assert!(page.body.contains(&format!("<option value=\"{}\">", second.id)), "the other requisition is offered");
    assert!(!page.body.contains(&format!("<option value=\"{}\">", first.id)), "not the one applied to");

    let path = format!("/candidates/{id}/applications");
    let missing = app.post_form(&path, Some(&recruiter), &[("requisition_id", "")]).await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(missing.body.contains("id=\"apply-requisition-error\">choose a requisition"));
    let rid = second.id.to_string();
    let added = app.post_form(&path, Some(&recruiter), &[("requisition_id", &rid), ("source", "Sourced")]).await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    assert_eq!(app.store.candidate_applications(id).await.unwrap().len(), 2);
    let again = app.post_form(&path, Some(&recruiter), &[("requisition_id", &rid)]).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.body.contains("this candidate is already on that requisition"));
}

#[tokio::test]
async fn profile_links_open_in_a_new_tab_without_an_opener() {
    let app = TestApp::new().await;
    let recruiter = app.actor(Role::Recruiter).await;
    let created = app.post_form("/candidates", Some(&recruiter), &ada()).await;
    let page = app.get(created.location(), Some(&recruiter)).await;
    assert!(page.body.contains(
        "<a class=\"btn btn-sm\" href=\"https://github.com/ada-l\" target=\"_blank\" rel=\"noopener noreferrer\">GitHub</a>"
    ));
}
