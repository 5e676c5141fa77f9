//! The staff side of postings: the posting page and API, publishing and unpublishing,
//! optimistic concurrency, validation, tracked links, and who may do what.

use axum::http::StatusCode;
use chrono::{Days, Utc};
use hired_domain::RequisitionId;
use hired_domain::requisition::RequisitionStatus;
use hired_domain::templates::django_backend;
use hired_domain::user::Role;
use hired_store::testing::Backend;
use serde_json::json;

use crate::{Actor, TestApp};

/// Every kind of caller, around one open requisition whose hiring team is the recruiter,
/// one hiring manager and one interviewer.
pub struct Team {
    /// The app.
    pub app: TestApp,
    /// An admin.
    pub admin: Actor,
    /// The recruiter who owns the requisition.
    pub recruiter: Actor,
    /// A hiring manager on the team.
    pub manager_on: Actor,
    /// A hiring manager elsewhere.
    pub manager_off: Actor,
    /// An interviewer on the team.
    pub interviewer_on: Actor,
    /// An interviewer elsewhere.
    pub interviewer_off: Actor,
    /// The open requisition.
    pub req: RequisitionId,
}

/// A fresh app with `Team` on `backend`.
pub async fn team(backend: Backend) -> Team {
    let app = TestApp::on(backend).await;
    let recruiter = app.actor(Role::Recruiter).await;
    let req = open_requisition(&app, &recruiter).await;
    let (manager_on, interviewer_on) = (app.actor(Role::HiringManager).await, app.actor(Role::Interviewer).await);
    for member in [&manager_on, &interviewer_on] {
        app.store.set_team_member(&recruiter.user, req, &member.user).await.unwrap();
    }
    Team {
        admin: app.actor(Role::Admin).await,
        manager_off: app.actor(Role::HiringManager).await,
        interviewer_off: app.actor(Role::Interviewer).await,
        recruiter,
        manager_on,
        interviewer_on,
        req,
        app,
    }
}

/// A requisition of `owner`'s, opened.
pub async fn open_requisition(app: &TestApp, owner: &Actor) -> RequisitionId {
    let req = app.store.create_requisition(&owner.user, django_backend().spec).await.unwrap();
    app.store.change_requisition_status(&owner.user, req.id, req.version, RequisitionStatus::Open).await.unwrap();
    req.id
}

/// A valid last day, a month ahead.
fn next_month() -> String {
    (Utc::now().date_naive() + Days::new(30)).to_string()
}

/// A complete posting form, with `changes` replacing or (for `channels`) adding fields.
fn form(changes: &[(&'static str, String)]) -> Vec<(&'static str, String)> {
    let mut fields: Vec<(&'static str, String)> = vec![
        ("title", "Senior Django Developer".into()),
        ("description", "## What you will do\n\n- Build **APIs**".into()),
        ("city", "Berlin".into()),
        ("country", "de".into()),
        ("valid_through", next_month()),
        ("publish", "false".into()),
        ("version", String::new()),
    ];
    for (key, value) in changes {
        if *key != "channels" {
            fields.retain(|(k, _)| k != key);
        }
        fields.push((key, value.clone()));
    }
    fields
}

/// Posts the posting form as `actor`.
async fn post_posting(
    app: &TestApp,
    actor: &Actor,
    req: RequisitionId,
    changes: &[(&'static str, String)],
) -> crate::TestResponse {
    let fields = form(changes);
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.post_form(&format!("/requisitions/{req}/posting"), Some(actor), &pairs).await
}

async fn version(app: &TestApp, req: RequisitionId) -> String {
    app.store.posting_for(req).await.unwrap().expect("a posting").version.to_string()
}

#[tokio::test]
async fn a_new_posting_starts_from_the_requisition() {
    let t = team(Backend::Sqlite).await;
    let page = t.app.get(&format!("/requisitions/{}/posting", t.req), Some(&t.recruiter)).await;
    assert_eq!(page.status, StatusCode::OK);
    let spec = django_backend().spec;
    assert!(page.body.contains(&format!(r#"value="{}""#, spec.title)), "title from the requisition");
    assert!(page.body.contains("## What you will do"), "description from the responsibilities");
    let sixty = (Utc::now().date_naive() + Days::new(60)).to_string();
    assert!(page.body.contains(&format!(r#"value="{sixty}""#)), "valid for sixty days");
    let careers = t.app.store.careers_channel().await.unwrap();
    assert!(page.body.contains(&format!(r#"value="{}" checked"#, careers.id)), "the careers page is preselected");
    assert!(page.body.contains("It would show <strong>USD"), "the band the posting would show");
    assert!(page.body.contains("Not posted yet"));
}

async fn publish_unpublish_and_publish_again(backend: Backend) {
    let t = team(backend).await;
    let (app, r) = (&t.app, &t.recruiter);
    let saved = post_posting(app, r, t.req, &[]).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let draft = app.store.posting_for(t.req).await.unwrap().unwrap();
    assert!(!draft.published);
    assert!(app.store.live_posting(&draft.slug).await.unwrap().is_none(), "a draft is not live");

    let published =
        post_posting(app, r, t.req, &[("publish", "true".into()), ("version", version(app, t.req).await)]).await;
    assert_eq!(published.status, StatusCode::SEE_OTHER, "{}", published.body);
    let live = app.store.live_posting(&draft.slug).await.unwrap().expect("published is live");
    assert_eq!(live.posting.spec.country, "DE");
    let page = app.get(&format!("/requisitions/{}", t.req), Some(r)).await;
    assert!(page.body.contains("Published") && page.body.contains(&format!("/careers/{}", draft.slug)), "panel");

    let gone = app.post_form(&format!("/requisitions/{}/posting/unpublish", t.req), Some(r), &[]).await;
    assert_eq!(gone.status, StatusCode::SEE_OTHER);
    assert!(app.store.live_posting(&draft.slug).await.unwrap().is_none(), "unpublished is gone");
    let page = app.get(&format!("/requisitions/{}/posting", t.req), Some(r)).await;
    assert!(page.body.contains(">Publish</button>"), "publishing again is offered");

    let again =
        post_posting(app, r, t.req, &[("publish", "true".into()), ("version", version(app, t.req).await)]).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    assert!(app.store.live_posting(&draft.slug).await.unwrap().is_some(), "re-publishing brings it back");
}

#[tokio::test]
async fn a_posting_is_drafted_published_unpublished_and_published_again() {
    publish_unpublish_and_publish_again(Backend::Sqlite).await;
}

#[tokio::test]
async fn a_posting_is_drafted_published_unpublished_and_published_again_on_postgres() {
    publish_unpublish_and_publish_again(Backend::Postgres).await;
}

#[tokio::test]
async fn saving_over_someone_elses_change_is_a_conflict() {
    let t = team(Backend::Sqlite).await;
    post_posting(&t.app, &t.recruiter, t.req, &[]).await;
    let first = post_posting(&t.app, &t.admin, t.req, &[("title", "Mine".into()), ("version", "1".into())]).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    let second =
        post_posting(&t.app, &t.recruiter, t.req, &[("title", "Theirs".into()), ("version", "1".into())]).await;
    assert_eq!(second.status, StatusCode::CONFLICT);
    assert!(second.body.contains("Someone else changed this posting"), "{}", second.body);
    assert!(second.body.contains(r#"value="Theirs""#), "the typed text is kept");
    assert_eq!(t.app.store.posting_for(t.req).await.unwrap().unwrap().spec.title, "Mine");
}

#[tokio::test]
async fn invalid_fields_are_shown_next_to_the_form_and_nothing_is_saved() {
    let t = team(Backend::Sqlite).await;
    let bad = [("country", "Germany".into()), ("valid_through", "2020-01-01".into()), ("title", " ".into())];
    let page = post_posting(&t.app, &t.recruiter, t.req, &bad).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("is not a two-letter country code such as DE, US or BR"), "{}", page.body);
    assert!(page.body.contains("The last day must not be in the past."), "{}", page.body);
    assert!(page.body.contains("Title is required."), "{}", page.body);
    assert!(t.app.store.posting_for(t.req).await.unwrap().is_none());
}

#[tokio::test]
async fn publishing_for_a_requisition_that_is_not_open_says_to_open_it() {
    let t = team(Backend::Sqlite).await;
    let draft = t.app.store.create_requisition(&t.recruiter.user, django_backend().spec).await.unwrap();
    let page = post_posting(&t.app, &t.recruiter, draft.id, &[("publish", "true".into())]).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("Not published: the requisition is draft; open it to publish."), "{}", page.body);
    let saved = post_posting(&t.app, &t.recruiter, draft.id, &[]).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "a draft can still be saved");
}

#[tokio::test]
async fn the_page_gives_a_tracked_link_per_channel_and_a_personal_referral_link() {
    let t = team(Backend::Sqlite).await;
    let careers = t.app.store.careers_channel().await.unwrap();
    let board = t
        .app
        .store
        .create_channel(
            &t.admin.user,
            hired_domain::channel::ChannelSpec {
                kind: hired_domain::channel::ChannelKind::JobBoard,
                name: "Django Jobs".into(),
                cost_basis: hired_domain::channel::CostBasis::Free,
                cost_minor: 0,
                currency: hired_domain::Currency::USD,
            },
        )
        .await
        .unwrap();
    let channels = [("channels", careers.id.to_string()), ("channels", board.id.to_string())];
    assert_eq!(post_posting(&t.app, &t.recruiter, t.req, &channels).await.status, StatusCode::SEE_OTHER);
    let slug = t.app.store.posting_for(t.req).await.unwrap().unwrap().slug;
    let page = t.app.get(&format!("/requisitions/{}/posting", t.req), Some(&t.manager_on)).await;
    let public = format!("http://127.0.0.1:8080/careers/{slug}");
    for link in [
        format!(r#"readonly value="{public}""#),
        format!(r#"readonly value="{public}?ch={}""#, careers.id),
        format!(r#"readonly value="{public}?ch={}""#, board.id),
        format!(r#"readonly value="{public}?ref={}""#, t.manager_on.user.id),
    ] {
        assert!(page.body.contains(&link), "{link} in {}", page.body);
    }
    assert!(page.body.contains("Apply link for Django Jobs"));
}

#[tokio::test]
async fn posting_pages_follow_the_rule_for_editing_the_requisition() {
    let t = team(Backend::Sqlite).await;
    post_posting(&t.app, &t.recruiter, t.req, &[]).await;
    let posting = format!("/requisitions/{}/posting", t.req);
    let unpublish = format!("{posting}/unpublish");
    let denied = [
        (&t.manager_off, StatusCode::NOT_FOUND),
        (&t.interviewer_off, StatusCode::NOT_FOUND),
        (&t.interviewer_on, StatusCode::FORBIDDEN),
    ];
    for (actor, want) in denied {
        assert_eq!(t.app.get(&posting, Some(actor)).await.status, want, "GET as {}", actor.user.role);
        let save = post_posting(&t.app, actor, t.req, &[("title", "Hacked".into()), ("version", "1".into())]).await;
        assert_eq!(save.status, want, "POST as {}", actor.user.role);
        assert_eq!(
            t.app.post_form(&unpublish, Some(actor), &[]).await.status,
            want,
            "unpublish as {}",
            actor.user.role
        );
    }
    for actor in [&t.admin, &t.recruiter, &t.manager_on] {
        assert_eq!(t.app.get(&posting, Some(actor)).await.status, StatusCode::OK, "GET as {}", actor.user.role);
    }
    let by_manager = post_posting(&t.app, &t.manager_on, t.req, &[("version", "1".into())]).await;
    assert_eq!(by_manager.status, StatusCode::SEE_OTHER, "a hiring manager on the team edits the posting");
    assert_eq!(t.app.store.posting_for(t.req).await.unwrap().unwrap().version, 2, "no denied call changed it");
    let anonymous = t.app.get(&posting, None).await;
    assert!(anonymous.status == StatusCode::SEE_OTHER && anonymous.location().starts_with("/login"));
}

/// A posting body for the API.
fn body(version: Option<i64>, publish: bool) -> serde_json::Value {
    json!({
        "title": "Senior Django Developer",
        "description": "Build **APIs**.",
        "city": "Berlin",
        "country": "DE",
        "applicant_countries": ["DE", "at"],
        "show_salary": true,
        "valid_through": next_month(),
        "publish": publish,
        "version": version,
    })
}

#[tokio::test]
async fn the_api_creates_publishes_and_unpublishes_a_posting() {
    let t = team(Backend::Sqlite).await;
    let path = format!("/api/v1/requisitions/{}/posting", t.req);
    assert_eq!(t.app.api("GET", &path, Some(&t.recruiter), None).await.status, StatusCode::NOT_FOUND);
    let careers = t.app.store.careers_channel().await.unwrap();
    let mut draft = body(None, false);
    draft["channels"] = json!([careers.id]);
    let created = t.app.api("PUT", &path, Some(&t.recruiter), Some(draft)).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(created.location(), path);
    let json = created.json();
    assert_eq!((json["published"].as_bool(), json["live"].as_bool()), (Some(false), Some(false)));
    assert_eq!(json["applicant_countries"], json!(["DE", "AT"]));
    let slug = json["slug"].as_str().unwrap().to_owned();
    assert_eq!(json["channels"][0]["apply_url"], format!("http://127.0.0.1:8080/careers/{slug}?ch={}", careers.id));

    let published = t.app.api("PUT", &path, Some(&t.recruiter), Some(body(Some(1), true))).await;
    assert_eq!(published.status, StatusCode::OK, "{}", published.body);
    assert_eq!(published.json()["live"], true);
    assert!(t.app.store.live_posting(&slug).await.unwrap().is_some());

    let gone = t.app.api("POST", &format!("{path}/unpublish"), Some(&t.recruiter), None).await;
    assert_eq!(gone.status, StatusCode::OK);
    assert_eq!((gone.json()["published"].as_bool(), gone.json()["version"].as_i64()), (Some(false), Some(3)));
    assert!(t.app.store.live_posting(&slug).await.unwrap().is_none());
    let read = t.app.api("GET", &path, Some(&t.admin), None).await;
    assert_eq!(read.json()["slug"], slug.as_str());
}

#[tokio::test]
async fn the_api_refuses_stale_versions_bad_fields_and_publishing_closed_roles() {
    let t = team(Backend::Sqlite).await;
    let path = format!("/api/v1/requisitions/{}/posting", t.req);
    assert_eq!(t.app.api("PUT", &path, Some(&t.recruiter), Some(body(None, false))).await.status, StatusCode::CREATED);
    let stale = t.app.api("PUT", &path, Some(&t.recruiter), Some(body(None, false))).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert_eq!(stale.headers["content-type"], "application/problem+json");

    let mut bad = body(Some(1), false);
    bad["country"] = json!("Germany");
    bad["valid_through"] = json!("tomorrow");
    let invalid = t.app.api("PUT", &path, Some(&t.recruiter), Some(bad)).await;
    assert_eq!(invalid.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<String> =
        invalid.json()["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_owned()).collect();
    assert_eq!(fields, ["country", "valid_through"]);

    let draft = t.app.store.create_requisition(&t.recruiter.user, django_backend().spec).await.unwrap();
    let closed = format!("/api/v1/requisitions/{}/posting", draft.id);
    let refused = t.app.api("PUT", &closed, Some(&t.recruiter), Some(body(None, true))).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.json()["errors"][0]["field"], "publish");
    let malformed = t.app.api("PUT", &path, Some(&t.recruiter), Some(json!({"publish": "yes"}))).await;
    assert_eq!(malformed.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_posting_api_follows_the_rule_for_editing_the_requisition() {
    let t = team(Backend::Sqlite).await;
    let path = format!("/api/v1/requisitions/{}/posting", t.req);
    assert_eq!(t.app.api("PUT", &path, Some(&t.recruiter), Some(body(None, false))).await.status, StatusCode::CREATED);
    let denied = [
        (&t.manager_off, StatusCode::NOT_FOUND),
        (&t.interviewer_off, StatusCode::NOT_FOUND),
        (&t.interviewer_on, StatusCode::FORBIDDEN),
    ];
    for (actor, want) in denied {
        let role = actor.user.role;
        assert_eq!(t.app.api("GET", &path, Some(actor), None).await.status, want, "GET as {role}");
        assert_eq!(
            t.app.api("PUT", &path, Some(actor), Some(body(Some(1), false))).await.status,
            want,
            "PUT as {role}"
        );
        let unpublish = t.app.api("POST", &format!("{path}/unpublish"), Some(actor), None).await;
        assert_eq!(unpublish.status, want, "unpublish as {role}");
    }
    for actor in [&t.admin, &t.recruiter, &t.manager_on] {
        assert_eq!(t.app.api("GET", &path, Some(actor), None).await.status, StatusCode::OK, "as {}", actor.user.role);
    }
    let by_manager = t.app.api("PUT", &path, Some(&t.manager_on), Some(body(Some(1), false))).await;
    assert_eq!(by_manager.status, StatusCode::OK, "{}", by_manager.body);
    assert_eq!(t.app.api("GET", &path, None, None).await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_openapi_document_describes_the_posting_and_screening_endpoints() {
    let app = TestApp::new().await;
    let doc = app.api("GET", "/api/v1/openapi.json", None, None).await.json();
    let path = |p: &str| doc["paths"][format!("/api/v1/requisitions/{{id}}/{p}")].clone();
    let (posting, unpublish, screening) = (path("posting"), path("posting/unpublish"), path("screening"));
    let operations = [&posting["get"], &posting["put"], &unpublish["post"], &screening["get"], &screening["put"]]
        .map(|op| op["operationId"].as_str().unwrap_or("missing").to_owned());
    assert_eq!(operations, ["get_posting", "save_posting", "unpublish_posting", "get_screening", "replace_screening"]);
    assert_eq!(posting["put"]["responses"]["409"]["$ref"], "#/components/responses/Conflict");
    assert!(doc["components"]["schemas"]["PostingBody"]["properties"]["publish"].is_object());
}
