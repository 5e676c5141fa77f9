//! Candidates: creating one straight into a requisition, all or nothing.

use hired_domain::requisition::RequisitionStatus;
use hired_domain::templates::django_backend;
use hired_domain::user::Role;
use hired_store::{CandidateFilter, Store, StoreError, store_test};

use crate::{person, user};

store_test!(a_candidate_created_for_a_requisition_starts_in_its_first_stage, |store: Store| async move {
    let recruiter = user(&store, "r@example.com", Role::Recruiter).await;
    let req = store.create_requisition(&recruiter, django_backend().spec).await.unwrap();
    let (candidate, app) =
        store.create_candidate_with_application(&recruiter, person("Ada", "ada@example.com"), req.id).await.unwrap();
    assert_eq!(app.candidate_id, candidate.id);
    assert_eq!(app.stage, req.stages[0].key);
    assert_eq!(app.source.as_deref(), Some("referral"));
    assert_eq!(store.candidate_stage_events(candidate.id).await.unwrap().len(), 1);
});

store_test!(a_closed_requisition_leaves_no_candidate_behind, |store: Store| async move {
    let admin = user(&store, "a@example.com", Role::Admin).await;
    let req = store.create_requisition(&admin, django_backend().spec).await.unwrap();
    store.change_requisition_status(&admin, req.id, req.version, RequisitionStatus::Closed).await.unwrap();
    let refused = store.create_candidate_with_application(&admin, person("Ada", "ada@example.com"), req.id).await;
    match refused {
        Err(StoreError::Invalid(invalid)) => assert!(invalid.message_for("requisition_id").is_some()),
        other => panic!("expected a field error, got {other:?}"),
    }
    assert!(store.list_candidates(&CandidateFilter::default(), None, 10).await.unwrap().items.is_empty());
});

store_test!(a_duplicate_email_leaves_no_application_behind, |store: Store| async move {
    let admin = user(&store, "a@example.com", Role::Admin).await;
    let req = store.create_requisition(&admin, django_backend().spec).await.unwrap();
    store.create_candidate(Some(&admin), person("Ada", "ada@example.com")).await.unwrap();
    let dup = store.create_candidate_with_application(&admin, person("Ada Again", "ADA@example.com"), req.id).await;
    assert!(matches!(dup, Err(StoreError::Invalid(_))), "{dup:?}");
    assert!(store.list_applications(req.id, None, None, 10).await.unwrap().items.is_empty());
});
