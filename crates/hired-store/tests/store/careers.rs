//! Postings, channels, applying (duplicates, idempotency, knockouts, files) and merging.

use std::collections::BTreeMap;

use chrono::{Days, Utc};
use hired_domain::channel::{ChannelInput, ChannelSpec};
use hired_domain::pipeline::ApplicationStatus;
use hired_domain::posting::{Applicant, ApplyInput, PostingInput, PostingSpec};
use hired_domain::requisition::{Requisition, RequisitionStatus};
use hired_domain::screening::{ScreeningForm, parse_question_lines};
use hired_domain::templates::django_backend;
use hired_domain::user::{Role, User};
use hired_store::{ApplyOutcome, AuditFilter, PostingFilter, Store, StoreError, Submission, Upload, store_test};

use crate::user;

async fn open_requisition(store: &Store, actor: &User) -> Requisition {
    let req = store.create_requisition(actor, django_backend().spec).await.unwrap();
    store.change_requisition_status(actor, req.id, req.version, RequisitionStatus::Open).await.unwrap()
}

fn posting(title: &str) -> PostingSpec {
    let input = PostingInput {
        title: title.into(),
        description: "Build our **Django** APIs.".into(),
        city: "Berlin".into(),
        country: "DE".into(),
        valid_through: (Utc::now().date_naive() + Days::new(30)).to_string(),
        ..PostingInput::default()
    };
    PostingSpec::parse(&input, Utc::now().date_naive()).unwrap()
}

fn applicant(name: &str, email: &str, phone: &str) -> Applicant {
    let input = ApplyInput {
        name: name.into(),
        email: email.into(),
        phone: phone.into(),
        consent: "on".into(),
        ..ApplyInput::default()
    };
    Applicant::try_from(&input).unwrap()
}

fn submission(req: &Requisition, who: Applicant) -> Submission {
    Submission {
        requisition: req.id,
        applicant: who,
        screening: None,
        salary_expectation: None,
        auto_reject_reason: None,
        resume: None,
        channel: None,
        referrer: None,
        idempotency_key: None,
    }
}

fn pdf() -> Upload {
    Upload {
        file_name: "../../etc/cv.pdf".into(),
        bytes: b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n".to_vec(),
    }
}

store_test!(publishing_makes_a_posting_live_until_the_requisition_closes, |store: Store| async move {
    let admin = user(&store, "admin@example.com", Role::Admin).await;
    let req = open_requisition(&store, &admin).await;
    let draft = store.save_posting(&admin, req.id, None, posting("Django Developer"), false).await.unwrap();
    assert!(store.live_posting(&draft.slug).await.unwrap().is_none(), "a draft is not live");
    let stale = store.save_posting(&admin, req.id, Some(draft.version + 1), posting("X"), true).await;
    assert!(matches!(stale, Err(StoreError::Conflict(_))), "{stale:?}");
    let published =
        store.save_posting(&admin, req.id, Some(draft.version), posting("Django Developer"), true).await.unwrap();
    assert_eq!(published.slug, draft.slug, "the address never changes");
    let live = store.live_posting(&published.slug).await.unwrap().expect("live");
    assert_eq!(live.requisition.id, req.id);
    let (rows, total) = store.list_live_postings(&PostingFilter::default(), 0, 20).await.unwrap();
    assert_eq!((rows.len(), total), (1, 1));
    let filter = PostingFilter {
        text: Some("django".into()),
        level: Some(req.spec.level.as_str().into()),
        ..Default::default()
    };
    assert_eq!(store.list_live_postings(&filter, 0, 20).await.unwrap().1, 1);
    let miss = PostingFilter { city: Some("Paris".into()), ..Default::default() };
    assert_eq!(store.list_live_postings(&miss, 0, 20).await.unwrap().1, 0);
    assert_eq!(store.careers_facets().await.unwrap().cities, vec!["Berlin"]);

    let req = store.requisition(req.id).await.unwrap();
    store.change_requisition_status(&admin, req.id, req.version, RequisitionStatus::Filled).await.unwrap();
    assert!(store.live_posting(&published.slug).await.unwrap().is_none(), "filled unpublishes everywhere");
    assert!(store.live_postings().await.unwrap().is_empty());
    assert!(!store.posting_for(req.id).await.unwrap().unwrap().published);
});

store_test!(a_returning_applicant_is_the_same_candidate, |store: Store| async move {
    let admin = user(&store, "admin@example.com", Role::Admin).await;
    let first = open_requisition(&store, &admin).await;
    let second = open_requisition(&store, &admin).await;
    let third = open_requisition(&store, &admin).await;
    let a = store.submit_application(submission(&first, applicant("Ana", "ana@example.com", ""))).await.unwrap();
    assert_eq!(a.outcome, ApplyOutcome::Created);
    assert_eq!(a.status, ApplicationStatus::Active);
    let b = store
        .submit_application(submission(&second, applicant("Ana B.", "ANA@example.com", "+49 30 1234567")))
        .await
        .unwrap();
    assert_eq!(b.candidate_id, a.candidate_id, "same email, same person");
    let by_phone = store
        .submit_application(submission(&third, applicant("Ana", "ana.other@example.com", "0049-30-1234567")))
        .await
        .unwrap();
    assert_eq!(by_phone.candidate_id, a.candidate_id, "same phone digits, same person");
    let candidate = store.candidate(a.candidate_id).await.unwrap();
    assert_eq!(candidate.details.name, "Ana", "known details are not overwritten");
    assert_eq!(candidate.details.phone.as_deref(), Some("+49 30 1234567"), "missing details are filled");

    let again = store.submit_application(submission(&first, applicant("Ana", "ana@example.com", ""))).await.unwrap();
    assert_eq!(again.outcome, ApplyOutcome::AlreadyApplied);
    assert_eq!(again.application_id, a.application_id);
    assert_eq!(store.candidate_applications(a.candidate_id).await.unwrap().len(), 3);
    let jobs = store.jobs_with_status(hired_store::JobStatus::Queued, 10).await.unwrap();
    assert_eq!(jobs.iter().filter(|j| j.kind == "mail.application_received").count(), 3);
});

store_test!(an_idempotency_key_replays_the_first_result, |store: Store| async move {
    let admin = user(&store, "admin@example.com", Role::Admin).await;
    let req = open_requisition(&store, &admin).await;
    let mut sub = submission(&req, applicant("Bo", "bo@example.com", ""));
    sub.idempotency_key = Some("retry-me-123".into());
    sub.resume = Some(pdf());
    let first = store.submit_application(sub.clone()).await.unwrap();
    let replay = store.submit_application(sub).await.unwrap();
    assert_eq!(replay.outcome, ApplyOutcome::Replayed);
    assert_eq!(replay.application_id, first.application_id);
    let files = store.attachments(first.candidate_id).await.unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].file_name, "cv.pdf", "never a path");
    assert_eq!(files[0].content_type, "application/pdf");
    let queued = store.jobs_with_status(hired_store::JobStatus::Queued, 10).await.unwrap();
    assert_eq!(
        queued.iter().filter(|j| j.kind == hired_store::PARSE_RESUME_JOB).count(),
        1,
        "the resume is queued for reading"
    );
    let mut bad = submission(&req, applicant("Cy", "cy@example.com", ""));
    bad.idempotency_key = Some("x".repeat(101));
    assert!(matches!(store.submit_application(bad).await, Err(StoreError::Invalid(_))));
});

store_test!(a_bad_resume_leaves_nothing_behind, |store: Store| async move {
    let admin = user(&store, "admin@example.com", Role::Admin).await;
    let req = open_requisition(&store, &admin).await;
    let mut sub = submission(&req, applicant("Di", "di@example.com", ""));
    sub.resume = Some(Upload { file_name: "cv.pdf".into(), bytes: b"PK\x03\x04not really a word file".to_vec() });
    let err = store.submit_application(sub).await.unwrap_err();
    assert!(err.to_string().contains("archive"), "{err}");
    let page = store.list_candidates(&Default::default(), None, 10).await.unwrap();
    assert!(page.items.is_empty(), "no half-written candidate");
});

store_test!(knockouts_flag_or_reject_as_the_recruiter_chose, |store: Store| async move {
    let admin = user(&store, "admin@example.com", Role::Admin).await;
    let req = open_requisition(&store, &admin).await;
    let mut form = ScreeningForm {
        questions: parse_question_lines("Years of Django? | number | required | knockout >= 2").unwrap(),
        auto_reject_reason: None,
    };
    let answers = BTreeMap::from([("q1".to_owned(), vec!["1".to_owned()])]);
    let mut sub = submission(&req, applicant("Ed", "ed@example.com", ""));
    sub.screening = Some(form.evaluate(&answers).unwrap());
    let flagged = store.submit_application(sub).await.unwrap();
    assert_eq!((flagged.status, flagged.meets_requirements), (ApplicationStatus::Active, Some(false)));

    form.auto_reject_reason = Some("Not enough experience".into());
    store.save_screening_form(&admin, req.id, &form).await.unwrap();
    let saved = store.screening_form(req.id).await.unwrap();
    assert_eq!(saved, form);
    let mut sub = submission(&req, applicant("Flo", "flo@example.com", ""));
    sub.screening = Some(saved.evaluate(&answers).unwrap());
    sub.auto_reject_reason = saved.auto_reject_reason.clone();
    let rejected = store.submit_application(sub).await.unwrap();
    assert_eq!(rejected.status, ApplicationStatus::Rejected);
    let app = store.application(rejected.application_id).await.unwrap();
    assert_eq!(app.status_reason.as_deref(), Some("Not enough experience"));
    let counts = store.column_counts(req.id).await.unwrap();
    assert!(counts.contains(&("rejected".to_owned(), 1)), "{counts:?}");

    let first = store.save_question_set(&admin, "Django basics", &form.questions).await.unwrap();
    let again = store.save_question_set(&admin, "Django basics", &form.questions[..1]).await.unwrap();
    assert_eq!(first, again, "same name replaces the set");
    assert_eq!(store.question_sets().await.unwrap().len(), 1);
    assert_eq!(store.question_set(again).await.unwrap().questions.len(), 1);
});

store_test!(channels_count_applications_hires_and_cost, |store: Store| async move {
    let admin = user(&store, "admin@example.com", Role::Admin).await;
    let referrer = user(&store, "emp@example.com", Role::Interviewer).await;
    let input = ChannelInput {
        kind: "job_board".into(),
        name: "Django Jobs".into(),
        cost_basis: "per_posting".into(),
        cost: "100".into(),
        currency: "EUR".into(),
    };
    let board = store.create_channel(&admin, ChannelSpec::try_from(&input).unwrap()).await.unwrap();
    let dup = store.create_channel(&admin, ChannelSpec::try_from(&input).unwrap()).await;
    assert!(matches!(dup, Err(StoreError::Invalid(_))), "{dup:?}");
    let req = open_requisition(&store, &admin).await;
    let mut spec = posting("Django Developer");
    spec.channels = vec![board.id];
    store.save_posting(&admin, req.id, None, spec, true).await.unwrap();
    for (i, channel) in [Some(board.id), Some(board.id), None].into_iter().enumerate() {
        let mut sub = submission(&req, applicant("P", &format!("p{i}@example.com"), ""));
        sub.channel = channel;
        sub.referrer = (i == 1).then_some(referrer.id);
        store.submit_application(sub).await.unwrap();
    }
    let stats = store.channel_stats().await.unwrap();
    let careers = stats.iter().find(|s| s.channel.spec.kind.as_str() == "careers_page").unwrap();
    assert_eq!(careers.applications, 1);
    let b = stats.iter().find(|s| s.channel.id == board.id).unwrap();
    assert_eq!((b.postings, b.applications, b.hires, b.spent_minor), (1, 2, 0, 10_000));
    assert_eq!(b.cost_per_applicant_minor, Some(5_000));
    let careers_channel = store.careers_channel().await.unwrap();
    let refused = store.update_channel(&admin, careers_channel.id, careers_channel.spec.clone(), false).await;
    assert!(matches!(refused, Err(StoreError::Invalid(_))), "{refused:?}");
});

store_test!(merging_moves_everything_and_is_audited, |store: Store| async move {
    let admin = user(&store, "admin@example.com", Role::Admin).await;
    let first = open_requisition(&store, &admin).await;
    let second = open_requisition(&store, &admin).await;
    let keep = store.submit_application(submission(&first, applicant("Gil", "gil@example.com", ""))).await.unwrap();
    let mut dup_sub = submission(&second, applicant("Gil Two", "gil2@example.com", "+1 415 555 0100"));
    dup_sub.resume = Some(pdf());
    let dup = store.submit_application(dup_sub).await.unwrap();
    store.add_note(&admin, dup.candidate_id, "met at PyCon").await.unwrap();

    let merged = store.merge_candidates(&admin, keep.candidate_id, dup.candidate_id).await.unwrap();
    assert_eq!(merged.details.phone.as_deref(), Some("+1 415 555 0100"));
    assert_eq!(store.candidate_applications(keep.candidate_id).await.unwrap().len(), 2);
    assert_eq!(store.notes(keep.candidate_id).await.unwrap().len(), 1);
    assert_eq!(store.attachments(keep.candidate_id).await.unwrap().len(), 1);
    assert!(matches!(store.candidate(dup.candidate_id).await, Err(StoreError::NotFound(_))));
    let log = store
        .audit_log(&AuditFilter { entity_id: Some(keep.candidate_id.0), ..Default::default() }, None, 10)
        .await
        .unwrap();
    assert_eq!(log.items[0].action, "candidate.merge");

    let other = store.submit_application(submission(&first, applicant("Hal", "hal@example.com", ""))).await.unwrap();
    let refused = store.merge_candidates(&admin, keep.candidate_id, other.candidate_id).await;
    assert!(refused.unwrap_err().to_string().contains("both applied"));
});

store_test!(concurrent_applications_from_one_person_make_one_candidate, |store: Store| async move {
    let admin = user(&store, "admin@example.com", Role::Admin).await;
    let mut reqs = Vec::new();
    for _ in 0..4 {
        reqs.push(open_requisition(&store, &admin).await);
    }
    let tasks: Vec<_> = reqs
        .iter()
        .map(|req| {
            let store = store.clone();
            let sub = submission(req, applicant("Ivy", "ivy@example.com", ""));
            tokio::spawn(async move { store.submit_application(sub).await })
        })
        .collect();
    let mut candidates = Vec::new();
    for t in tasks {
        candidates.push(t.await.unwrap().unwrap().candidate_id);
    }
    candidates.dedup();
    assert_eq!(candidates.len(), 1, "one person, one candidate");
    assert_eq!(store.candidate_applications(candidates[0]).await.unwrap().len(), 4);
});
