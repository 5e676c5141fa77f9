//! Channels: admins define and change them, recruiters read them, and each shows the
//! applications, hires and cost per applicant it has brought — in pages and the API.

use axum::http::StatusCode;
use chrono::{Days, Utc};
use hired_domain::ChannelId;
use hired_domain::channel::Channel;
use hired_domain::pipeline::MoveTarget;
use hired_domain::posting::{Applicant, ApplyInput, PostingInput, PostingSpec};
use hired_domain::user::Role;
use hired_store::Submission;
use hired_store::testing::Backend;
use serde_json::json;

use crate::postings_staff::{Team, team};
use crate::{Actor, TestApp};

const JOB_BOARD: &[(&str, &str)] = &[
    ("kind", "job_board"),
    ("name", "Django Jobs"),
    ("cost_basis", "per_posting"),
    ("cost", "99"),
    ("currency", "eur"),
];

async fn channel_named(app: &TestApp, name: &str) -> Channel {
    app.store.channels().await.unwrap().into_iter().find(|c| c.spec.name == name).expect("the channel")
}

/// An application from `email` to the team's requisition through `channel`.
async fn apply(t: &Team, email: &str, channel: Option<ChannelId>) -> hired_domain::ApplicationId {
    let input = ApplyInput { name: "Ann Lee".into(), email: email.into(), consent: "on".into(), ..Default::default() };
    let submission = Submission {
        requisition: t.req,
        applicant: Applicant::try_from(&input).unwrap(),
        screening: None,
        salary_expectation: None,
        auto_reject_reason: None,
        resume: None,
        channel,
        referrer: None,
        idempotency_key: None,
    };
    t.app.store.submit_application(submission).await.unwrap().application_id
}

/// Publishes the team's requisition to `channels`.
async fn publish(t: &Team, channels: &[ChannelId]) {
    let input = PostingInput {
        title: "Django Developer".into(),
        description: "Build APIs.".into(),
        country: "DE".into(),
        valid_through: (Utc::now().date_naive() + Days::new(30)).to_string(),
        channels: channels.iter().map(ToString::to_string).collect(),
        ..Default::default()
    };
    let spec = PostingSpec::parse(&input, Utc::now().date_naive()).unwrap();
    t.app.store.save_posting(&t.recruiter.user, t.req, None, spec, true).await.unwrap();
}

async fn applications_hires_and_cost_per_applicant_are_counted(backend: Backend) {
    let t = team(backend).await;
    let created = t.app.post_form("/admin/channels", Some(&t.admin), JOB_BOARD).await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let board = channel_named(&t.app, "Django Jobs").await;
    let careers = t.app.store.careers_channel().await.unwrap();
    publish(&t, &[careers.id, board.id]).await;
    let mut through_board = Vec::new();
    for email in ["a@example.com", "b@example.com", "c@example.com"] {
        through_board.push(apply(&t, email, Some(board.id)).await);
    }
    apply(&t, "d@example.com", None).await;
    let hired = MoveTarget::Stage { stage: "hired".into() };
    t.app.store.move_application(&t.recruiter.user, through_board[0], None, &hired).await.unwrap();

    let stats = t.app.store.channel_stats().await.unwrap();
    let of = |id: ChannelId| stats.iter().find(|s| s.channel.id == id).unwrap();
    let (b, c) = (of(board.id), of(careers.id));
    assert_eq!(
        (b.postings, b.applications, b.hires, b.spent_minor, b.cost_per_applicant_minor),
        (1, 3, 1, 9_900, Some(3_300))
    );
    assert_eq!(
        (c.applications, c.hires, c.cost_per_applicant_minor),
        (1, 0, Some(0)),
        "direct applicants count for the careers page"
    );

    let page = t.app.get("/admin/channels", Some(&t.recruiter)).await;
    assert_eq!(page.status, StatusCode::OK);
    for text in ["EUR 99.00 per posting", "EUR 33.00", "channel-bar-fill w20", "channel-bar-fill w6", "Django Jobs"] {
        assert!(page.body.contains(text), "{text} in {}", page.body);
    }
    let api = t.app.api("GET", &format!("/api/v1/channels/{}", board.id), Some(&t.recruiter), None).await;
    assert_eq!(api.status, StatusCode::OK);
    assert_eq!(
        api.json()["results"],
        json!({"postings": 1, "applications": 3, "hires": 1, "spent_minor": 9900, "cost_per_applicant_minor": 3300})
    );
}

#[tokio::test]
async fn a_channel_shows_its_applications_hires_and_cost_per_applicant() {
    applications_hires_and_cost_per_applicant_are_counted(Backend::Sqlite).await;
}

#[tokio::test]
async fn a_channel_shows_its_applications_hires_and_cost_per_applicant_on_postgres() {
    applications_hires_and_cost_per_applicant_are_counted(Backend::Postgres).await;
}

#[tokio::test]
async fn a_channel_without_applicants_has_no_cost_per_applicant_yet() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await;
    let monthly = [("kind", "community"), ("name", "PyLadies"), ("cost_basis", "per_month"), ("cost", "300")];
    assert_eq!(app.post_form("/admin/channels", Some(&admin), &monthly).await.status, StatusCode::SEE_OTHER);
    let page = app.get("/admin/channels", Some(&admin)).await;
    let row = page.body.split("PyLadies").nth(1).unwrap().split("</tr>").next().unwrap();
    assert!(row.contains("USD 300.00 per month") && row.contains("USD 300.00") && row.contains("—"), "{row}");
}

#[tokio::test]
async fn bad_channels_are_refused_with_a_message() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await;
    let free_with_cost = [("kind", "job_board"), ("name", "Free board"), ("cost_basis", "free"), ("cost", "5")];
    let page = app.post_form("/admin/channels", Some(&admin), &free_with_cost).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("A free channel has no cost; choose per month or per posting."), "{}", page.body);
    assert_eq!(app.post_form("/admin/channels", Some(&admin), JOB_BOARD).await.status, StatusCode::SEE_OTHER);
    let twice = app.post_form("/admin/channels", Some(&admin), JOB_BOARD).await;
    assert_eq!(twice.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(twice.body.contains("A channel with this name already exists."), "{}", twice.body);
    assert_eq!(app.store.channels().await.unwrap().len(), 2, "the careers page and one board");
}

#[tokio::test]
async fn an_admin_edits_a_channel_and_switches_it_off_but_not_the_careers_page() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await;
    app.post_form("/admin/channels", Some(&admin), JOB_BOARD).await;
    let board = channel_named(&app, "Django Jobs").await;
    let edit = app.get(&format!("/admin/channels/{}/edit", board.id), Some(&admin)).await;
    assert_eq!(edit.status, StatusCode::OK);
    assert!(edit.body.contains(r#"value="Django Jobs""#) && edit.body.contains(r#"name="active" value="on" checked"#));

    let renamed = [("kind", "job_board"), ("name", "Django Jobs EU"), ("cost_basis", "per_posting"), ("cost", "120")];
    let saved = app.post_form(&format!("/admin/channels/{}", board.id), Some(&admin), &renamed).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let after = app.store.channel(board.id).await.unwrap();
    assert_eq!((after.spec.name.as_str(), after.spec.cost_minor, after.active), ("Django Jobs EU", 12_000, false));

    let careers = app.store.careers_channel().await.unwrap();
    let off = [("kind", "careers_page"), ("name", "Careers site"), ("cost_basis", "free")];
    let refused = app.post_form(&format!("/admin/channels/{}", careers.id), Some(&admin), &off).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("The careers page is always a channel; rename it instead."), "{}", refused.body);
    assert!(app.store.careers_channel().await.unwrap().active);
    let unknown = app.get(&format!("/admin/channels/{}/edit", ChannelId::new()), Some(&admin)).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn recruiters_read_channels_and_only_admins_change_them() {
    let t = team(Backend::Sqlite).await;
    let careers = t.app.store.careers_channel().await.unwrap();
    let edit = format!("/admin/channels/{}/edit", careers.id);
    let update = format!("/admin/channels/{}", careers.id);
    let recruiter_page = t.app.get("/admin/channels", Some(&t.recruiter)).await;
    assert_eq!(recruiter_page.status, StatusCode::OK);
    assert!(!recruiter_page.body.contains("Add a channel") && !recruiter_page.body.contains(&edit));
    assert!(t.app.get("/admin/channels", Some(&t.admin)).await.body.contains(&edit));
    let cases: [(&Actor, StatusCode); 3] = [
        (&t.recruiter, StatusCode::FORBIDDEN),
        (&t.manager_on, StatusCode::FORBIDDEN),
        (&t.interviewer_on, StatusCode::FORBIDDEN),
    ];
    for (actor, want) in cases {
        let role = actor.user.role;
        assert_eq!(t.app.post_form("/admin/channels", Some(actor), JOB_BOARD).await.status, want, "create as {role}");
        assert_eq!(t.app.get(&edit, Some(actor)).await.status, want, "edit as {role}");
        assert_eq!(t.app.post_form(&update, Some(actor), JOB_BOARD).await.status, want, "update as {role}");
    }
    for actor in [&t.manager_on, &t.interviewer_on] {
        assert_eq!(
            t.app.get("/admin/channels", Some(actor)).await.status,
            StatusCode::FORBIDDEN,
            "{}",
            actor.user.role
        );
        let api = t.app.api("GET", "/api/v1/channels", Some(actor), None).await;
        assert_eq!(api.status, StatusCode::FORBIDDEN, "api as {}", actor.user.role);
    }
    assert_eq!(t.app.store.channels().await.unwrap().len(), 1, "nothing was created");
    assert!(t.app.get("/admin/channels", Some(&t.admin)).await.body.contains(r#"href="/admin/channels""#), "nav link");
}

#[tokio::test]
async fn the_api_lists_creates_and_changes_channels() {
    let t = team(Backend::Sqlite).await;
    let list = t.app.api("GET", "/api/v1/channels", Some(&t.recruiter), None).await;
    assert_eq!(list.status, StatusCode::OK);
    assert_eq!(list.json()["items"][0]["kind"], "careers_page");

    let body = json!({"kind": "bootcamp", "name": "Le Wagon", "cost_basis": "per_month", "cost_minor": 25_000, "currency": "EUR"});
    assert_eq!(
        t.app.api("POST", "/api/v1/channels", Some(&t.recruiter), Some(body.clone())).await.status,
        StatusCode::FORBIDDEN
    );
    let created = t.app.api("POST", "/api/v1/channels", Some(&t.admin), Some(body)).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let id = created.json()["id"].as_str().unwrap().to_owned();
    assert_eq!(created.location(), format!("/api/v1/channels/{id}"));
    assert_eq!(created.json()["results"]["spent_minor"], 25_000);

    let path = format!("/api/v1/channels/{id}");
    assert_eq!(
        t.app.api("PATCH", &path, Some(&t.recruiter), Some(json!({"active": false}))).await.status,
        StatusCode::FORBIDDEN
    );
    let off =
        t.app.api("PATCH", &path, Some(&t.admin), Some(json!({"active": false, "name": "Le Wagon Berlin"}))).await;
    assert_eq!(off.status, StatusCode::OK, "{}", off.body);
    assert_eq!((off.json()["active"].as_bool(), off.json()["name"].as_str()), (Some(false), Some("Le Wagon Berlin")));
    assert_eq!(off.json()["cost_minor"], 25_000, "absent fields stay");

    let cents = t.app.api("PATCH", &path, Some(&t.admin), Some(json!({"cost_minor": 12_345}))).await;
    assert_eq!(cents.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(cents.json()["errors"][0]["field"], "cost_minor");
    let careers = t.app.store.careers_channel().await.unwrap();
    let careers_off = t
        .app
        .api("PATCH", &format!("/api/v1/channels/{}", careers.id), Some(&t.admin), Some(json!({"active": false})))
        .await;
    assert_eq!(careers_off.status, StatusCode::UNPROCESSABLE_ENTITY);
    let unknown = t.app.api("GET", &format!("/api/v1/channels/{}", ChannelId::new()), Some(&t.admin), None).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(t.app.api("GET", "/api/v1/channels/nonsense", Some(&t.admin), None).await.status, StatusCode::NOT_FOUND);
    assert_eq!(t.app.api("GET", "/api/v1/channels", None, None).await.status, StatusCode::UNAUTHORIZED);
    let free = json!({"kind": "job_board", "name": "Free board", "cost_basis": "free", "cost_minor": 500});
    let refused = t.app.api("POST", "/api/v1/channels", Some(&t.admin), Some(free)).await;
    assert_eq!(refused.json()["errors"][0]["field"], "cost_minor");
}

#[tokio::test]
async fn the_openapi_document_describes_the_channel_endpoints() {
    let app = TestApp::new().await;
    let doc = app.api("GET", "/api/v1/openapi.json", None, None).await.json();
    let list = &doc["paths"]["/api/v1/channels"];
    let one = &doc["paths"]["/api/v1/channels/{id}"];
    let operations = [&list["get"], &list["post"], &one["get"], &one["patch"]].map(|op| op["operationId"].clone());
    assert_eq!(
        operations,
        [json!("list_channels"), json!("create_channel"), json!("get_channel"), json!("update_channel")]
    );
    let kinds = &doc["components"]["schemas"]["NewChannel"]["properties"]["kind"]["enum"];
    assert!(kinds.as_array().unwrap().contains(&json!("careers_page")), "{kinds}");
}
