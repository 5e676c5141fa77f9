//! The candidate change log the matching index follows: every write that changes what matching
//! knows about a person leaves an entry, in order, and the facts read back whole.

use hired_domain::templates::django_backend;
use hired_domain::user::Role;
use hired_store::{NewApplication, Store, store_test};

use crate::{person, user};

store_test!(candidate_writes_leave_change_log_entries, |store: Store| async move {
    let admin = user(&store, "admin@example.com", Role::Admin).await;
    let start = store.last_candidate_change().await.unwrap();
    let c = store.create_candidate(Some(&admin), person("Ada Lovelace", "ada@example.com")).await.unwrap();
    let req = store.create_requisition(&admin, django_backend().spec).await.unwrap();
    let new = NewApplication { candidate_id: c.id, requisition_id: req.id, source: None };
    store.add_application(Some(&admin), new).await.unwrap();
    store.set_do_not_contact(&admin, c.id, true).await.unwrap();
    let changes = store.candidate_changes(start, 100).await.unwrap();
    assert!(changes.len() >= 3, "create, apply and the flag each log: {changes:?}");
    assert!(changes.iter().all(|(_, id)| *id == c.id));
    assert!(changes.windows(2).all(|w| w[0].0 < w[1].0), "in order");
    assert_eq!(store.last_candidate_change().await.unwrap(), changes.last().unwrap().0);
    assert!(store.candidate_changes(changes.last().unwrap().0, 100).await.unwrap().is_empty());

    let facts = store.match_facts(&[c.id]).await.unwrap();
    assert_eq!(facts.len(), 1);
    assert!(facts[0].do_not_contact);
    assert_eq!(facts[0].applications, vec![(req.id, "active".to_owned())]);
    let page = store.match_facts_page(None, 10).await.unwrap();
    assert_eq!(page.iter().map(|f| f.candidate).collect::<Vec<_>>(), vec![c.id]);
    assert!(store.match_facts_page(Some(c.id), 10).await.unwrap().is_empty());
});
