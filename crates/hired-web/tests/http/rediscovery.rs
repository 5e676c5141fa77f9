//! Talent rediscovery: everyone in the database ranked for a requisition, with filters,
//! without those already on it or who asked not to be contacted; one click adds someone; what
//! was written before a search is in it; only roles that see every candidate may search.

use axum::http::StatusCode;
use hired_domain::AttachmentId;
use hired_domain::CandidateId;
use hired_domain::profile::{Profile, ProfileSkill};
use hired_domain::requisition::Requisition;
use hired_domain::templates::django_backend;
use hired_domain::user::Role;
use hired_store::{NewApplication, ReadResume};

use crate::{Actor, TestApp};

async fn person(
    app: &TestApp,
    admin: &Actor,
    name: &str,
    location: &str,
    skills: &[(&str, f32)],
    years: f32,
) -> CandidateId {
    let email = format!("{}@example.com", name.to_lowercase().replace(' ', "."));
    let mut details = crate::person(name, &email);
    details.location = Some(location.into());
    let c = app.store.create_candidate(Some(&admin.user), details).await.unwrap();
    let profile = Profile {
        skills: skills
            .iter()
            .map(|&(n, y)| ProfileSkill { name: n.into(), category: "framework".into(), years: Some(y) })
            .collect(),
        total_years: Some(years),
        ..Profile::default()
    };
    let file = app.store.add_attachment(&admin.user, c.id, "cv.txt", name.as_bytes()).await.unwrap();
    let read = ReadResume { profile: &profile, warnings: &[], text: name };
    app.store.save_profile(c.id, AttachmentId(file.id), Ok(read), 3).await.unwrap();
    c.id
}

async fn apply(app: &TestApp, admin: &Actor, candidate: CandidateId, req: &Requisition) {
    let new = NewApplication { candidate_id: candidate, requisition_id: req.id, source: None };
    app.store.add_application(Some(&admin.user), new).await.unwrap();
}

fn names(json: &serde_json::Value) -> Vec<String> {
    json["items"].as_array().unwrap().iter().map(|i| i["name"].as_str().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn rediscovery_ranks_everyone_else_filters_and_adds_in_one_click() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await;
    let recruiter = app.actor(Role::Recruiter).await;
    let req = app.store.create_requisition(&admin.user, django_backend().spec).await.unwrap();
    let other = app.store.create_requisition(&admin.user, django_backend().spec).await.unwrap();
    let django = [("Django", 4.0), ("PostgreSQL", 3.0), ("Docker", 2.0), ("Git", 4.0)];
    let ada = person(&app, &admin, "Ada Berlin", "Berlin, Germany", &django, 4.0).await;
    let ben = person(&app, &admin, "Ben Lisbon", "Lisbon, Portugal", &django[..2], 12.0).await;
    let on_it = person(&app, &admin, "Cy Applied", "Berlin", &django, 4.0).await;
    let quiet = person(&app, &admin, "Dee Quiet", "Berlin", &django, 4.0).await;
    person(&app, &admin, "Eve Php", "Paris", &[("PHP", 5.0)], 5.0).await;
    apply(&app, &admin, on_it, &req).await;
    apply(&app, &admin, ben, &other).await;
    app.store.set_do_not_contact(&admin.user, quiet, true).await.unwrap();

    let api = |query: &str| format!("/api/v1/requisitions/{}/rediscovery{query}", req.id);
    let all = app.api("GET", &api(""), Some(&recruiter), None).await;
    assert_eq!(all.status, StatusCode::OK, "{}", all.body);
    let found = names(&all.json());
    assert_eq!(found[0], "Ada Berlin", "best first: {found:?}");
    assert!(found.contains(&"Ben Lisbon".to_owned()) && found.contains(&"Eve Php".to_owned()));
    assert!(!found.contains(&"Cy Applied".to_owned()), "already on the requisition");
    assert!(!found.contains(&"Dee Quiet".to_owned()), "asked not to be contacted");
    let item = &all.json()["items"][0];
    let sum: f64 = item["explanation"].as_array().unwrap().iter().map(|l| l["points"].as_f64().unwrap()).sum();
    assert!((sum - item["score"].as_f64().unwrap()).abs() <= 1.0, "{item}");

    assert_eq!(names(&app.api("GET", &api("?location=lisbon"), Some(&recruiter), None).await.json()), ["Ben Lisbon"]);
    assert_eq!(
        names(&app.api("GET", &api("?level=senior"), Some(&recruiter), None).await.json()),
        ["Ben Lisbon", "Eve Php"]
    );
    assert_eq!(names(&app.api("GET", &api("?history=applied"), Some(&recruiter), None).await.json()), ["Ben Lisbon"]);
    let bad = app.api("GET", &api("?level=guru"), Some(&recruiter), None).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("junior, mid, senior or lead"), "{}", bad.body);

    // Written after the index was built: in the next search.
    person(&app, &admin, "Fay Fresh", "Berlin", &django, 3.0).await;
    assert!(
        names(&app.api("GET", &api("?location=berlin"), Some(&recruiter), None).await.json())
            .contains(&"Fay Fresh".to_owned())
    );

    let page = app.get(&format!("/requisitions/{}/find?location=berlin", req.id), Some(&recruiter)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Ada Berlin") && !page.body.contains("Ben Lisbon"));
    let back = format!("/requisitions/{}/find?location=berlin", req.id);
    let added = app
        .post_form(
            &format!("/requisitions/{}/find/add", req.id),
            Some(&recruiter),
            &[("candidate_id", &ada.0.to_string()), ("back", &back)],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER);
    assert_eq!(added.location(), back);
    let apps = app.store.applicants(req.id, None).await.unwrap();
    let ada_app = apps.iter().find(|a| a.candidate == ada).expect("Ada is on the requisition");
    assert_eq!(ada_app.status, "active");
    let again = app.get(&back, Some(&recruiter)).await.body;
    assert!(!again.contains("Ada Berlin"), "once added, no longer found");
    let bad_page = app.get(&format!("/requisitions/{}/find?history=sometimes", req.id), Some(&recruiter)).await;
    assert_eq!(bad_page.status, StatusCode::OK);
    assert!(bad_page.body.contains("history must be any, never, applied or left"));
}

#[tokio::test]
async fn only_roles_that_see_every_candidate_may_rediscover() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await;
    let req = app.store.create_requisition(&admin.user, django_backend().spec).await.unwrap();
    person(&app, &admin, "Ada Berlin", "Berlin", &[("Django", 4.0)], 4.0).await;
    let recruiter = app.actor(Role::Recruiter).await;
    let (manager, interviewer) = (app.actor(Role::HiringManager).await, app.actor(Role::Interviewer).await);
    let manager_off = app.actor(Role::HiringManager).await;
    for member in [&manager, &interviewer] {
        app.store.set_team_member(&admin.user, req.id, &member.user).await.unwrap();
    }
    let page = format!("/requisitions/{}/find", req.id);
    let api = format!("/api/v1/requisitions/{}/rediscovery", req.id);
    let add = format!("/requisitions/{}/find/add", req.id);
    for (actor, expected) in [
        (&admin, StatusCode::OK),
        (&recruiter, StatusCode::OK),
        (&manager, StatusCode::FORBIDDEN),
        (&interviewer, StatusCode::FORBIDDEN),
        (&manager_off, StatusCode::NOT_FOUND),
    ] {
        let role = actor.user.role.as_str();
        assert_eq!(app.get(&page, Some(actor)).await.status, expected, "{role} page");
        assert_eq!(app.api("GET", &api, Some(actor), None).await.status, expected, "{role} API");
        if expected != StatusCode::OK {
            let posted =
                app.post_form(&add, Some(actor), &[("candidate_id", "00000000-0000-0000-0000-000000000000")]).await;
            assert_eq!(posted.status, expected, "{role} add");
        }
    }
    assert_eq!(app.api("GET", &api, None, None).await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn do_not_contact_is_set_by_editors_and_shown() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await;
    let id = person(&app, &admin, "Ada Berlin", "Berlin", &[("Django", 4.0)], 4.0).await;
    let path = format!("/candidates/{id}/do-not-contact");
    let set = app.post_form(&path, Some(&admin), &[("value", "1")]).await;
    assert_eq!(set.status, StatusCode::SEE_OTHER);
    assert!(app.store.do_not_contact(id).await.unwrap());
    let page = app.get(&format!("/candidates/{id}"), Some(&admin)).await.body;
    assert!(page.contains("Asked not to be contacted") && page.contains("Allow contact again"));
    let interviewer = app.actor(Role::Interviewer).await;
    assert_eq!(app.post_form(&path, Some(&interviewer), &[("value", "0")]).await.status, StatusCode::NOT_FOUND);
    assert!(app.store.do_not_contact(id).await.unwrap(), "unchanged");
}
