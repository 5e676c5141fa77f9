//! `/admin/audit`: the audit log browser — who changed what, on which record,
//! when, with each field's value before and after; newest first, filterable by
//! record type, action and actor, paginated by cursor.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use hired_domain::audit::FieldChange;
use hired_domain::authz::Action;
use hired_domain::user::User;
use hired_store::{AuditEntry, AuditFilter, Cursor};
use serde::Deserialize;
use serde_json::Value;
use uuid::Uuid;

use super::truncate;
use crate::auth::{Staff, require};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::views::urlencode;
use crate::views::{PageCtx, render, when};

/// Entries per page.
const PAGE_SIZE: u64 = 50;

/// Longest value shown in full; longer ones are cut with an ellipsis.
const VALUE_CHARS: usize = 80;

/// Record types offered in the filter.
const ENTITY_TYPES: &[(&str, &str)] =
    &[("requisition", "Requisitions"), ("candidate", "Candidates"), ("application", "Applications"), ("user", "Users")];

/// Actions suggested in the filter (any action can be typed).
const KNOWN_ACTIONS: &[&str] = &[
    "requisition.create",
    "requisition.update",
    "requisition.status",
    "requisition.team_add",
    "requisition.team_remove",
    "candidate.create",
    "candidate.update",
    "candidate.note",
    "candidate.attach",
    "application.create",
    "application.move",
    "user.create",
    "user.access",
];

/// The filter form and the page position, as in the address bar.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct AuditQuery {
    entity_type: String,
    action: String,
    actor: String,
    entity: String,
    cursor: String,
}

impl AuditQuery {
    fn filter(&self) -> AppResult<AuditFilter> {
        let id = |raw: &str, what: &str| match raw.trim() {
            "" => Ok(None),
            text => Uuid::parse_str(text).map(Some).map_err(|_| AppError::BadRequest(format!("unknown {what} id"))),
        };
        let text = |raw: &str| Some(raw.trim().to_owned()).filter(|t| !t.is_empty());
        Ok(AuditFilter {
            actor_id: id(&self.actor, "actor")?,
            entity_type: text(&self.entity_type),
            entity_id: id(&self.entity, "record")?,
            action: text(&self.action),
        })
    }

    /// This page's address with `cursor`, keeping the filters.
    fn url_with_cursor(&self, cursor: &str) -> String {
        format!(
            "/admin/audit?entity_type={}&action={}&actor={}&entity={}&cursor={cursor}",
            urlencode(self.entity_type.trim()),
            urlencode(self.action.trim()),
            urlencode(self.actor.trim()),
            urlencode(self.entity.trim()),
        )
    }
}

#[derive(Template)]
#[template(path = "admin/audit.html")]
struct AuditPage {
    ctx: PageCtx,
    rows: Vec<EntryRow>,
    query: AuditQuery,
    entity_types: Vec<(String, String)>,
    actions: &'static [&'static str],
    actors: Vec<User>,
    filtered: bool,
    first_page: bool,
    next_url: Option<String>,
}

struct EntryRow {
    when: String,
    actor_name: String,
    actor_email: String,
    actor_id: Option<Uuid>,
    action: String,
    record: Option<Record>,
    changes: Vec<ChangeRow>,
}

/// The record an entry is about, with a link to it where one exists.
struct Record {
    kind: String,
    id: Uuid,
    short_id: String,
    href: Option<String>,
}

struct ChangeRow {
    field: String,
    before: String,
    after: String,
}

/// `GET /admin/audit`.
pub(super) async fn list(
    State(state): State<AppState>,
    staff: Staff,
    Query(query): Query<AuditQuery>,
) -> AppResult<Response> {
    require(&staff.user, Action::ViewAuditLog)?;
    let filter = query.filter()?;
    let cursor =
        match query.cursor.as_str() {
            "" => None,
            raw => Some(Cursor::decode(raw).ok_or_else(|| {
                AppError::BadRequest("that page link is broken; start again from the first page".into())
            })?),
        };
    let page = state.store.audit_log(&filter, cursor, PAGE_SIZE).await?;
    let actors = state.store.list_users().await?;
    let mut entity_types: Vec<(String, String)> =
        ENTITY_TYPES.iter().map(|(key, label)| ((*key).to_owned(), (*label).to_owned())).collect();
    if let Some(other) = filter.entity_type.as_ref().filter(|t| !ENTITY_TYPES.iter().any(|(k, _)| k == *t)) {
        entity_types.push((other.clone(), other.clone()));
    }
    let view = AuditPage {
        ctx: PageCtx::new(&staff, "audit"),
        rows: page.items.iter().map(entry_row).collect(),
        next_url: page.next_cursor.map(|c| query.url_with_cursor(&c)),
        filtered: filter.actor_id.is_some()
            || filter.entity_type.is_some()
            || filter.entity_id.is_some()
            || filter.action.is_some(),
        first_page: cursor.is_none(),
        query,
        entity_types,
        actions: KNOWN_ACTIONS,
        actors,
    };
    render(&view.ctx, &view)
}

fn entry_row(entry: &AuditEntry) -> EntryRow {
    let (actor_name, actor_email) = match entry.actor_label.split_once(" <") {
        Some((name, email)) => (name.to_owned(), email.trim_end_matches('>').to_owned()),
        None => (entry.actor_label.clone(), String::new()),
    };
    let changes: Vec<FieldChange> = serde_json::from_value(entry.changes.clone()).unwrap_or_default();
    EntryRow {
        when: when(&entry.at),
        actor_name,
        actor_email,
        actor_id: entry.actor_id,
        action: entry.action.clone(),
        record: entry.entity_id.map(|id| Record {
            kind: entry.entity_type.clone(),
            short_id: id.simple().to_string().split_off(24),
            href: match entry.entity_type.as_str() {
                "requisition" => Some(format!("/requisitions/{id}")),
                "candidate" => Some(format!("/candidates/{id}")),
                "user" => Some(format!("/admin/users#user-{id}")),
                _ => None,
            },
            id,
        }),
        changes: changes
            .iter()
            .map(|c| ChangeRow {
                field: c.field.replace('_', " "),
                before: compact(&c.before),
                after: compact(&c.after),
            })
            .collect(),
    }
}

/// A JSON value as short text for people: strings bare, lists joined, objects as
/// compact JSON, empty values as a dash; long values cut.
fn compact(value: &Value) -> String {
    let text = match value {
        Value::Null => return "—".into(),
        Value::String(s) if s.trim().is_empty() => return "—".into(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => if *b { "yes" } else { "no" }.into(),
        Value::Number(n) => n.to_string(),
        Value::Array(items) if items.is_empty() => return "—".into(),
        Value::Array(items) if items.iter().all(|v| !v.is_array() && !v.is_object()) => {
            items.iter().map(compact).collect::<Vec<_>>().join(", ")
        }
        other => other.to_string(),
    };
    truncate(&text, VALUE_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_are_shown_compactly_and_long_ones_are_cut() {
        assert_eq!(compact(&json!(null)), "—");
        assert_eq!(compact(&json!("Backend Developer")), "Backend Developer");
        assert_eq!(compact(&json!(["Berlin", "Lisbon"])), "Berlin, Lisbon");
        assert_eq!(compact(&json!(true)), "yes");
        assert_eq!(compact(&json!({"min": 1})), r#"{"min":1}"#);
        let long = compact(&json!("x".repeat(500)));
        assert_eq!(long.chars().count(), VALUE_CHARS + 1);
        assert!(long.ends_with('…'));
    }

    #[test]
    fn bad_filter_ids_are_refused_and_empty_filters_are_ignored() {
        let query = AuditQuery { actor: "nope".into(), ..Default::default() };
        assert!(query.filter().is_err());
        let empty = AuditQuery { action: "  ".into(), ..Default::default() }.filter().unwrap();
        assert!(empty.action.is_none() && empty.actor_id.is_none());
    }
}
