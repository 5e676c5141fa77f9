//! Structured interviews over HTTP: a recruiter plans an interview from the requisition's
//! plan, each panelist opens the kit and submits a scorecard, and reads the others' only
//! after submitting their own; who may plan, open and submit, per role.

use axum::http::StatusCode;
use hired_domain::ApplicationId;
use hired_domain::templates::django_backend;
use hired_domain::user::Role;
use hired_store::NewApplication;

use crate::{Actor, TestApp};

struct Setup {
    app: TestApp,
    recruiter: Actor,
    first: Actor,
    second: Actor,
    application: ApplicationId,
    candidate: String,
}

/// A Django requisition with two interviewers on its team and one applicant.
async fn setup() -> Setup {
    let app = TestApp::new().await;
    let recruiter = app.actor(Role::Recruiter).await;
    let first = app.actor(Role::Interviewer).await;
    let second = app.actor(Role::Interviewer).await;
    let req = app.store.create_requisition(&recruiter.user, django_backend().spec).await.unwrap();
    for member in [&first, &second] {
        app.store.set_team_member(&recruiter.user, req.id, &member.user).await.unwrap();
    }
    let c =
        app.store.create_candidate(Some(&recruiter.user), crate::person("Ada Byron", "ada@example.com")).await.unwrap();
    let new = NewApplication { candidate_id: c.id, requisition_id: req.id, source: None };
    let application = app.store.add_application(Some(&recruiter.user), new).await.unwrap().id;
    Setup { app, recruiter, first, second, application, candidate: c.id.to_string() }
}

/// Plans the plan's technical interview (index 2 of the Django plan) for both interviewers.
async fn plan_technical(s: &Setup) -> String {
    let path = format!("/applications/{}/interviews", s.application);
    let (a, b) = (s.first.user.id.to_string(), s.second.user.id.to_string());
    let res = s.app.post_form(&path, Some(&s.recruiter), &[("plan", "2"), ("panel", &a), ("panel", &b)]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    res.location().to_owned()
}

/// The rating fields of the technical interview's kit.
const RATED: [&str; 4] = ["rating.python", "rating.django", "rating.databases", "rating.security"];

fn scorecard<'a>(rating: &'a str, recommendation: &'a str, note: &'a str) -> Vec<(&'a str, &'a str)> {
    let mut fields: Vec<(&str, &str)> = RATED.iter().map(|&field| (field, rating)).collect();
    fields.push(("note.python", note));
    fields.push(("recommendation", recommendation));
    fields
}

#[tokio::test]
async fn each_interviewer_reads_the_others_scorecard_only_after_submitting_their_own() {
    let s = setup().await;
    let requisition = s.app.store.application(s.application).await.unwrap().requisition_id;
    let plan = s.app.get(&format!("/requisitions/{requisition}"), Some(&s.first)).await;
    assert!(
        plan.body.contains("Interview plan")
            && plan.body.contains("<strong>Pair-programming session</strong> · 60 min · Interviews")
    );
    assert!(plan.body.contains("Attention to detail"), "the plan lists what each interview assesses");
    let form = s.app.get(&format!("/applications/{}/interviews/new", s.application), Some(&s.recruiter)).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("Pair-programming session") && form.body.contains("Test Interviewer"));
    let interview = plan_technical(&s).await;
    let candidate_page = s.app.get(&format!("/candidates/{}", s.candidate), Some(&s.recruiter)).await;
    assert!(candidate_page.body.contains(&format!("href=\"{interview}\"")), "the candidate page lists it");

    let kit = s.app.get(&interview, Some(&s.first)).await;
    assert_eq!(kit.status, StatusCode::OK);
    assert!(kit.body.contains("Databases and query optimization") && kit.body.contains("EXPLAIN"), "the kit");
    assert!(kit.body.contains("Submit scorecard"));

    let submitted = s
        .app
        .post_form(
            &format!("{interview}/scorecard"),
            Some(&s.first),
            &scorecard("4", "strong_yes", "first secret view"),
        )
        .await;
    assert_eq!(submitted.status, StatusCode::SEE_OTHER, "{}", submitted.body);

    let before = s.app.get(&interview, Some(&s.second)).await;
    assert!(!before.body.contains("first secret view"), "hidden until the second submits");
    assert!(before.body.contains("1 scorecard for this candidate is hidden until you submit yours"));

    let refused = s
        .app
        .post_form(
            &format!("{interview}/scorecard"),
            Some(&s.second),
            &[("rating.python", "9"), ("recommendation", "maybe")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("rate Django from 1 to 4") && refused.body.contains("give your overall recommendation")
    );
    assert!(!refused.body.contains("first secret view"), "a refused card reveals nothing");

    let second =
        s.app.post_form(&format!("{interview}/scorecard"), Some(&s.second), &scorecard("2", "no", "second view")).await;
    assert_eq!(second.status, StatusCode::SEE_OTHER, "{}", second.body);
    let after = s.app.get(&interview, Some(&s.second)).await;
    assert!(after.body.contains("first secret view") && after.body.contains("second view"));
    assert!(after.body.contains("Disagreement"), "4 against 2 is flagged");
    assert!(after.body.contains("The panel is split"));

    let review = s.app.get(&interview, Some(&s.recruiter)).await;
    assert!(review.body.contains("first secret view") && !review.body.contains("Submit scorecard"));
}

#[tokio::test]
async fn only_planners_plan_only_the_team_opens_and_only_the_panel_submits() {
    let s = setup().await;
    let interview = plan_technical(&s).await;
    let path = format!("/applications/{}/interviews", s.application);
    let planned =
        s.app.post_form(&path, Some(&s.first), &[("plan", "0"), ("panel", &s.first.user.id.to_string())]).await;
    assert_eq!(planned.status, StatusCode::FORBIDDEN, "interviewers do not plan");
    let new_form = s.app.get(&format!("{path}/new"), Some(&s.first)).await;
    assert_eq!(new_form.status, StatusCode::FORBIDDEN);

    let outsider = s.app.actor(Role::Interviewer).await;
    assert_eq!(s.app.get(&interview, Some(&outsider)).await.status, StatusCode::NOT_FOUND);
    let manager_off_team = s.app.actor(Role::HiringManager).await;
    assert_eq!(s.app.get(&interview, Some(&manager_off_team)).await.status, StatusCode::NOT_FOUND);
    let off_panel =
        s.app.post_form(&format!("{interview}/scorecard"), Some(&outsider), &scorecard("3", "yes", "")).await;
    assert_eq!(off_panel.status, StatusCode::NOT_FOUND);
    assert_eq!(s.app.get(&interview, None).await.status, StatusCode::SEE_OTHER, "sign in first");

    let admin = s.app.actor(Role::Admin).await;
    assert_eq!(s.app.get(&interview, Some(&admin)).await.status, StatusCode::OK);
    let not_panel = s.app.post_form(&format!("{interview}/scorecard"), Some(&admin), &scorecard("3", "yes", "")).await;
    assert_eq!(not_panel.status, StatusCode::FORBIDDEN, "only the panel submits");

    let stranger = outsider.user.id.to_string();
    let bad = s.app.post_form(&path, Some(&s.recruiter), &[("plan", "2"), ("panel", &stranger)]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("only those who can see this requisition"));
    let none = s.app.post_form(&path, Some(&s.recruiter), &[("plan", "99")]).await;
    assert_eq!(none.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(none.body.contains("choose an interview of the plan"));
    let missing = s.app.get("/interviews/not-an-id", Some(&s.recruiter)).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_api_reads_scorecards_under_the_same_rule_and_takes_the_panels_own() {
    let s = setup().await;
    let interview = plan_technical(&s).await;
    let api_path = format!("/api/v1{interview}/scorecard");
    let scorecards = format!("/api/v1/applications/{}/scorecards", s.application);
    let body = |rating: u8, recommendation: &str| {
        let ratings: Vec<serde_json::Value> = ["python", "django", "databases", "security"]
            .iter()
            .map(|c| serde_json::json!({"competency": c, "rating": rating, "note": format!("{c} by api")}))
            .collect();
        serde_json::json!({"ratings": ratings, "recommendation": recommendation})
    };
    let put = s.app.api("PUT", &api_path, Some(&s.first), Some(body(4, "yes"))).await;
    assert_eq!(put.status, StatusCode::OK, "{}", put.body);

    let second = s.app.api("GET", &scorecards, Some(&s.second), None).await.json();
    assert_eq!((second["owes_one"].as_bool(), second["hidden"].as_u64()), (Some(true), Some(1)));
    assert_eq!(second["items"].as_array().unwrap().len(), 0);
    let recruiter = s.app.api("GET", &scorecards, Some(&s.recruiter), None).await.json();
    assert_eq!(recruiter["items"][0]["ratings"][0]["note"], "python by api");

    let bad = s.app.api("PUT", &api_path, Some(&s.second), Some(body(7, "perhaps"))).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body.contains("ratings[0].rating") && bad.body.contains("strong_no, no, yes, strong_yes"),
        "{}",
        bad.body
    );
    let admin = s.app.actor(Role::Admin).await;
    assert_eq!(s.app.api("PUT", &api_path, Some(&admin), Some(body(3, "yes"))).await.status, StatusCode::FORBIDDEN);
    let outsider = s.app.actor(Role::Interviewer).await;
    assert_eq!(s.app.api("GET", &scorecards, Some(&outsider), None).await.status, StatusCode::NOT_FOUND);
    assert_eq!(s.app.api("GET", &scorecards, None, None).await.status, StatusCode::UNAUTHORIZED);
}
