//! What recruiters see of careers applications: knockout badges on the board, answers on the
//! candidate page, crediting a channel by hand, and merging duplicates (per role).

use std::collections::BTreeMap;

use axum::http::StatusCode;
use hired_domain::channel::{ChannelInput, ChannelSpec};
use hired_domain::posting::{Applicant, ApplyInput};
use hired_domain::requisition::{Requisition, RequisitionStatus};
use hired_domain::screening::{ScreeningForm, parse_question_lines};
use hired_domain::templates::django_backend;
use hired_domain::user::Role;
use hired_store::{ApplyReceipt, ReadResume, Submission};

use crate::{Actor, TestApp};

async fn open_requisition(app: &TestApp, admin: &Actor) -> Requisition {
    let req = app.store.create_requisition(&admin.user, django_backend().spec).await.unwrap();
    app.store.change_requisition_status(&admin.user, req.id, req.version, RequisitionStatus::Open).await.unwrap()
}

async fn apply(app: &TestApp, req: &Requisition, name: &str, email: &str, years: &str) -> ApplyReceipt {
    let form = ScreeningForm {
        questions: parse_question_lines("Years of Django? | number | required | knockout >= 2").unwrap(),
        auto_reject_reason: None,
    };
    let answers = BTreeMap::from([("q1".to_owned(), vec![years.to_owned()])]);
    let input = ApplyInput { name: name.into(), email: email.into(), consent: "on".into(), ..ApplyInput::default() };
    let submission = Submission {
        requisition: req.id,
        applicant: Applicant::try_from(&input).unwrap(),
        screening: Some(form.evaluate(&answers).unwrap()),
        salary_expectation: None,
        auto_reject_reason: None,
        resume: None,
        channel: None,
        referrer: None,
        idempotency_key: None,
    };
    app.store.submit_application(submission).await.unwrap()
}

#[tokio::test]
async fn knockouts_show_on_the_board_and_answers_on_the_candidate_page() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await;
    let req = open_requisition(&app, &admin).await;
    let failed = apply(&app, &req, "Kim Knockout", "kim@example.com", "1").await;
    apply(&app, &req, "Pat Passes", "pat@example.com", "4").await;

    let board = app.get(&format!("/requisitions/{}/board", req.id), Some(&admin)).await;
    assert_eq!(board.status, StatusCode::OK);
    assert_eq!(board.body.matches("badge-knockout").count(), 1, "one knockout card");
    let kim = board.body.find("Kim Knockout").unwrap();
    assert!(board.body[kim..].find("badge-knockout").unwrap() < 200, "the badge sits on Kim's card");
    assert!(board.body.contains("Careers site"), "the source shows on the card");

    let page = app.get(&format!("/candidates/{}", failed.candidate_id), Some(&admin)).await;
    assert!(page.body.contains("Years of Django?"), "{}", page.body);
    assert!(page.body.contains("Fails knockout"));
}

#[tokio::test]
async fn recruiters_credit_a_channel_when_adding_by_hand() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await;
    let recruiter = app.actor(Role::Recruiter).await;
    let req = open_requisition(&app, &admin).await;
    let input = ChannelInput {
        kind: "agency".into(),
        name: "Acme Agency".into(),
        cost_basis: "per_posting".into(),
        cost: "500".into(),
        currency: "USD".into(),
    };
    let channel = app.store.create_channel(&admin.user, ChannelSpec::try_from(&input).unwrap()).await.unwrap();
    let c = app.store.create_candidate(Some(&admin.user), crate::person("Lee", "lee@example.com")).await.unwrap();
    let path = format!("/candidates/{}/applications", c.id);
    let bad =
        app.post_form(&path, Some(&recruiter), &[("requisition_id", &req.id.to_string()), ("channel_id", "x")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("choose a channel from the list"));
    let fields = [("requisition_id", req.id.to_string()), ("channel_id", channel.id.to_string())];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let ok = app.post_form(&path, Some(&recruiter), &fields).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let apps = app.store.candidate_applications(c.id).await.unwrap();
    assert_eq!(apps[0].source.as_deref(), Some("Acme Agency"));
    let stats = app.store.channel_stats().await.unwrap();
    assert_eq!(stats.iter().find(|s| s.channel.id == channel.id).unwrap().applications, 1);
}

#[tokio::test]
async fn merging_is_confirmed_first_and_only_for_roles_that_edit_candidates() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await;
    let req = open_requisition(&app, &admin).await;
    let other = open_requisition(&app, &admin).await;
    let keep = apply(&app, &req, "Ana Silva", "ana@example.com", "3").await;
    let dup = apply(&app, &other, "Ana S.", "ana.silva@work.example", "3").await;
    let confirm = format!("/candidates/{}/merge?duplicate=ana.silva%40work.example", keep.candidate_id);
    let merge = format!("/candidates/{}/merge", keep.candidate_id);
    let dup_id = dup.candidate_id.to_string();

    for role in [Role::HiringManager, Role::Interviewer] {
        let actor = app.actor(role).await;
        assert_ne!(app.get(&confirm, Some(&actor)).await.status, StatusCode::OK, "{role:?} may not review a merge");
        let refused = app.post_form(&merge, Some(&actor), &[("duplicate", &dup_id)]).await;
        assert!(
            matches!(refused.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
            "{role:?}: {}",
            refused.status
        );
    }
    assert!(app.store.candidate(dup.candidate_id).await.is_ok(), "nothing merged yet");

    let recruiter = app.actor(Role::Recruiter).await;
    let page = app.get(&confirm, Some(&recruiter)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Ana S.") && page.body.contains("cannot be undone"));
    assert!(app.store.candidate(dup.candidate_id).await.is_ok(), "reviewing changes nothing");
    let unknown = app
        .get(&format!("/candidates/{}/merge?duplicate=nobody%40example.com", keep.candidate_id), Some(&recruiter))
        .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);

    let done = app.post_form(&merge, Some(&recruiter), &[("duplicate", &dup_id)]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert!(app.store.candidate(dup.candidate_id).await.is_err());
    assert_eq!(app.store.candidate_applications(keep.candidate_id).await.unwrap().len(), 2);
}

#[tokio::test]
async fn the_candidate_page_shows_what_was_read_from_the_resume_and_who_may_read_it_again() {
    use hired_domain::AttachmentId;
    use hired_domain::profile::{Profile, ProfileSkill};
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await;
    let c = app.store.create_candidate(Some(&admin.user), crate::person("Lee", "lee@example.com")).await.unwrap();
    let page = format!("/candidates/{}", c.id);
    assert!(app.get(&page, Some(&admin)).await.body.contains("No resume on file yet"));

    let pdf = app.store.add_attachment(&admin.user, c.id, "cv.pdf", b"%PDF-1.4\n%%EOF\n").await.unwrap();
    assert!(app.get(&page, Some(&admin)).await.body.contains("Reading the resume"));
    let profile = Profile {
        headline: Some("Backend <b>Engineer</b>".into()),
        skills: vec![ProfileSkill { name: "Django".into(), category: "framework".into(), years: Some(4.0) }],
        total_years: Some(6.5),
        ..Profile::default()
    };
    let warnings = vec!["no work history found".to_owned()];
    app.store
        .save_profile(
            c.id,
            AttachmentId(pdf.id),
            Ok(ReadResume { profile: &profile, warnings: &warnings, text: "Ana Silva\nDjango" }),
            12,
        )
        .await
        .unwrap();
    let body = app.get(&page, Some(&admin)).await.body;
    assert!(
        body.contains("Django · 4 y") && body.contains("6.5 years") && body.contains("no work history found"),
        "{body}"
    );
    assert!(
        body.contains("Backend &#60;b&#62;Engineer") || body.contains("Backend &lt;b&gt;Engineer"),
        "escaped: {body}"
    );

    let reparse = format!("/candidates/{}/profile/reparse", c.id);
    let interviewer = app.actor(Role::Interviewer).await;
    assert_ne!(app.post_form(&reparse, Some(&interviewer), &[]).await.status, StatusCode::SEE_OTHER);
    let recruiter = app.actor(Role::Recruiter).await;
    assert_eq!(app.post_form(&reparse, Some(&recruiter), &[]).await.status, StatusCode::SEE_OTHER);
    let queued = app.store.jobs_with_status(hired_store::JobStatus::Queued, 10).await.unwrap();
    assert_eq!(queued.iter().filter(|j| j.kind == hired_store::PARSE_RESUME_JOB).count(), 2, "upload and read-again");
}
