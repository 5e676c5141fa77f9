//! The demo data: its size, its accounts, and a year of history on every board column.

use std::collections::BTreeSet;

use chrono::{Duration, Utc};
use hired_domain::Email;
use hired_domain::user::Role;
use hired_store::demo::{ACCOUNTS, BENCH_COLUMNS};
use hired_store::{CandidateFilter, RequisitionFilter, Store, StoreError, demo, store_test};

store_test!(demo_seed_fills_every_board_column_with_a_year_of_history, |store: Store| async move {
    let started = std::time::Instant::now();
    let summary = demo::seed(&store, "$argon2id$demo-hash").await.unwrap();
    eprintln!("demo seed on {:?}: {:.2?} for {summary:?}", store.backend(), started.elapsed());
    assert_eq!((summary.users, summary.requisitions, summary.candidates), (7, 10, 600));
    assert!((600..=750).contains(&summary.applications), "{summary:?}");
    assert!(summary.stage_events > 2 * summary.applications, "{summary:?}");
    assert!(summary.notes > 50, "{summary:?}");

    let reqs = store.list_requisitions(&RequisitionFilter::default(), None, 50).await.unwrap().items;
    assert_eq!(reqs.len(), 10);
    let statuses: BTreeSet<&str> = reqs.iter().map(|r| r.status.as_str()).collect();
    assert_eq!(statuses, BTreeSet::from(["closed", "draft", "filled", "on_hold", "open"]));
    let levels: BTreeSet<&str> = reqs.iter().map(|r| r.level.as_str()).collect();
    assert_eq!(levels, BTreeSet::from(["junior", "lead", "mid", "senior"]));
    let mut filled_columns = BTreeSet::new();
    for req in &reqs {
        for (column, n) in store.column_counts(req.id.into()).await.unwrap() {
            if n > 0 {
                filled_columns.insert(column);
            }
        }
    }
    let expected = ["applied", "screen", "assessment", "interviews", "references", "offer", "hired"]
        .into_iter()
        .chain(["rejected", "withdrawn"])
        .map(String::from)
        .collect::<BTreeSet<_>>();
    assert_eq!(filled_columns, expected);

    let candidates = store.list_candidates(&CandidateFilter::default(), None, 1_000).await.unwrap().items;
    assert_eq!(candidates.len(), 600);
    let mut times = Vec::new();
    for c in &candidates {
        times.extend(store.candidate_stage_events(c.id.into()).await.unwrap().into_iter().map(|e| e.at));
    }
    let now = Utc::now();
    let (oldest, newest) = (times.iter().min().unwrap(), times.iter().max().unwrap());
    assert!(*oldest > now - Duration::days(366) && *oldest < now - Duration::days(300), "oldest {oldest}");
    assert!(*newest <= now && *newest > now - Duration::days(7), "newest {newest}");

    let open = reqs.iter().filter(|r| r.status == "open").count();
    assert_eq!(store.live_postings().await.unwrap().len(), open, "every open requisition is on the careers site");
    let stats = store.channel_stats().await.unwrap();
    assert_eq!(stats.len(), 10);
    let credited: i64 = stats.iter().map(|s| s.applications).sum();
    assert_eq!(credited as usize, summary.applications, "every demo application is credited to a channel");
    assert!(stats.iter().any(|s| s.hires > 0 && s.cost_per_applicant_minor.is_some_and(|c| c > 0)), "{stats:?}");
});

store_test!(demo_accounts_sign_in_with_the_given_hash_and_teams_are_scoped, |store: Store| async move {
    demo::seed(&store, "$argon2id$demo-hash").await.unwrap();
    for (email, role) in ACCOUNTS {
        let found = store.user_for_login(&Email::parse(email).unwrap()).await.unwrap().unwrap();
        assert_eq!((found.user.role, found.password_hash.as_deref()), (role, Some("$argon2id$demo-hash")));
        if matches!(role, Role::HiringManager | Role::Interviewer) {
            let filter = RequisitionFilter { team_member: Some(found.user.id), ..Default::default() };
            let on = store.list_requisitions(&filter, None, 50).await.unwrap().items.len();
            assert!((3..10).contains(&on), "{email} is on {on} of 10 teams");
        }
    }
});

store_test!(bench_seed_spreads_applications_over_the_board, |store: Store| async move {
    let started = std::time::Instant::now();
    let seed = demo::seed_pipeline_bench(&store, 400, BENCH_COLUMNS).await.unwrap();
    eprintln!("bench seed of 400 on {:?}: {:.2?}", store.backend(), started.elapsed());
    let counts = store.column_counts(seed.requisition).await.unwrap();
    assert_eq!(counts.len(), BENCH_COLUMNS, "{counts:?}");
    assert!(counts.iter().all(|(_, n)| *n == 50), "{counts:?}");
    let board = store.board(&store.requisition(seed.requisition).await.unwrap(), 5).await.unwrap();
    assert!(board.iter().filter(|c| c.key != "withdrawn").all(|c| c.cards.len() == 5));
    assert_eq!(seed.admin.role, Role::Admin);

    let again = demo::seed_pipeline_bench(&store, 10, BENCH_COLUMNS).await;
    assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
});

store_test!(bench_seed_refuses_more_columns_than_the_pipeline_has, |store: Store| async move {
    let err = demo::seed_pipeline_bench(&store, 10, BENCH_COLUMNS + 1).await.unwrap_err();
    assert!(err.to_string().contains("stages"), "{err}");
    assert_eq!(store.count_users().await.unwrap(), 0);
});
