//! `GET /candidates`: every candidate the caller may see, searchable by name
//! or email, a page at a time.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use hired_domain::authz::{Action, ListScope, list_scope};
use hired_store::{CandidateFilter, CandidateListItem, Cursor};
use serde::Deserialize;

use crate::auth::{Staff, may, require};
use crate::error::AppResult;
use crate::state::AppState;
use crate::views::{PageCtx, day, render};

const PAGE_SIZE: u64 = 50;

#[derive(Deserialize, Default)]
pub(super) struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    cursor: String,
}

struct Row {
    id: String,
    name: String,
    email: String,
    location: String,
    tags: Vec<String>,
    applications: i64,
    updated: String,
}

impl From<CandidateListItem> for Row {
    fn from(item: CandidateListItem) -> Self {
        Row {
            id: item.id.to_string(),
            tags: serde_json::from_value(item.tags).unwrap_or_default(),
            name: item.name,
            email: item.email.unwrap_or_default(),
            location: item.location.unwrap_or_default(),
            applications: item.application_count,
            updated: day(&item.updated_at),
        }
    }
}

#[derive(Template)]
#[template(path = "candidates/list.html")]
struct ListPage {
    ctx: PageCtx,
    q: String,
    rows: Vec<Row>,
    first_page: bool,
    first_url: String,
    next_url: Option<String>,
    can_create: bool,
    can_import: bool,
    team_scoped: bool,
}

/// `GET /candidates?q=…&cursor=…`; a cursor that does not decode starts from the first page.
pub(super) async fn list(
    State(state): State<AppState>,
    staff: Staff,
    Query(query): Query<ListQuery>,
) -> AppResult<Response> {
    require(&staff.user, Action::Browse)?;
    let team_scoped = list_scope(staff.user.role) == ListScope::MyTeams;
    let q = query.q.trim().to_owned();
    let filter =
        CandidateFilter { team_member: team_scoped.then_some(staff.user.id), text: (!q.is_empty()).then(|| q.clone()) };
    let cursor = Cursor::decode(&query.cursor);
    let page = state.store.list_candidates(&filter, cursor, PAGE_SIZE).await?;
    let next_url = page.next_cursor.map(|next| list_url(&q, &next));
    let view = ListPage {
        ctx: PageCtx::new(&staff, "candidates"),
        rows: page.items.into_iter().map(Row::from).collect(),
        first_page: cursor.is_none(),
        first_url: list_url(&q, ""),
        next_url,
        can_create: may(&staff.user, Action::CreateCandidate),
        can_import: may(&staff.user, Action::ImportCandidates),
        team_scoped,
        q,
    };
    render(&view.ctx, &view)
}

/// The list's address for search `q` from `cursor` (either may be empty).
fn list_url(q: &str, cursor: &str) -> String {
    let pairs: Vec<(&str, &str)> = [("q", q), ("cursor", cursor)].into_iter().filter(|(_, v)| !v.is_empty()).collect();
    if pairs.is_empty() {
        return "/candidates".to_owned();
    }
    format!("/candidates?{}", serde_html_form::to_string(pairs).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::list_url;

    #[test]
    fn list_urls_keep_the_search_and_encode_it() {
        assert_eq!(list_url("", ""), "/candidates");
        assert_eq!(list_url("ada l&c", "abc"), "/candidates?q=ada+l%26c&cursor=abc");
    }
}
