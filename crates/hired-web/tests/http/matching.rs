//! Match scores in the product: the ranking page and API order a requisition's applicants by
//! their explained score, recruiters' weights re-rank them, the board sorts by match, the
//! candidate page explains each score, and only those who may see or edit the requisition do.

use axum::http::StatusCode;
use hired_domain::AttachmentId;
use hired_domain::CandidateId;
use hired_domain::profile::{PartialDate, Profile, ProfileSkill, WorkEntry};
use hired_domain::requisition::{Requisition, RequisitionSpec};
use hired_domain::templates::django_backend;
use hired_domain::user::Role;
use hired_store::testing::Backend;
use hired_store::{NewApplication, ReadResume};

use crate::{Actor, TestApp};

fn profile(skills: &[(&str, f32)], years: f32) -> Profile {
    Profile {
        skills: skills
            .iter()
            .map(|&(name, y)| ProfileSkill { name: name.into(), category: "framework".into(), years: Some(y) })
            .collect(),
        work: vec![WorkEntry {
            title: Some("Developer".into()),
            employer: Some("Initech".into()),
            start: PartialDate::new(2014, Some(1)),
            ..WorkEntry::default()
        }],
        total_years: Some(years),
        ..Profile::default()
    }
}

/// A candidate applied to `req`, with `read` as the profile intake read (none when `None`).
async fn applicant(app: &TestApp, admin: &Actor, req: &Requisition, name: &str, read: Option<Profile>) -> CandidateId {
    let email = format!("{}@example.com", name.to_lowercase().replace(' ', "."));
    let c = app.store.create_candidate(Some(&admin.user), crate::person(name, &email)).await.unwrap();
    if let Some(profile) = read {
        let file = app.store.add_attachment(&admin.user, c.id, "cv.txt", name.as_bytes()).await.unwrap();
        let read = ReadResume { profile: &profile, warnings: &[], text: name };
        app.store.save_profile(c.id, AttachmentId(file.id), Ok(read), 3).await.unwrap();
    }
    let new = NewApplication { candidate_id: c.id, requisition_id: req.id, source: None };
    app.store.add_application(Some(&admin.user), new).await.unwrap();
    c.id
}

/// The seed Django requisition with three applicants: a Django developer of twelve years, a
/// PHP developer of three, and someone whose resume was not read.
async fn seeded(app: &TestApp, admin: &Actor) -> (Requisition, [CandidateId; 3]) {
    let req = app.store.create_requisition(&admin.user, django_backend().spec).await.unwrap();
    let django = profile(&[("Django", 4.0), ("PostgreSQL", 3.0), ("Git", 5.0), ("Docker", 2.0)], 12.0);
    let ada = applicant(app, admin, &req, "Ada Django", Some(django)).await;
    let php = applicant(app, admin, &req, "Pat Php", Some(profile(&[("PHP", 3.0), ("MySQL", 3.0)], 3.0))).await;
    let unread = applicant(app, admin, &req, "Uma Unread", None).await;
    (req, [ada, php, unread])
}

/// The flash message a redirect carries, decoded.
fn flash(response: &crate::TestResponse) -> String {
    let cookie = response.headers.get("set-cookie").expect("a flash").to_str().unwrap();
    let value = cookie.split(';').next().unwrap().trim_start_matches("hired_flash=");
    let bytes = value.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            out.push(u8::from_str_radix(&value[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

fn position(body: &str, needle: &str) -> usize {
    body.find(needle).unwrap_or_else(|| panic!("{needle:?} is not on the page"))
}

async fn ranking_explains_and_weights_rerank(backend: Backend) {
    let app = TestApp::on(backend).await;
    let admin = app.actor(Role::Admin).await;
    let recruiter = app.actor(Role::Recruiter).await;
    let (req, [ada, ..]) = seeded(&app, &admin).await;
    let page = app.get(&format!("/requisitions/{}/ranking", req.id), Some(&recruiter)).await;
    assert_eq!(page.status, StatusCode::OK);
    let body = &page.body;
    assert!(position(body, "Ada Django") < position(body, "Pat Php"), "the Django developer ranks first");
    assert!(position(body, "Pat Php") < position(body, "Uma Unread"), "no profile ranks last");
    assert!(body.contains("Django 4 y (needs 2)"), "each line says what was found");
    assert!(body.contains("Python 4 y through Django (needs 2)"), "implied skills count");
    assert!(body.contains("No profile"));

    let api = app.api("GET", &format!("/api/v1/requisitions/{}/ranking", req.id), Some(&recruiter), None).await;
    assert_eq!(api.status, StatusCode::OK, "{}", api.body);
    let json = api.json();
    assert_eq!(json["total"], 3);
    let items = json["items"].as_array().unwrap();
    assert_eq!(items[0]["candidate_id"], ada.0.to_string());
    assert!(items[0]["score"].as_u64() > items[1]["score"].as_u64());
    assert!(items[2]["score"].is_null() && items[2]["explanation"].as_array().unwrap().is_empty());
    for item in &items[..2] {
        let sum: f64 = item["explanation"].as_array().unwrap().iter().map(|l| l["points"].as_f64().unwrap()).sum();
        assert!((sum - item["score"].as_f64().unwrap()).abs() <= 1.0, "the lines add up to the score: {item}");
    }
    assert!(items[0]["explanation"].as_array().unwrap().iter().any(|l| l["line"] == "✓ Django 4 y (needs 2)"));

    let board = app.get(&format!("/requisitions/{}/board?sort=match", req.id), Some(&recruiter)).await;
    assert_eq!(board.status, StatusCode::OK);
    assert!(position(&board.body, "Ada Django") < position(&board.body, "Pat Php"));
    assert!(board.body.contains("class=\"match-score\""), "cards carry their score");
    let candidate = app.get(&format!("/candidates/{ada}"), Some(&recruiter)).await;
    assert!(
        candidate.body.contains("Match with Python Django Backend Developer"),
        "the candidate page explains the score"
    );
    assert!(candidate.body.contains("Django 4 y (needs 2)"));

    // Experience alone: the three years in the mid range beat twelve.
    let only_experience = [
        ("required", "0"),
        ("nice", "0"),
        ("experience", "100"),
        ("certifications", "0"),
        ("location", "0"),
        ("salary", "0"),
    ];
    let version = req.version.to_string();
    let mut fields = vec![("version", version.as_str())];
    fields.extend(only_experience);
    let saved = app.post_form(&format!("/requisitions/{}/match-weights", req.id), Some(&recruiter), &fields).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let after = app.get(&format!("/requisitions/{}/ranking", req.id), Some(&recruiter)).await.body;
    assert!(position(&after, "Pat Php") < position(&after, "Ada Django"), "the new weights re-rank");
    assert!(after.contains("value=\"100\""), "the form shows the saved weights");

    // Editing the requisition keeps its weights.
    let req = app.store.requisition(req.id).await.unwrap();
    let edited = RequisitionSpec { title: "Django Developer".into(), ..req.spec.clone() };
    let kept = app
        .store
        .update_requisition(
            &admin.user,
            req.id,
            req.version,
            RequisitionSpec { match_weights: Default::default(), ..edited },
        )
        .await
        .unwrap();
    assert_eq!(kept.spec.match_weights.experience, 100);
}

#[tokio::test]
async fn ranking_explains_and_weights_rerank_on_sqlite() {
    ranking_explains_and_weights_rerank(Backend::Sqlite).await;
}

#[tokio::test]
async fn ranking_explains_and_weights_rerank_on_postgres() {
    ranking_explains_and_weights_rerank(Backend::Postgres).await;
}

#[tokio::test]
async fn bad_weights_are_refused_with_what_to_fix() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await;
    let (req, _) = seeded(&app, &admin).await;
    let path = format!("/requisitions/{}/match-weights", req.id);
    let version = req.version.to_string();
    let base = [("nice", "10"), ("experience", "20"), ("certifications", "5"), ("location", "10"), ("salary", "5")];
    for (required, says) in
        [("abc", "Required skills: give a whole number"), ("101", "Required skills: give a whole number")]
    {
        let mut fields = vec![("version", version.as_str()), ("required", required)];
        fields.extend(base);
        let refused = app.post_form(&path, Some(&admin), &fields).await;
        assert_eq!(refused.status, StatusCode::SEE_OTHER);
        let said = flash(&refused);
        assert!(said.starts_with("error:") && said.contains(says), "{said}");
    }
    let zero = [
        ("version", version.as_str()),
        ("required", "0"),
        ("nice", "0"),
        ("experience", "0"),
        ("certifications", "5"),
        ("location", "10"),
        ("salary", "5"),
    ];
    let refused = app.post_form(&path, Some(&admin), &zero).await;
    assert!(flash(&refused).contains("nothing to rank by"), "{}", flash(&refused));
    assert_eq!(
        app.store.requisition(req.id).await.unwrap().spec.match_weights,
        Default::default(),
        "nothing was saved"
    );

    let api = format!("/api/v1/requisitions/{}/match-weights", req.id);
    let weights =
        serde_json::json!({"required": 0, "nice": 0, "experience": 0, "certifications": 0, "location": 0, "salary": 0});
    let refused =
        app.api("PUT", &api, Some(&admin), Some(serde_json::json!({"version": req.version, "weights": weights}))).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    let stale = serde_json::json!({"version": req.version + 5, "weights": {"required": 60, "nice": 10, "experience": 10, "certifications": 5, "location": 10, "salary": 5}});
    assert_eq!(app.api("PUT", &api, Some(&admin), Some(stale)).await.status, StatusCode::CONFLICT);
    let limit = app.api("GET", &format!("/api/v1/requisitions/{}/ranking?limit=0", req.id), Some(&admin), None).await;
    assert_eq!(limit.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_requisition_without_skills_says_what_to_add() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await;
    let spec = RequisitionSpec { skills: Vec::new(), ..django_backend().spec };
    let req = app.store.create_requisition(&admin.user, spec).await.unwrap();
    applicant(&app, &admin, &req, "Ada Django", Some(profile(&[("Django", 4.0)], 4.0))).await;
    let page = app.get(&format!("/requisitions/{}/ranking", req.id), Some(&admin)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("lists no skills"), "{}", page.body);
    let board = app.get(&format!("/requisitions/{}/board?sort=match", req.id), Some(&admin)).await;
    assert_eq!(board.status, StatusCode::OK);
    assert!(board.body.contains("lists no skills"));
    let api = app.api("GET", &format!("/api/v1/requisitions/{}/ranking", req.id), Some(&admin), None).await;
    assert_eq!(api.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(api.body.contains("add required or nice-to-have skills"), "{}", api.body);
}

#[tokio::test]
async fn only_the_requisitions_team_sees_the_ranking_and_only_editors_change_weights() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await;
    let (req, _) = seeded(&app, &admin).await;
    let recruiter = app.actor(Role::Recruiter).await;
    let (manager, interviewer) = (app.actor(Role::HiringManager).await, app.actor(Role::Interviewer).await);
    let (manager_off, interviewer_off) = (app.actor(Role::HiringManager).await, app.actor(Role::Interviewer).await);
    for member in [&manager, &interviewer] {
        app.store.set_team_member(&admin.user, req.id, &member.user).await.unwrap();
    }
    let page = format!("/requisitions/{}/ranking", req.id);
    let api = format!("/api/v1/requisitions/{}/ranking", req.id);
    let weights = format!("/api/v1/requisitions/{}/match-weights", req.id);
    let form = format!("/requisitions/{}/match-weights", req.id);
    let cases = [
        (&admin, StatusCode::OK, StatusCode::OK),
        (&recruiter, StatusCode::OK, StatusCode::OK),
        (&manager, StatusCode::OK, StatusCode::OK),
        (&interviewer, StatusCode::OK, StatusCode::FORBIDDEN),
        (&manager_off, StatusCode::NOT_FOUND, StatusCode::NOT_FOUND),
        (&interviewer_off, StatusCode::NOT_FOUND, StatusCode::NOT_FOUND),
    ];
    for (actor, view, edit) in cases {
        let role = actor.user.role.as_str();
        assert_eq!(app.get(&page, Some(actor)).await.status, view, "{role} ranking page");
        assert_eq!(app.api("GET", &api, Some(actor), None).await.status, view, "{role} ranking API");
        let version = app.store.requisition(req.id).await.unwrap().version;
        let body = serde_json::json!({"version": version, "weights": {"required": 60, "nice": 10, "experience": 10, "certifications": 5, "location": 10, "salary": 5}});
        assert_eq!(app.api("PUT", &weights, Some(actor), Some(body)).await.status, edit, "{role} weights API");
        let fields = [
            ("version", version.to_string()),
            ("required", "60".into()),
            ("nice", "10".into()),
            ("experience", "10".into()),
            ("certifications", "5".into()),
            ("location", "10".into()),
            ("salary", "5".into()),
        ];
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let posted = app.post_form(&form, Some(actor), &fields).await.status;
        let expected = if edit == StatusCode::OK { StatusCode::SEE_OTHER } else { edit };
        assert_eq!(posted, expected, "{role} weights form");
    }
    assert_eq!(app.get(&page, None).await.status, StatusCode::SEE_OTHER, "signed out goes to sign-in");
    assert_eq!(app.api("GET", &api, None, None).await.status, StatusCode::UNAUTHORIZED);
}
