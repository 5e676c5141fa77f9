//! Rejection reasons as admins configure them: adding, removing, reordering, and the audit trail.

use hired_domain::pipeline::DEFAULT_REJECTION_REASONS;
use hired_domain::user::Role;
use hired_store::{AuditFilter, Store, StoreError, store_test};

use crate::user;

/// The `label` field error of a refused change.
fn label_error(result: Result<impl std::fmt::Debug, StoreError>) -> String {
    match result {
        Err(StoreError::Invalid(e)) => e.message_for("label").unwrap_or_default().to_owned(),
        other => panic!("expected a label error, got {other:?}"),
    }
}

/// The actions of the settings audit entries, oldest first.
async fn settings_actions(store: &Store) -> Vec<String> {
    let filter = AuditFilter { entity_type: Some("settings".into()), ..Default::default() };
    let mut actions: Vec<String> =
        store.audit_log(&filter, None, 50).await.unwrap().items.into_iter().map(|e| e.action).collect();
    actions.reverse();
    actions
}

store_test!(the_shipped_reasons_are_seeded_in_order, |store: Store| async move {
    let expected: Vec<String> = DEFAULT_REJECTION_REASONS.iter().map(|r| (*r).to_owned()).collect();
    assert_eq!(store.rejection_reasons().await.unwrap(), expected);
});

store_test!(an_added_reason_goes_last_trimmed_and_is_audited, |store: Store| async move {
    let admin = user(&store, "admin@example.com", Role::Admin).await;
    let added = store.add_rejection_reason(&admin, "  Relocation not possible ").await.unwrap();
    assert_eq!(added, "Relocation not possible");
    let reasons = store.rejection_reasons().await.unwrap();
    assert_eq!(reasons.last().map(String::as_str), Some("Relocation not possible"));
    assert_eq!(reasons.len(), DEFAULT_REJECTION_REASONS.len() + 1);

    let filter = AuditFilter { action: Some("rejection_reason.add".into()), ..Default::default() };
    let log = store.audit_log(&filter, None, 10).await.unwrap().items;
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].entity_type, "settings");
    assert_eq!(log[0].entity_id, None);
    assert_eq!(log[0].actor_id, Some(admin.id.0));
    assert_eq!(log[0].changes[0]["after"], "Relocation not possible");
});

store_test!(blank_long_and_duplicate_reasons_are_refused_without_writing, |store: Store| async move {
    let admin = user(&store, "admin@example.com", Role::Admin).await;
    let before = store.rejection_reasons().await.unwrap();
    assert!(label_error(store.add_rejection_reason(&admin, "   ").await).contains("required"));
    assert!(label_error(store.add_rejection_reason(&admin, &"x".repeat(121)).await).contains("120"));
    let first = before[0].to_uppercase();
    assert_eq!(label_error(store.add_rejection_reason(&admin, &first).await), "that reason already exists");
    assert_eq!(store.rejection_reasons().await.unwrap(), before);
    assert!(settings_actions(&store).await.is_empty());
});

store_test!(reasons_move_one_place_and_stay_put_at_the_ends, |store: Store| async move {
    let admin = user(&store, "admin@example.com", Role::Admin).await;
    let before = store.rejection_reasons().await.unwrap();
    store.move_rejection_reason(&admin, &before[1], true).await.unwrap();
    let after = store.rejection_reasons().await.unwrap();
    assert_eq!((after[0].as_str(), after[1].as_str()), (before[1].as_str(), before[0].as_str()));
    store.move_rejection_reason(&admin, &before[1], false).await.unwrap();
    assert_eq!(store.rejection_reasons().await.unwrap(), before);

    let last = before.last().unwrap();
    store.move_rejection_reason(&admin, &before[0], true).await.unwrap();
    store.move_rejection_reason(&admin, last, false).await.unwrap();
    assert_eq!(store.rejection_reasons().await.unwrap(), before);
    assert_eq!(settings_actions(&store).await, ["rejection_reason.move", "rejection_reason.move"]);
    assert!(matches!(store.move_rejection_reason(&admin, "No such reason", true).await, Err(StoreError::NotFound(_))));
});

store_test!(reasons_can_be_removed_except_the_last_one, |store: Store| async move {
    let admin = user(&store, "admin@example.com", Role::Admin).await;
    let reasons = store.rejection_reasons().await.unwrap();
    assert!(matches!(store.remove_rejection_reason(&admin, "No such reason").await, Err(StoreError::NotFound(_))));
    let (last, rest) = reasons.split_last().unwrap();
    for label in rest {
        store.remove_rejection_reason(&admin, label).await.unwrap();
    }
    assert_eq!(store.rejection_reasons().await.unwrap(), std::slice::from_ref(last));
    assert!(label_error(store.remove_rejection_reason(&admin, last).await).contains("last reason"));
    assert_eq!(store.rejection_reasons().await.unwrap(), std::slice::from_ref(last));
    let removals = settings_actions(&store).await;
    assert_eq!(removals.len(), rest.len());
    assert!(removals.iter().all(|a| a == "rejection_reason.remove"));
});

store_test!(removed_shipped_reasons_stay_removed_after_a_restart, |store: Store| async move {
    let admin = user(&store, "admin@example.com", Role::Admin).await;
    let first = store.rejection_reasons().await.unwrap()[0].clone();
    store.remove_rejection_reason(&admin, &first).await.unwrap();
    store.migrate().await.unwrap();
    assert!(!store.rejection_reasons().await.unwrap().contains(&first));
});

store_test!(saving_a_template_is_audited_with_its_content, |store: Store| async move {
    let admin = user(&store, "templates@example.com", Role::Admin).await;
    let mut template = hired_domain::templates::django_backend();
    template.name = "Senior Django, EU".into();
    let id = store.save_template(&admin, None, &template).await.unwrap();
    let filter = AuditFilter { entity_id: Some(id.0), ..Default::default() };
    let log = store.audit_log(&filter, None, 10).await.unwrap();
    assert_eq!(log.items.len(), 1);
    assert_eq!(log.items[0].action, "template.save");
    assert!(log.items[0].changes.to_string().contains("Senior Django, EU"));
});
