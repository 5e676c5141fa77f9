//! Recruiters correcting a parsed profile section by section: edits show as edits, survive a
//! new reading of the resume, can be reverted, reach the JSON Resume export, and only those
//! who may edit the candidate can make them. Also the original document beside the profile.

use axum::http::StatusCode;
use hired_domain::profile::{PartialDate, Profile, ProfileSkill, WorkEntry};
use hired_domain::requisition::Requisition;
use hired_domain::templates::django_backend;
use hired_domain::user::Role;
use hired_domain::{AttachmentId, CandidateId};
use hired_store::testing::Backend;
use hired_store::{NewApplication, ReadResume};

use crate::{Actor, TestApp, TestResponse};

fn reading(headline: &str, skill: &str) -> Profile {
    Profile {
        headline: Some(headline.into()),
        skills: vec![ProfileSkill { name: skill.into(), category: "framework".into(), years: None }],
        work: vec![WorkEntry {
            title: Some("Developer".into()),
            employer: Some("Initech".into()),
            start: PartialDate::new(2018, Some(1)),
            end: PartialDate::new(2019, Some(12)),
            ..WorkEntry::default()
        }],
        total_years: Some(2.0),
        ..Profile::default()
    }
}

/// A candidate with a text resume read as `profile`; returns the candidate and the attachment.
async fn read_candidate(app: &TestApp, admin: &Actor, profile: &Profile, text: &str) -> (CandidateId, AttachmentId) {
    let c = app.store.create_candidate(Some(&admin.user), crate::person("Lee Chen", "lee@example.com")).await.unwrap();
    let file = app.store.add_attachment(&admin.user, c.id, "cv.txt", text.as_bytes()).await.unwrap();
    reread(app, c.id, AttachmentId(file.id), profile, text).await;
    (c.id, AttachmentId(file.id))
}

/// What the resume job does when it reads the resume (again).
async fn reread(app: &TestApp, id: CandidateId, file: AttachmentId, profile: &Profile, text: &str) {
    let read = ReadResume { profile, warnings: &[], text };
    app.store.save_profile(id, file, Ok(read), 4).await.unwrap();
}

async fn edit(app: &TestApp, actor: &Actor, id: CandidateId, section: &str, text: &str) -> TestResponse {
    app.post_form(&format!("/candidates/{id}/profile/{section}"), Some(actor), &[("text", text)]).await
}

/// The page's entry for one section: from its label to the next section.
fn section<'a>(page: &'a str, key: &str) -> &'a str {
    let start = page.find(&format!("id=\"profile-{key}\"")).unwrap_or_else(|| panic!("no {key} section"));
    let rest = &page[start..];
    let end = rest[1..].find("<dt id=\"profile-").map_or(rest.len(), |i| i + 1);
    &rest[..end]
}

async fn edits_survive_a_new_reading_and_revert_restores_it(backend: Backend) {
    let app = TestApp::on(backend).await;
    let admin = app.actor(Role::Admin).await;
    let recruiter = app.actor(Role::Recruiter).await;
    let (id, file) = read_candidate(&app, &admin, &reading("Backend Engineer", "Flask"), "Lee Chen\nFlask").await;

    let form = app.get(&format!("/candidates/{id}/profile/skills/edit"), Some(&recruiter)).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains(">\nFlask</textarea>"), "the editor holds the section as text");
    let saved = edit(&app, &recruiter, id, "skills", "postgres | 3\nDjango | 4").await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    assert_eq!(saved.location(), format!("/candidates/{id}#profile-skills"));
    let work = "Lead Engineer | Acme | 2020-01 | now\n- Moved billing to PostgreSQL";
    assert_eq!(edit(&app, &recruiter, id, "work", work).await.status, StatusCode::SEE_OTHER);

    let page = app.get(&format!("/candidates/{id}"), Some(&recruiter)).await.body;
    let skills = section(&page, "skills");
    assert!(skills.contains("<span class=\"tag\">PostgreSQL · 3 y</span>"), "{skills}");
    assert!(skills.contains("<span class=\"tag\">Django · 4 y</span>"));
    assert!(skills.contains("edited by Test Recruiter"), "the edit is marked: {skills}");
    assert!(skills.contains("<summary>What the resume said</summary>") && skills.contains(">Flask</pre>"));
    assert!(section(&page, "work").contains("Moved billing to PostgreSQL"));
    assert!(!section(&page, "headline").contains("edited by"), "unedited sections carry no badge");
    assert!(!section(&page, "total_years").contains("2.0 years"), "years are counted from the edited work");

    reread(&app, id, file, &reading("Staff Engineer", "Go"), "Lee Chen\nGo").await;
    let page = app.get(&format!("/candidates/{id}"), Some(&recruiter)).await.body;
    assert!(section(&page, "headline").contains("Staff Engineer"), "unedited sections show the new reading");
    let skills = section(&page, "skills");
    assert!(skills.contains("PostgreSQL · 3 y") && !skills.contains("<span class=\"tag\">Go</span>"), "{skills}");
    assert!(skills.contains(">Go</pre>"), "what the resume now says is one click away");

    let doc = app.get(&format!("/candidates/{id}/resume.json"), Some(&recruiter)).await.json();
    assert_eq!(doc["basics"]["label"], "Staff Engineer");
    assert_eq!(doc["work"][0]["position"], "Lead Engineer", "the export uses the edits");
    let keywords = doc["skills"].to_string();
    assert!(keywords.contains("PostgreSQL") && !keywords.contains("\"Go\""), "{keywords}");

    let reverted = app.post_form(&format!("/candidates/{id}/profile/skills/revert"), Some(&recruiter), &[]).await;
    assert_eq!(reverted.status, StatusCode::SEE_OTHER);
    let page = app.get(&format!("/candidates/{id}"), Some(&recruiter)).await.body;
    let skills = section(&page, "skills");
    assert!(skills.contains("<span class=\"tag\">Go</span>") && !skills.contains("edited by"), "{skills}");
    assert!(section(&page, "work").contains("edited by"), "other edits stay");
}

#[tokio::test]
async fn edits_survive_a_new_reading_and_revert_restores_it_on_sqlite() {
    edits_survive_a_new_reading_and_revert_restores_it(Backend::Sqlite).await;
}

#[tokio::test]
async fn edits_survive_a_new_reading_and_revert_restores_it_on_postgres() {
    edits_survive_a_new_reading_and_revert_restores_it(Backend::Postgres).await;
}

#[tokio::test]
async fn bad_lines_are_refused_with_422_naming_the_line_and_keeping_the_text() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await;
    let (id, _) = read_candidate(&app, &admin, &reading("Backend Engineer", "Flask"), "Lee Chen").await;
    let typed = "Dev | Acme | 2019-03 | now\nOps | Initech | March 2017 | 2018";
    let refused = edit(&app, &admin, id, "work", typed).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Line 2: the start “March 2017” is not a date"), "{}", refused.body);
    assert!(refused.body.contains(">\nDev | Acme | 2019-03 | now\nOps | Initech | March 2017 | 2018</textarea>"));
    let refused = edit(&app, &admin, id, "emails", "lee@example.com\nnot-an-email").await;
    assert!(refused.body.contains("Line 2: “not-an-email” must look like name@example.com."));
    let page = app.get(&format!("/candidates/{id}"), Some(&admin)).await.body;
    assert!(!page.contains("edited by"), "nothing was saved");
    let unknown = app.get(&format!("/candidates/{id}/profile/salary/edit"), Some(&admin)).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn html_in_edited_values_is_shown_as_text() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await;
    let (id, _) = read_candidate(&app, &admin, &reading("Backend Engineer", "Flask"), "Lee Chen").await;
    let script = "<script>alert(1)</script>";
    assert_eq!(edit(&app, &admin, id, "headline", script).await.status, StatusCode::SEE_OTHER);
    let page = app.get(&format!("/candidates/{id}"), Some(&admin)).await.body;
    assert!(!page.contains(script));
    let headline = section(&page, "headline");
    assert!(headline.contains("&#60;script&#62;alert(1)&#60;/script&#62;"), "{headline}");
    let refused = edit(&app, &admin, id, "total_years", "<img src=x onerror=alert(1)>").await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!refused.body.contains("<img src=x"), "typed text and messages are escaped");
    let links = edit(&app, &admin, id, "links", "javascript:alert(1)").await;
    assert!(links.body.contains("Line 1: “javascript:alert(1)” must start with https://"));
}

#[tokio::test]
async fn a_candidate_without_a_resume_is_filled_in_by_hand() {
    let app = TestApp::new().await;
    let recruiter = app.actor(Role::Recruiter).await;
    let c =
        app.store.create_candidate(Some(&recruiter.user), crate::person("Kim Park", "kim@example.com")).await.unwrap();
    let path = format!("/candidates/{}", c.id);
    let page = app.get(&path, Some(&recruiter)).await.body;
    assert!(page.contains("Fill in the profile by hand"));
    assert!(page.contains(&format!("href=\"/candidates/{}/profile/skills/edit\"", c.id)));
    assert_eq!(
        edit(&app, &recruiter, c.id, "languages", "Korean | Native\nEnglish | C1").await.status,
        StatusCode::SEE_OTHER
    );
    let page = app.get(&path, Some(&recruiter)).await.body;
    assert!(!page.contains("Fill in the profile by hand"));
    let languages = section(&page, "languages");
    assert!(languages.contains("<strong>Korean</strong> · Native") && languages.contains("edited by"), "{languages}");
    assert!(languages.contains("Nothing was read for this section."));
}

async fn team_requisition(app: &TestApp, admin: &Actor, id: CandidateId, members: &[&Actor]) -> Requisition {
    let req = app.store.create_requisition(&admin.user, django_backend().spec).await.unwrap();
    for m in members {
        app.store.set_team_member(&admin.user, req.id, &m.user).await.unwrap();
    }
    let new = NewApplication { candidate_id: id, requisition_id: req.id, source: None };
    app.store.add_application(Some(&admin.user), new).await.unwrap();
    req
}

#[tokio::test]
async fn only_those_who_may_edit_the_candidate_edit_the_profile() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await;
    let (id, _) = read_candidate(&app, &admin, &reading("Backend Engineer", "Flask"), "Lee Chen").await;
    let (manager, interviewer) = (app.actor(Role::HiringManager).await, app.actor(Role::Interviewer).await);
    let (manager_off, interviewer_off) = (app.actor(Role::HiringManager).await, app.actor(Role::Interviewer).await);
    team_requisition(&app, &admin, id, &[&manager, &interviewer]).await;
    let recruiter = app.actor(Role::Recruiter).await;
    let form = format!("/candidates/{id}/profile/headline/edit");
    let revert = format!("/candidates/{id}/profile/headline/revert");
    let cases = [
        (&admin, StatusCode::OK, StatusCode::SEE_OTHER),
        (&recruiter, StatusCode::OK, StatusCode::SEE_OTHER),
        (&manager, StatusCode::FORBIDDEN, StatusCode::FORBIDDEN),
        (&interviewer, StatusCode::FORBIDDEN, StatusCode::FORBIDDEN),
        (&manager_off, StatusCode::NOT_FOUND, StatusCode::NOT_FOUND),
        (&interviewer_off, StatusCode::NOT_FOUND, StatusCode::NOT_FOUND),
    ];
    for (actor, view, change) in cases {
        let role = actor.user.role;
        assert_eq!(app.get(&form, Some(actor)).await.status, view, "{role:?} opens the editor");
        assert_eq!(edit(&app, actor, id, "headline", "Changed").await.status, change, "{role:?} saves");
        assert_eq!(app.post_form(&revert, Some(actor), &[]).await.status, change, "{role:?} reverts");
    }
    let page = app.get(&format!("/candidates/{id}"), Some(&manager)).await.body;
    assert!(page.contains("Backend Engineer") && !page.contains("/profile/headline/edit"), "no edit links for them");
    assert_eq!(app.get(&form, None).await.status, StatusCode::SEE_OTHER, "sign in first");
}

#[tokio::test]
async fn the_text_of_a_non_pdf_resume_shows_beside_the_profile_and_a_pdf_keeps_its_viewer() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await;
    let text = "Lee Chen\n<b>Django</b> developer";
    let (id, _) = read_candidate(&app, &admin, &reading("Backend Engineer", "Django"), text).await;
    let page = app.get(&format!("/candidates/{id}"), Some(&admin)).await.body;
    assert!(page.contains("<h2 id=\"original-title\">Original: cv.txt</h2>"));
    let original = &page[page.find("resume-text").unwrap()..];
    assert!(original.contains("Lee Chen\n&#60;b&#62;Django&#60;/b&#62; developer</pre>"), "escaped: {original}");
    assert!(!page.contains("<iframe"));

    let c = app.store.create_candidate(Some(&admin.user), crate::person("Ana Silva", "ana@example.com")).await.unwrap();
    let pdf = app.store.add_attachment(&admin.user, c.id, "cv.pdf", b"%PDF-1.4\n%%EOF\n").await.unwrap();
    reread(&app, c.id, AttachmentId(pdf.id), &reading("Analyst", "SQL"), "Ana Silva").await;
    let page = app.get(&format!("/candidates/{}", c.id), Some(&admin)).await.body;
    assert!(page.contains(&format!("src=\"/candidates/{}/attachments/{}/view\"", c.id, pdf.id)));
    assert!(!page.contains("resume-text"));
}
