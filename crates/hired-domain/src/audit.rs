//! Audit events: who changed what, when, with before and after values.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One changed field: its value before and after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldChange {
    /// Field name.
    pub field: String,
    /// Value before (null when created).
    pub before: Value,
    /// Value after (null when deleted).
    pub after: Value,
}

/// The fields that differ between two JSON snapshots of a record, top level only.
pub fn diff(before: &Value, after: &Value) -> Vec<FieldChange> {
    let empty = serde_json::Map::new();
    let before_map = before.as_object().unwrap_or(&empty);
    let after_map = after.as_object().unwrap_or(&empty);
    let mut keys: Vec<&String> = before_map.keys().chain(after_map.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter_map(|k| {
            let b = before_map.get(k).cloned().unwrap_or(Value::Null);
            let a = after_map.get(k).cloned().unwrap_or(Value::Null);
            (a != b).then(|| FieldChange { field: k.clone(), before: b, after: a })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn diff_lists_only_changed_fields() {
        let changes = diff(&json!({"a": 1, "b": 2}), &json!({"a": 1, "b": 3, "c": true}));
        assert_eq!(changes.len(), 2);
        assert_eq!(changes[0], FieldChange { field: "b".into(), before: json!(2), after: json!(3) });
        assert_eq!(changes[1].before, Value::Null);
    }
}
