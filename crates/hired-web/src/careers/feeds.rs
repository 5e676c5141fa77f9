//! What machines read: the job feed in the aggregator XML format (`/careers/feed.xml`), an
//! Atom feed (`/careers/feed.atom`) and the sitemap (`/sitemap.xml`). Each is a pure function
//! of the live postings and the settings, so tests can pin its exact output.

use std::fmt::Write;

use axum::Router;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::{DateTime, SecondsFormat, Utc};
use hired_domain::requisition::{EmploymentType, Level, RemotePolicy};
use hired_store::LivePosting;
use uuid::Uuid;

use super::markdown;
use super::posting::{absolute_url, location_label};
use crate::error::AppResult;
use crate::state::{AppState, WebConfig};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/careers/feed.xml", get(job_feed_xml))
        .route("/careers/feed.atom", get(atom_xml))
        .route("/sitemap.xml", get(sitemap_xml))
}

const XML: &str = "application/xml; charset=utf-8";
const ATOM: &str = "application/atom+xml; charset=utf-8";

fn xml_response(content_type: &'static str, body: String) -> Response {
    ([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "public, max-age=300")], body).into_response()
}

/// `GET /careers/feed.xml?ch=…`: a channel id (a UUID) is added to every job's link.
async fn job_feed_xml(
    State(state): State<AppState>,
    Query(params): Query<Vec<(String, String)>>,
) -> AppResult<Response> {
    let channel = params.iter().filter(|(k, _)| k == "ch").find_map(|(_, v)| Uuid::parse_str(v.trim()).ok());
    let postings = state.store.live_postings().await?;
    Ok(xml_response(XML, job_feed(&postings, &state.config, channel, Utc::now())))
}

/// `GET /careers/feed.atom`.
async fn atom_xml(State(state): State<AppState>) -> AppResult<Response> {
    let postings = state.store.live_postings().await?;
    Ok(xml_response(ATOM, atom_feed(&postings, &state.config, Utc::now())))
}

/// `GET /sitemap.xml`.
async fn sitemap_xml(State(state): State<AppState>) -> AppResult<Response> {
    let postings = state.store.live_postings().await?;
    Ok(xml_response(XML, sitemap(&postings, &state.config)))
}

/// The aggregator feed: `<source>` with one `<job>` per posting; text in CDATA sections,
/// dates in RFC 2822, built at `built`. With `channel`, job links carry `?ch=` for tracking.
pub(crate) fn job_feed(
    postings: &[LivePosting],
    config: &WebConfig,
    channel: Option<Uuid>,
    built: DateTime<Utc>,
) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<source>\n");
    let _ = writeln!(out, "  <publisher>{}</publisher>", cdata(&config.company_name));
    let _ = writeln!(out, "  <publisherurl>{}</publisherurl>", cdata(&format!("{}/careers", config.public_url)));
    let _ = writeln!(out, "  <lastBuildDate>{}</lastBuildDate>", cdata(&built.to_rfc2822()));
    for live in postings {
        let (posting, spec, role) = (&live.posting, &live.posting.spec, &live.requisition.spec);
        let mut url = absolute_url(config, &posting.slug);
        if let Some(ch) = channel {
            let _ = write!(url, "?ch={ch}");
        }
        let salary = role.salary.filter(|_| spec.show_salary).map(|band| band.display()).unwrap_or_default();
        let fields = [
            ("title", spec.title.clone()),
            ("date", posting.published_at.unwrap_or(posting.updated_at).to_rfc2822()),
            ("referencenumber", posting.id.to_string()),
            ("url", url),
            ("company", config.company_name.clone()),
            ("city", spec.city.clone().unwrap_or_default()),
            ("state", spec.region.clone().unwrap_or_default()),
            ("country", spec.country.clone()),
            ("postalcode", spec.postal_code.clone().unwrap_or_default()),
            ("description", markdown::render(&spec.description)),
            ("salary", salary),
            ("jobtype", job_type(role.employment_type).to_owned()),
            ("experience", experience(role.level)),
            ("category", live.department.clone().unwrap_or_default()),
            ("remotetype", remote_type(role.remote).to_owned()),
        ];
        out.push_str("  <job>\n");
        for (name, value) in fields {
            let _ = writeln!(out, "    <{name}>{}</{name}>", cdata(&value));
        }
        out.push_str("  </job>\n");
    }
    out.push_str("</source>\n");
    out
}

/// The Atom 1.0 feed: one entry per posting, identified by `urn:uuid:` of the posting id.
pub(crate) fn atom_feed(postings: &[LivePosting], config: &WebConfig, built: DateTime<Utc>) -> String {
    let updated = postings.iter().map(last_changed).max().unwrap_or(built);
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    let _ = writeln!(out, "  <title>Jobs at {}</title>", escape(&config.company_name));
    let _ = writeln!(out, "  <id>{}</id>", escape(&format!("{}/careers", config.public_url)));
    let _ = writeln!(
        out,
        "  <link rel=\"self\" href=\"{}\"/>",
        escape(&format!("{}/careers/feed.atom", config.public_url))
    );
    let _ = writeln!(
        out,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        escape(&format!("{}/careers", config.public_url))
    );
    let _ = writeln!(out, "  <updated>{}</updated>", rfc3339(updated));
    let _ = writeln!(out, "  <author><name>{}</name></author>", escape(&config.company_name));
    for live in postings {
        let (posting, spec, role) = (&live.posting, &live.posting.spec, &live.requisition.spec);
        let summary = [
            live.department.clone().unwrap_or_default(),
            location_label(spec.city.as_deref(), &spec.country, role.remote),
            role.level.label().to_owned(),
            role.employment_type.label().to_owned(),
        ]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
        out.push_str("  <entry>\n");
        let _ = writeln!(out, "    <title>{}</title>", escape(&spec.title));
        let _ = writeln!(out, "    <id>urn:uuid:{}</id>", posting.id);
        let _ = writeln!(
            out,
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            escape(&absolute_url(config, &posting.slug))
        );
        if let Some(published) = posting.published_at {
            let _ = writeln!(out, "    <published>{}</published>", rfc3339(published));
        }
        let _ = writeln!(out, "    <updated>{}</updated>", rfc3339(last_changed(live)));
        let _ = writeln!(out, "    <summary type=\"text\">{}</summary>", escape(&summary));
        let _ = writeln!(out, "    <content type=\"html\">{}</content>", escape(&markdown::render(&spec.description)));
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

/// The sitemap: the careers list and every posting, each with when it last changed.
pub(crate) fn sitemap(postings: &[LivePosting], config: &WebConfig) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let _ = write!(out, "  <url><loc>{}</loc>", escape(&format!("{}/careers", config.public_url)));
    if let Some(latest) = postings.iter().map(last_changed).max() {
        let _ = write!(out, "<lastmod>{}</lastmod>", rfc3339(latest));
    }
    out.push_str("</url>\n");
    for live in postings {
        let _ = writeln!(
            out,
            "  <url><loc>{}</loc><lastmod>{}</lastmod></url>",
            escape(&absolute_url(config, &live.posting.slug)),
            rfc3339(last_changed(live))
        );
    }
    out.push_str("</urlset>\n");
    out
}

/// When what the posting page shows last changed: the posting or its requisition (level,
/// salary and the like come from the requisition).
fn last_changed(live: &LivePosting) -> DateTime<Utc> {
    live.posting.updated_at.max(live.requisition.updated_at)
}

fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn job_type(kind: EmploymentType) -> &'static str {
    match kind {
        EmploymentType::FullTime => "fulltime",
        EmploymentType::PartTime => "parttime",
        EmploymentType::Contract | EmploymentType::Freelance => "contract",
    }
}

fn remote_type(remote: RemotePolicy) -> &'static str {
    match remote {
        RemotePolicy::Onsite => "",
        RemotePolicy::Hybrid => "Hybrid remote",
        RemotePolicy::Remote => "Fully remote",
    }
}

/// Years of experience the level asks for: `2-5 years`, `5+ years`.
fn experience(level: Level) -> String {
    match level.years() {
        (min, Some(max)) => format!("{min}-{max} years"),
        (min, None) => format!("{min}+ years"),
    }
}

/// Characters XML 1.0 allows; anything else (NUL, most control characters) is dropped.
fn xml_char(c: &char) -> bool {
    matches!(*c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// `text` escaped for XML element content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().filter(xml_char) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// `text` in a CDATA section; a `]]>` inside is split across two sections.
fn cdata(text: &str) -> String {
    let clean: String = text.chars().filter(xml_char).collect();
    format!("<![CDATA[{}]]>", clean.replace("]]>", "]]]]><![CDATA[>"))
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};
    use uuid::Uuid;

    use super::super::jsonld::fixtures::{berlin, config, remote};
    use super::{atom_feed, cdata, escape, job_feed, sitemap};

    fn built() -> chrono::DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 5, 8, 0, 0).single().expect("a time")
    }

    #[test]
    fn job_feed_matches_the_snapshot() {
        let channel = Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_3000);
        insta::assert_snapshot!(job_feed(&[berlin(), remote()], &config(), Some(channel), built()));
    }

    #[test]
    fn atom_feed_matches_the_snapshot() {
        insta::assert_snapshot!(atom_feed(&[berlin(), remote()], &config(), built()));
    }

    #[test]
    fn sitemap_matches_the_snapshot() {
        insta::assert_snapshot!(sitemap(&[berlin(), remote()], &config()));
    }

    #[test]
    fn empty_feeds_are_still_well_formed() {
        assert!(job_feed(&[], &config(), None, built()).ends_with("</lastBuildDate>\n</source>\n"));
        assert!(atom_feed(&[], &config(), built()).contains("<updated>2026-11-05T08:00:00Z</updated>"));
        assert!(sitemap(&[], &config()).contains("<url><loc>https://jobs.example.com/careers</loc></url>"));
    }

    #[test]
    fn text_cannot_break_out_of_its_element() {
        assert_eq!(escape("a<b>&\"c'\u{0}"), "a&lt;b&gt;&amp;&quot;c&apos;");
        assert_eq!(cdata("x]]><y>\u{1}"), "<![CDATA[x]]]]><![CDATA[><y>]]>");
    }
}
