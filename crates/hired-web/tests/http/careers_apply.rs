//! Applying on the careers site as applicants (and robots) do: the form, screening answers and
//! knockouts, duplicates and retries, tracked links, rate limits, the honeypot and hostile input.

pub mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use hired_domain::channel::{ChannelInput, ChannelSpec};
use hired_domain::money::{Money, group_thousands};
use hired_domain::pipeline::ApplicationStatus;
use hired_domain::profile::{Profile, ProfileSkill};
use hired_domain::user::Role;
use hired_domain::{AttachmentId, CandidateId, UserId};
use hired_store::{CandidateFilter, JobStatus, MAX_ATTACHMENT_BYTES, ReadResume};

use self::support::{ApplyForm, BOUNDARY, QUESTIONS, apply, live_posting, on_both_backends, sample_pdf, zip};
use crate::{TestApp, TestResponse};

async fn candidates(app: &TestApp) -> usize {
    app.store.list_candidates(&CandidateFilter::default(), None, 200).await.unwrap().items.len()
}

async fn only_candidate(app: &TestApp) -> CandidateId {
    let page = app.store.list_candidates(&CandidateFilter::default(), None, 200).await.unwrap();
    assert_eq!(page.items.len(), 1, "exactly one candidate");
    CandidateId(page.items[0].id)
}

#[tokio::test]
async fn the_apply_form_labels_every_field_and_asks_each_kind_of_question() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await.user;
    let (_, posting) = live_posting(&app, &admin, "Django Developer", QUESTIONS, None).await;
    let channel = uuid::Uuid::now_v7();
    let page = app.get(&format!("/careers/{}/apply?ch={channel}&ref=%3Cscript%3E", posting.slug), None).await;
    assert_eq!(page.status, StatusCode::OK);
    let body = &page.body;
    assert!(body.contains("enctype=\"multipart/form-data\""));
    for id in [
        "name",
        "email",
        "phone",
        "location",
        "github",
        "linkedin",
        "portfolio",
        "resume",
        "cover_letter",
        "q1",
        "q5",
        "q6",
        "consent",
        "talent_pool",
        "website",
    ] {
        assert!(body.contains(&format!("<label for=\"{id}\"")), "{id} has a label");
        assert!(body.contains(&format!("id=\"{id}\"")), "{id} is an input");
    }
    assert!(body.contains("type=\"number\" step=\"any\""), "numbers take decimals");
    assert!(body.contains("<legend>Are you authorized to work in the EU?"), "yes/no is a radio group with a legend");
    assert!(body.contains("id=\"q2-0\" name=\"q2\" type=\"radio\" value=\"yes\""));
    assert!(body.contains("id=\"q3-2\" name=\"q3\" type=\"checkbox\" value=\"FastAPI\""));
    assert!(body.contains("id=\"q4-1\" name=\"q4\" type=\"radio\" value=\"1 month\""));
    assert!(body.contains("<textarea id=\"q6\""));
    assert!(body.contains("accept=\".pdf,.docx,.txt\"") && body.contains("PDF, DOCX or TXT, up to 10 MB"));
    assert!(body.contains("How we use your information") && body.contains("For how long"));
    assert!(body.contains("tabindex=\"-1\" autocomplete=\"off\""), "the honeypot is out of the way");
    assert!(body.contains("class=\"apply-hp\" aria-hidden=\"true\""));
    assert!(body.contains(&format!("name=\"ch\" value=\"{channel}\"")), "the tracked channel is carried");
    assert!(!body.contains("name=\"ref\""), "only UUIDs are carried");
    let key = |page: &TestResponse| {
        let (_, rest) = page.body.split_once("name=\"idempotency_key\" value=\"").unwrap();
        rest.split('"').next().unwrap().to_owned()
    };
    let again = app.get(&format!("/careers/{}/apply", posting.slug), None).await;
    assert_ne!(key(&page), key(&again), "every form gets its own idempotency key");
}

#[tokio::test]
async fn a_job_that_is_not_open_has_no_apply_form() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await.user;
    let (req, posting) = live_posting(&app, &admin, "Django Developer", "", None).await;
    app.store.unpublish_posting(&admin, req.id).await.unwrap();
    for path in [format!("/careers/{}/apply", posting.slug), "/careers/no-such-job/apply".to_owned()] {
        let page = app.get(&path, None).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND);
        assert!(page.body.contains("This job is not open"), "{}", page.body);
    }
    let sent = apply(&app, &posting, &ApplyForm::new("Ann Lee", "ann@example.com")).await;
    assert_eq!(sent.status, StatusCode::NOT_FOUND);
    assert_eq!(candidates(&app).await, 0);
}

async fn a_candidate_applies_with_a_pdf_and_lands_on_the_board(app: TestApp) {
    let admin = app.actor(Role::Admin).await.user;
    let (req, posting) = live_posting(&app, &admin, "Django Developer", QUESTIONS, None).await;
    let form = ApplyForm::new("Ann Lee", "ann@example.com")
        .set("phone", "+49 30 1234567")
        .set("cover_letter", "I build Django APIs.")
        .set("q1", "4")
        .set("q2", "yes")
        .add("q3", "Django")
        .add("q3", "FastAPI");
    let sent = apply(&app, &posting, &form).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    assert_eq!(sent.location(), format!("/careers/{}/applied", posting.slug));
    let thanks = app.get(sent.location(), None).await;
    assert!(thanks.body.contains("Thank you for applying for Django Developer"));
    assert!(thanks.body.contains("A confirmation email is on its way"));

    let board = app.store.board(&req, 20).await.unwrap();
    assert_eq!(board[0].key, req.stages[0].key, "the first column is the first stage");
    let card = &board[0].cards[0];
    assert_eq!(card.candidate_name, "Ann Lee");
    assert_eq!(card.source.as_deref(), Some("Careers site"));
    assert_eq!(card.meets_requirements, Some(true));
    let files = app.store.attachments(CandidateId(card.candidate_id)).await.unwrap();
    assert_eq!((files[0].file_name.as_str(), files[0].content_type.as_str()), ("resume.pdf", "application/pdf"));
    let jobs = app.store.jobs_with_status(JobStatus::Queued, 10).await.unwrap();
    assert_eq!(jobs.iter().filter(|j| j.kind == "mail.application_received").count(), 1);
}
on_both_backends!(a_candidate_applies_with_a_pdf_and_lands_on_the_board);

#[tokio::test]
async fn missing_or_invalid_answers_show_the_form_again_with_every_message() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await.user;
    let (_, posting) = live_posting(&app, &admin, "Django Developer", QUESTIONS, None).await;
    let form = ApplyForm::new("Ann Lee", "ann@example.com")
        .set("cover_letter", "Dear team,")
        .set("q1", "a few")
        .set("q4", "6 months")
        .add("q3", "Flask")
        .without("consent")
        .set("idempotency_key", "kept-between-tries");
    let page = apply(&app, &posting, &form).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = &page.body;
    assert!(body.contains("class=\"error-summary\" role=\"alert\""));
    assert!(body.contains("please fix these 4 problems"), "{body}");
    assert!(
        body.contains("<a href=\"#q1\">Your answer to “Years of professional Django experience?” must be a number")
    );
    assert!(body.contains("<a href=\"#q2-0\">Your answer to “Are you authorized to work in the EU?” is required.</a>"));
    assert!(body.contains("<a href=\"#consent\">Consent: Please agree"));
    assert!(body.contains("aria-describedby=\"q1-error\"") && body.contains("id=\"q1-error\""));
    assert!(body.contains("Your answer must be a number, such as 3 or 2.5."));
    assert!(body.contains("Choose one of: None, 1 month, 3 months."));
    assert!(
        body.contains("value=\"Ann Lee\"")
            && body.contains("value=\"a few\"")
            && body.contains(">Dear team,</textarea>")
    );
    assert!(body.contains("value=\"Flask\" checked"), "chosen boxes stay checked");
    assert!(body.contains("value=\"kept-between-tries\""), "a retry keeps its key");
    assert!(body.contains("please choose it again"), "the file is not kept");
    assert_eq!(candidates(&app).await, 0);
}

async fn a_failed_knockout_is_flagged_or_rejected_with_the_reason(app: TestApp) {
    let admin = app.actor(Role::Admin).await.user;
    let (flagging, flag_posting) = live_posting(&app, &admin, "Django Developer", QUESTIONS, None).await;
    let reason = "Needs 2 years of Django";
    let (rejecting, reject_posting) = live_posting(&app, &admin, "Senior Django", QUESTIONS, Some(reason)).await;
    let junior = |email: &str| ApplyForm::new("Jo Junior", email).set("q1", "1").set("q2", "yes");
    assert_eq!(apply(&app, &flag_posting, &junior("jo@example.com")).await.status, StatusCode::SEE_OTHER);
    assert_eq!(apply(&app, &reject_posting, &junior("jo2@example.com")).await.status, StatusCode::SEE_OTHER);

    let flagged = &app.store.board(&flagging, 20).await.unwrap()[0].cards[0];
    assert_eq!((flagged.status.as_str(), flagged.meets_requirements), ("active", Some(false)));
    let board = app.store.board(&rejecting, 20).await.unwrap();
    let rejected = board.iter().find(|c| c.key == "rejected").unwrap();
    let card = &rejected.cards[0];
    assert_eq!(card.status, ApplicationStatus::Rejected.as_str());
    assert_eq!((card.status_reason.as_deref(), card.meets_requirements), (Some(reason), Some(false)));
}
on_both_backends!(a_failed_knockout_is_flagged_or_rejected_with_the_reason);

async fn the_same_person_is_one_candidate_and_cannot_apply_twice_to_one_job(app: TestApp) {
    let admin = app.actor(Role::Admin).await.user;
    let (_, first) = live_posting(&app, &admin, "Django Developer", "", None).await;
    let (_, second) = live_posting(&app, &admin, "Python Developer", "", None).await;
    let (_, third) = live_posting(&app, &admin, "API Developer", "", None).await;
    let ann = ApplyForm::new("Ann Lee", "ann@example.com").set("phone", "+49 30 1234567");
    assert_eq!(apply(&app, &first, &ann).await.status, StatusCode::SEE_OTHER);
    assert_eq!(apply(&app, &second, &ann.clone().set("email", "ANN@example.com")).await.status, StatusCode::SEE_OTHER);
    let by_phone = ann.clone().set("email", "ann.lee@work.example").set("phone", "0049-30-1234567");
    assert_eq!(apply(&app, &third, &by_phone).await.status, StatusCode::SEE_OTHER);
    let id = only_candidate(&app).await;
    assert_eq!(app.store.candidate_applications(id).await.unwrap().len(), 3, "one person, three applications");

    let again = apply(&app, &first, &ann.clone().set("cover_letter", "Me again")).await;
    assert_eq!(again.status, StatusCode::OK);
    assert!(again.body.contains("You have already applied for Django Developer"), "{}", again.body);
    assert!(again.body.contains("Your application is unchanged"));
    assert_eq!(app.store.candidate_applications(id).await.unwrap().len(), 3);
}
on_both_backends!(the_same_person_is_one_candidate_and_cannot_apply_twice_to_one_job);

async fn a_resent_form_gives_the_same_application(app: TestApp) {
    let admin = app.actor(Role::Admin).await.user;
    let (_, posting) = live_posting(&app, &admin, "Django Developer", "", None).await;
    let form = ApplyForm::new("Ann Lee", "ann@example.com").set("idempotency_key", "form-render-1");
    let first = apply(&app, &posting, &form).await;
    let retry = apply(&app, &posting, &form).await;
    assert_eq!((first.status, retry.status), (StatusCode::SEE_OTHER, StatusCode::SEE_OTHER), "both confirmed");
    let id = only_candidate(&app).await;
    assert_eq!(app.store.candidate_applications(id).await.unwrap().len(), 1);
    assert_eq!(app.store.attachments(id).await.unwrap().len(), 1);
}
on_both_backends!(a_resent_form_gives_the_same_application);

#[tokio::test]
async fn the_tracked_channel_and_the_referrer_are_recorded() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await.user;
    let employee = app.actor(Role::Interviewer).await.user;
    let input = ChannelInput {
        kind: "job_board".into(),
        name: "Django Jobs".into(),
        cost_basis: "per_posting".into(),
        cost: "100".into(),
        currency: "EUR".into(),
    };
    let board = app.store.create_channel(&admin, ChannelSpec::try_from(&input).unwrap()).await.unwrap();
    let (req, posting) = live_posting(&app, &admin, "Django Developer", "", None).await;
    let UserId(referrer) = employee.id;
    let form =
        ApplyForm::new("Ann Lee", "ann@example.com").set("ch", &board.id.to_string()).set("ref", &referrer.to_string());
    assert_eq!(apply(&app, &posting, &form).await.status, StatusCode::SEE_OTHER);
    let card = &app.store.board(&req, 20).await.unwrap()[0].cards[0];
    assert_eq!(card.source.as_deref(), Some("Django Jobs · referred by Test Interviewer"));
    let stats = app.store.channel_stats().await.unwrap();
    let tracked = stats.iter().find(|s| s.channel.id == board.id).unwrap();
    assert_eq!(tracked.applications, 1);
}

#[tokio::test]
async fn too_many_applications_from_one_network_get_a_clear_429() {
    let app = TestApp::with_config(hired_web::WebConfig { apply_per_minute: 1, ..Default::default() }).await;
    let admin = app.actor(Role::Admin).await.user;
    let (_, posting) = live_posting(&app, &admin, "Django Developer", "", None).await;
    assert_eq!(apply(&app, &posting, &ApplyForm::new("Ann", "ann@example.com")).await.status, StatusCode::SEE_OTHER);
    let limited = apply(&app, &posting, &ApplyForm::new("Bo", "bo@example.com")).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = limited.headers[header::RETRY_AFTER].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    assert!(limited.body.contains("Too many applications from your network"));
    assert!(limited.body.contains(&format!("try again in {wait} seconds")), "{}", limited.body);
    assert_eq!(candidates(&app).await, 1);
}

#[tokio::test]
async fn a_filled_honeypot_is_thanked_and_nothing_is_stored() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await.user;
    let (_, posting) = live_posting(&app, &admin, "Django Developer", "", None).await;
    let bot = ApplyForm::new("Cheap Pills", "bot@example.com").set("website", "https://spam.example");
    let sent = apply(&app, &posting, &bot).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    assert_eq!(sent.location(), format!("/careers/{}/applied", posting.slug));
    assert_eq!(candidates(&app).await, 0);
    assert!(app.store.jobs_with_status(JobStatus::Queued, 10).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_resume_or_body_over_the_limit_is_refused_with_413() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await.user;
    let (_, posting) = live_posting(&app, &admin, "Django Developer", "", None).await;
    let mut big = b"%PDF-1.4\n".to_vec();
    big.resize(MAX_ATTACHMENT_BYTES + 1, b' ');
    let page = apply(&app, &posting, &ApplyForm::new("Ann Lee", "ann@example.com").file("cv.pdf", &big)).await;
    assert_eq!(page.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(page.body.contains("Resume is larger than 10 MB"), "{}", page.body);
    assert!(page.body.contains("value=\"Ann Lee\""), "what was read is kept");

    let (content_type, rest) = ApplyForm::new("Ann Lee", "ann@example.com").encode();
    let mut body =
        format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"cover_letter\"\r\n\r\n").into_bytes();
    body.resize(body.len() + 13 * 1024 * 1024, b'a');
    body.extend_from_slice(b"\r\n");
    body.extend_from_slice(&rest);
    let path = format!("/careers/{}/apply", posting.slug);
    let declared = Request::post(&path)
        .header(header::CONTENT_TYPE, &content_type)
        .header(header::CONTENT_LENGTH, body.len())
        .body(Body::from(body.clone()))
        .unwrap();
    assert_eq!(app.send(declared).await.status, StatusCode::PAYLOAD_TOO_LARGE, "refused by its declared length");
    let streamed = Request::post(&path).header(header::CONTENT_TYPE, &content_type).body(Body::from(body)).unwrap();
    let streamed = app.send(streamed).await;
    assert_eq!(streamed.status, StatusCode::PAYLOAD_TOO_LARGE, "refused while streaming: {}", streamed.body);
    assert_eq!(candidates(&app).await, 0);
}

#[tokio::test]
async fn archives_posing_as_resumes_are_refused() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await.user;
    let (_, posting) = live_posting(&app, &admin, "Django Developer", "", None).await;
    let renamed = zip(&[("secrets.txt", b"not a resume")]);
    let no_document = zip(&[("[Content_Types].xml", b"<Types/>"), ("docProps/app.xml", b"<Properties/>")]);
    for (name, bytes) in [("cv.pdf", renamed), ("cv.docx", no_document)] {
        let page = apply(&app, &posting, &ApplyForm::new("Ann Lee", "ann@example.com").file(name, &bytes)).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{name}");
        assert!(page.body.contains("This file is an archive, not a resume"), "{name}: {}", page.body);
    }
    assert_eq!(candidates(&app).await, 0);
}

#[tokio::test]
async fn a_path_in_the_file_name_is_stored_as_a_plain_name() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await.user;
    let (_, posting) = live_posting(&app, &admin, "Django Developer", "", None).await;
    let form = ApplyForm::new("Ann Lee", "ann@example.com").file("../../etc/passwd", &sample_pdf());
    assert_eq!(apply(&app, &posting, &form).await.status, StatusCode::SEE_OTHER);
    let files = app.store.attachments(only_candidate(&app).await).await.unwrap();
    assert_eq!((files[0].file_name.as_str(), files[0].content_type.as_str()), ("passwd", "application/pdf"));
}

#[tokio::test]
async fn html_in_every_text_field_is_kept_as_text_and_escaped_for_staff() {
    let app = TestApp::new().await;
    let recruiter = app.actor(Role::Recruiter).await;
    let (_, posting) = live_posting(&app, &recruiter.user, "Django Developer", QUESTIONS, None).await;
    let script = "<script>alert(1)</script>";
    let mut form = ApplyForm::new(&format!("{script} Ann"), "ann@example.com").set("q1", "3").set("q2", "yes");
    for field in ["phone", "location", "github", "linkedin", "portfolio", "cover_letter", "q5", "q6"] {
        form = form.set(field, script);
    }
    let refused = apply(&app, &posting, &form).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "a script is no phone number or address");
    assert!(!refused.body.contains(script), "values shown again are escaped");
    assert!(refused.body.contains("value=\"&#60;script&#62;alert(1)&#60;/script&#62; Ann\""), "{}", refused.body);

    let form = form.without("phone").without("github").without("linkedin").without("portfolio");
    assert_eq!(apply(&app, &posting, &form).await.status, StatusCode::SEE_OTHER);
    let id = only_candidate(&app).await;
    let candidate = app.store.candidate(id).await.unwrap();
    assert_eq!(candidate.details.name, format!("{script} Ann"), "stored as typed");
    assert_eq!(candidate.details.location.as_deref(), Some(script));
    let page = app.get(&format!("/candidates/{id}"), Some(&recruiter)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains(script), "never markup on the staff page");
    assert!(page.body.contains("alert(1)"), "but shown as text");
}

#[tokio::test]
async fn a_header_injection_in_the_name_is_refused() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await.user;
    let (_, posting) = live_posting(&app, &admin, "Django Developer", "", None).await;
    let form = ApplyForm::new("Ann Lee\r\nBcc: everyone@example.com", "ann@example.com");
    let page = apply(&app, &posting, &form).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("Full name must be on one line"), "{}", page.body);
    assert_eq!(candidates(&app).await, 0);
}

#[tokio::test]
async fn a_tampered_retry_key_is_replaced_so_the_form_can_be_sent_again() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await.user;
    let (_, posting) = live_posting(&app, &admin, "Django Developer", "", None).await;
    let long_key = "k".repeat(101);
    let page =
        apply(&app, &posting, &ApplyForm::new("Ann Lee", "ann@example.com").set("idempotency_key", &long_key)).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("This form could not be sent as it was; please submit it again."), "{}", page.body);
    assert!(!page.body.contains(&long_key), "a fresh key replaces the refused one");
    assert_eq!(candidates(&app).await, 0);
}

#[tokio::test]
async fn a_salary_expectation_is_asked_in_the_bands_terms_kept_and_weighed_in_the_match() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await;
    let (req, posting) = live_posting(&app, &admin.user, "Django Developer", "", None).await;
    let band = req.spec.salary.expect("the Django template has a band");
    let form = app.get(&format!("/careers/{}/apply", posting.slug), None).await;
    assert!(form.body.contains("<label for=\"salary_expectation\""), "asked");
    assert!(form.body.contains(&format!("In {} {}", band.currency, band.period.label())), "in the band's terms");

    let bad = ApplyForm::new("Ada Lovelace", "ada@example.com").set("salary_expectation", "lots");
    let bad = apply(&app, &posting, &bad).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("whole number such as 95000"), "says what to fix");
    assert_eq!(candidates(&app).await, 0, "nothing half-written");

    let asked = band.max_minor / 100 * 5 / 4;
    let sent = ApplyForm::new("Ada Lovelace", "ada@example.com").set("salary_expectation", &asked.to_string());
    assert_eq!(apply(&app, &posting, &sent).await.status, StatusCode::SEE_OTHER);
    let ada = only_candidate(&app).await;
    let applicants = app.store.applicants(req.id, None).await.unwrap();
    assert_eq!(applicants[0].salary_expectation, Some(Money { minor: asked * 100, currency: band.currency }));

    let profile = Profile {
        skills: vec![ProfileSkill { name: "Django".into(), category: "framework".into(), years: Some(4.0) }],
        total_years: Some(4.0),
        ..Profile::default()
    };
    let file = app.store.add_attachment(&admin.user, ada, "cv.txt", b"Django").await.unwrap();
    let read = ReadResume { profile: &profile, warnings: &[], text: "Django" };
    app.store.save_profile(ada, AttachmentId(file.id), Ok(read), 1).await.unwrap();
    let page = app.get(&format!("/candidates/{}", ada.0), Some(&admin)).await;
    assert!(page.body.contains(&format!("Expects {} {}", band.currency, group_thousands(asked))), "shown");
    assert!(page.body.contains("Salary expectation 25% above the band"), "and weighed: {}", page.body);
    let ranking = app.get(&format!("/requisitions/{}/ranking", req.id), Some(&admin)).await;
    assert!(ranking.body.contains("Salary expectation 25% above the band"));
}
