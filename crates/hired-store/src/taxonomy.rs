//! Skill aliases admins add to the built-in technology taxonomy ("Dj" for Django), which
//! resume intake reads with every document. Whether an alias makes sense for the taxonomy is
//! the caller's check (`hired_resume::taxonomy::Taxonomy::check_alias`); the store keeps them
//! trimmed, one per spelling whatever its case, and audits every change.

use chrono::{DateTime, Utc};
use hired_domain::audit::FieldChange;
use hired_domain::user::User;
use hired_domain::{Invalid, validation};
use sea_orm::{DbBackend, FromQueryResult};
use serde_json::{Value, json};

use crate::audit::NewAudit;
use crate::clock::now;
use crate::{Store, StoreError, StoreResult};

/// The longest alias or technology name kept, in characters (the taxonomy's own limit for
/// aliases is tighter).
const MAX_TEXT: usize = 200;

/// An alias added to the taxonomy, with who added it and when.
#[derive(Debug, Clone, PartialEq, Eq, FromQueryResult)]
pub struct TaxonomyAlias {
    /// The alias as written, trimmed ("Dj").
    pub alias: String,
    /// The canonical name of the technology it stands for ("Django").
    pub canonical: String,
    /// The name of the staff member who added it, if the account still exists.
    pub created_by: Option<String>,
    /// When it was added.
    pub created_at: DateTime<Utc>,
}

#[derive(FromQueryResult)]
struct Spelling {
    alias: String,
    canonical: String,
}

/// The case- and spacing-insensitive form two aliases are compared in.
fn alias_key(alias: &str) -> String {
    alias.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

impl Store {
    /// Every added alias, ordered by alias.
    pub async fn taxonomy_aliases(&self) -> StoreResult<Vec<TaxonomyAlias>> {
        self.fetch_all(
            &self.db,
            "SELECT a.alias, a.canonical, u.name AS created_by, a.created_at
             FROM taxonomy_aliases a LEFT JOIN users u ON u.id = a.created_by
             ORDER BY a.alias",
            [],
        )
        .await
    }

    /// Adds `alias` (trimmed) for the technology named `canonical`. An alias already added in
    /// any case or spacing is a conflict naming the technology it stands for.
    pub async fn add_taxonomy_alias(&self, actor: &User, alias: &str, canonical: &str) -> StoreResult<TaxonomyAlias> {
        let alias = validation::single_line_text(alias, MAX_TEXT).map_err(|e| Invalid::field("alias", e))?;
        let canonical =
            validation::single_line_text(canonical, MAX_TEXT).map_err(|e| Invalid::field("canonical", e))?;
        let txn = self.write_txn().await?;
        if self.backend() == DbBackend::Postgres {
            // Two admins adding "Dj" and "DJ" at once must not both succeed; SQLite writers
            // already take turns.
            self.exec(&txn, "LOCK TABLE taxonomy_aliases IN SHARE ROW EXCLUSIVE MODE", []).await?;
        }
        let existing: Vec<Spelling> = self.fetch_all(&txn, "SELECT alias, canonical FROM taxonomy_aliases", []).await?;
        if let Some(taken) = existing.iter().find(|s| alias_key(&s.alias) == alias_key(&alias)) {
            return Err(StoreError::Conflict(format!(
                "\"{}\" is already an alias of {}; remove it first to change it",
                taken.alias, taken.canonical
            )));
        }
        let created_at = now();
        self.exec(
            &txn,
            "INSERT INTO taxonomy_aliases (alias, canonical, created_by, created_at) VALUES ($1, $2, $3, $4)",
            [alias.clone().into(), canonical.clone().into(), actor.id.0.into(), created_at.into()],
        )
        .await?;
        let changes = vec![FieldChange {
            field: "alias".into(),
            before: Value::Null,
            after: json!({ "alias": alias, "canonical": canonical }),
        }];
        let entry = NewAudit {
            actor: Some(actor),
            action: "taxonomy.alias_add",
            entity_type: "taxonomy",
            entity_id: None,
            changes,
        };
        self.append_audit(&txn, entry).await?;
        txn.commit().await?;
        Ok(TaxonomyAlias { alias, canonical, created_by: Some(actor.name.clone()), created_at })
    }

    /// Removes the added alias spelled `alias` (in any case or spacing).
    pub async fn remove_taxonomy_alias(&self, actor: &User, alias: &str) -> StoreResult<()> {
        let txn = self.write_txn().await?;
        let existing: Vec<Spelling> = self.fetch_all(&txn, "SELECT alias, canonical FROM taxonomy_aliases", []).await?;
        let removed = existing
            .into_iter()
            .find(|s| alias_key(&s.alias) == alias_key(alias))
            .ok_or(StoreError::NotFound("taxonomy alias"))?;
        self.exec(&txn, "DELETE FROM taxonomy_aliases WHERE alias = $1", [removed.alias.clone().into()]).await?;
        let changes = vec![FieldChange {
            field: "alias".into(),
            before: json!({ "alias": removed.alias, "canonical": removed.canonical }),
            after: Value::Null,
        }];
        let entry = NewAudit {
            actor: Some(actor),
            action: "taxonomy.alias_remove",
            entity_type: "taxonomy",
            entity_id: None,
            changes,
        };
        self.append_audit(&txn, entry).await?;
        txn.commit().await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use hired_domain::Email;
    use hired_domain::user::Role;

    use super::*;
    use crate::{AuditFilter, store_test};

    async fn admin(store: &Store) -> User {
        store.create_user(&Email::parse("a@example.com").unwrap(), "Ada Admin", Role::Admin, None).await.unwrap()
    }

    async fn audit_actions(store: &Store) -> Vec<String> {
        let filter = AuditFilter { entity_type: Some("taxonomy".into()), ..AuditFilter::default() };
        let page = store.audit_log(&filter, None, 50).await.unwrap();
        page.items.into_iter().map(|e| e.action).collect()
    }

    store_test!(added_aliases_are_listed_trimmed_by_alias_with_who_added_them, |store: Store| async move {
        let actor = admin(&store).await;
        assert!(store.taxonomy_aliases().await.unwrap().is_empty());
        let added = store.add_taxonomy_alias(&actor, "  Dj ", "Django").await.unwrap();
        assert_eq!((added.alias.as_str(), added.canonical.as_str()), ("Dj", "Django"));
        store.add_taxonomy_alias(&actor, "Alchemy", "SQLAlchemy").await.unwrap();
        let listed = store.taxonomy_aliases().await.unwrap();
        let pairs: Vec<(&str, &str)> = listed.iter().map(|a| (a.alias.as_str(), a.canonical.as_str())).collect();
        assert_eq!(pairs, [("Alchemy", "SQLAlchemy"), ("Dj", "Django")]);
        assert_eq!(listed[1].created_by.as_deref(), Some("Ada Admin"));
        assert!((listed[1].created_at - added.created_at).num_seconds().abs() < 1);
        assert_eq!(audit_actions(&store).await, ["taxonomy.alias_add", "taxonomy.alias_add"]);
    });

    store_test!(an_alias_differing_only_in_case_is_a_conflict_naming_the_first, |store: Store| async move {
        let actor = admin(&store).await;
        store.add_taxonomy_alias(&actor, "Dj", "Django").await.unwrap();
        let err = store.add_taxonomy_alias(&actor, "DJ", "Flask").await.unwrap_err();
        let StoreError::Conflict(message) = err else { panic!("a conflict: {err:?}") };
        assert_eq!(message, "\"Dj\" is already an alias of Django; remove it first to change it");
        assert!(matches!(store.add_taxonomy_alias(&actor, "Dj", "Django").await, Err(StoreError::Conflict(_))));
        assert_eq!(store.taxonomy_aliases().await.unwrap().len(), 1);
        assert_eq!(audit_actions(&store).await.len(), 1, "a refused alias is not audited");
    });

    store_test!(blank_or_multi_line_aliases_are_refused, |store: Store| async move {
        let actor = admin(&store).await;
        let err = store.add_taxonomy_alias(&actor, "   ", "Django").await.unwrap_err();
        assert!(matches!(&err, StoreError::Invalid(i) if i.message_for("alias") == Some("is required")), "{err:?}");
        let err = store.add_taxonomy_alias(&actor, "Dj\nango", "Django").await.unwrap_err();
        assert!(matches!(&err, StoreError::Invalid(i) if i.message_for("alias").is_some()), "{err:?}");
        let err = store.add_taxonomy_alias(&actor, "Dj", "").await.unwrap_err();
        assert!(matches!(&err, StoreError::Invalid(i) if i.message_for("canonical").is_some()), "{err:?}");
        assert!(store.taxonomy_aliases().await.unwrap().is_empty());
    });

    store_test!(removing_an_alias_in_any_case_deletes_it_and_is_audited, |store: Store| async move {
        let actor = admin(&store).await;
        store.add_taxonomy_alias(&actor, "Dj", "Django").await.unwrap();
        store.remove_taxonomy_alias(&actor, "dj").await.unwrap();
        assert!(store.taxonomy_aliases().await.unwrap().is_empty());
        assert!(matches!(store.remove_taxonomy_alias(&actor, "Dj").await, Err(StoreError::NotFound(_))));
        assert_eq!(audit_actions(&store).await, ["taxonomy.alias_remove", "taxonomy.alias_add"]);
        store.add_taxonomy_alias(&actor, "DJ", "Django").await.unwrap();
    });
}
