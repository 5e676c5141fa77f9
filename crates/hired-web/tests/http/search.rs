//! Candidate search: words, phrases and fields over resumes, notes and profiles; facets;
//! highlighted, escaped passages; saved searches; bad queries explained; and team-scoped
//! roles finding only their teams' candidates.

use axum::http::StatusCode;
use hired_domain::profile::{Profile, ProfileSkill, WorkEntry};
use hired_domain::templates::django_backend;
use hired_domain::user::Role;
use hired_domain::{AttachmentId, CandidateId};
use hired_store::{NewApplication, ReadResume};

use crate::{Actor, TestApp};

async fn person(app: &TestApp, admin: &Actor, name: &str, resume: &str, skill: &str, employer: &str) -> CandidateId {
    let email = format!("{}@example.com", name.to_lowercase().replace(' ', "."));
    let c = app.store.create_candidate(Some(&admin.user), crate::person(name, &email)).await.unwrap();
    let profile = Profile {
        skills: vec![ProfileSkill { name: skill.into(), category: "framework".into(), years: Some(3.0) }],
        work: vec![WorkEntry {
            employer: Some(employer.into()),
            title: Some("Backend Developer".into()),
            ..WorkEntry::default()
        }],
        total_years: Some(3.0),
        ..Profile::default()
    };
    let file = app.store.add_attachment(&admin.user, c.id, "cv.txt", resume.as_bytes()).await.unwrap();
    app.store
        .save_profile(c.id, AttachmentId(file.id), Ok(ReadResume { profile: &profile, warnings: &[], text: resume }), 2)
        .await
        .unwrap();
    c.id
}

fn names(json: &serde_json::Value) -> Vec<String> {
    let mut names: Vec<String> =
        json["items"].as_array().unwrap().iter().map(|i| i["name"].as_str().unwrap().to_owned()).collect();
    names.sort();
    names
}

#[tokio::test]
async fn search_finds_words_phrases_and_fields_with_facets_and_safe_snippets() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await;
    let recruiter = app.actor(Role::Recruiter).await;
    person(
        &app,
        &admin,
        "Ada Lovelace",
        "Built REST APIs with Django at Initech. <script>alert(1)</script>",
        "Django",
        "Initech",
    )
    .await;
    let ben = person(&app, &admin, "Ben Okafor", "Laravel and Symfony for Globex.", "Laravel", "Globex").await;
    app.store.add_note(&admin.user, ben, "Strong on Kubernetes in the call").await.unwrap();
    let api = |q: &str| format!("/api/v1/search?q={}", hired_web_urlencode(q));
    let (app_ref, who) = (&app, &recruiter);
    let get = move |q: String| async move { app_ref.api("GET", &q, Some(who), None).await };

    let django = get(api("django")).await;
    assert_eq!(django.status, StatusCode::OK, "{}", django.body);
    let json = django.json();
    assert_eq!(names(&json), ["Ada Lovelace"]);
    let snippet = json["items"][0]["snippet"].as_str().unwrap();
    assert!(snippet.contains("<b>Django</b>"), "{snippet}");
    assert!(!snippet.contains("<script>"), "resume text is escaped: {snippet}");
    assert_eq!(names(&get(api("kubernetes")).await.json()), ["Ben Okafor"], "notes are searched");
    assert_eq!(names(&get(api("company:globex")).await.json()), ["Ben Okafor"]);
    assert_eq!(names(&get(api("\"rest apis\"")).await.json()), ["Ada Lovelace"]);
    assert_eq!(names(&get(api("django OR laravel")).await.json()), ["Ada Lovelace", "Ben Okafor"]);
    assert_eq!(names(&get(api("title:backend NOT laravel")).await.json()), ["Ada Lovelace"]);
    let all = get(api("*")).await.json();
    assert_eq!(all["total"], 2);
    let skills = all["facets"]["skill"].as_array().unwrap();
    assert!(skills.iter().any(|v| v[0] == "Django" && v[1] == 1), "{skills:?}");

    let bad = get(api("\"open phrase")).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("quotation mark"), "{}", bad.body);
    let huge = get(api(&"django ".repeat(500))).await;
    assert_eq!(huge.status, StatusCode::UNPROCESSABLE_ENTITY);
    let page = app.get(&format!("/search?q={}", hired_web_urlencode("colour:blue")), Some(&recruiter)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("there is no field"), "the page explains the mistake");
    let page = app.get("/search?q=django", Some(&recruiter)).await.body;
    assert!(page.contains("Ada Lovelace") && page.contains("<b>Django</b>"));
    assert!(page.contains("django%20skill%3A%22Django%22"), "facet values narrow the search");
    assert_eq!(app.api("GET", "/api/v1/search?q=x", None, None).await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn searches_are_saved_per_person_and_deleted_only_by_their_author() {
    let app = TestApp::new().await;
    let recruiter = app.actor(Role::Recruiter).await;
    let other = app.actor(Role::Recruiter).await;
    let saved =
        app.post_form("/search/saved", Some(&recruiter), &[("name", "Django people"), ("q", "skill:django")]).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let page = app.get("/search", Some(&recruiter)).await.body;
    assert!(page.contains("Django people"));
    assert!(!app.get("/search", Some(&other)).await.body.contains("Django people"), "private to its author");
    let id = app.store.saved_searches(&recruiter.user).await.unwrap()[0].id;
    let path = format!("/search/saved/{id}/delete");
    assert_eq!(app.post_form(&path, Some(&other), &[]).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.post_form(&path, Some(&recruiter), &[]).await.status, StatusCode::SEE_OTHER);
    assert!(app.store.saved_searches(&recruiter.user).await.unwrap().is_empty());
    let nameless = app.post_form("/search/saved", Some(&recruiter), &[("name", " "), ("q", "django")]).await;
    assert_eq!(nameless.status, StatusCode::SEE_OTHER);
    assert!(app.store.saved_searches(&recruiter.user).await.unwrap().is_empty(), "nothing saved without a name");
}

#[tokio::test]
async fn interviewers_and_hiring_managers_find_only_their_teams_candidates() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await;
    let ada = person(&app, &admin, "Ada Lovelace", "Django at Initech.", "Django", "Initech").await;
    person(&app, &admin, "Ben Okafor", "Django at Globex.", "Django", "Globex").await;
    let req = app.store.create_requisition(&admin.user, django_backend().spec).await.unwrap();
    app.store
        .add_application(Some(&admin.user), NewApplication { candidate_id: ada, requisition_id: req.id, source: None })
        .await
        .unwrap();
    let interviewer = app.actor(Role::Interviewer).await;
    let manager = app.actor(Role::HiringManager).await;
    app.store.set_team_member(&admin.user, req.id, &interviewer.user).await.unwrap();
    let outsider = app.actor(Role::Interviewer).await;
    for (actor, expected) in [
        (&admin, vec!["Ada Lovelace", "Ben Okafor"]),
        (&interviewer, vec!["Ada Lovelace"]),
        (&manager, vec![]),
        (&outsider, vec![]),
    ] {
        let found = app.api("GET", "/api/v1/search?q=django", Some(actor), None).await;
        assert_eq!(found.status, StatusCode::OK, "{}", found.body);
        let json = found.json();
        assert_eq!(names(&json), expected, "{}", actor.user.role.as_str());
        assert_eq!(json["total"].as_u64().unwrap() as usize, expected.len(), "counts respect permissions too");
    }
}

fn hired_web_urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
