//! The public careers site as applicants and machines see it: the list with its filters,
//! search and pages, the posting page with its structured data, and the feeds and sitemap.

use axum::http::{StatusCode, header};
use chrono::{Days, Utc};
use hired_domain::posting::{Posting, PostingInput, PostingSpec};
use hired_domain::requisition::{EmploymentType, Level, RemotePolicy, Requisition, RequisitionStatus};
use hired_domain::templates::django_backend;
use hired_domain::user::{Role, User};
use hired_domain::{DepartmentId, SalaryBand};
use hired_store::testing::Backend;

use crate::{TestApp, TestResponse};

/// What differs between the test postings.
#[derive(Clone)]
struct Job {
    title: String,
    description: String,
    city: &'static str,
    remote: RemotePolicy,
    level: Level,
    kind: EmploymentType,
    department: Option<DepartmentId>,
    show_salary: bool,
}

fn job(title: &str) -> Job {
    Job {
        title: title.into(),
        description: "Build our **Django** APIs.".into(),
        city: "Berlin",
        remote: RemotePolicy::Onsite,
        level: Level::Mid,
        kind: EmploymentType::FullTime,
        department: None,
        show_salary: true,
    }
}

/// An open requisition for `job` and its posting, published or left as a draft.
async fn post(app: &TestApp, admin: &User, job: Job, publish: bool) -> (Requisition, Posting) {
    let mut role = django_backend().spec;
    role.title = job.title.clone();
    role.remote = job.remote;
    role.level = job.level;
    role.employment_type = job.kind;
    role.department_id = job.department;
    role.salary = Some(SalaryBand::yearly_usd(95_000, 130_000));
    let req = app.store.create_requisition(admin, role).await.unwrap();
    let req = app.store.change_requisition_status(admin, req.id, req.version, RequisitionStatus::Open).await.unwrap();
    let today = Utc::now().date_naive();
    let input = PostingInput {
        title: job.title,
        description: job.description,
        city: job.city.into(),
        country: "DE".into(),
        applicant_countries: "DE, PT".into(),
        show_salary: if job.show_salary { "on".into() } else { String::new() },
        valid_through: (today + Days::new(30)).to_string(),
        ..PostingInput::default()
    };
    let spec = PostingSpec::parse(&input, today).unwrap();
    let posting = app.store.save_posting(admin, req.id, None, spec, publish).await.unwrap();
    (req, posting)
}

async fn admin(app: &TestApp) -> User {
    app.actor(Role::Admin).await.user
}

fn content_type(response: &TestResponse) -> &str {
    response.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("")
}

/// How many postings the list page shows.
fn rows(page: &TestResponse) -> usize {
    page.body.matches("class=\"careers-row\"").count()
}

/// The JSON-LD document embedded in a posting page.
fn json_ld(page: &TestResponse) -> serde_json::Value {
    let start = page.body.find("<script type=\"application/ld+json\">").expect("a JSON-LD script") + 35;
    let end = start + page.body[start..].find("</script>").expect("its end");
    serde_json::from_str(&page.body[start..end]).expect("valid JSON")
}

#[tokio::test]
async fn the_careers_list_shows_live_postings_with_their_details() {
    let app = TestApp::new().await;
    let admin = admin(&app).await;
    let engineering = app.store.create_department("Engineering").await.unwrap();
    let live = Job { department: Some(DepartmentId(engineering.id)), level: Level::Senior, ..job("Django Developer") };
    let (_, posting) = post(&app, &admin, live, true).await;
    post(&app, &admin, job("Secret Draft Role"), false).await;

    let page = app.get("/careers", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<html lang=\"en\">"));
    assert!(page.body.contains("href=\"#main\""), "a skip link");
    assert!(page.body.contains("rel=\"alternate\" type=\"application/atom+xml\""));
    assert!(page.body.contains(&format!("<a href=\"/careers/{}\">Django Developer</a>", posting.slug)));
    for detail in ["Engineering", "Berlin, DE", "Senior (5+ years)", "Full-time", "1 open job"] {
        assert!(page.body.contains(detail), "{detail} missing");
    }
    assert!(!page.body.contains("Secret Draft Role"), "drafts stay private");
    assert!(!page.body.contains("sidebar"), "no staff navigation");
}

#[tokio::test]
async fn filters_and_search_narrow_the_careers_list() {
    let app = TestApp::new().await;
    let admin = admin(&app).await;
    let data = app.store.create_department("Data").await.unwrap();
    post(&app, &admin, job("Django Developer"), true).await;
    let remote = Job { remote: RemotePolicy::Remote, kind: EmploymentType::Contract, ..job("Rust Engineer") };
    post(&app, &admin, remote, true).await;
    let lisbon =
        Job { city: "Lisbon", level: Level::Junior, department: Some(DepartmentId(data.id)), ..job("Data Analyst") };
    post(&app, &admin, lisbon, true).await;

    let all = app.get("/careers", None).await;
    assert_eq!(rows(&all), 3);
    assert!(all.body.contains(&format!("<option value=\"{}\">Data</option>", data.id)), "departments from the facets");
    assert!(all.body.contains("<option value=\"Lisbon\">Lisbon</option>"), "cities from the facets");
    assert!(all.body.contains("Remote"), "remote roles say so");

    let cases = [
        (format!("/careers?department={}", data.id), "Data Analyst"),
        ("/careers?location=Lisbon".to_owned(), "Data Analyst"),
        ("/careers?remote=remote".to_owned(), "Rust Engineer"),
        ("/careers?level=junior".to_owned(), "Data Analyst"),
        ("/careers?type=contract".to_owned(), "Rust Engineer"),
        ("/careers?q=django".to_owned(), "Django Developer"),
    ];
    for (url, title) in cases {
        let page = app.get(&url, None).await;
        assert_eq!(page.status, StatusCode::OK, "{url}");
        assert_eq!(rows(&page), 1, "{url}");
        assert!(page.body.contains(title), "{url} should find {title}");
        assert!(page.body.contains("1 open job matches your filters"), "{url}");
        assert!(page.body.contains("Clear filters"), "{url}");
    }
    let selected = app.get("/careers?remote=remote&q=rust", None).await;
    assert!(selected.body.contains("<option value=\"remote\" selected>Remote</option>"), "the form keeps the choice");
    assert!(selected.body.contains("value=\"rust\""), "the form keeps the search");

    let none = app.get("/careers?q=cobol&level=bogus", None).await;
    assert_eq!(rows(&none), 0);
    assert!(none.body.contains("No open roles match"));
    assert!(none.body.contains("<a class=\"btn\" href=\"/careers\">Clear filters</a>"));
}

#[tokio::test]
async fn the_careers_list_pages_twenty_at_a_time_and_keeps_its_filters() {
    let app = TestApp::new().await;
    let admin = admin(&app).await;
    for n in 0..21 {
        post(&app, &admin, job(&format!("Backend Developer {n:02}")), true).await;
    }
    post(&app, &admin, Job { kind: EmploymentType::PartTime, ..job("Part-time Tester") }, true).await;

    let first = app.get("/careers?type=full_time", None).await;
    assert_eq!(rows(&first), 20);
    assert!(first.body.contains("21 open jobs match your filters"));
    assert!(first.body.contains("Page 1 of 2"));
    assert!(first.body.contains("href=\"/careers?type=full_time&#38;page=2\" rel=\"next\""), "next keeps the filter");
    let second = app.get("/careers?type=full_time&page=2", None).await;
    assert_eq!(rows(&second), 1);
    assert!(second.body.contains("href=\"/careers?type=full_time\" rel=\"prev\""));
    assert!(!second.body.contains("Part-time Tester"));
    let past = app.get("/careers?type=full_time&page=9", None).await;
    assert_eq!(rows(&past), 0);
    assert!(past.body.contains("past the end"));
}

#[tokio::test]
async fn the_posting_page_shows_the_role_its_structured_data_and_a_tracked_apply_link() {
    let app = TestApp::new().await;
    let admin = admin(&app).await;
    let description = "## What you'll do\n\n- Ship *features*\n\n[Team](https://example.com/team)".to_owned();
    let (_, posting) =
        post(&app, &admin, Job { description, level: Level::Senior, ..job("Django Developer") }, true).await;
    let ch = uuid::Uuid::now_v7();
    let referrer = uuid::Uuid::now_v7();

    let page = app.get(&format!("/careers/{}?ch={ch}&ref={referrer}", posting.slug), None).await;
    assert_eq!(page.status, StatusCode::OK);
    for shown in
        ["<h1>Django Developer</h1>", "Berlin, DE", "Senior (5+ years)", "Full-time", "USD 95,000 – 130,000 per year"]
    {
        assert!(page.body.contains(shown), "{shown} missing");
    }
    assert!(page.body.contains("<h2>What you'll do</h2>"), "Markdown is rendered");
    assert!(page.body.contains("<em>features</em>"));
    let apply = format!("href=\"/careers/{}/apply?ch={ch}&#38;ref={referrer}\"", posting.slug);
    assert!(page.body.contains(&apply), "the apply link keeps ch and ref");

    let doc = json_ld(&page);
    assert_eq!(doc["@type"], "JobPosting");
    assert_eq!(doc["title"], "Django Developer");
    assert_eq!(doc["hiringOrganization"]["name"], "Example Company");
    assert_eq!(doc["identifier"]["value"], posting.id.to_string());
    assert_eq!(doc["jobLocation"]["address"]["addressLocality"], "Berlin");
    assert_eq!(doc["baseSalary"]["value"]["maxValue"], 130_000);
    assert_eq!(doc["url"], format!("http://127.0.0.1:8080/careers/{}", posting.slug));
    assert!(doc["description"].as_str().unwrap().contains("<h2>"));

    let untracked = app.get(&format!("/careers/{}?ch=not-a-uuid&ref=%3Cscript%3E", posting.slug), None).await;
    assert!(untracked.body.contains(&format!("href=\"/careers/{}/apply\"", posting.slug)), "bad ids are dropped");
}

#[tokio::test]
async fn a_hidden_salary_stays_off_the_page_and_out_of_the_structured_data() {
    let app = TestApp::new().await;
    let admin = admin(&app).await;
    let remote = Job { show_salary: false, remote: RemotePolicy::Remote, ..job("Remote Engineer") };
    let (_, posting) = post(&app, &admin, remote, true).await;
    let page = app.get(&format!("/careers/{}", posting.slug), None).await;
    assert!(!page.body.contains("95,000"));
    assert!(page.body.contains("Remote, applicants in DE, PT"));
    let doc = json_ld(&page);
    assert!(doc.get("baseSalary").is_none());
    assert_eq!(doc["jobLocationType"], "TELECOMMUTE");
    assert_eq!(doc["applicantLocationRequirements"][1]["name"], "PT");
}

#[tokio::test]
async fn unknown_unpublished_and_closed_postings_are_not_found() {
    let app = TestApp::new().await;
    let admin = admin(&app).await;
    let (_, draft) = post(&app, &admin, job("Draft Role"), false).await;
    let (closed_req, closed) = post(&app, &admin, job("Closed Role"), true).await;
    app.store
        .change_requisition_status(&admin, closed_req.id, closed_req.version, RequisitionStatus::Closed)
        .await
        .unwrap();
    let (req, unpublished) = post(&app, &admin, job("Withdrawn Role"), true).await;
    app.store.unpublish_posting(&admin, req.id).await.unwrap();

    for slug in [draft.slug.as_str(), closed.slug.as_str(), unpublished.slug.as_str(), "no-such-job-123456"] {
        let page = app.get(&format!("/careers/{slug}"), None).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{slug}");
        assert!(page.body.contains("This job is not open any more"), "{slug}");
        assert!(page.body.contains("href=\"/careers\""), "{slug}");
        assert!(!page.body.contains("Back to the dashboard"), "{slug}: the public layout, not the staff one");
    }
}

#[tokio::test]
async fn feeds_and_the_sitemap_carry_only_live_postings() {
    let app = TestApp::new().await;
    let admin = admin(&app).await;
    let (_, live) = post(&app, &admin, job("Live Role"), true).await;
    post(&app, &admin, job("Draft Role"), false).await;
    let (closed_req, closed) = post(&app, &admin, job("Closed Role"), true).await;
    app.store
        .change_requisition_status(&admin, closed_req.id, closed_req.version, RequisitionStatus::Filled)
        .await
        .unwrap();
    let ch = uuid::Uuid::now_v7();

    let feed = app.get(&format!("/careers/feed.xml?ch={ch}"), None).await;
    assert_eq!(feed.status, StatusCode::OK);
    assert_eq!(content_type(&feed), "application/xml; charset=utf-8");
    assert!(feed.body.starts_with("<?xml"));
    assert_eq!(feed.body.matches("<job>").count(), 1);
    assert!(feed.body.contains(&format!("<url><![CDATA[http://127.0.0.1:8080/careers/{}?ch={ch}]]></url>", live.slug)));
    assert!(feed.body.contains(&format!("<referencenumber><![CDATA[{}]]></referencenumber>", live.id)));
    let untracked = app.get("/careers/feed.xml?ch=nope", None).await;
    assert!(!untracked.body.contains("?ch="), "an invalid channel is dropped");

    let atom = app.get("/careers/feed.atom", None).await;
    assert_eq!(content_type(&atom), "application/atom+xml; charset=utf-8");
    assert_eq!(atom.body.matches("<entry>").count(), 1);
    assert!(atom.body.contains(&format!("<id>urn:uuid:{}</id>", live.id)));

    let sitemap = app.get("/sitemap.xml", None).await;
    assert_eq!(content_type(&sitemap), "application/xml; charset=utf-8");
    assert!(sitemap.body.contains(&format!("<loc>http://127.0.0.1:8080/careers/{}</loc><lastmod>", live.slug)));
    assert!(sitemap.body.contains("<loc>http://127.0.0.1:8080/careers</loc>"));
    for body in [&feed.body, &atom.body, &sitemap.body] {
        assert!(!body.contains(&closed.slug) && !body.contains("Draft Role") && !body.contains("Closed Role"));
    }
}

#[tokio::test]
async fn html_in_titles_and_descriptions_is_escaped_or_sanitized() {
    let app = TestApp::new().await;
    let admin = admin(&app).await;
    let hostile = Job {
        description: "Hi <script>alert('d')</script><img src=x onerror=alert(2)> [x](javascript:alert(3))".into(),
        ..job("<b onmouseover=alert(1)>Dev</b></script>")
    };
    let (_, posting) = post(&app, &admin, hostile, true).await;

    let list = app.get("/careers", None).await;
    assert!(list.body.contains("&#60;b onmouseover=alert(1)&#62;Dev&#60;/b&#62;"), "the title is escaped");
    assert!(!list.body.contains("<b onmouseover"));
    let page = app.get(&format!("/careers/{}", posting.slug), None).await;
    assert_eq!(page.status, StatusCode::OK);
    for bad in ["<b onmouseover", "<script>alert", "onerror", "javascript:"] {
        assert!(!page.body.contains(bad), "{bad} reached the page");
    }
    assert_eq!(page.body.matches("</script>").count(), 1, "only the JSON-LD script closes");
    assert_eq!(json_ld(&page)["title"], "<b onmouseover=alert(1)>Dev</b></script>");
    let feed = app.get("/careers/feed.xml", None).await;
    assert!(!feed.body.contains("<script>") && !feed.body.contains("onerror"));
    let atom = app.get("/careers/feed.atom", None).await;
    assert!(atom.body.contains("<title>&lt;b onmouseover=alert(1)&gt;Dev&lt;/b&gt;&lt;/script&gt;</title>"));
}

#[tokio::test]
async fn the_careers_site_works_on_postgres() {
    let app = TestApp::on(Backend::Postgres).await;
    let admin = admin(&app).await;
    let (_, posting) = post(&app, &admin, job("Django Developer"), true).await;
    post(&app, &admin, Job { remote: RemotePolicy::Remote, ..job("Rust Engineer") }, true).await;
    let list = app.get("/careers?q=django&location=Berlin", None).await;
    assert_eq!(rows(&list), 1);
    let page = app.get(&format!("/careers/{}", posting.slug), None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(json_ld(&page)["identifier"]["value"], posting.id.to_string());
    let feed = app.get("/careers/feed.xml", None).await;
    assert_eq!(feed.body.matches("<job>").count(), 2);
}
