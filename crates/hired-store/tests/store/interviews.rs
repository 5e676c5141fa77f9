//! Interviews, panels and scorecards, read back under the blind-review rule.

use hired_domain::interview_library::django_backend_plan;
use hired_domain::interviews::{CompetencyRating, InterviewKind, Rating, Recommendation, ScorecardInput};
use hired_domain::templates::django_backend;
use hired_domain::user::Role;
use hired_domain::{ApplicationId, UserId};
use hired_store::{Interview, NewApplication, NewInterview, Store, StoreError, store_test};

use crate::{person, user};

fn rate_all(interview: &Interview, rating: u8, recommendation: Recommendation) -> ScorecardInput {
    ScorecardInput {
        ratings: interview
            .competencies
            .iter()
            .map(|c| CompetencyRating {
                competency: c.key.clone(),
                rating: Rating::try_from(rating).unwrap(),
                note: format!("{} seen", c.name),
            })
            .collect(),
        recommendation,
        notes: String::new(),
    }
}

fn technical(panel: Vec<UserId>) -> NewInterview {
    let planned = django_backend_plan().into_iter().find(|p| p.kind == InterviewKind::Technical).unwrap();
    NewInterview {
        kind: planned.kind,
        title: planned.title,
        minutes: planned.minutes,
        competencies: planned.competencies,
        panel,
    }
}

async fn application(store: &Store) -> (hired_domain::user::User, ApplicationId) {
    let recruiter = user(store, "rec@example.com", Role::Recruiter).await;
    let req = store.create_requisition(&recruiter, django_backend().spec).await.unwrap();
    let c = store.create_candidate(Some(&recruiter), person("Ada", "ada@example.com")).await.unwrap();
    let new = NewApplication { candidate_id: c.id, requisition_id: req.id, source: None };
    let app = store.add_application(Some(&recruiter), new).await.unwrap();
    (recruiter, app.id)
}

store_test!(interviewers_read_others_scorecards_only_after_submitting_their_own, |store: Store| async move {
    let (recruiter, app) = application(&store).await;
    let first = user(&store, "first@example.com", Role::Interviewer).await;
    let second = user(&store, "second@example.com", Role::Interviewer).await;
    let manager = user(&store, "hm@example.com", Role::HiringManager).await;
    let interview = store.add_interview(&recruiter, app, technical(vec![first.id, second.id])).await.unwrap();
    assert_eq!(interview.competencies.len(), 4);
    assert_eq!(interview.panel.len(), 2);

    store.submit_scorecard(&first, &interview, &rate_all(&interview, 4, Recommendation::StrongYes)).await.unwrap();
    let seen = store.scorecards_for(&second, app).await.unwrap();
    assert!(seen.scorecards.is_empty() && seen.owes_one);
    assert_eq!(seen.hidden, 1, "the second interviewer is told one scorecard waits for theirs");
    let seen = store.scorecards_for(&recruiter, app).await.unwrap();
    assert_eq!(seen.scorecards.len(), 1, "a recruiter off the panel reviews");
    let seen = store.scorecards_for(&manager, app).await.unwrap();
    assert_eq!(seen.scorecards.len(), 1);

    store.submit_scorecard(&second, &interview, &rate_all(&interview, 2, Recommendation::No)).await.unwrap();
    let seen = store.scorecards_for(&second, app).await.unwrap();
    assert_eq!((seen.scorecards.len(), seen.hidden, seen.owes_one), (2, 0, false));
    let interview = store.interview(interview.id).await.unwrap().unwrap();
    assert!(interview.panel.iter().all(|p| p.submitted));

    // Submitting again replaces the card instead of adding one.
    store.submit_scorecard(&second, &interview, &rate_all(&interview, 3, Recommendation::Yes)).await.unwrap();
    let seen = store.scorecards_for(&first, app).await.unwrap();
    assert_eq!(seen.scorecards.len(), 2);
    let mine = seen.scorecards.iter().find(|s| s.author_id == second.id).unwrap();
    assert_eq!(mine.card.recommendation, Recommendation::Yes);
});

store_test!(a_manager_on_the_panel_reads_nothing_until_their_own_is_in, |store: Store| async move {
    let (recruiter, app) = application(&store).await;
    let interviewer = user(&store, "i@example.com", Role::Interviewer).await;
    let manager = user(&store, "hm@example.com", Role::HiringManager).await;
    let interview = store.add_interview(&recruiter, app, technical(vec![interviewer.id, manager.id])).await.unwrap();
    store.submit_scorecard(&interviewer, &interview, &rate_all(&interview, 3, Recommendation::Yes)).await.unwrap();
    assert!(store.scorecards_for(&manager, app).await.unwrap().scorecards.is_empty());
    store.submit_scorecard(&manager, &interview, &rate_all(&interview, 3, Recommendation::Yes)).await.unwrap();
    assert_eq!(store.scorecards_for(&manager, app).await.unwrap().scorecards.len(), 2);
});

store_test!(bad_interviews_and_scorecards_are_refused_whole, |store: Store| async move {
    let (recruiter, app) = application(&store).await;
    let interviewer = user(&store, "i@example.com", Role::Interviewer).await;
    let outsider = user(&store, "o@example.com", Role::Interviewer).await;
    let mut bad = technical(vec![]);
    bad.title = " ".into();
    bad.minutes = 5;
    bad.competencies.push("juggling".into());
    let Err(StoreError::Invalid(invalid)) = store.add_interview(&recruiter, app, bad).await else {
        panic!("a bad interview is refused");
    };
    let fields: Vec<&str> = invalid.errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["title", "minutes", "competencies", "panel"], "{invalid}");
    assert!(invalid.to_string().contains("'juggling' is not in the competency library"));
    let missing = store.add_interview(&recruiter, ApplicationId::new(), technical(vec![interviewer.id])).await;
    assert!(matches!(missing, Err(StoreError::NotFound("application"))), "{missing:?}");

    let interview = store.add_interview(&recruiter, app, technical(vec![interviewer.id])).await.unwrap();
    let card = rate_all(&interview, 3, Recommendation::Yes);
    let refused = store.submit_scorecard(&outsider, &interview, &card).await;
    assert!(matches!(refused, Err(StoreError::Invalid(_))), "only the panel submits: {refused:?}");
    let mut partial = card.clone();
    partial.ratings.pop();
    assert!(matches!(store.submit_scorecard(&interviewer, &interview, &partial).await, Err(StoreError::Invalid(_))));
    assert!(store.scorecards_for(&recruiter, app).await.unwrap().scorecards.is_empty(), "nothing half-written");
});
