//! The staff dashboard: what needs attention across the caller's requisitions.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use hired_domain::authz::{Action, ListScope, list_scope};
use hired_domain::requisition::{Level, RequisitionStatus};
use hired_store::{RequisitionFilter, RequisitionListItem};

use crate::auth::{Staff, require};
use crate::error::AppResult;
use crate::state::AppState;
use crate::views::{PageCtx, render};

/// `GET /`.
pub fn router() -> Router<AppState> {
    Router::new().route("/", get(show))
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    ctx: PageCtx,
    first_name: String,
    open: Vec<(RequisitionListItem, &'static str)>,
    open_count: usize,
    active_applications: i64,
    total_applications: i64,
    draft_count: usize,
}

async fn show(State(state): State<AppState>, staff: Staff) -> AppResult<Response> {
    require(&staff.user, Action::Browse)?;
    let team_member = (list_scope(staff.user.role) == ListScope::MyTeams).then_some(staff.user.id);
    let filter = RequisitionFilter { team_member, ..Default::default() };
    let all = state.store.list_requisitions(&filter, None, 200).await?.items;
    let open: Vec<RequisitionListItem> =
        all.iter().filter(|r| r.status == RequisitionStatus::Open.as_str()).cloned().collect();
    let open_rows = open.iter().map(|r| (r.clone(), Level::parse(&r.level).map_or("", |l| l.label()))).collect();
    let page = DashboardPage {
        ctx: PageCtx::new(&staff, "dashboard"),
        first_name: staff.user.name.split_whitespace().next().unwrap_or("").to_owned(),
        open_count: open.len(),
        active_applications: open.iter().map(|r| r.active_count).sum(),
        total_applications: all.iter().map(|r| r.total_count).sum(),
        draft_count: all.iter().filter(|r| r.status == RequisitionStatus::Draft.as_str()).count(),
        open: open_rows,
    };
    render(&page.ctx, &page)
}
