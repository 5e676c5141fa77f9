//! `GET /careers/{slug}`: one open posting for applicants, with its schema.org structured
//! data and an apply link that keeps the channel (`ch`) and referral (`ref`) it was reached by.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use hired_domain::requisition::RemotePolicy;
use hired_store::LivePosting;
use uuid::Uuid;

use super::{jsonld, markdown};
use crate::error::AppResult;
use crate::state::{AppState, WebConfig};
use crate::views::urlencode;

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/careers/{slug}", get(show))
}

#[derive(Template)]
#[template(path = "careers/posting.html")]
struct PostingPage {
    company_name: String,
    title: String,
    department: Option<String>,
    location: String,
    workplace: String,
    level: &'static str,
    employment_type: &'static str,
    salary: Option<String>,
    valid_through: String,
    valid_through_iso: String,
    description_html: String,
    json_ld: String,
    apply_url: String,
    canonical_url: String,
}

#[derive(Template)]
#[template(path = "careers/gone.html")]
struct GonePage {
    company_name: String,
}

/// `GET /careers/{slug}?ch=…&ref=…`; a posting that does not exist, is unpublished or has
/// ended answers 404 with a way back to the open roles.
async fn show(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(params): Query<Vec<(String, String)>>,
) -> AppResult<Response> {
    let config = &state.config;
    let Some(live) = state.store.live_posting(&slug).await? else {
        let page = GonePage { company_name: config.company_name.clone() };
        return Ok((StatusCode::NOT_FOUND, Html(page.render()?)).into_response());
    };
    let apply_url = apply_url(&slug, uuid_param(&params, "ch"), uuid_param(&params, "ref"));
    Ok(Html(view(&live, config, apply_url).render()?).into_response())
}

fn view(live: &LivePosting, config: &WebConfig, apply_url: String) -> PostingPage {
    let spec = &live.posting.spec;
    let role = &live.requisition.spec;
    PostingPage {
        company_name: config.company_name.clone(),
        title: spec.title.clone(),
        department: live.department.clone(),
        location: place_label(spec.city.as_deref(), &spec.country),
        workplace: match role.remote {
            RemotePolicy::Remote if spec.applicant_countries.is_empty() => "Remote, from anywhere".into(),
            RemotePolicy::Remote => format!("Remote, applicants in {}", spec.applicant_countries.join(", ")),
            other => other.label().into(),
        },
        level: role.level.label(),
        employment_type: role.employment_type.label(),
        salary: role.salary.filter(|_| spec.show_salary).map(|band| band.display()),
        valid_through: spec.valid_through.format("%-d %b %Y").to_string(),
        valid_through_iso: spec.valid_through.to_string(),
        description_html: markdown::render(&spec.description),
        json_ld: jsonld::script_text(&jsonld::job_posting(live, config)),
        apply_url,
        canonical_url: absolute_url(config, &live.posting.slug),
    }
}

/// The posting's absolute address, as feeds, the sitemap and structured data link to it.
pub(super) fn absolute_url(config: &WebConfig, slug: &str) -> String {
    format!("{}/careers/{}", config.public_url, urlencode(slug))
}

/// Where a posting is, for lists and the posting page: `Berlin, DE`, or the country alone.
pub(super) fn place_label(city: Option<&str>, country: &str) -> String {
    match city.map(str::trim).filter(|c| !c.is_empty()) {
        Some(city) => format!("{city}, {country}"),
        None => country.to_owned(),
    }
}

/// Where a listed posting is: `Remote` for remote roles, otherwise its place.
pub(super) fn location_label(city: Option<&str>, country: &str, remote: RemotePolicy) -> String {
    match remote {
        RemotePolicy::Remote => "Remote".to_owned(),
        RemotePolicy::Hybrid => format!("{} (hybrid)", place_label(city, country)),
        RemotePolicy::Onsite => place_label(city, country),
    }
}

/// The first value of query parameter `key` that is a UUID; anything else is dropped.
fn uuid_param(params: &[(String, String)], key: &str) -> Option<Uuid> {
    params.iter().filter(|(k, _)| k == key).find_map(|(_, v)| Uuid::parse_str(v.trim()).ok())
}

/// The apply form's address, carrying the channel and referrer along.
fn apply_url(slug: &str, channel: Option<Uuid>, referrer: Option<Uuid>) -> String {
    let mut url = format!("/careers/{}/apply", urlencode(slug));
    let pairs = [("ch", channel), ("ref", referrer)];
    for (i, (key, id)) in pairs.iter().filter_map(|(k, v)| v.map(|id| (k, id))).enumerate() {
        url.push(if i == 0 { '?' } else { '&' });
        url.push_str(&format!("{key}={id}"));
    }
    url
}

#[cfg(test)]
mod tests {
    use hired_domain::requisition::RemotePolicy;
    use uuid::Uuid;

    use super::{apply_url, location_label, uuid_param};

    #[test]
    fn apply_links_keep_valid_tracking_ids_only() {
        let ch = Uuid::from_u128(1);
        let params = vec![
            ("ref".to_owned(), "not-a-uuid".to_owned()),
            ("ch".to_owned(), ch.to_string()),
            ("ref".to_owned(), "<script>".to_owned()),
        ];
        assert_eq!(uuid_param(&params, "ch"), Some(ch));
        assert_eq!(uuid_param(&params, "ref"), None);
        assert_eq!(apply_url("dev-1a2b3c", None, None), "/careers/dev-1a2b3c/apply");
        assert_eq!(apply_url("dev", Some(ch), None), format!("/careers/dev/apply?ch={ch}"));
        assert_eq!(apply_url("dev", None, Some(ch)), format!("/careers/dev/apply?ref={ch}"));
        assert_eq!(apply_url("dev", Some(ch), Some(ch)), format!("/careers/dev/apply?ch={ch}&ref={ch}"));
    }

    #[test]
    fn listed_locations_say_remote_or_where() {
        assert_eq!(location_label(Some("Berlin"), "DE", RemotePolicy::Onsite), "Berlin, DE");
        assert_eq!(location_label(Some("Berlin"), "DE", RemotePolicy::Hybrid), "Berlin, DE (hybrid)");
        assert_eq!(location_label(Some("Berlin"), "DE", RemotePolicy::Remote), "Remote");
        assert_eq!(location_label(None, "PT", RemotePolicy::Onsite), "PT");
    }
}
