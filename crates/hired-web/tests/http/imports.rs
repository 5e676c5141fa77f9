//! Bulk resume import from the page (`/candidates/import`) and the API (`/api/v1/imports`):
//! who may use it, files acknowledged as queued or failed at once with the reason, empty and
//! forged uploads refused, and the progress pages. The worker does not run here; finishing an
//! item goes through the store as the job would.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use hired_domain::user::Role;
use hired_store::ImportOutcome;
use hired_store::testing::Backend;
use uuid::Uuid;

use crate::{Actor, TestApp, TestResponse, person};

const BOUNDARY: &str = "hired-import-boundary";

/// A text resume that passes the upload checks.
const GOOD: &[u8] = b"Ada Lovelace\nada@example.com\nAnalyst and programmer.\n";
/// A file that is not a resume format at all.
const BAD: &[u8] = b"\x7fELF\x02\x01\x01\x00\xff\xfe\x00\x00";

/// A multipart body with an optional `csrf` field and one `file` part per `(name, bytes)`.
fn multipart(csrf: Option<&str>, files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut body = Vec::new();
    if let Some(csrf) = csrf {
        body.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n").as_bytes(),
        );
    }
    for (name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\
                 Content-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// Posts the upload form as `actor`, with `csrf` (the actor's own unless told otherwise).
async fn upload(app: &TestApp, actor: &Actor, csrf: Option<&str>, files: &[(&str, &[u8])]) -> TestResponse {
    let request = Request::post("/candidates/import")
        .header(header::COOKIE, &actor.cookie)
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={BOUNDARY}"))
        .body(Body::from(multipart(csrf, files)))
        .unwrap();
    app.send(request).await
}

/// Posts files to the API with `actor`'s token.
async fn api_upload(app: &TestApp, actor: &Actor, files: &[(&str, &[u8])]) -> TestResponse {
    let request = Request::post("/api/v1/imports")
        .header(header::AUTHORIZATION, format!("Bearer {}", actor.token))
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={BOUNDARY}"))
        .body(Body::from(multipart(None, files)))
        .unwrap();
    app.send(request).await
}

/// The batch id at the end of a redirect or `Location`.
fn batch_id(location: &str) -> Uuid {
    location.rsplit('/').next().and_then(|id| id.parse().ok()).unwrap_or_else(|| panic!("a batch in {location}"))
}

#[tokio::test]
async fn the_import_page_is_for_recruiters_and_admins_only() {
    let app = TestApp::new().await;
    for role in [Role::Admin, Role::Recruiter] {
        let actor = app.actor(role).await;
        let page = app.get("/candidates/import", Some(&actor)).await;
        assert_eq!(page.status, StatusCode::OK, "{role:?}");
        assert!(page.body.contains("type=\"file\" multiple"), "{}", page.body);
        assert!(page.body.contains("accept=\".pdf,.docx,.txt,.json"));
        assert!(page.body.contains("up to 500 at once, 10 MB each and 100 MB in all"));
        assert!(page.body.contains("No imports yet."));
        let list = app.get("/candidates", Some(&actor)).await;
        assert!(list.body.contains("href=\"/candidates/import\""), "{role:?} sees the link");
    }
    let recruiter = app.actor(Role::Recruiter).await;
    let created = upload(&app, &recruiter, Some(&recruiter.csrf), &[("ada.txt", GOOD)]).await;
    let batch_page = created.location().to_owned();
    for role in [Role::HiringManager, Role::Interviewer] {
        let actor = app.actor(role).await;
        assert_eq!(app.get("/candidates/import", Some(&actor)).await.status, StatusCode::FORBIDDEN, "{role:?}");
        assert_eq!(app.get(&batch_page, Some(&actor)).await.status, StatusCode::FORBIDDEN, "{role:?}");
        let refused = upload(&app, &actor, Some(&actor.csrf), &[("ada.txt", GOOD)]).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{role:?}");
        let list = app.get("/candidates", Some(&actor)).await;
        assert!(!list.body.contains("href=\"/candidates/import\""), "{role:?} does not see the link");
    }
    assert_eq!(app.store.recent_import_batches(10).await.unwrap().len(), 1);
    let signed_out = app.get("/candidates/import", None).await;
    assert_eq!(signed_out.status, StatusCode::SEE_OTHER);
}

async fn a_good_and_a_bad_file_are_queued_and_failed_then_finished(backend: Backend) {
    let app = TestApp::on(backend).await;
    let recruiter = app.actor(Role::Recruiter).await;
    let created = upload(&app, &recruiter, Some(&recruiter.csrf), &[("ada.txt", GOOD), ("tool.exe", BAD)]).await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    assert!(created.location().starts_with("/candidates/import/"));

    let page = app.get(created.location(), Some(&recruiter)).await;
    assert_eq!(page.status, StatusCode::OK);
    for text in [
        "<meta http-equiv=\"refresh\" content=\"3\">",
        "1 of 2 files done",
        "<progress id=\"import-progress\" class=\"import-progress\" max=\"2\" value=\"1\">",
        "Reading resumes…",
        "<span class=\"badge badge-draft\">Queued</span>",
        "<span class=\"badge badge-rejected\">Failed</span>",
        "upload a PDF, DOCX or plain text file",
        "ada.txt",
        "tool.exe",
    ] {
        assert!(page.body.contains(text), "{text} in {}", page.body);
    }

    let batch = app.store.import_batch(batch_id(created.location())).await.unwrap();
    let ada = app.store.create_candidate(Some(&recruiter.user), person("Ada Lovelace", "ada@example.com")).await;
    let ada = ada.unwrap().id;
    app.store.finish_import_item(batch.items[0].id, Ok(ImportOutcome::Created(ada))).await.unwrap();
    let done = app.get(created.location(), Some(&recruiter)).await;
    assert!(!done.body.contains("http-equiv=\"refresh\""), "a finished import stops refreshing");
    assert!(done.body.contains("Done: every file has been read."));
    assert!(done.body.contains(&format!("<a href=\"/candidates/{ada}\">Ada Lovelace</a>")), "{}", done.body);
    assert!(done.body.contains("<span class=\"badge badge-open\">New candidate</span>"));

    let recent = app.get("/candidates/import", Some(&recruiter)).await;
    assert!(recent.body.contains(&format!("href=\"{}\"", created.location())), "{}", recent.body);
    assert!(recent.body.contains("Test Recruiter"));
}

#[tokio::test]
async fn a_good_and_a_bad_file_are_queued_and_failed_with_the_reason() {
    a_good_and_a_bad_file_are_queued_and_failed_then_finished(Backend::Sqlite).await;
}

#[tokio::test]
async fn a_good_and_a_bad_file_are_queued_and_failed_with_the_reason_on_postgres() {
    a_good_and_a_bad_file_are_queued_and_failed_then_finished(Backend::Postgres).await;
}

#[tokio::test]
async fn an_empty_upload_is_refused_with_422_and_says_what_to_do() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await;
    let refused = upload(&app, &admin, Some(&admin.csrf), &[("", b"")]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("id=\"import-files-error\">choose at least one resume to import"),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("aria-invalid=\"true\""));
    assert!(app.store.recent_import_batches(10).await.unwrap().is_empty());
}

#[tokio::test]
async fn an_upload_without_the_csrf_token_is_refused_and_stores_nothing() {
    let app = TestApp::new().await;
    let recruiter = app.actor(Role::Recruiter).await;
    let missing = upload(&app, &recruiter, None, &[("ada.txt", GOOD)]).await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST);
    assert!(missing.body.contains("this form has expired or came from another site"), "{}", missing.body);
    let forged = upload(&app, &recruiter, Some("forged"), &[("ada.txt", GOOD)]).await;
    assert_eq!(forged.status, StatusCode::BAD_REQUEST);
    assert!(app.store.recent_import_batches(10).await.unwrap().is_empty());
}

async fn the_api_accepts_files_and_reports_their_progress(backend: Backend) {
    let app = TestApp::on(backend).await;
    let admin = app.actor(Role::Admin).await;
    let accepted = api_upload(&app, &admin, &[("ada.txt", GOOD), ("tool.exe", BAD)]).await;
    assert_eq!(accepted.status, StatusCode::ACCEPTED, "{}", accepted.body);
    let id = batch_id(accepted.location());
    assert_eq!(accepted.location(), format!("/api/v1/imports/{id}"));
    let body = accepted.json();
    assert_eq!(body["id"], id.to_string());
    assert_eq!(body["done"], false);
    assert_eq!(body["counts"], serde_json::json!({"queued": 1, "created": 0, "merged": 0, "failed": 1, "total": 2}));
    assert_eq!(body["items"][0]["status"], "queued");
    assert_eq!(body["items"][1]["status"], "failed");
    assert_eq!(body["items"][1]["error"], "upload a PDF, DOCX or plain text file");

    let item = Uuid::parse_str(body["items"][0]["id"].as_str().unwrap()).unwrap();
    app.store.finish_import_item(item, Err("no name found in the resume".into())).await.unwrap();
    let status = app.api("GET", accepted.location(), Some(&admin), None).await;
    assert_eq!(status.status, StatusCode::OK, "{}", status.body);
    let body = status.json();
    assert_eq!(body["done"], true);
    assert_eq!(body["counts"]["failed"], 2);
    assert_eq!(body["items"][0]["error"], "no name found in the resume");
    assert_eq!(body["items"][0]["file_name"], "ada.txt");
}

#[tokio::test]
async fn the_api_accepts_files_with_202_and_reports_their_progress() {
    the_api_accepts_files_and_reports_their_progress(Backend::Sqlite).await;
}

#[tokio::test]
async fn the_api_accepts_files_with_202_and_reports_their_progress_on_postgres() {
    the_api_accepts_files_and_reports_their_progress(Backend::Postgres).await;
}

#[tokio::test]
async fn the_api_is_for_recruiters_and_admins_and_answers_problems() {
    let app = TestApp::new().await;
    let recruiter = app.actor(Role::Recruiter).await;
    let accepted = api_upload(&app, &recruiter, &[("ada.txt", GOOD)]).await;
    assert_eq!(accepted.status, StatusCode::ACCEPTED, "{}", accepted.body);
    for role in [Role::HiringManager, Role::Interviewer] {
        let actor = app.actor(role).await;
        let refused = api_upload(&app, &actor, &[("ada.txt", GOOD)]).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{role:?}");
        assert_eq!(refused.headers[header::CONTENT_TYPE], "application/problem+json");
        let hidden = app.api("GET", accepted.location(), Some(&actor), None).await;
        assert_eq!(hidden.status, StatusCode::FORBIDDEN, "{role:?}");
    }
    assert_eq!(app.api("GET", accepted.location(), None, None).await.status, StatusCode::UNAUTHORIZED);
    for unknown in [format!("/api/v1/imports/{}", Uuid::now_v7()), "/api/v1/imports/42".into()] {
        let missing = app.api("GET", &unknown, Some(&recruiter), None).await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND, "{unknown}");
        assert_eq!(missing.json()["type"], "https://hired.dev/problems/not-found");
    }

    let empty = api_upload(&app, &recruiter, &[]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    let problem = empty.json();
    assert_eq!(problem["errors"][0]["field"], "files");
    assert_eq!(problem["errors"][0]["message"], "choose at least one resume to import");
    let json = app.api("POST", "/api/v1/imports", Some(&recruiter), Some(serde_json::json!({}))).await;
    assert_eq!(json.status, StatusCode::BAD_REQUEST);
    assert!(json.json()["detail"].as_str().unwrap().contains("multipart/form-data"));
    assert_eq!(app.store.recent_import_batches(10).await.unwrap().len(), 1);
}

#[tokio::test]
async fn the_openapi_document_describes_the_import_endpoints() {
    let app = TestApp::new().await;
    let doc = app.api("GET", "/api/v1/openapi.json", None, None).await.json();
    let create = &doc["paths"]["/api/v1/imports"]["post"];
    assert!(create["requestBody"]["content"]["multipart/form-data"].is_object(), "{create}");
    assert!(create["responses"]["202"].is_object(), "{create}");
    assert!(doc["paths"]["/api/v1/imports/{id}"]["get"]["responses"]["200"].is_object());
    let status = &doc["components"]["schemas"]["ImportFile"]["properties"]["status"]["enum"];
    assert_eq!(status, &serde_json::json!(["queued", "created", "merged", "failed"]));
}
