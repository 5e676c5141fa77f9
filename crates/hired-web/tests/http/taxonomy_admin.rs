//! `/admin/taxonomy`: admins browse the skill taxonomy and add or remove the aliases resume
//! intake reads with; nobody else may.

use axum::http::StatusCode;
use hired_domain::user::Role;
use hired_resume::taxonomy::Taxonomy;
use hired_store::AuditFilter;
use hired_store::testing::Backend;

use crate::{Actor, TestApp, TestResponse};

const ADD: &str = "/admin/taxonomy/aliases";
const REMOVE: &str = "/admin/taxonomy/aliases/remove";

/// How many taxonomy changes the audit log holds.
async fn taxonomy_changes(app: &TestApp) -> usize {
    let filter = AuditFilter { entity_type: Some("taxonomy".into()), ..Default::default() };
    app.store.audit_log(&filter, None, 100).await.unwrap().items.len()
}

/// The added aliases as (alias, canonical) pairs.
async fn added(app: &TestApp) -> Vec<(String, String)> {
    app.store.taxonomy_aliases().await.unwrap().into_iter().map(|a| (a.alias, a.canonical)).collect()
}

async fn add(app: &TestApp, admin: &Actor, alias: &str, canonical: &str) -> TestResponse {
    app.post_form(ADD, Some(admin), &[("alias", alias), ("canonical", canonical)]).await
}

/// How many table rows a page shows, header rows included.
fn table_rows(page: &TestResponse) -> usize {
    page.body.matches("<tr>").count()
}

#[tokio::test]
async fn the_taxonomy_is_listed_fifty_at_a_time_with_the_total_and_counts_per_category() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await;
    let total = Taxonomy::builtin().len();
    let pages = total.div_ceil(50);
    let first = app.get("/admin/taxonomy", Some(&admin)).await;
    assert_eq!(first.status, StatusCode::OK);
    assert!(first.body.contains(&format!("{total} of {total} technologies")), "{}", first.body);
    assert!(first.body.contains(&format!("Page 1 of {pages}")));
    assert_eq!(table_rows(&first), 51, "a header and 50 technologies");
    assert!(first.body.contains(r#"href="/admin/taxonomy?page=2" rel="next""#));
    let frameworks = Taxonomy::builtin().techs().iter().filter(|t| t.category == "framework").count();
    assert!(
        first
            .body
            .contains(&format!(r#"href="/admin/taxonomy?category=framework">framework <small>{frameworks}</small>"#))
    );
    assert!(first.body.contains(r#"<option value="Django">"#), "the technology names are offered");

    let last = app.get(&format!("/admin/taxonomy?page={pages}"), Some(&admin)).await;
    assert!(last.body.contains(&format!("Page {pages} of {pages}")));
    assert_eq!(table_rows(&last), 1 + total - 50 * (pages - 1));
    let beyond = app.get("/admin/taxonomy?page=9999", Some(&admin)).await;
    assert!(beyond.body.contains(&format!("Page {pages} of {pages}")), "a page past the end shows the last");
    let garbage = app.get("/admin/taxonomy?page=abc", Some(&admin)).await;
    assert!(garbage.body.contains(&format!("Page 1 of {pages}")));
}

#[tokio::test]
async fn search_finds_names_aliases_and_categories_in_any_case() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await;
    let by_alias = app.get("/admin/taxonomy?q=K8S", Some(&admin)).await;
    assert!(by_alias.body.contains("<td>Kubernetes</td>"), "{}", by_alias.body);
    assert!(by_alias.body.contains("match “K8S”"));
    let by_name = app.get("/admin/taxonomy?q=postgresql", Some(&admin)).await;
    assert!(by_name.body.contains("<td>PostgreSQL</td>"));
    assert!(!by_name.body.contains("<td>Django</td>"));

    let brokers = Taxonomy::builtin().techs().iter().filter(|t| t.category == "message-broker").count();
    let by_category = app.get("/admin/taxonomy?q=MESSAGE-BROKER", Some(&admin)).await;
    assert!(by_category.body.contains(&format!("{brokers} of ")), "{}", by_category.body);
    assert!(by_category.body.contains("<td>RabbitMQ</td>"));

    let nothing = app.get("/admin/taxonomy?q=zzzqqq", Some(&admin)).await;
    assert_eq!(nothing.status, StatusCode::OK);
    assert!(nothing.body.contains("No technologies match “zzzqqq”"));
}

#[tokio::test]
async fn a_category_chip_narrows_the_list_and_keeps_the_search() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await;
    let page = app.get("/admin/taxonomy?q=sql&category=database", Some(&admin)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<td>PostgreSQL</td>"));
    assert!(!page.body.contains("<td>SQLAlchemy</td>"), "a library, not a database");
    assert!(page.body.contains(r#"aria-current="true">database"#));
    assert!(page.body.contains(r#"href="/admin/taxonomy?q=sql&#38;category=library""#), "{}", page.body);
}

async fn an_added_alias_is_listed_used_and_removed(backend: Backend) {
    let app = TestApp::on(backend).await;
    let admin = app.actor(Role::Admin).await;
    let page = app.get("/admin/taxonomy", Some(&admin)).await;
    assert!(page.body.contains("No aliases added yet"));
    assert!(page.body.contains("apply to resumes read from now on") && page.body.contains("Read again"));

    let saved = add(&app, &admin, "  Dj ", "django").await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(saved.location(), "/admin/taxonomy");
    assert_eq!(added(&app).await, [("Dj".to_string(), "Django".to_string())]);
    let page = app.get("/admin/taxonomy?q=dj", Some(&admin)).await;
    assert!(page.body.contains("<td>Dj</td>\n          <td>Django</td>"), "{}", page.body);
    assert!(page.body.contains(&admin.user.name));
    assert!(page.body.contains(r#"<input type="hidden" name="alias" value="Dj">"#));
    assert!(page.body.contains("Django framework, Django ORM, Dj"), "listed among Django's aliases");
    let pairs = added(&app).await;
    assert_eq!(Taxonomy::builtin().with_aliases(&pairs).lookup("Dj").map(|t| t.name.as_str()), Some("Django"));

    let removed = app.post_form(REMOVE, Some(&admin), &[("alias", "dj")]).await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER, "{}", removed.body);
    assert!(added(&app).await.is_empty());
    let gone = app.post_form(REMOVE, Some(&admin), &[("alias", "Dj")]).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    assert_eq!(taxonomy_changes(&app).await, 2);
}

#[tokio::test]
async fn an_added_alias_is_listed_used_and_removed_on_sqlite() {
    an_added_alias_is_listed_used_and_removed(Backend::Sqlite).await;
}

#[tokio::test]
async fn an_added_alias_is_listed_used_and_removed_on_postgres() {
    an_added_alias_is_listed_used_and_removed(Backend::Postgres).await;
}

#[tokio::test]
async fn an_unknown_technology_is_shown_again_with_the_closest_names() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await;
    let page = add(&app, &admin, "Dj", "Djangoo").await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body.contains(r#"id="canonical-error">There is no technology named &#34;Djangoo&#34;"#),
        "{}",
        page.body
    );
    assert!(page.body.contains("Did you mean Django"));
    assert!(page.body.contains(r#"value="Dj""#) && page.body.contains(r#"value="Djangoo""#), "the typed form is kept");
    assert!(added(&app).await.is_empty());
    assert_eq!(taxonomy_changes(&app).await, 0);
}

#[tokio::test]
async fn an_alias_that_already_stands_for_a_technology_is_refused_naming_it() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await;
    let page = add(&app, &admin, "Postgres", "Django").await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body.contains(r#"id="alias-error">&#34;Postgres&#34; is already an alias of PostgreSQL"#),
        "{}",
        page.body
    );

    assert_eq!(add(&app, &admin, "Dj", "Django").await.status, StatusCode::SEE_OTHER);
    let twin = add(&app, &admin, "DJ", "Flask").await;
    assert_eq!(twin.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(twin.body.contains("is already an alias of Django"), "{}", twin.body);
    assert_eq!(added(&app).await.len(), 1);
    assert_eq!(taxonomy_changes(&app).await, 1);
}

#[tokio::test]
async fn an_empty_alias_or_technology_is_refused_next_to_its_field() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await;
    let page = add(&app, &admin, "   ", "").await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains(r#"id="alias-error">Write the alias as resumes spell it"#), "{}", page.body);
    assert!(page.body.contains(r#"id="canonical-error">Choose the technology the alias stands for."#));
    let long = add(&app, &admin, &"x".repeat(61), "Django").await;
    assert_eq!(long.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(long.body.contains("An alias is at most 60 characters; this one has 61."));
    assert!(added(&app).await.is_empty());
}

#[tokio::test]
async fn hostile_html_in_the_form_is_shown_as_text() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await;
    let page = add(&app, &admin, "<script>alert(1)</script>", "<img src=x onerror=alert(2)>").await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!page.body.contains("<script>alert(1)") && !page.body.contains("<img src=x"), "{}", page.body);
    assert!(page.body.contains("&#60;script&#62;alert(1)&#60;/script&#62;"));

    assert_eq!(add(&app, &admin, "<b>Dj</b>", "Django").await.status, StatusCode::SEE_OTHER);
    let listed = app.get("/admin/taxonomy", Some(&admin)).await;
    assert!(!listed.body.contains("<b>Dj</b>"), "{}", listed.body);
    assert!(listed.body.contains("<td>&#60;b&#62;Dj&#60;/b&#62;</td>"));
}

#[tokio::test]
async fn only_admins_see_or_change_the_taxonomy() {
    let app = TestApp::new().await;
    let admin = app.actor(Role::Admin).await;
    assert_eq!(add(&app, &admin, "Dj", "Django").await.status, StatusCode::SEE_OTHER);
    for role in [Role::Recruiter, Role::HiringManager, Role::Interviewer] {
        let other = app.actor(role).await;
        assert_eq!(app.get("/admin/taxonomy", Some(&other)).await.status, StatusCode::FORBIDDEN, "{role} GET");
        assert_eq!(add(&app, &other, "Sea Horse ORM", "SQLAlchemy").await.status, StatusCode::FORBIDDEN, "{role} add");
        let remove = app.post_form(REMOVE, Some(&other), &[("alias", "Dj")]).await;
        assert_eq!(remove.status, StatusCode::FORBIDDEN, "{role} remove");
        let page = app.get("/", Some(&other)).await;
        assert!(!page.body.contains(r#"href="/admin/taxonomy""#), "{role} sees no link");
    }
    assert_ne!(app.get("/admin/taxonomy", None).await.status, StatusCode::OK, "anonymous");
    assert!(app.get("/", Some(&admin)).await.body.contains(r#"href="/admin/taxonomy""#));
    assert_eq!(added(&app).await, [("Dj".to_string(), "Django".to_string())]);
    assert_eq!(taxonomy_changes(&app).await, 1);
}
