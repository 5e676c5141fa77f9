//! `GET /careers`: the open postings, filtered by department, location, remote policy, level
//! and employment type, searched by title, 20 to a page. A plain GET form, so it works
//! without JavaScript and every filtered page has its own address.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use hired_domain::DepartmentId;
use hired_domain::requisition::{EmploymentType, Level, RemotePolicy};
use hired_store::{CareersFacets, PostingFilter, PostingListItem};
use uuid::Uuid;

use super::posting::location_label;
use crate::error::AppResult;
use crate::state::AppState;

const PER_PAGE: u64 = 20;

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/careers", get(list))
}

/// The list's query string as sent; values that do not parse are ignored.
#[derive(Debug, Default)]
struct ListQuery {
    q: String,
    department: String,
    location: String,
    remote: String,
    level: String,
    employment_type: String,
    page: String,
}

impl ListQuery {
    /// Reads the query's pairs; when a parameter repeats, its first value counts.
    fn from_pairs(pairs: &[(String, String)]) -> Self {
        let first = |key: &str| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()).unwrap_or_default();
        Self {
            q: first("q"),
            department: first("department"),
            location: first("location"),
            remote: first("remote"),
            level: first("level"),
            employment_type: first("type"),
            page: first("page"),
        }
    }
}

/// The filters in force, parsed.
#[derive(Debug, Default, PartialEq)]
struct Filters {
    q: String,
    department: Option<Uuid>,
    location: String,
    remote: Option<RemotePolicy>,
    level: Option<Level>,
    employment_type: Option<EmploymentType>,
}

impl Filters {
    fn parse(query: &ListQuery) -> Self {
        Self {
            q: query.q.trim().chars().take(100).collect(),
            department: Uuid::parse_str(query.department.trim()).ok(),
            location: query.location.trim().chars().take(100).collect(),
            remote: RemotePolicy::parse(query.remote.trim()),
            level: Level::parse(query.level.trim()),
            employment_type: EmploymentType::parse(query.employment_type.trim()),
        }
    }

    fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    fn store_filter(&self) -> PostingFilter {
        let text = |s: &str| (!s.is_empty()).then(|| s.to_owned());
        PostingFilter {
            department: self.department.map(DepartmentId),
            city: text(&self.location),
            remote: self.remote.map(|r| r.as_str().to_owned()),
            level: self.level.map(|l| l.as_str().to_owned()),
            employment_type: self.employment_type.map(|t| t.as_str().to_owned()),
            text: text(&self.q),
        }
    }

    /// This list's address at `page` (from 1), keeping every filter.
    fn url(&self, page: u64) -> String {
        let department = self.department.map(|d| d.to_string()).unwrap_or_default();
        let page = if page > 1 { page.to_string() } else { String::new() };
        let pairs: Vec<(&str, &str)> = [
            ("q", self.q.as_str()),
            ("department", &department),
            ("location", &self.location),
            ("remote", self.remote.map_or("", |r| r.as_str())),
            ("level", self.level.map_or("", |l| l.as_str())),
            ("type", self.employment_type.map_or("", |t| t.as_str())),
            ("page", &page),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .collect();
        if pairs.is_empty() {
            return "/careers".to_owned();
        }
        format!("/careers?{}", serde_html_form::to_string(pairs).unwrap_or_default())
    }
}

/// One `<select>` of the filter form.
struct Select {
    name: &'static str,
    label: &'static str,
    any: &'static str,
    options: Vec<Choice>,
}

struct Choice {
    value: String,
    label: String,
    selected: bool,
}

fn choices<'a>(items: impl IntoIterator<Item = (String, &'a str)>, current: &str) -> Vec<Choice> {
    items
        .into_iter()
        .map(|(value, label)| Choice { selected: value == current, label: label.to_owned(), value })
        .collect()
}

fn selects(filters: &Filters, facets: &CareersFacets) -> Vec<Select> {
    let department = filters.department.map(|d| d.to_string()).unwrap_or_default();
    let keyed = |key: &'static str, label: &'static str| (key.to_owned(), label);
    vec![
        Select {
            name: "department",
            label: "Department",
            any: "All departments",
            options: choices(facets.departments.iter().map(|(id, name)| (id.to_string(), name.as_str())), &department),
        },
        Select {
            name: "location",
            label: "Location",
            any: "All locations",
            options: choices(facets.cities.iter().map(|c| (c.clone(), c.as_str())), &filters.location),
        },
        Select {
            name: "remote",
            label: "Workplace",
            any: "On-site, hybrid or remote",
            options: choices(
                RemotePolicy::ALL.iter().map(|r| keyed(r.as_str(), r.label())),
                filters.remote.map_or("", |r| r.as_str()),
            ),
        },
        Select {
            name: "level",
            label: "Level",
            any: "All levels",
            options: choices(
                Level::ALL.iter().map(|l| keyed(l.as_str(), l.label())),
                filters.level.map_or("", |l| l.as_str()),
            ),
        },
        Select {
            name: "type",
            label: "Employment type",
            any: "All types",
            options: choices(
                EmploymentType::ALL.iter().map(|t| keyed(t.as_str(), t.label())),
                filters.employment_type.map_or("", |t| t.as_str()),
            ),
        },
    ]
}

struct Row {
    slug: String,
    title: String,
    department: Option<String>,
    location: String,
    level: &'static str,
    employment_type: &'static str,
}

impl From<PostingListItem> for Row {
    fn from(item: PostingListItem) -> Self {
        let remote = RemotePolicy::parse(&item.remote).unwrap_or(RemotePolicy::Onsite);
        Row {
            location: location_label(item.city.as_deref(), &item.country, remote),
            level: Level::parse(&item.level).map_or("", Level::label),
            employment_type: EmploymentType::parse(&item.employment_type).map_or("", EmploymentType::label),
            slug: item.slug,
            title: item.title,
            department: item.department,
        }
    }
}

#[derive(Template)]
#[template(path = "careers/list.html")]
struct ListPage {
    company_name: String,
    q: String,
    selects: Vec<Select>,
    filtered: bool,
    rows: Vec<Row>,
    total: i64,
    page: u64,
    pages: u64,
    first_url: String,
    prev_url: Option<String>,
    next_url: Option<String>,
}

/// `GET /careers?q=…&department=…&location=…&remote=…&level=…&type=…&page=…`.
async fn list(State(state): State<AppState>, Query(pairs): Query<Vec<(String, String)>>) -> AppResult<Response> {
    let query = ListQuery::from_pairs(&pairs);
    let filters = Filters::parse(&query);
    let page = query.page.trim().parse::<u64>().unwrap_or(1).clamp(1, 10_000);
    let (items, total) = state.store.list_live_postings(&filters.store_filter(), page - 1, PER_PAGE).await?;
    let facets = state.store.careers_facets().await?;
    let pages = u64::try_from(total).unwrap_or(0).div_ceil(PER_PAGE);
    let view = ListPage {
        company_name: state.config.company_name.clone(),
        selects: selects(&filters, &facets),
        filtered: !filters.is_empty(),
        rows: items.into_iter().map(Row::from).collect(),
        total,
        page,
        pages,
        first_url: filters.url(1),
        prev_url: (page > 1).then(|| filters.url((page - 1).min(pages.max(1)))),
        next_url: (page < pages).then(|| filters.url(page + 1)),
        q: filters.q,
    };
    Ok(Html(view.render()?).into_response())
}

#[cfg(test)]
mod tests {
    use super::{Filters, ListQuery};

    #[test]
    fn unknown_filter_values_are_ignored() {
        let query = ListQuery {
            department: "sales".into(),
            remote: "sometimes".into(),
            level: "senior".into(),
            ..ListQuery::default()
        };
        let filters = Filters::parse(&query);
        assert_eq!((filters.department, filters.remote), (None, None));
        assert_eq!(filters.level, Some(hired_domain::requisition::Level::Senior));
    }

    #[test]
    fn a_repeated_parameter_counts_once() {
        let pairs: Vec<(String, String)> =
            [("q", "rust"), ("q", "go"), ("type", "contract")].map(|(k, v)| (k.to_owned(), v.to_owned())).to_vec();
        let query = ListQuery::from_pairs(&pairs);
        assert_eq!((query.q.as_str(), query.employment_type.as_str(), query.page.as_str()), ("rust", "contract", ""));
    }

    #[test]
    fn page_links_keep_every_filter() {
        let query = ListQuery {
            q: " django & rust ".into(),
            location: "São Paulo".into(),
            remote: "remote".into(),
            employment_type: "full_time".into(),
            ..ListQuery::default()
        };
        let filters = Filters::parse(&query);
        assert_eq!(filters.url(1), "/careers?q=django+%26+rust&location=S%C3%A3o+Paulo&remote=remote&type=full_time");
        assert!(filters.url(3).ends_with("&type=full_time&page=3"));
        assert_eq!(Filters::default().url(1), "/careers");
    }
}
