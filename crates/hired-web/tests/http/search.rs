//! Candidate search: words, phrases and fields over resumes, notes and profiles; facets;
//! highlighted, escaped passages; saved searches; bad queries explained; and team-scoped
//! roles finding only their teams' candidates.

use axum::http::StatusCode;
use hired_domain::profile::{Profile, ProfileSkill, WorkEntry};
use hired_domain::templates::django_backend;
use hired_domain::user::Role;
use hired_domain::{AttachmentId, CandidateId};
use hired_match::search::SortBy;
use hired_store::{NewApplication, ReadResume};
use hired_web::matching::live::LiveIndex;

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

#[tokio::test]
async fn search_sorts_by_match_score_for_a_requisition_the_caller_may_see() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await;
    let recruiter = app.actor(Role::Recruiter).await;
    person(&app, &admin, "Ben Okafor", "Backend work in Laravel.", "Laravel", "Globex").await;
    person(&app, &admin, "Ada Lovelace", "Backend work in Django.", "Django", "Initech").await;
    person(&app, &admin, "Cy Tanaka", "Backend work in plain Python.", "Python", "Initech").await;
    person(&app, &admin, "Dee Zhou", "Frontend work in React.", "React", "Initech").await;
    let req = app.store.create_requisition(&admin.user, django_backend().spec).await.unwrap();
    let by_match = format!("/api/v1/search?q=work+NOT+react&sort=match&requisition={}", req.id);

    let found = app.api("GET", &by_match, Some(&recruiter), None).await;
    assert_eq!(found.status, StatusCode::OK, "{}", found.body);
    let json = found.json();
    let items = json["items"].as_array().unwrap();
    let order: Vec<&str> = items.iter().map(|i| i["name"].as_str().unwrap()).collect();
    assert_eq!(order, ["Ada Lovelace", "Cy Tanaka", "Ben Okafor"], "Django, then Python, then Laravel");
    let scores: Vec<u64> = items.iter().map(|i| i["match_score"].as_u64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] > w[1]), "best first: {scores:?}");
    assert_eq!(json["total"], 3, "the words still choose who is in");
    let relevance = app.api("GET", "/api/v1/search?q=work", Some(&recruiter), None).await.json();
    assert!(relevance["items"][0]["match_score"].is_null(), "no match score unless sorted by it");

    let page = app.get(&format!("/search?q=work+NOT+react&sort=match&requisition={}", req.id), Some(&recruiter)).await;
    assert_eq!(page.status, StatusCode::OK);
    let ada = page.body.find("Ada Lovelace").unwrap();
    assert!(ada < page.body.find("Ben Okafor").unwrap());
    assert!(
        page.body.contains(&format!(
            "class=\"match-score\" title=\"Match score for the chosen requisition\">{}<",
            scores[0]
        ))
    );

    let missing = app.api("GET", "/api/v1/search?q=backend&sort=match", Some(&recruiter), None).await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", missing.body);
    assert!(missing.body.contains("needs a requisition"), "{}", missing.body);
    let mut bare = django_backend().spec;
    bare.skills.clear();
    let bare = app.store.create_requisition(&admin.user, bare).await.unwrap();
    let unskilled = format!("/api/v1/search?q=backend&sort=match&requisition={}", bare.id);
    let unskilled = app.api("GET", &unskilled, Some(&recruiter), None).await;
    assert_eq!(unskilled.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", unskilled.body);
    assert!(unskilled.body.contains("lists no skills"), "{}", unskilled.body);

    let outsider = app.actor(Role::Interviewer).await;
    let refused = app.api("GET", &by_match, Some(&outsider), None).await;
    assert!(matches!(refused.status, StatusCode::NOT_FOUND | StatusCode::FORBIDDEN), "{}", refused.status);
}

fn found(live: &LiveIndex, query: &str) -> Vec<String> {
    let mut names: Vec<String> =
        live.search(query, None, SortBy::Relevance, 0, 10).unwrap().hits.into_iter().map(|h| h.name).collect();
    names.sort();
    names
}

#[tokio::test]
async fn a_restarted_node_keeps_its_text_index_on_disk_and_catches_up_from_the_log() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await;
    let root = tempfile::tempdir().unwrap();
    let ada = person(&app, &admin, "Ada Lovelace", "Django at Initech.", "Django", "Initech").await;
    let first = LiveIndex::new(Some(root.path())).unwrap();
    first.catch_up(&app.store).await.unwrap();
    let second = LiveIndex::new(Some(root.path())).unwrap();
    second.catch_up(&app.store).await.unwrap();
    assert_eq!(found(&first, "django"), ["Ada Lovelace"]);
    assert_eq!(found(&second, "initech"), ["Ada Lovelace"], "a second node on the data directory has its own");
    assert_eq!((first.resumed_from().await, second.resumed_from().await), (None, None), "both were built");
    assert!(root.path().join("node-1").is_dir());
    drop((first, second));

    let ben = person(&app, &admin, "Ben Okafor", "Laravel for Globex.", "Laravel", "Globex").await;
    app.store.add_note(&admin.user, ada, "Kubernetes in the call").await.unwrap();
    let restarted = LiveIndex::new(Some(root.path())).unwrap();
    restarted.catch_up(&app.store).await.unwrap();
    assert!(restarted.resumed_from().await.is_some(), "the index on disk was reused, not rebuilt");
    assert_eq!(found(&restarted, "laravel"), ["Ben Okafor"], "written while no node ran");
    assert_eq!(found(&restarted, "kubernetes"), ["Ada Lovelace"]);
    assert_eq!(found(&restarted, "django"), ["Ada Lovelace"]);
    assert_eq!(restarted.len(), 2, "ranking holds everyone too");
    app.store.add_note(&admin.user, ben, "Symfony too").await.unwrap();
    restarted.catch_up(&app.store).await.unwrap();
    assert_eq!(found(&restarted, "symfony"), ["Ben Okafor"], "and it follows the log on");
    drop(restarted);

    let other = TestApp::new().await;
    let elsewhere = LiveIndex::new(Some(root.path())).unwrap();
    elsewhere.catch_up(&other.store).await.unwrap();
    assert!(found(&elsewhere, "django").is_empty(), "an index built from another store is not reused");
    assert_eq!(elsewhere.resumed_from().await, None);
}

fn hired_web_urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
