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

    client.goto(&format!("{}/", server.url)).await.unwrap();
    wait_for(&client, "input[name=email]").await.send_keys("recruiter@example.com").await.unwrap();
    wait_for(&client, "input[name=password]").await.send_keys("a long enough password").await.unwrap();
    wait_for(&client, "form[action='/login'] button[type=submit]").await.click().await.unwrap();
    wait_for(&client, ".stats").await;
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
