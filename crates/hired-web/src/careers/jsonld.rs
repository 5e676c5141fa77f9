//! schema.org `JobPosting` structured data for a posting page: every property Google for Jobs
//! requires and the ones it recommends, built from the posting and its requisition.

use chrono::{NaiveDate, SecondsFormat};
use hired_domain::posting::PostingSpec;
use hired_domain::requisition::{EmploymentType, RemotePolicy};
use hired_domain::{PayPeriod, SalaryBand};
use hired_store::LivePosting;
use serde_json::{Map, Value, json};

use super::markdown;
use super::posting::absolute_url;
use crate::state::WebConfig;

/// The `JobPosting` document for `live`: on-site and hybrid roles carry a `jobLocation`, remote
/// ones `jobLocationType: TELECOMMUTE` with the countries applicants may live in; the salary
/// band only when the recruiter chose to show it.
pub(crate) fn job_posting(live: &LivePosting, config: &WebConfig) -> Value {
    let posting = &live.posting;
    let spec = &posting.spec;
    let role = &live.requisition.spec;
    let mut doc = json!({
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": spec.title,
        "description": markdown::render(&spec.description),
        "datePosted": posting.published_at.unwrap_or(posting.updated_at).to_rfc3339_opts(SecondsFormat::Secs, true),
        "validThrough": end_of_day(spec.valid_through),
        "employmentType": employment_type(role.employment_type),
        "hiringOrganization": {
            "@type": "Organization",
            "name": config.company_name,
            "sameAs": config.public_url,
        },
        "identifier": {
            "@type": "PropertyValue",
            "name": config.company_name,
            "value": posting.id.to_string(),
        },
        "directApply": true,
        "url": absolute_url(config, &posting.slug),
    });
    match role.remote {
        RemotePolicy::Remote => {
            doc["jobLocationType"] = json!("TELECOMMUTE");
            doc["applicantLocationRequirements"] = applicant_countries(spec);
        }
        RemotePolicy::Onsite | RemotePolicy::Hybrid => doc["jobLocation"] = place(spec),
    }
    if spec.show_salary
        && let Some(band) = &role.salary
    {
        doc["baseSalary"] = base_salary(band);
    }
    doc
}

/// `doc` as the text of a `<script type="application/ld+json">` element: `<`, `>` and `&`
/// are written as JSON escapes, so no value can close the element or open a comment.
pub(crate) fn script_text(doc: &Value) -> String {
    doc.to_string().replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

/// The last moment of the last day applications are taken, in UTC.
fn end_of_day(day: NaiveDate) -> String {
    format!("{day}T23:59:59Z")
}

fn employment_type(kind: EmploymentType) -> &'static str {
    match kind {
        EmploymentType::FullTime => "FULL_TIME",
        EmploymentType::PartTime => "PART_TIME",
        EmploymentType::Contract | EmploymentType::Freelance => "CONTRACTOR",
    }
}

fn place(spec: &PostingSpec) -> Value {
    let mut address = Map::new();
    address.insert("@type".into(), json!("PostalAddress"));
    let parts = [("addressLocality", &spec.city), ("addressRegion", &spec.region), ("postalCode", &spec.postal_code)];
    for (key, value) in parts {
        if let Some(value) = value {
            address.insert(key.into(), json!(value));
        }
    }
    address.insert("addressCountry".into(), json!(spec.country));
    json!({ "@type": "Place", "address": address })
}

/// Google requires at least one country for remote roles; a posting open to applicants
/// anywhere names the country the company hires from.
fn applicant_countries(spec: &PostingSpec) -> Value {
    let codes = if spec.applicant_countries.is_empty() {
        std::slice::from_ref(&spec.country)
    } else {
        spec.applicant_countries.as_slice()
    };
    codes.iter().map(|code| json!({ "@type": "Country", "name": code })).collect()
}

fn base_salary(band: &SalaryBand) -> Value {
    let unit = match band.period {
        PayPeriod::Year => "YEAR",
        PayPeriod::Month => "MONTH",
        PayPeriod::Hour => "HOUR",
    };
    json!({
        "@type": "MonetaryAmount",
        "currency": band.currency.as_str(),
        "value": {
            "@type": "QuantitativeValue",
            "minValue": major_units(band.min_minor),
            "maxValue": major_units(band.max_minor),
            "unitText": unit,
        },
    })
}

/// Whole units as an integer when there are no cents, so `95000` rather than `95000.0`.
fn major_units(minor: i64) -> Value {
    if minor % 100 == 0 { json!(minor / 100) } else { json!(minor as f64 / 100.0) }
}

/// Fixed postings for the structured-data and feed tests: fixed ids, dates and text.
#[cfg(test)]
pub(super) mod fixtures {
    use chrono::{NaiveDate, TimeZone, Utc};
    use hired_domain::posting::{Posting, PostingSpec};
    use hired_domain::requisition::{EmploymentType, Level, RemotePolicy, Requisition, RequisitionStatus};
    use hired_domain::templates::django_backend;
    use hired_domain::{PostingId, RequisitionId, SalaryBand, UserId};
    use hired_store::LivePosting;
    use uuid::Uuid;

    use crate::state::WebConfig;

    /// The settings the fixtures are published under.
    pub(in crate::careers) fn config() -> WebConfig {
        WebConfig {
            public_url: "https://jobs.example.com".into(),
            company_name: "Acme & Sons".into(),
            ..WebConfig::default()
        }
    }

    /// A hybrid full-time senior role in Berlin with its salary shown.
    pub(in crate::careers) fn berlin() -> LivePosting {
        let spec = PostingSpec {
            title: "Senior Django Developer <Berlin>".into(),
            description: "## The role\n\nBuild **APIs** & ship.\n\n<script>alert(1)</script>".into(),
            city: Some("Berlin".into()),
            region: Some("Berlin".into()),
            country: "DE".into(),
            postal_code: Some("10115".into()),
            applicant_countries: Vec::new(),
            show_salary: true,
            valid_through: NaiveDate::from_ymd_opt(2026, 12, 31).expect("a date"),
            channels: Vec::new(),
        };
        live(1, "senior-django-developer-berlin-000001", spec, RemotePolicy::Hybrid, EmploymentType::FullTime)
    }

    /// A remote contract role open to applicants in Portugal and Spain, salary hidden.
    pub(in crate::careers) fn remote() -> LivePosting {
        let spec = PostingSpec {
            title: "Backend Engineer (Remote)".into(),
            description: "Work from home. See [our handbook](https://example.com/handbook).".into(),
            city: None,
            region: None,
            country: "PT".into(),
            postal_code: None,
            applicant_countries: vec!["PT".into(), "ES".into()],
            show_salary: false,
            valid_through: NaiveDate::from_ymd_opt(2026, 11, 30).expect("a date"),
            channels: Vec::new(),
        };
        live(2, "backend-engineer-remote-000002", spec, RemotePolicy::Remote, EmploymentType::Contract)
    }

    fn live(n: u128, slug: &str, spec: PostingSpec, remote: RemotePolicy, kind: EmploymentType) -> LivePosting {
        let published = Utc.with_ymd_and_hms(2026, 11, 2, 9, 30, 0).single().expect("a time");
        let updated = Utc.with_ymd_and_hms(2026, 11, 3, 14, 0, 0).single().expect("a time");
        let mut role = django_backend().spec;
        role.remote = remote;
        role.employment_type = kind;
        role.level = Level::Senior;
        role.salary = Some(SalaryBand::yearly_usd(130_000, 180_000));
        let requisition = Requisition {
            id: RequisitionId(Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0000 + n)),
            spec: role,
            status: RequisitionStatus::Open,
            stages: Vec::new(),
            created_by: UserId(Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_1000)),
            created_at: published,
            updated_at: published,
            version: 2,
        };
        let posting = Posting {
            id: PostingId(Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_2000 + n)),
            requisition_id: requisition.id,
            slug: slug.into(),
            spec,
            published: true,
            published_at: Some(published),
            updated_at: updated,
            version: 1,
        };
        LivePosting { posting, requisition, department: Some("Engineering".into()) }
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::{berlin, config, remote};
    use serde_json::Value;

    use super::{job_posting, script_text};

    #[test]
    fn onsite_posting_structured_data_matches_the_snapshot() {
        insta::assert_snapshot!(serde_json::to_string_pretty(&job_posting(&berlin(), &config())).expect("json"));
    }

    #[test]
    fn remote_posting_structured_data_matches_the_snapshot() {
        insta::assert_snapshot!(serde_json::to_string_pretty(&job_posting(&remote(), &config())).expect("json"));
    }

    #[test]
    fn structured_data_carries_every_property_google_for_jobs_requires_and_recommends() {
        for live in [berlin(), remote()] {
            let doc = job_posting(&live, &config());
            let has = |key: &str| {
                doc.get(key).is_some_and(|v| match v {
                    Value::Null => false,
                    Value::String(s) => !s.is_empty(),
                    Value::Array(items) => !items.is_empty(),
                    _ => true,
                })
            };
            for required in ["title", "description", "datePosted", "hiringOrganization"] {
                assert!(has(required), "{required} missing for {}", live.posting.slug);
            }
            let located =
                has("jobLocation") || (doc["jobLocationType"] == "TELECOMMUTE" && has("applicantLocationRequirements"));
            assert!(located, "no location for {}", live.posting.slug);
            for recommended in ["validThrough", "employmentType", "identifier", "directApply"] {
                assert!(has(recommended), "{recommended} missing for {}", live.posting.slug);
            }
            assert_eq!(doc["hiringOrganization"]["name"], "Acme & Sons");
            assert_eq!(doc["directApply"], true);
        }
        let shown = job_posting(&berlin(), &config());
        assert_eq!(shown["baseSalary"]["@type"], "MonetaryAmount");
        assert_eq!(shown["baseSalary"]["value"]["minValue"], 130_000);
        assert!(job_posting(&remote(), &config()).get("baseSalary").is_none(), "a hidden salary stays hidden");
    }

    #[test]
    fn a_remote_role_open_anywhere_still_names_a_country() {
        let mut live = remote();
        live.posting.spec.applicant_countries.clear();
        let doc = job_posting(&live, &config());
        assert_eq!(doc["applicantLocationRequirements"], serde_json::json!([{ "@type": "Country", "name": "PT" }]));
    }

    #[test]
    fn script_text_cannot_close_its_element() {
        let mut live = berlin();
        live.posting.spec.title = "</script><script>alert(1)</script> & <!--".into();
        let text = script_text(&job_posting(&live, &config()));
        assert!(!text.contains('<') && !text.contains('>'), "{text}");
        let back: serde_json::Value = serde_json::from_str(&text).expect("still JSON");
        assert_eq!(back["title"], "</script><script>alert(1)</script> & <!--");
    }
}
