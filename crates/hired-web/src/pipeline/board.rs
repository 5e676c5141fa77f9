//! `GET /requisitions/{id}/board` and one column's full, paginated list.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use chrono::Utc;
use std::collections::HashMap;

use hired_domain::authz::Action;
use hired_domain::pipeline::StageDef;
use hired_domain::requisition::Requisition;
use hired_domain::{ApplicationId, RequisitionId};
use hired_store::{ApplicationCard, BoardColumn, Cursor};
use serde::Deserialize;
use uuid::Uuid;

use crate::auth::{Staff, may, require_on_requisition};
use crate::error::{AppError, AppResult};
use crate::matching::applicants;
use crate::requisitions::parse_id;
use crate::state::AppState;
use crate::views::{PageCtx, day, render};

/// Cards shown per column before "show all"; keeps the page small at any pipeline size.
const CARDS_PER_COLUMN: u64 = 25;

/// Cards per column scored when the board is sorted by match; a column longer than this is
/// ranked among its most recently moved applications.
const MATCH_SORT_DEPTH: u64 = 5_000;

/// A card as the board shows it.
pub struct Card {
    app: ApplicationCard,
    meta: String,
    /// `true` when a screening knockout failed: recruiters see it at a glance.
    knockout: bool,
    /// Match score against the requisition, when the candidate has a profile.
    score: Option<u8>,
}

impl Card {
    fn new(app: ApplicationCard) -> Self {
        let days = (Utc::now() - app.updated_at).num_days().max(0);
        let since = match days {
            0 => "today".to_owned(),
            1 => "1 day in stage".to_owned(),
            n => format!("{n} days in stage"),
        };
        let meta = [app.source.as_deref(), app.status_reason.as_deref(), Some(since.as_str())]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
        let knockout = app.meets_requirements == Some(false);
        Self { app, meta, knockout, score: None }
    }
}

struct Column {
    col: BoardColumn,
    cards: Vec<Card>,
}

#[derive(Template)]
#[template(path = "pipeline/board.html")]
struct BoardPage {
    ctx: PageCtx,
    req: Requisition,
    columns: Vec<Column>,
    stages: Vec<StageDef>,
    reasons: Vec<String>,
    can_move: bool,
    total: i64,
    by_match: bool,
    /// Why there are no match scores, when the requisition cannot rank anyone.
    no_scores: Option<String>,
}

#[derive(Deserialize, Default)]
pub(super) struct BoardQuery {
    /// `match` sorts every column best match first; otherwise most recently moved first.
    #[serde(default)]
    sort: String,
}

/// The board: every column with its count and most recently moved cards (two queries), each
/// card with its match score; sorted by match, each column shows its best matches instead.
pub(super) async fn board(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
    Query(q): Query<BoardQuery>,
) -> AppResult<Response> {
    let id: RequisitionId = parse_id(&id, "requisition")?;
    require_on_requisition(&state, &staff.user, Action::ViewRequisition, id).await?;
    let req = state.store.requisition(id).await?;
    let by_match = q.sort == "match";
    let depth = if by_match { MATCH_SORT_DEPTH } else { CARDS_PER_COLUMN };
    let board = state.store.board(&req, depth).await?;
    let mut columns: Vec<Column> = board
        .into_iter()
        .map(|mut col| {
            let cards = std::mem::take(&mut col.cards).into_iter().map(Card::new).collect();
            Column { col, cards }
        })
        .collect();
    let no_scores = add_scores(&state, &req, &mut columns).await?;
    if by_match {
        for column in &mut columns {
            column.cards.sort_by_key(|card| std::cmp::Reverse(card.score));
            column.cards.truncate(CARDS_PER_COLUMN as usize);
        }
    }
    let page = BoardPage {
        ctx: PageCtx::new(&staff, "requisitions"),
        total: columns.iter().map(|c| c.col.count).sum(),
        stages: req.stages.clone(),
        reasons: state.store.rejection_reasons().await?,
        can_move: may(&staff.user, Action::MoveApplication) && req.status.accepts_candidates(),
        columns,
        by_match,
        no_scores,
        req,
    };
    render(&page.ctx, &page)
}

/// Scores the cards on the board; `Some(why)` when the requisition cannot rank anyone.
async fn add_scores(state: &AppState, req: &Requisition, columns: &mut [Column]) -> AppResult<Option<String>> {
    let ids: Vec<ApplicationId> =
        columns.iter().flat_map(|c| c.cards.iter().map(|card| ApplicationId(card.app.id))).collect();
    let applicants = state.store.applicants(req.id, Some(&ids)).await?;
    let scored = match applicants::score(&req.spec, applicants) {
        Ok(scored) => scored,
        Err(why) => return Ok(Some(applicants::unranked_reason(&why))),
    };
    let scores: HashMap<Uuid, u8> =
        scored.iter().filter_map(|s| Some((s.applicant.application.0, s.matched.as_ref()?.score))).collect();
    for card in columns.iter_mut().flat_map(|c| c.cards.iter_mut()) {
        card.score = scores.get(&card.app.id).copied();
    }
    Ok(None)
}

#[derive(Deserialize, Default)]
pub(super) struct ColumnQuery {
    #[serde(default)]
    cursor: String,
}

#[derive(Template)]
#[template(path = "pipeline/column.html")]
struct ColumnPage {
    ctx: PageCtx,
    req: Requisition,
    column_name: String,
    cards: Vec<(Card, String)>,
    next_url: Option<String>,
}

/// Every application in one column, paginated.
pub(super) async fn column(
    State(state): State<AppState>,
    staff: Staff,
    Path((id, column)): Path<(String, String)>,
    Query(q): Query<ColumnQuery>,
) -> AppResult<Response> {
    let id: RequisitionId = parse_id(&id, "requisition")?;
    require_on_requisition(&state, &staff.user, Action::ViewRequisition, id).await?;
    let req = state.store.requisition(id).await?;
    let column_name = match column.as_str() {
        "rejected" => "Rejected".to_owned(),
        "withdrawn" => "Withdrawn".to_owned(),
        key => req.stages.iter().find(|s| s.key == key).map(|s| s.name.clone()).ok_or(AppError::NotFound("column"))?,
    };
    let cursor = match q.cursor.as_str() {
        "" => None,
        raw => Some(Cursor::decode(raw).ok_or_else(|| AppError::BadRequest("that page link is broken".into()))?),
    };
    let page = state.store.list_applications(id, Some(&column), cursor, 100).await?;
    let next_url = page.next_cursor.map(|c| format!("/requisitions/{id}/board/{column}?cursor={c}"));
    let cards = page
        .items
        .into_iter()
        .map(|a| {
            let applied = day(&a.created_at);
            (Card::new(a), applied)
        })
        .collect();
    let view = ColumnPage { ctx: PageCtx::new(&staff, "requisitions"), req, column_name, cards, next_url };
    render(&view.ctx, &view)
}
