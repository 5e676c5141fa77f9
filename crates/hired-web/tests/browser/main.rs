//! End-to-end in a real browser: the release of hired served on a socket,
//! driven through Debian's Chromium by chromedriver (`cargo xtask test` starts
//! it and sets `HIRED_TEST_WEBDRIVER` and `HIRED_TEST_CHROMIUM`).

use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use hired_domain::Email;
use hired_domain::user::Role;
use hired_store::testing::{Backend, TestStore};

/// The server under test on a free loopback port.
struct Server {
    url: String,
    store: TestStore,
}

async fn serve() -> Server {
    let store = hired_store::testing::open(Backend::Sqlite).await;
    let state = hired_web::AppState::new(store.store.clone(), hired_web::WebConfig::default());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    let app = hired_web::app(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, app).await });
    Server { url, store }
}

async fn browser() -> Client {
    let webdriver = std::env::var("HIRED_TEST_WEBDRIVER").unwrap_or_else(|_| {
        panic!("browser tests need HIRED_TEST_WEBDRIVER (a chromedriver URL); run `cargo xtask test`")
    });
    let chromium = std::env::var("HIRED_TEST_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let profile = tempfile::tempdir().expect("profile dir").keep();
    let capabilities = serde_json::json!({
        "goog:chromeOptions": {
            "binary": chromium,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1440,1000", format!("--user-data-dir={}", profile.display()),
            ]
        }
    });
    let serde_json::Value::Object(caps) = capabilities else { unreachable!("an object literal") };
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&webdriver)
        .await
        .expect("connect to chromedriver")
}

/// Saves a screenshot when `HIRED_SCREENSHOT_DIR` is set, for people to look at.
async fn screenshot(client: &Client, name: &str) {
    if let Ok(dir) = std::env::var("HIRED_SCREENSHOT_DIR") {
        let png = client.screenshot().await.expect("screenshot");
        std::fs::write(std::path::Path::new(&dir).join(format!("{name}.png")), png).expect("write screenshot");
    }
}

async fn wait_for(client: &Client, css: &str) -> fantoccini::elements::Element {
    client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
}

/// Signs in through the login form with the password every browser-test account has.
async fn sign_in(client: &Client, server: &Server, email: &str) {
    client.goto(&format!("{}/", server.url)).await.unwrap();
    wait_for(client, "input[name=email]").await.send_keys(email).await.unwrap();
    wait_for(client, "input[name=password]").await.send_keys("a long enough password").await.unwrap();
    wait_for(client, "form[action='/login'] button[type=submit]").await.click().await.unwrap();
    wait_for(client, ".stats").await;
}

/// Drags `card` onto the drop zone of column `stage` with real DOM drag events (WebDriver's
/// pointer actions do not start HTML5 drag-and-drop in Chromium).
const DRAG: &str = r#"
    const [cardSelector, stage] = arguments;
    const card = document.querySelector(cardSelector);
    const zone = document.querySelector(`.board-column[data-stage="${stage}"] .board-column-body`);
    const dt = new DataTransfer();
    const fire = (el, type) => el.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
    fire(card, 'dragstart'); fire(zone, 'dragenter'); fire(zone, 'dragover'); fire(zone, 'drop'); fire(card, 'dragend');
"#;

#[tokio::test]
async fn a_recruiter_signs_in_creates_a_requisition_adds_a_candidate_and_drags_them_to_screen() {
    let server = serve().await;
    let hash = hired_web::hash_password("a long enough password").unwrap();
    let email = Email::parse("recruiter@example.com").unwrap();
    server.store.store.create_user(&email, "Rita Recruiter", Role::Recruiter, Some(hash)).await.unwrap();
    let client = browser().await;

    sign_in(&client, &server, "recruiter@example.com").await;
    assert!(client.source().await.unwrap().contains("Welcome back, Rita"));

    client.goto(&format!("{}/requisitions/new", server.url)).await.unwrap();
    let django = "//select[@name='template']/option[text()='Python Django Backend Developer']";
    let template = client.find(Locator::XPath(django)).await.unwrap().attr("value").await.unwrap().unwrap();
    client.goto(&format!("{}/requisitions/new?template={template}&level=mid", server.url)).await.unwrap();
    let title = wait_for(&client, "input[name=title]").await;
    assert_eq!(title.prop("value").await.unwrap().as_deref(), Some("Python Django Backend Developer"));
    screenshot(&client, "requisition-form").await;
    wait_for(&client, "form.form button[type=submit]").await.click().await.unwrap();
    wait_for(&client, "a[href$='/board']").await;
    let requisition_url = client.current_url().await.unwrap();
    let requisition_id = requisition_url.path().trim_start_matches("/requisitions/").to_owned();

    client.goto(&format!("{}/candidates/new", server.url)).await.unwrap();
    wait_for(&client, "input[name=name]").await.send_keys("Ada Lovelace").await.unwrap();
    wait_for(&client, "input[name=email]").await.send_keys("ada@example.com").await.unwrap();
    wait_for(&client, "input[name=github]").await.send_keys("ada-l").await.unwrap();
    let select = wait_for(&client, "select[name=requisition_id]").await;
    select.select_by_value(&requisition_id).await.unwrap();
    wait_for(&client, "form.form button[type=submit]").await.click().await.unwrap();
    wait_for(&client, ".timeline").await;
    let candidate_url = client.current_url().await.unwrap();

    client.goto(&format!("{}/requisitions/{requisition_id}/board", server.url)).await.unwrap();
    wait_for(&client, ".board-column[data-stage=applied] .board-card").await;
    client.execute(DRAG, vec![".board-column[data-stage=applied] .board-card".into(), "screen".into()]).await.unwrap();
    wait_for(&client, ".board-column[data-stage=screen] .board-card").await;
    let screen_count = wait_for(&client, ".board-column[data-stage=screen] .count").await.text().await.unwrap();
    assert_eq!(screen_count, "1");
    screenshot(&client, "board").await;

    client.goto(candidate_url.as_str()).await.unwrap();
    let timeline = wait_for(&client, ".timeline").await.text().await.unwrap();
    assert!(timeline.contains("Screen"), "the move shows on the timeline: {timeline}");
    screenshot(&client, "candidate").await;
    client.close().await.unwrap();
}

/// A resume from the shared corpus (`HIRED_CORPUS_DIR`, set by `cargo xtask test`).
fn corpus_pdf() -> std::path::PathBuf {
    let root = std::env::var("HIRED_CORPUS_DIR")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus").to_owned());
    let path = std::path::Path::new(&root).join("resumes/pdf/014.pdf");
    assert!(path.is_file(), "the resume corpus is needed at {} (set HIRED_CORPUS_DIR)", path.display());
    path.canonicalize().unwrap()
}

/// An open requisition with screening questions and a published posting; returns its title.
async fn published_django_role(server: &Server, recruiter: &hired_domain::user::User) -> String {
    use hired_domain::posting::PostingSpec;
    use hired_domain::requisition::RequisitionStatus;
    use hired_domain::screening::{ScreeningForm, parse_question_lines};
    let store = &server.store.store;
    let spec = hired_domain::templates::django_backend().spec;
    let req = store.create_requisition(recruiter, spec).await.unwrap();
    let req = store.change_requisition_status(recruiter, req.id, req.version, RequisitionStatus::Open).await.unwrap();
    let questions = "Years of professional Django experience? | number | required | knockout >= 2
        Are you authorized to work in the EU? | yes/no | required | knockout = yes";
    let form = ScreeningForm { questions: parse_question_lines(questions).unwrap(), auto_reject_reason: None };
    store.save_screening_form(recruiter, req.id, &form).await.unwrap();
    let mut posting = PostingSpec::draft_for(&req.spec, chrono::Utc::now().date_naive());
    posting.country = "DE".into();
    posting.city = Some("Berlin".into());
    store.save_posting(recruiter, req.id, None, posting, true).await.unwrap();
    req.spec.title
}

#[tokio::test]
async fn a_candidate_applies_on_the_careers_site_and_the_recruiter_sees_them_on_the_board() {
    let server = serve().await;
    let hash = hired_web::hash_password("a long enough password").unwrap();
    let email = Email::parse("recruiter@example.com").unwrap();
    let recruiter =
        server.store.store.create_user(&email, "Rita Recruiter", Role::Recruiter, Some(hash)).await.unwrap();
    let title = published_django_role(&server, &recruiter).await;
    let client = browser().await;

    client.goto(&format!("{}/careers", server.url)).await.unwrap();
    wait_for(&client, "input[name=q]").await.send_keys("django").await.unwrap();
    wait_for(&client, "form[action='/careers'] button[type=submit]").await.click().await.unwrap();
    screenshot(&client, "careers-list").await;
    // The results page, not the page the search was typed on.
    wait_for(&client, "input[name=q][value=django]").await;
    client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::LinkText(&title))
        .await
        .unwrap_or_else(|e| panic!("link {title:?} on the search results: {e}"))
        .click()
        .await
        .unwrap();
    let json_ld = wait_for(&client, "script[type='application/ld+json']").await.prop("text").await.unwrap().unwrap();
    assert!(json_ld.contains("JobPosting"), "{json_ld}");
    screenshot(&client, "careers-posting").await;
    wait_for(&client, "a[href*='/apply']").await.click().await.unwrap();

    wait_for(&client, "input[name=name]").await.send_keys("Grace Hopper").await.unwrap();
    wait_for(&client, "input[name=email]").await.send_keys("grace@example.com").await.unwrap();
    wait_for(&client, "input[name=phone]").await.send_keys("+49 30 1234567").await.unwrap();
    let resume = corpus_pdf();
    wait_for(&client, "input[name=resume]").await.send_keys(resume.to_str().unwrap()).await.unwrap();
    wait_for(&client, "input[name=q1]").await.send_keys("6").await.unwrap();
    wait_for(&client, "input[name=q2][value=yes]").await.click().await.unwrap();
    wait_for(&client, "input[name=consent]").await.click().await.unwrap();
    screenshot(&client, "careers-apply").await;
    wait_for(&client, "form[enctype='multipart/form-data'] button[type=submit]").await.click().await.unwrap();
    let heading = wait_for(&client, ".apply-outcome h1").await.text().await.unwrap();
    assert!(heading.starts_with("Thank you for applying"), "{heading}");
    assert!(client.current_url().await.unwrap().path().ends_with("/applied"), "{heading}");
    screenshot(&client, "careers-applied").await;

    sign_in(&client, &server, "recruiter@example.com").await;
    let reqs = server.store.store.list_requisitions(&Default::default(), None, 10).await.unwrap();
    client.goto(&format!("{}/requisitions/{}/board", server.url, reqs.items[0].id)).await.unwrap();
    let card = wait_for(&client, ".board-column[data-stage=applied] .board-card").await.text().await.unwrap();
    assert!(card.contains("Grace Hopper") && card.contains("Careers site"), "{card}");
    assert!(!card.contains("Knockout"), "she meets the requirements: {card}");
    screenshot(&client, "careers-board").await;
    client.close().await.unwrap();
}

#[tokio::test]
async fn a_recruiter_plans_an_interview_and_an_interviewer_sees_the_other_scorecard_only_after_submitting() {
    use hired_domain::interviews::{CompetencyRating, Rating, Recommendation, ScorecardInput};
    let server = serve().await;
    let store = &server.store.store;
    let hash = hired_web::hash_password("a long enough password").unwrap();
    let account = |email: &str, name: &str, role: Role| {
        let hash = hash.clone();
        let email = Email::parse(email).unwrap();
        let name = name.to_owned();
        async move { store.create_user(&email, &name, role, Some(hash)).await.unwrap() }
    };
    let recruiter = account("recruiter@example.com", "Rita Recruiter", Role::Recruiter).await;
    let ivan = account("ivan@example.com", "Ivan Interviewer", Role::Interviewer).await;
    let olga = account("olga@example.com", "Olga Other", Role::Interviewer).await;
    let req = store.create_requisition(&recruiter, hired_domain::templates::django_backend().spec).await.unwrap();
    for member in [&ivan, &olga] {
        store.set_team_member(&recruiter, req.id, member).await.unwrap();
    }
    let details = hired_domain::candidate::CandidateDetails {
        name: "Grace Hopper".into(),
        email: Some(Email::parse("grace@example.com").unwrap()),
        phone: None,
        location: Some("New York, NY".into()),
        github: None,
        linkedin: None,
        portfolio: None,
        tags: Vec::new(),
        source: None,
    };
    let candidate = store.create_candidate(Some(&recruiter), details).await.unwrap();
    let new = hired_store::NewApplication { candidate_id: candidate.id, requisition_id: req.id, source: None };
    store.add_application(Some(&recruiter), new).await.unwrap();

    let client = browser().await;
    sign_in(&client, &server, "recruiter@example.com").await;
    client.goto(&format!("{}/candidates/{}", server.url, candidate.id)).await.unwrap();
    wait_for(&client, "#interviews a[href$='/interviews/new']").await.click().await.unwrap();
    wait_for(&client, "input[name=plan][value='2']").await.click().await.unwrap();
    for person in [&ivan, &olga] {
        wait_for(&client, &format!("input[name=panel][value='{}']", person.id)).await.click().await.unwrap();
    }
    wait_for(&client, "form.form button[type=submit]").await.click().await.unwrap();
    wait_for(&client, "#kit").await;
    let interview_url = client.current_url().await.unwrap();
    let interview_id = interview_url.path().trim_start_matches("/interviews/").parse().unwrap();
    let interview = store.interview(interview_id).await.unwrap().unwrap();
    let olgas = ScorecardInput {
        ratings: interview
            .competencies
            .iter()
            .map(|c| CompetencyRating {
                competency: c.key.clone(),
                rating: Rating::try_from(2).unwrap(),
                note: "olga-notes".into(),
            })
            .collect(),
        recommendation: Recommendation::No,
        notes: String::new(),
    };
    store.submit_scorecard(&olga, &interview, &olgas).await.unwrap();
    client.delete_all_cookies().await.unwrap();

    sign_in(&client, &server, "ivan@example.com").await;
    client.goto(interview_url.as_str()).await.unwrap();
    let kit = wait_for(&client, "#kit").await.text().await.unwrap();
    assert!(kit.contains("Databases and query optimization"), "the kit: {kit}");
    let hidden = wait_for(&client, "#scorecards").await.text().await.unwrap();
    assert!(hidden.contains("1 scorecard for this candidate is hidden") && !hidden.contains("olga-notes"), "{hidden}");
    screenshot(&client, "interview-kit").await;
    for c in &interview.competencies {
        wait_for(&client, &format!("input[name='rating.{}'][value='4']", c.key)).await.click().await.unwrap();
    }
    wait_for(&client, "textarea[name='note.python']").await.send_keys("ivan-notes").await.unwrap();
    wait_for(&client, "input[name=recommendation][value=strong_yes]").await.click().await.unwrap();
    wait_for(&client, "#kit button[type=submit]").await.click().await.unwrap();
    wait_for(&client, "#scorecards article.scorecard").await;
    let shown = wait_for(&client, "#scorecards").await.text().await.unwrap();
    assert!(shown.contains("olga-notes") && shown.contains("ivan-notes") && shown.contains("Disagreement"), "{shown}");
    client.execute("document.querySelector('#scorecards').scrollIntoView()", vec![]).await.unwrap();
    screenshot(&client, "scorecards").await;
    client.close().await.unwrap();
}
