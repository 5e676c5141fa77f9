//! The admin area (users, audit log, jobs, templates) and the account tokens page.

use axum::http::StatusCode;
use hired_domain::requisition::{RequisitionInput, RequisitionSpec};
use hired_domain::user::Role;
use hired_domain::{Email, TokenId, UserId};
use hired_web::auth::password::verify_password;

use crate::{Actor, TestApp, TestResponse};

/// A valid requisition definition.
fn spec(title: &str) -> RequisitionSpec {
    let input = RequisitionInput {
        title: title.into(),
        locations: "Berlin".into(),
        remote: "hybrid".into(),
        employment_type: "full_time".into(),
        sourcing: "in_house".into(),
        level: "mid".into(),
        headcount: "1".into(),
        skills: "Python | required | 8 | 2".into(),
        ..Default::default()
    };
    RequisitionSpec::try_from(&input).unwrap()
}

/// The `href` of the link marked `rel="next"`, unescaped.
fn next_link(page: &TestResponse) -> String {
    let end = page.body.find(r#"" rel="next""#).expect("a next-page link");
    let start = page.body[..end].rfind("href=\"").expect("its href") + 6;
    page.body[start..end].replace("&#38;", "&").replace("&amp;", "&")
}

#[tokio::test]
async fn only_admins_reach_the_admin_pages() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await;
    let template = app.store.list_templates().await.unwrap().remove(0).id;
    let job = app.store.enqueue("mail.send", serde_json::json!({})).await.unwrap();
    let user = admin.user.id;
    let pages = ["/admin/users", "/admin/audit", "/admin/jobs", "/admin/templates", "/admin/templates/new"];
    let edit = format!("/admin/templates/{template}/edit");
    for path in pages.iter().copied().chain([edit.as_str()]) {
        assert_eq!(app.get(path, Some(&admin)).await.status, StatusCode::OK, "admin GET {path}");
    }
    let posts = [
        "/admin/users".to_owned(),
        format!("/admin/users/{user}/access"),
        format!("/admin/jobs/{job}/retry"),
        "/admin/templates".to_owned(),
        format!("/admin/templates/{template}"),
    ];
    for role in [Role::Recruiter, Role::HiringManager, Role::Interviewer] {
        let other = app.actor(role).await;
        for path in pages.iter().copied().chain([edit.as_str()]) {
            let page = app.get(path, Some(&other)).await;
            assert_eq!(page.status, StatusCode::FORBIDDEN, "{role} GET {path}");
            assert!(page.body.contains("Not allowed"), "an error page, not a problem document");
        }
        for path in &posts {
            let fields = [("name", "Mallory"), ("role", "admin"), ("active", "false")];
            assert_eq!(
                app.post_form(path, Some(&other), &fields).await.status,
                StatusCode::FORBIDDEN,
                "{role} POST {path}"
            );
        }
    }
    assert!(app.store.user(user).await.unwrap().active, "nothing was changed by the refused posts");
}

#[tokio::test]
async fn an_admin_creates_a_user_who_can_sign_in_and_the_audit_log_says_who_did_it() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await;
    let fields = [
        ("name", "Grace Hopper"),
        ("email", "Grace@Example.com"),
        ("role", "recruiter"),
        ("password", "a long enough secret"),
    ];
    let created = app.post_form("/admin/users", Some(&admin), &fields).await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    assert_eq!(created.location(), "/admin/users");

    let stored = app.store.user_for_login(&Email::parse("grace@example.com").unwrap()).await.unwrap().unwrap();
    assert_eq!(stored.user.role, Role::Recruiter);
    assert!(verify_password("a long enough secret", stored.password_hash.as_deref().unwrap()));
    let list = app.get("/admin/users", Some(&admin)).await;
    assert!(list.body.contains("Grace Hopper") && list.body.contains("grace@example.com"));
    let audit = app.get("/admin/audit?entity_type=user&action=user.create", Some(&admin)).await;
    assert!(audit.body.contains(&format!("/admin/users#user-{}", stored.user.id)), "{}", audit.body);
    assert!(audit.body.contains(&format!("/admin/audit?actor={}", admin.user.id)), "the admin is the actor");
}

#[tokio::test]
async fn a_bad_user_form_is_shown_again_with_field_errors_and_nothing_is_written() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await;
    let before = app.store.count_users().await.unwrap();
    let fields = [("name", " "), ("email", "not-an-email"), ("role", "owner"), ("password", "short")];
    let page = app.post_form("/admin/users", Some(&admin), &fields).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    for message in ["Full name is required.", "Work email must look like", "Choose a role.", "at least 10 characters"] {
        assert!(page.body.contains(message), "{message}");
    }
    assert!(page.body.contains(r#"value="not-an-email""#), "typed values are kept");
    assert!(!page.body.contains("short"), "the password is never echoed");

    let taken =
        [("name", "Twin"), ("email", admin.user.email.as_str()), ("role", "recruiter"), ("password", "0123456789")];
    let page = app.post_form("/admin/users", Some(&admin), &taken).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("A user with this email already exists."));
    assert_eq!(app.store.count_users().await.unwrap(), before);
}

#[tokio::test]
async fn an_admin_cannot_deactivate_or_demote_themselves() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await;
    let path = format!("/admin/users/{}/access", admin.user.id);
    for fields in [[("active", "false")], [("role", "recruiter")]] {
        let page = app.post_form(&path, Some(&admin), &fields).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.body.contains("You cannot demote or deactivate your own account"));
    }
    let me = app.store.user(admin.user.id).await.unwrap();
    assert!(me.active && me.role == Role::Admin);
    assert_eq!(app.get("/admin/users", Some(&admin)).await.status, StatusCode::OK, "still signed in");
}

#[tokio::test]
async fn a_deactivated_users_session_stops_working_and_the_change_is_audited() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await;
    let recruiter = app.actor(Role::Recruiter).await;
    assert_eq!(app.get("/", Some(&recruiter)).await.status, StatusCode::OK);
    let path = format!("/admin/users/{}/access", recruiter.user.id);

    let demoted = app.post_form(&path, Some(&admin), &[("role", "interviewer")]).await;
    assert_eq!(demoted.status, StatusCode::SEE_OTHER);
    assert_eq!(app.store.user(recruiter.user.id).await.unwrap().role, Role::Interviewer);
    let deactivated = app.post_form(&path, Some(&admin), &[("active", "false")]).await;
    assert_eq!(deactivated.status, StatusCode::SEE_OTHER);

    let after = app.get("/", Some(&recruiter)).await;
    assert_eq!(after.status, StatusCode::SEE_OTHER);
    assert!(after.location().starts_with("/login"));
    assert!(app.store.user_for_token(&recruiter.token).await.unwrap().is_none(), "API tokens stop too");
    let audit = app.get(&format!("/admin/audit?entity={}", recruiter.user.id), Some(&admin)).await;
    assert_eq!(audit.body.matches("<code>user.access</code>").count(), 2, "{}", audit.body);
    assert!(audit.body.contains("<del>recruiter</del> → interviewer"));
    assert!(audit.body.contains("<del>yes</del> → no"));

    let reactivated = app.post_form(&path, Some(&admin), &[("active", "true")]).await;
    assert_eq!(reactivated.status, StatusCode::SEE_OTHER);
    assert!(app.store.user(recruiter.user.id).await.unwrap().active);
}

#[tokio::test]
async fn the_audit_log_lists_a_requisition_creation_with_its_fields_and_filters_by_entity_type() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await;
    let recruiter = app.actor(Role::Recruiter).await;
    let req = app.store.create_requisition(&recruiter.user, spec("Staff Rust Engineer")).await.unwrap();

    let all = app.get("/admin/audit", Some(&admin)).await;
    assert_eq!(all.status, StatusCode::OK);
    assert!(all.body.contains("<code>requisition.create</code>"));
    assert!(all.body.contains(&format!(r#"href="/requisitions/{}""#, req.id)));
    assert!(all.body.contains("Staff Rust Engineer") && all.body.contains("Berlin"), "field values are shown");
    assert!(all.body.contains(recruiter.user.email.as_str()), "the actor is shown");

    let users_only = app.get("/admin/audit?entity_type=user", Some(&admin)).await;
    assert!(!users_only.body.contains("requisition.create</code>"));
    assert!(users_only.body.contains("<code>user.create</code>"));
    let by_actor = app.get(&format!("/admin/audit?actor={}", admin.user.id), Some(&admin)).await;
    assert!(!by_actor.body.contains("requisition.create</code>"), "the admin created no requisition");
    let by_action = app.get("/admin/audit?action=requisition.create", Some(&admin)).await;
    assert!(by_action.body.contains("Staff Rust Engineer") && !by_action.body.contains("<code>user.create</code>"));
    assert_eq!(app.get("/admin/audit?actor=nobody", Some(&admin)).await.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_audit_log_pages_through_older_entries_with_a_cursor() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await;
    for n in 0..55 {
        let email = Email::parse(&format!("person{n:02}@example.com")).unwrap();
        app.store
            .create_user_by(Some(&admin.user), &email, &format!("Person {n}"), Role::Interviewer, None)
            .await
            .unwrap();
    }
    let filter = format!("/admin/audit?entity_type=user&actor={}", admin.user.id);
    let first = app.get(&filter, Some(&admin)).await;
    assert_eq!(first.body.matches("<code>user.create</code>").count(), 50);
    assert!(first.body.contains("person54@example.com") && !first.body.contains("person00@example.com"));

    let second = app.get(&next_link(&first), Some(&admin)).await;
    assert_eq!(second.status, StatusCode::OK);
    assert_eq!(second.body.matches("<code>user.create</code>").count(), 5, "filters survive the cursor");
    assert!(second.body.contains("person00@example.com") && !second.body.contains("person54@example.com"));
    assert!(!second.body.contains(r#"rel="next""#), "the last page has no next link");
    assert_eq!(app.get("/admin/audit?cursor=garbage", Some(&admin)).await.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_failed_job_can_be_retried_from_the_jobs_page() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await;
    let id = app.store.enqueue("resume.parse", serde_json::json!({"file": "cv.pdf"})).await.unwrap();
    let mut job = app.store.claim_job("test-worker", &["resume.parse"]).await.unwrap().unwrap();
    job.attempts = job.max_attempts;
    app.store.fail_job(&job, "pdf has no text layer").await.unwrap();

    let page = app.get("/admin/jobs", Some(&admin)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("pdf has no text layer") && page.body.contains("resume.parse"));
    assert!(page.body.contains(&format!("/admin/jobs/{id}/retry")));

    let retried = app.post_form(&format!("/admin/jobs/{id}/retry"), Some(&admin), &[]).await;
    assert_eq!(retried.status, StatusCode::SEE_OTHER);
    let queued = app.store.jobs_with_status(hired_store::JobStatus::Queued, 10).await.unwrap();
    assert!(queued.iter().any(|j| j.id == id.0 && j.attempts == 0));
    let again = app.post_form(&format!("/admin/jobs/{id}/retry"), Some(&admin), &[]).await;
    assert_eq!(again.status, StatusCode::NOT_FOUND, "only failed jobs can be retried");
}

/// Every field of the template form, valid, with `overrides` applied.
fn template_fields<'a>(overrides: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("name", "Rust Platform Engineer"),
        ("summary", "Async Rust services on PostgreSQL"),
        ("title", "Rust Platform Engineer"),
        ("locations", "Berlin\nLisbon"),
        ("remote", "hybrid"),
        ("employment_type", "full_time"),
        ("sourcing", "in_house"),
        ("level", "senior"),
        ("headcount", "2"),
        ("responsibilities", "Own the job queue\nMentor"),
        ("skills", "Rust | required | 10 | 3\nPostgreSQL | required | 7"),
        ("certifications", ""),
        ("salary_min", ""),
        ("salary_max", ""),
        ("salary_currency", "USD"),
        ("salary_period", "year"),
        ("band_junior_min", ""),
        ("band_junior_max", ""),
        ("band_mid_min", "100000"),
        ("band_mid_max", "140,000"),
        ("band_senior_min", "140000"),
        ("band_senior_max", "190000"),
        ("band_lead_min", ""),
        ("band_lead_max", ""),
    ];
    for (key, value) in overrides {
        if let Some(field) = fields.iter_mut().find(|(k, _)| k == key) {
            field.1 = value;
        }
    }
    fields
}

#[tokio::test]
async fn a_template_edit_is_validated_then_saved() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await;
    let original = app.store.list_templates().await.unwrap().remove(0);
    let list = app.get("/admin/templates", Some(&admin)).await;
    assert!(list.body.contains(&original.template.name) && list.body.contains("USD 70,000–95,000"));
    let form = app.get(&format!("/admin/templates/{}/edit", original.id), Some(&admin)).await;
    assert!(form.body.contains(&format!(r#"value="{}""#, original.template.name)));

    let path = format!("/admin/templates/{}", original.id);
    let bad = template_fields(&[
        ("title", ""),
        ("headcount", "0"),
        ("skills", "Rust | maybe"),
        ("band_senior_min", "300000"),
    ]);
    let page = app.post_form(&path, Some(&admin), &bad).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    for message in [
        "Job title is required.",
        "Headcount must be",
        "Line 1: &#39;maybe&#39; should be",
        "The minimum must not exceed the maximum.",
    ] {
        assert!(page.body.contains(message), "{message}: {}", page.body);
    }
    assert_eq!(app.store.template(original.id).await.unwrap().template, original.template, "nothing saved");

    let saved = app.post_form(&path, Some(&admin), &template_fields(&[])).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let stored = app.store.template(original.id).await.unwrap().template;
    assert_eq!(stored.name, "Rust Platform Engineer");
    assert_eq!(stored.spec.headcount, 2);
    assert_eq!(stored.spec.locations, ["Berlin", "Lisbon"]);
    assert_eq!(stored.bands.len(), 2);
    assert_eq!(stored.band_for(hired_domain::requisition::Level::Mid).unwrap().max_minor, 14_000_000);

    let created = app.post_form("/admin/templates", Some(&admin), &template_fields(&[("name", "Second")])).await;
    assert_eq!(created.status, StatusCode::SEE_OTHER);
    let clash = app.post_form("/admin/templates", Some(&admin), &template_fields(&[("name", "Second")])).await;
    assert_eq!(clash.status, StatusCode::UNPROCESSABLE_ENTITY, "template names are unique");
    assert_eq!(app.get("/admin/templates/nope/edit", Some(&admin)).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn any_staff_member_creates_a_token_that_authenticates_until_revoked() {
    let app = TestApp::new().await;
    let interviewer = app.actor(Role::Interviewer).await;
    assert_eq!(app.get("/account/tokens", Some(&interviewer)).await.status, StatusCode::OK);

    let page = app.post_form("/account/tokens", Some(&interviewer), &[("name", "Calendar sync")]).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.headers.get("cache-control").unwrap(), "no-store");
    let start = page.body.find(r#"<code id="new-token">"#).expect("the secret is shown") + 21;
    let secret = &page.body[start..start + page.body[start..].find('<').unwrap()];
    assert!(secret.starts_with("hired_"), "{secret}");
    assert_eq!(app.store.user_for_token(secret).await.unwrap().unwrap().id, interviewer.user.id);
    let listed = app.get("/account/tokens", Some(&interviewer)).await;
    assert!(listed.body.contains("Calendar sync") && !listed.body.contains(secret), "shown once only");

    let token = app.store.list_tokens(interviewer.user.id).await.unwrap();
    let token = token.iter().find(|t| t.name == "Calendar sync").unwrap();
    let revoked = app.post_form(&format!("/account/tokens/{}/revoke", token.id), Some(&interviewer), &[]).await;
    assert_eq!(revoked.status, StatusCode::SEE_OTHER);
    assert!(app.store.user_for_token(secret).await.unwrap().is_none());
    assert!(app.get("/account/tokens", Some(&interviewer)).await.body.contains("Revoked"));

    let unnamed = app.post_form("/account/tokens", Some(&interviewer), &[("name", "  ")]).await;
    assert_eq!(unnamed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unnamed.body.contains("Name is required."));
}

#[tokio::test]
async fn a_user_cannot_revoke_someone_elses_token() {
    let app = TestApp::new().await;
    let (owner, other): (Actor, Actor) = (app.actor(Role::Recruiter).await, app.actor(Role::Admin).await);
    let (secret, token) = app.store.create_token(owner.user.id, "ci").await.unwrap();
    let path = format!("/account/tokens/{}/revoke", TokenId(token.id));
    assert_eq!(app.post_form(&path, Some(&other), &[]).await.status, StatusCode::NOT_FOUND);
    assert!(app.store.user_for_token(&secret).await.unwrap().is_some());
    let unknown = format!("/admin/users/{}/access", UserId::new());
    assert_eq!(app.post_form(&unknown, Some(&other), &[("active", "false")]).await.status, StatusCode::NOT_FOUND);
    assert!(app.store.user(owner.user.id).await.unwrap().active);
}
