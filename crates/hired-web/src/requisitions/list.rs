//! `GET /requisitions`: every requisition the caller may see, filterable and paginated.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use hired_domain::authz::{Action, ListScope, list_scope};
use hired_domain::requisition::{Level, RequisitionStatus};
use hired_store::{Cursor, RequisitionFilter, RequisitionListItem};
use serde::Deserialize;

use crate::auth::{Staff, require};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::views::{PageCtx, day, render, urlencode};

#[derive(Deserialize, Default)]
pub(super) struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    level: String,
    #[serde(default)]
    cursor: String,
}

#[derive(Template)]
#[template(path = "requisitions/list.html")]
struct ListPage {
    ctx: PageCtx,
    rows: Vec<Row>,
    q: String,
    status: String,
    level: String,
    statuses: &'static [RequisitionStatus],
    levels: &'static [Level],
    next_url: Option<String>,
    filtered: bool,
}

struct Row {
    item: RequisitionListItem,
    status_label: &'static str,
    level_label: &'static str,
    updated: String,
}

pub(super) async fn list(
    State(state): State<AppState>,
    staff: Staff,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    require(&staff.user, Action::Browse)?;
    let cursor = match q.cursor.as_str() {
        "" => None,
        raw => Some(
            Cursor::decode(raw)
                .ok_or_else(|| AppError::BadRequest("that page link is broken; start from the first page".into()))?,
        ),
    };
    let filter = RequisitionFilter {
        team_member: (list_scope(staff.user.role) == ListScope::MyTeams).then_some(staff.user.id),
        status: RequisitionStatus::parse(&q.status),
        level: Level::parse(&q.level),
        text: Some(q.q.clone()),
    };
    let page = state.store.list_requisitions(&filter, cursor, 50).await?;
    let next_url = page
        .next_cursor
        .map(|c| format!("/requisitions?q={}&status={}&level={}&cursor={c}", urlencode(&q.q), q.status, q.level));
    let rows = page
        .items
        .into_iter()
        .map(|item| Row {
            status_label: RequisitionStatus::parse(&item.status).map_or("", |s| s.label()),
            level_label: Level::parse(&item.level).map_or("", |l| l.label()),
            updated: day(&item.updated_at),
            item,
        })
        .collect();
    let view = ListPage {
        ctx: PageCtx::new(&staff, "requisitions"),
        rows,
        filtered: !q.q.is_empty() || filter.status.is_some() || filter.level.is_some(),
        q: q.q,
        status: q.status,
        level: q.level,
        statuses: RequisitionStatus::ALL,
        levels: Level::ALL,
        next_url,
    };
    render(&view.ctx, &view)
}
