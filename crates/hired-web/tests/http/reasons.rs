//! `/admin/reasons`: admins configure the rejection reasons the board and forms offer.

use axum::http::StatusCode;
use hired_domain::templates::django_backend;
use hired_domain::user::Role;
use hired_store::AuditFilter;

use crate::TestApp;

/// How many settings changes the audit log holds.
async fn settings_changes(app: &TestApp) -> usize {
    let filter = AuditFilter { entity_type: Some("settings".into()), ..Default::default() };
    app.store.audit_log(&filter, None, 100).await.unwrap().items.len()
}

#[tokio::test]
async fn an_added_reason_is_offered_on_the_requisition_board() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await;
    let recruiter = app.actor(Role::Recruiter).await;
    let added = app.post_form("/admin/reasons", Some(&admin), &[("label", "  Relocation not possible ")]).await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    assert_eq!(added.location(), "/admin/reasons");

    let page = app.get("/admin/reasons", Some(&admin)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Relocation not possible"));
    let req = app.store.create_requisition(&recruiter.user, django_backend().spec).await.unwrap();
    let board = app.get(&format!("/requisitions/{}/board", req.id), Some(&recruiter)).await;
    assert!(board.body.contains(r#"<option value="Relocation not possible">"#), "{}", board.body);
    assert_eq!(settings_changes(&app).await, 1);
}

#[tokio::test]
async fn reasons_move_up_and_down_in_the_offered_order() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await;
    let before = app.store.rejection_reasons().await.unwrap();
    let fields = [("label", before[1].as_str()), ("direction", "up")];
    let moved = app.post_form("/admin/reasons/move", Some(&admin), &fields).await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER, "{}", moved.body);
    let after = app.store.rejection_reasons().await.unwrap();
    assert_eq!((&after[0], &after[1]), (&before[1], &before[0]));

    let fields = [("label", before[1].as_str()), ("direction", "down")];
    assert_eq!(app.post_form("/admin/reasons/move", Some(&admin), &fields).await.status, StatusCode::SEE_OTHER);
    assert_eq!(app.store.rejection_reasons().await.unwrap(), before);

    let sideways = [("label", before[0].as_str()), ("direction", "sideways")];
    let page = app.post_form("/admin/reasons/move", Some(&admin), &sideways).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("Direction must be up or down."));
    let unknown = [("label", "No such reason"), ("direction", "up")];
    assert_eq!(app.post_form("/admin/reasons/move", Some(&admin), &unknown).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.store.rejection_reasons().await.unwrap(), before);
    assert_eq!(settings_changes(&app).await, 2);
}

#[tokio::test]
async fn reasons_can_be_removed_but_the_last_one_stays() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await;
    let reasons = app.store.rejection_reasons().await.unwrap();
    let (last, rest) = reasons.split_last().unwrap();
    for label in rest {
        let removed = app.post_form("/admin/reasons/remove", Some(&admin), &[("label", label)]).await;
        assert_eq!(removed.status, StatusCode::SEE_OTHER, "{}", removed.body);
    }
    assert_eq!(app.store.rejection_reasons().await.unwrap(), std::slice::from_ref(last));

    let page = app.post_form("/admin/reasons/remove", Some(&admin), &[("label", last)]).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("The last reason cannot be removed"), "{}", page.body);
    assert_eq!(app.store.rejection_reasons().await.unwrap(), std::slice::from_ref(last));
    let gone = app.post_form("/admin/reasons/remove", Some(&admin), &[("label", "No such reason")]).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    assert_eq!(settings_changes(&app).await, rest.len());
}

#[tokio::test]
async fn only_admins_see_or_change_the_reasons() {
    let app = TestApp::new().await;
    let before = app.store.rejection_reasons().await.unwrap();
    let first = before[0].as_str();
    for role in [Role::Recruiter, Role::HiringManager, Role::Interviewer] {
        let other = app.actor(role).await;
        assert_eq!(app.get("/admin/reasons", Some(&other)).await.status, StatusCode::FORBIDDEN, "{role} GET");
        let posts: [(&str, &[(&str, &str)]); 3] = [
            ("/admin/reasons", &[("label", "Sneaky")]),
            ("/admin/reasons/remove", &[("label", first)]),
            ("/admin/reasons/move", &[("label", first), ("direction", "down")]),
        ];
        for (path, fields) in posts {
            assert_eq!(app.post_form(path, Some(&other), fields).await.status, StatusCode::FORBIDDEN, "{role} {path}");
        }
    }
    assert_eq!(app.store.rejection_reasons().await.unwrap(), before);
    assert_eq!(settings_changes(&app).await, 0);
}

#[tokio::test]
async fn blank_and_duplicate_reasons_are_shown_again_with_the_error_and_nothing_is_written() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await;
    let before = app.store.rejection_reasons().await.unwrap();
    let blank = app.post_form("/admin/reasons", Some(&admin), &[("label", "   ")]).await;
    assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(blank.body.contains("Reason is required."), "{}", blank.body);

    let twin = before[0].to_uppercase();
    let duplicate = app.post_form("/admin/reasons", Some(&admin), &[("label", &twin)]).await;
    assert_eq!(duplicate.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(duplicate.body.contains("That reason already exists."), "{}", duplicate.body);
    assert!(duplicate.body.contains(&format!(r#"value="{twin}""#)), "the typed label is kept");
    assert_eq!(app.store.rejection_reasons().await.unwrap(), before);
    assert_eq!(settings_changes(&app).await, 0);
}
