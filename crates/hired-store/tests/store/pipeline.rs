//! Requisitions, candidates, applications, the board and the audit log.

use hired_domain::pipeline::{ApplicationStatus, MoveTarget};
use hired_domain::requisition::RequisitionStatus;
use hired_domain::templates::django_backend;
use hired_domain::user::Role;
use hired_store::{AuditFilter, CandidateFilter, NewApplication, RequisitionFilter, Store, StoreError, store_test};

use crate::{person, user};

fn to(stage: &str) -> MoveTarget {
    MoveTarget::Stage { stage: stage.into() }
}

store_test!(requisition_edits_check_the_version, |store: Store| async move {
    let admin = user(&store, "admin@example.com", Role::Admin).await;
    let req = store.create_requisition(&admin, django_backend().spec).await.unwrap();
    assert_eq!(req.status, RequisitionStatus::Draft);
    let mut spec = req.spec.clone();
    spec.title = "Senior Django Developer".into();
    let updated = store.update_requisition(&admin, req.id, req.version, spec.clone()).await.unwrap();
    assert_eq!(updated.version, 2);
    assert_eq!(store.requisition(req.id).await.unwrap().spec.title, "Senior Django Developer");
    let stale = store.update_requisition(&admin, req.id, req.version, spec).await;
    assert!(matches!(stale, Err(StoreError::Conflict(_))), "{stale:?}");
});

store_test!(requisition_status_follows_the_lifecycle, |store: Store| async move {
    let admin = user(&store, "admin@example.com", Role::Admin).await;
    let req = store.create_requisition(&admin, django_backend().spec).await.unwrap();
    let open = store.change_requisition_status(&admin, req.id, 1, RequisitionStatus::Open).await.unwrap();
    assert!(matches!(
        store.change_requisition_status(&admin, req.id, open.version, RequisitionStatus::Draft).await,
        Err(StoreError::Invalid(_))
    ));
    let filled =
        store.change_requisition_status(&admin, req.id, open.version, RequisitionStatus::Filled).await.unwrap();
    assert_eq!(filled.status, RequisitionStatus::Filled);
    let log =
        store.audit_log(&AuditFilter { entity_id: Some(req.id.0), ..Default::default() }, None, 10).await.unwrap();
    let actions: Vec<&str> = log.items.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["requisition.status", "requisition.status", "requisition.create"]);
});

store_test!(team_scoped_lists_show_only_the_users_requisitions, |store: Store| async move {
    let recruiter = user(&store, "r@example.com", Role::Recruiter).await;
    let interviewer = user(&store, "i@example.com", Role::Interviewer).await;
    let mine = store.create_requisition(&recruiter, django_backend().spec).await.unwrap();
    store.create_requisition(&recruiter, django_backend().spec).await.unwrap();
    store.set_team_member(&recruiter, mine.id, &interviewer).await.unwrap();
    let all = store.list_requisitions(&RequisitionFilter::default(), None, 50).await.unwrap();
    assert_eq!(all.items.len(), 2);
    let filter = RequisitionFilter { team_member: Some(interviewer.id), ..Default::default() };
    let scoped = store.list_requisitions(&filter, None, 50).await.unwrap();
    assert_eq!(scoped.items.iter().map(|r| r.id).collect::<Vec<_>>(), vec![mine.id.0]);
    assert!(store.is_on_team(mine.id, interviewer.id).await.unwrap());

    let c = store.create_candidate(Some(&recruiter), person("Ada", "ada@example.com")).await.unwrap();
    let cfilter = CandidateFilter { team_member: Some(interviewer.id), ..Default::default() };
    assert!(store.list_candidates(&cfilter, None, 50).await.unwrap().items.is_empty());
    store
        .add_application(Some(&recruiter), NewApplication { candidate_id: c.id, requisition_id: mine.id, source: None })
        .await
        .unwrap();
    assert_eq!(store.list_candidates(&cfilter, None, 50).await.unwrap().items.len(), 1);
    assert!(store.candidate_on_users_team(c.id, interviewer.id).await.unwrap());
});

store_test!(applying_twice_to_one_requisition_is_refused, |store: Store| async move {
    let admin = user(&store, "admin@example.com", Role::Admin).await;
    let req = store.create_requisition(&admin, django_backend().spec).await.unwrap();
    let c = store.create_candidate(Some(&admin), person("Ada", "ada@example.com")).await.unwrap();
    let new = NewApplication { candidate_id: c.id, requisition_id: req.id, source: Some("careers".into()) };
    store.add_application(Some(&admin), new.clone()).await.unwrap();
    assert!(matches!(store.add_application(Some(&admin), new).await, Err(StoreError::Invalid(_))));
    let dup = store.create_candidate(Some(&admin), person("Ada Again", "ADA@example.com")).await;
    assert!(matches!(dup, Err(StoreError::Invalid(_))), "{dup:?}");
});

store_test!(moves_write_stage_events_and_reject_stale_versions, |store: Store| async move {
    let admin = user(&store, "admin@example.com", Role::Admin).await;
    let req = store.create_requisition(&admin, django_backend().spec).await.unwrap();
    let (c, app) = apply(&store, &admin, req.id, "Grace", "grace@example.com").await;
    let moved = store.move_application(&admin, app.id, Some(app.version), &to("screen")).await.unwrap();
    assert_eq!((moved.stage.as_str(), moved.version), ("screen", 2));
    let second = store.move_application(&admin, app.id, Some(app.version), &to("assessment")).await;
    assert!(matches!(second, Err(StoreError::Conflict(_))), "a stale version must conflict: {second:?}");
    let rejected = store
        .move_application(&admin, app.id, Some(2), &MoveTarget::Reject { reason: "Missing required skills".into() })
        .await
        .unwrap();
    assert_eq!(rejected.status, ApplicationStatus::Rejected);
    let events = store.candidate_stage_events(c.id).await.unwrap();
    assert_eq!(events.len(), 3);
    assert_eq!(events[0].to_status, "rejected");
    assert_eq!(events[1].from_stage.as_deref(), Some("applied"));
});

store_test!(concurrent_moves_of_one_application_let_exactly_one_win, |store: Store| async move {
    let admin = user(&store, "admin@example.com", Role::Admin).await;
    let req = store.create_requisition(&admin, django_backend().spec).await.unwrap();
    let (c, app) = apply(&store, &admin, req.id, "Linus", "linus@example.com").await;
    let (screen, offer) = (to("screen"), to("offer"));
    let (a, b) = tokio::join!(
        store.move_application(&admin, app.id, Some(1), &screen),
        store.move_application(&admin, app.id, Some(1), &offer),
    );
    let wins = [a.is_ok(), b.is_ok()].iter().filter(|ok| **ok).count();
    assert_eq!(wins, 1, "exactly one move wins: {a:?} / {b:?}");
    assert_eq!(store.candidate_stage_events(c.id).await.unwrap().len(), 2);
});

store_test!(board_counts_and_cards_match_the_columns, |store: Store| async move {
    let admin = user(&store, "admin@example.com", Role::Admin).await;
    let req = store.create_requisition(&admin, django_backend().spec).await.unwrap();
    for i in 0..7 {
        let c =
            store.create_candidate(Some(&admin), person(&format!("P{i}"), &format!("p{i}@example.com"))).await.unwrap();
        let app = store
            .add_application(Some(&admin), NewApplication { candidate_id: c.id, requisition_id: req.id, source: None })
            .await
            .unwrap();
        match i {
            0..=2 => {}
            3 | 4 => {
                store.move_application(&admin, app.id, None, &to("screen")).await.unwrap();
            }
            5 => {
                store.move_application(&admin, app.id, None, &to("hired")).await.unwrap();
            }
            _ => {
                store
                    .move_application(&admin, app.id, None, &MoveTarget::Reject { reason: "Other".into() })
                    .await
                    .unwrap();
            }
        }
    }
    let board = store.board(&store.requisition(req.id).await.unwrap(), 2).await.unwrap();
    let col = |k: &str| board.iter().find(|c| c.key == k).unwrap();
    assert_eq!((col("applied").count, col("applied").cards.len()), (3, 2), "count is total, cards are capped");
    assert_eq!(col("screen").count, 2);
    assert_eq!(col("hired").count, 1);
    assert_eq!(col("rejected").count, 1);
    assert_eq!(col("withdrawn").count, 0);
    assert_eq!(board.len(), 9);

    let page = store.list_applications(req.id, Some("applied"), None, 2).await.unwrap();
    assert_eq!(page.items.len(), 2);
    let cursor = hired_store::Cursor::decode(page.next_cursor.as_deref().unwrap()).unwrap();
    let rest = store.list_applications(req.id, Some("applied"), Some(cursor), 2).await.unwrap();
    assert_eq!(rest.items.len(), 1);
    assert!(rest.next_cursor.is_none());
});

store_test!(bulk_moves_are_all_or_nothing, |store: Store| async move {
    let admin = user(&store, "admin@example.com", Role::Admin).await;
    let req = store.create_requisition(&admin, django_backend().spec).await.unwrap();
    let mut ids = Vec::new();
    for i in 0..3 {
        let c =
            store.create_candidate(Some(&admin), person(&format!("B{i}"), &format!("b{i}@example.com"))).await.unwrap();
        let app = store
            .add_application(Some(&admin), NewApplication { candidate_id: c.id, requisition_id: req.id, source: None })
            .await
            .unwrap();
        ids.push(app.id);
    }
    store.move_application(&admin, ids[2], None, &MoveTarget::Reject { reason: "Other".into() }).await.unwrap();
    let reject = MoveTarget::Reject { reason: "Position filled".into() };
    assert!(store.move_applications(&admin, req.id, &ids, &reject).await.is_err(), "third is already rejected");
    let board = store.board(&store.requisition(req.id).await.unwrap(), 10).await.unwrap();
    assert_eq!(board.iter().find(|c| c.key == "applied").unwrap().count, 2, "nothing half-written");
    assert_eq!(store.move_applications(&admin, req.id, &ids[..2], &reject).await.unwrap(), 2);
});

store_test!(applications_of_a_filled_requisition_no_longer_move, |store: Store| async move {
    let admin = user(&store, "admin@example.com", Role::Admin).await;
    let req = store.create_requisition(&admin, django_backend().spec).await.unwrap();
    let (_, app) = apply(&store, &admin, req.id, "Ada", "ada@example.com").await;
    let open = store.change_requisition_status(&admin, req.id, 1, RequisitionStatus::Open).await.unwrap();
    store.change_requisition_status(&admin, req.id, open.version, RequisitionStatus::Filled).await.unwrap();
    let refused = store.move_application(&admin, app.id, None, &to("screen")).await;
    assert!(
        matches!(&refused, Err(StoreError::Invalid(e)) if e.message_for("stage").unwrap().contains("filled")),
        "{refused:?}"
    );
});

store_test!(an_unknown_department_is_a_field_error, |store: Store| async move {
    let admin = user(&store, "admin@example.com", Role::Admin).await;
    let mut spec = django_backend().spec;
    spec.department_id = Some(hired_domain::DepartmentId::new());
    let refused = store.create_requisition(&admin, spec).await;
    assert!(matches!(&refused, Err(StoreError::Invalid(e)) if e.message_for("department_id").is_some()), "{refused:?}");
});

store_test!(column_counters_always_match_the_applications, |store: Store| async move {
    let admin = user(&store, "admin@example.com", Role::Admin).await;
    let req = store.create_requisition(&admin, django_backend().spec).await.unwrap();
    let mut ids = Vec::new();
    for i in 0..6 {
        let c =
            store.create_candidate(Some(&admin), person(&format!("K{i}"), &format!("k{i}@example.com"))).await.unwrap();
        let new = NewApplication { candidate_id: c.id, requisition_id: req.id, source: None };
        ids.push(store.add_application(Some(&admin), new).await.unwrap().id);
    }
    let (screen, offer) = (to("screen"), to("offer"));
    let (a, b) = tokio::join!(
        store.move_application(&admin, ids[0], None, &screen),
        store.move_application(&admin, ids[1], None, &offer),
    );
    a.unwrap();
    b.unwrap();
    store.move_application(&admin, ids[0], None, &to("applied")).await.unwrap();
    store.move_application(&admin, ids[2], None, &to("hired")).await.unwrap();
    store.move_application(&admin, ids[3], None, &MoveTarget::Withdraw { reason: None }).await.unwrap();
    let reject = MoveTarget::Reject { reason: "Other".into() };
    store.move_applications(&admin, req.id, &ids[4..], &reject).await.unwrap();
    store.move_application(&admin, ids[5], None, &to("screen")).await.unwrap();

    let mut counted = store.column_counts(req.id).await.unwrap();
    counted.sort();
    let mut truth = Vec::new();
    for column in ["applied", "screen", "offer", "hired", "rejected", "withdrawn"] {
        let n = store.list_applications(req.id, Some(column), None, 100).await.unwrap().items.len() as i64;
        if n > 0 {
            truth.push((column.to_owned(), n));
        }
    }
    truth.sort();
    assert_eq!(counted, truth);
    assert_eq!(truth.iter().map(|(_, n)| n).sum::<i64>(), 6);
    let listed = store.list_requisitions(&RequisitionFilter::default(), None, 10).await.unwrap();
    assert_eq!((listed.items[0].active_count, listed.items[0].total_count), (3, 6), "the list reads the same counters");
});

store_test!(stages_can_change_but_not_lose_their_candidates, |store: Store| async move {
    let admin = user(&store, "admin@example.com", Role::Admin).await;
    let req = store.create_requisition(&admin, django_backend().spec).await.unwrap();
    let (_, app) = apply(&store, &admin, req.id, "Ada", "ada@example.com").await;
    store.move_application(&admin, app.id, None, &to("screen")).await.unwrap();
    let without_screen = hired_domain::pipeline::parse_stage_lines("Applied\nOffer\nHired", &req.stages).unwrap();
    let refused = store.update_stages(&admin, req.id, 1, without_screen).await;
    assert!(
        matches!(&refused, Err(StoreError::Invalid(e)) if e.message_for("stages").unwrap().contains("Screen still holds 1"))
    );
    let lines = "Applied\nScreen\nPair programming\nOffer\nHired";
    let stages = hired_domain::pipeline::parse_stage_lines(lines, &req.stages).unwrap();
    let updated = store.update_stages(&admin, req.id, 1, stages).await.unwrap();
    assert_eq!(updated.stages[2].key, "pair_programming");
    store.move_application(&admin, app.id, None, &to("pair_programming")).await.unwrap();
    let board = store.board(&store.requisition(req.id).await.unwrap(), 5).await.unwrap();
    assert_eq!(
        board.iter().map(|c| c.key.as_str()).collect::<Vec<_>>(),
        ["applied", "screen", "pair_programming", "offer", "hired", "rejected", "withdrawn"]
    );
    assert!(matches!(store.update_stages(&admin, req.id, 1, updated.stages).await, Err(StoreError::Conflict(_))));
});

/// A new candidate with an application in the first stage of `requisition`.
async fn apply(
    store: &Store,
    actor: &hired_domain::user::User,
    requisition: hired_domain::RequisitionId,
    name: &str,
    email: &str,
) -> (hired_domain::candidate::Candidate, hired_domain::pipeline::Application) {
    let candidate = store.create_candidate(Some(actor), person(name, email)).await.unwrap();
    let new = NewApplication { candidate_id: candidate.id, requisition_id: requisition, source: None };
    let application = store.add_application(Some(actor), new).await.unwrap();
    (candidate, application)
}
