//! Exporting a candidate as JSON Resume: the parsed profile with the recruiter's contact details.

use axum::http::{StatusCode, header};
use hired_domain::AttachmentId;
use hired_domain::profile::{Profile, ProfileSkill};
use hired_domain::user::Role;
use hired_store::ReadResume;

use crate::TestApp;

#[tokio::test]
async fn a_candidate_exports_as_json_resume_for_those_who_may_see_them() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await;
    let c = app.store.create_candidate(Some(&admin.user), crate::person("Lee Chen", "lee@example.com")).await.unwrap();
    let pdf = app.store.add_attachment(&admin.user, c.id, "cv.pdf", b"%PDF-1.4\n%%EOF\n").await.unwrap();
    let profile = Profile {
        name: Some("LEE CHEN".into()),
        emails: vec!["old@example.com".into()],
        skills: vec![ProfileSkill { name: "Django".into(), category: "framework".into(), years: Some(3.0) }],
        ..Profile::default()
    };
    app.store
        .save_profile(c.id, AttachmentId(pdf.id), Ok(ReadResume { profile: &profile, warnings: &[], text: "" }), 5)
        .await
        .unwrap();

    let path = format!("/candidates/{}/resume.json", c.id);
    let recruiter = app.actor(Role::Recruiter).await;
    let response = app.get(&path, Some(&recruiter)).await;
    assert_eq!(response.status, StatusCode::OK);
    let disposition = response.headers.get(header::CONTENT_DISPOSITION).unwrap().to_str().unwrap();
    assert_eq!(disposition, "attachment; filename=\"Lee-Chen.json\"");
    let doc = response.json();
    assert_eq!(doc["basics"]["name"], "Lee Chen", "the recruiter's record wins");
    assert_eq!(doc["basics"]["email"], "lee@example.com");
    assert_eq!(doc["skills"][0]["keywords"][0], "Django");

    let outsider = app.actor(Role::Interviewer).await;
    assert_eq!(app.get(&path, Some(&outsider)).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&path, None).await.status, StatusCode::SEE_OTHER, "sign in first");
}

#[tokio::test]
async fn a_pdf_resume_is_shown_inline_only_to_our_own_pages_and_only_pdfs() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await;
    let c = app.store.create_candidate(Some(&admin.user), crate::person("Lee Chen", "lee@example.com")).await.unwrap();
    let pdf = app.store.add_attachment(&admin.user, c.id, "cv.pdf", b"%PDF-1.4\n%%EOF\n").await.unwrap();
    let txt = app.store.add_attachment(&admin.user, c.id, "cv.txt", b"Lee Chen, Django developer").await.unwrap();
    let view = format!("/candidates/{}/attachments/{}/view", c.id, pdf.id);

    let page = app.get(&format!("/candidates/{}", c.id), Some(&admin)).await;
    assert!(page.body.contains(&format!("src=\"{view}\"")), "the page frames the newest PDF");
    assert_eq!(page.headers.get(header::X_FRAME_OPTIONS).unwrap(), "DENY", "pages themselves are never framed");

    let shown = app.get(&view, Some(&admin)).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert_eq!(shown.headers.get(header::CONTENT_TYPE).unwrap(), "application/pdf");
    assert_eq!(shown.headers.get(header::CONTENT_DISPOSITION).unwrap(), "inline");
    assert_eq!(shown.headers.get(header::X_FRAME_OPTIONS).unwrap(), "SAMEORIGIN");
    assert_eq!(shown.headers.get(header::X_CONTENT_TYPE_OPTIONS).unwrap(), "nosniff");
    let text_view = format!("/candidates/{}/attachments/{}/view", c.id, txt.id);
    assert_eq!(app.get(&text_view, Some(&admin)).await.status, StatusCode::NOT_FOUND, "only PDFs show inline");
    let outsider = app.actor(Role::Interviewer).await;
    assert_eq!(app.get(&view, Some(&outsider)).await.status, StatusCode::NOT_FOUND);
}
