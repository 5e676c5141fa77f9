//! The candidate change log the matching index follows: every write that changes what matching
//! knows about a person leaves an entry, in order, and the facts read back whole.

use hired_domain::templates::django_backend;
use hired_domain::user::Role;
use hired_store::{NewApplication, Store, Texts, store_test};

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
    let before_note = store.last_candidate_change().await.unwrap();
    store.add_note(&admin, c.id, "met at PyCon").await.unwrap();
    assert_eq!(store.candidate_changes(before_note, 10).await.unwrap().len(), 1, "a note is searched: logged");
    let page = store.match_facts_page(None, 10, Texts::Read).await.unwrap();
    assert_eq!(page.iter().map(|f| f.candidate).collect::<Vec<_>>(), vec![c.id]);
    assert_eq!(page[0].notes, vec!["met at PyCon".to_owned()]);
    let lean = store.match_facts_page(None, 10, Texts::Skip).await.unwrap();
    assert!(lean[0].notes.is_empty() && lean[0].resume_text.is_none(), "no texts when skipped");
    assert_eq!(lean[0].applications, page[0].applications, "everything else is read");
    assert!(store.match_facts_page(Some(c.id), 10, Texts::Read).await.unwrap().is_empty());
    let (first, _) = store.candidate_change_bounds().await.unwrap();
    assert!(first >= 1 && first <= changes[0].0, "the oldest entry: {first}");
});

store_test!(a_store_keeps_one_identity, |store: Store| async move {
    let (a, b) = tokio::join!(store.identity(), store.identity());
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a, b, "concurrent first callers agree");
    assert_eq!(store.identity().await.unwrap(), a, "and it stays");
});
