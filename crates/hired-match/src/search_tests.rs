//! The search index on a handful of candidates: syntax, facets, snippets, permissions, bounds.

use super::search::*;

fn doc(id: &str, name: &str, resume: &str, skills: &[&str], company: &str, location: &str, updated: i64) -> SearchDoc {
    SearchDoc {
        id: id.into(),
        key: u128::from(id.as_bytes()[0]) << 64 | 7,
        name: name.into(),
        resume: resume.into(),
        skills: skills.iter().map(|s| (*s).to_owned()).collect(),
        companies: vec![company.into()],
        titles: vec!["Backend Developer".into()],
        location: location.into(),
        tags: vec!["backend".into()],
        source: "LinkedIn".into(),
        stages: vec!["screen".into()],
        level: "mid".into(),
        updated,
        ..SearchDoc::default()
    }
}

fn index() -> TextIndex {
    let mut index = TextIndex::in_memory().unwrap();
    fill(&mut index);
    index
}

/// Three candidates, committed.
fn fill(index: &mut TextIndex) {
    index
        .upsert(&doc(
            "a",
            "Ada Lovelace",
            "Built REST APIs in Django and PostgreSQL for payments.",
            &["Django", "PostgreSQL"],
            "Initech",
            "Berlin",
            30,
        ))
        .unwrap();
    index
        .upsert(&doc(
            "b",
            "Ben Okafor",
            "Laravel and Symfony shops; some Django admin work.",
            &["PHP", "Laravel"],
            "Globex",
            "Lisbon",
            20,
        ))
        .unwrap();
    index
        .upsert(&doc(
            "c",
            "Cy Tanaka",
            "Spring Boot microservices with Kafka.",
            &["Java", "Spring Boot"],
            "Initech",
            "Tokyo",
            10,
        ))
        .unwrap();
    index.commit("").unwrap();
}

fn ids(found: &Found) -> Vec<&str> {
    found.hits.iter().map(|h| h.id.as_str()).collect()
}

#[test]
fn words_phrases_operators_and_field_prefixes() {
    let index = index();
    let search = |q: &str| index.search(q, None, SortBy::Relevance, 0, 10).unwrap();
    assert_eq!(ids(&search("django")), ["a", "b"], "resume text; the profile's skill ranks first");
    assert_eq!(ids(&search("skill:django")), ["a"]);
    let mut initech = ids(&search("company:initech")).into_iter().map(str::to_owned).collect::<Vec<_>>();
    initech.sort();
    assert_eq!(initech, ["a", "c"]);
    assert_eq!(search("company:initech").total, 2);
    assert_eq!(ids(&search("\"rest apis\"")), ["a"]);
    assert_eq!(search("django AND NOT laravel").total, 1);
    assert_eq!(search("laravel OR kafka").total, 2);
    assert_eq!(search("(laravel OR kafka) AND location:tokyo").total, 1);
    assert_eq!(search("*").total, 3);
    assert_eq!(search("").total, 3);
    assert_eq!(search("stage:screen level:mid").total, 3);
}

#[test]
fn facets_count_everything_that_matches_and_snippets_highlight() {
    let index = index();
    let found = index.search("django", None, SortBy::Relevance, 0, 1).unwrap();
    assert_eq!(found.hits.len(), 1, "one per page");
    assert_eq!(found.total, 2, "but both counted");
    let skills = &found.facets["skill"];
    assert!(skills.contains(&("Django".to_owned(), 1)) && skills.contains(&("Laravel".to_owned(), 1)), "{skills:?}");
    assert_eq!(found.facets["location"].len(), 2);
    assert!(found.hits[0].snippet.contains("<b>Django</b>"), "{}", found.hits[0].snippet);
}

#[test]
fn the_callers_filter_applies_to_hits_counts_and_facets() {
    let index = index();
    let only = vec!["b".to_owned(), "c".to_owned()];
    let found = index.search("django", Some(&only), SortBy::Relevance, 0, 10).unwrap();
    assert_eq!(ids(&found), ["b"]);
    assert_eq!(found.total, 1);
    assert!(!found.facets["skill"].iter().any(|(s, _)| s == "Django"), "facets see only the allowed");
    assert_eq!(index.search("*", Some(&[]), SortBy::Relevance, 0, 10).unwrap().total, 0);
}

#[test]
fn keys_are_everyone_matching_among_the_allowed() {
    let index = index();
    let key = |id: &str| u128::from(id.as_bytes()[0]) << 64 | 7;
    let mut keys = index.keys("initech OR django", None).unwrap();
    keys.sort_unstable();
    assert_eq!(keys, [key("a"), key("b"), key("c")]);
    assert_eq!(index.keys("django", Some(&["b".to_owned()])).unwrap(), [key("b")]);
    assert!(index.keys("kafka", Some(&["a".to_owned()])).unwrap().is_empty());
}

#[test]
fn recency_sorts_by_the_last_change_and_replacing_a_candidate_keeps_one_copy() {
    let mut index = index();
    assert_eq!(ids(&index.search("*", None, SortBy::Recent, 0, 10).unwrap()), ["a", "b", "c"]);
    index.upsert(&doc("c", "Cy Tanaka", "Now Django too.", &["Django"], "Initech", "Tokyo", 40)).unwrap();
    index.remove("b");
    index.commit("").unwrap();
    assert_eq!(ids(&index.search("*", None, SortBy::Recent, 0, 10).unwrap()), ["c", "a"]);
    assert_eq!(index.len(), 2);
}

#[test]
fn bad_and_pathological_queries_get_clear_errors() {
    let index = index();
    let err = |q: &str| index.search(q, None, SortBy::Relevance, 0, 10).unwrap_err().to_string();
    assert!(err("\"unclosed phrase").contains("quotation mark"), "{}", err("\"unclosed phrase"));
    assert!(err("colour:blue").contains("no field \"colour:\""), "{}", err("colour:blue"));
    assert!(err(&"a ".repeat(5000)).contains("longer than"));
    assert!(err(&"django ".repeat(100)).contains("more than 64 words"));
    assert!(err(&format!("{}django{}", "(".repeat(20), ")".repeat(20))).contains("nest deeper"));
}

#[test]
fn an_index_on_disk_is_kept_with_its_mark_and_started_over_when_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("text");
    {
        let mut index = TextIndex::in_dir(&path).unwrap();
        assert_eq!(index.mark(), None, "a new index has no mark");
        fill(&mut index);
        index.commit("store-1 42").unwrap();
    }
    let mut kept = TextIndex::in_dir(&path).unwrap();
    assert_eq!(kept.mark().as_deref(), Some("store-1 42"));
    assert_eq!(kept.len(), 3);
    assert_eq!(ids(&kept.search("django", None, SortBy::Relevance, 0, 10).unwrap()), ["a", "b"]);
    kept.clear().unwrap();
    kept.commit("store-2 0").unwrap();
    assert_eq!((kept.len(), kept.mark().as_deref()), (0, Some("store-2 0")));
    drop(kept);

    std::fs::write(path.join("meta.json"), "{ not json").unwrap();
    let fresh = TextIndex::in_dir(&path).unwrap();
    assert_eq!((fresh.len(), fresh.mark()), (0, None), "an unreadable folder is started over");
}
