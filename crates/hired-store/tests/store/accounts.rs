//! Users, sessions, API tokens and sign-in throttling.

use chrono::Duration;
use hired_domain::user::Role;
use hired_domain::{Email, TokenId};
use hired_store::{AuditFilter, LoginThrottle, Store, StoreError, store_test};

use crate::user;

store_test!(duplicate_user_email_is_a_field_error, |store: Store| async move {
    user(&store, "a@example.com", Role::Admin).await;
    let again = store.create_user(&Email::parse("A@example.com").unwrap(), "Other", Role::Recruiter, None).await;
    match again {
        Err(StoreError::Invalid(e)) => {
            assert!(e.message_for("email").unwrap().contains("already exists"))
        }
        other => panic!("expected a field error, got {other:?}"),
    }
});

store_test!(sessions_live_until_expiry_or_sign_out, |store: Store| async move {
    let u = user(&store, "s@example.com", Role::Recruiter).await;
    let (secret, session) = store.create_session(&u, Duration::hours(1)).await.unwrap();
    let found = store.session(&secret).await.unwrap().expect("live session");
    assert_eq!(found.user.id, u.id);
    assert_eq!(found.csrf_token, session.csrf_token);
    assert!(store.session("not-a-secret").await.unwrap().is_none());
    store.delete_session(&secret).await.unwrap();
    assert!(store.session(&secret).await.unwrap().is_none());

    let (expired, _) = store.create_session(&u, Duration::seconds(-1)).await.unwrap();
    assert!(store.session(&expired).await.unwrap().is_none());
});

store_test!(deactivating_a_user_ends_their_sessions_and_tokens, |store: Store| async move {
    let u = user(&store, "d@example.com", Role::Interviewer).await;
    let (secret, _) = store.create_session(&u, Duration::hours(1)).await.unwrap();
    let (token, _) = store.create_token(u.id, "ci").await.unwrap();
    store.update_user_access(u.id, Role::Interviewer, false).await.unwrap();
    assert!(store.session(&secret).await.unwrap().is_none());
    assert!(store.user_for_token(&token).await.unwrap().is_none());
});

store_test!(tokens_authenticate_until_revoked, |store: Store| async move {
    let u = user(&store, "t@example.com", Role::Recruiter).await;
    let (secret, token) = store.create_token(u.id, "integration").await.unwrap();
    assert!(secret.starts_with("hired_"));
    assert_eq!(store.user_for_token(&secret).await.unwrap().unwrap().id, u.id);
    assert_eq!(store.list_tokens(u.id).await.unwrap().len(), 1);
    store.revoke_token(u.id, TokenId(token.id)).await.unwrap();
    assert!(store.user_for_token(&secret).await.unwrap().is_none());
    assert!(matches!(store.revoke_token(u.id, TokenId(token.id)).await, Err(StoreError::NotFound(_))));
});

store_test!(sign_in_is_throttled_per_account_and_address, |store: Store| async move {
    let limits = LoginThrottle { per_account: 3, per_address: 5 };
    for _ in 0..3 {
        assert!(!store.login_blocked("x@example.com", "10.0.0.1", limits).await.unwrap());
        store.record_login_failure("x@example.com", "10.0.0.1").await.unwrap();
    }
    assert!(store.login_blocked("x@example.com", "10.0.0.9", limits).await.unwrap(), "account limit");
    assert!(!store.login_blocked("y@example.com", "10.0.0.9", limits).await.unwrap());
    for _ in 0..2 {
        store.record_login_failure("z@example.com", "10.0.0.1").await.unwrap();
    }
    assert!(store.login_blocked("new@example.com", "10.0.0.1", limits).await.unwrap(), "address limit");
    store.clear_login_failures("x@example.com").await.unwrap();
    assert!(!store.login_blocked("x@example.com", "10.0.0.9", limits).await.unwrap());
});

store_test!(creating_and_changing_a_user_is_audited_with_the_actor, |store: Store| async move {
    let admin = user(&store, "admin@example.com", Role::Admin).await;
    let email = Email::parse("new@example.com").unwrap();
    let created = store.create_user_by(Some(&admin), &email, "New Person", Role::Recruiter, None).await.unwrap();
    store.update_user_access_by(Some(&admin), created.id, Role::HiringManager, false).await.unwrap();
    store.update_user_access_by(Some(&admin), created.id, Role::HiringManager, false).await.unwrap();

    let filter = AuditFilter { entity_id: Some(created.id.0), ..Default::default() };
    let log = store.audit_log(&filter, None, 10).await.unwrap().items;
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["user.access", "user.create"], "an unchanged save writes nothing");
    assert!(log.iter().all(|e| e.actor_id == Some(admin.id.0) && e.entity_type == "user"));
    let access = &log[0].changes;
    assert_eq!(access[0], serde_json::json!({"field": "active", "before": true, "after": false}));
    assert_eq!(access[1], serde_json::json!({"field": "role", "before": "recruiter", "after": "hiring_manager"}));
    let create = serde_json::to_string(&log[1].changes).unwrap();
    assert!(create.contains("new@example.com") && !create.contains("password"), "{create}");
});

store_test!(token_creation_and_revocation_are_audited, |store: Store| async move {
    let u = user(&store, "audit@example.com", Role::Recruiter).await;
    let (_, token) = store.create_token(u.id, "ci").await.unwrap();
    store.revoke_token(u.id, TokenId(token.id)).await.unwrap();
    let filter = hired_store::AuditFilter { entity_id: Some(token.id), ..Default::default() };
    let log = store.audit_log(&filter, None, 10).await.unwrap();
    let actions: Vec<&str> = log.items.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["token.revoke", "token.create"]);
    assert_eq!(log.items[0].actor_id, Some(u.id.0));
});
