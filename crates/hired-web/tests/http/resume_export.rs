//! Exporting a candidate as JSON Resume: the parsed profile with the recruiter's contact details.

use axum::http::{StatusCode, header};
use hired_domain::AttachmentId;
use hired_domain::profile::{Profile, ProfileSkill};
use hired_domain::user::Role;

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
    app.store.save_profile(c.id, AttachmentId(pdf.id), Ok((&profile, &[])), 5).await.unwrap();

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
