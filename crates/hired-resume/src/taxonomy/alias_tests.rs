//! Tests of the aliases admins add: how lookup and find() treat them, which are skipped, and
//! the reasons check_alias gives.

use std::time::Instant;

use super::Taxonomy;

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(alias, canonical)| (alias.to_string(), canonical.to_string())).collect()
}

fn with(list: &[(&str, &str)]) -> Taxonomy {
    Taxonomy::builtin().with_aliases(&pairs(list))
}

fn found_names<'a>(taxonomy: &'a Taxonomy, text: &str) -> Vec<&'a str> {
    taxonomy.find(text).into_iter().map(|m| m.tech.name.as_str()).collect()
}

fn resolved<'a>(taxonomy: &'a Taxonomy, raw: &str) -> Option<&'a str> {
    taxonomy.lookup(raw).map(|tech| tech.name.as_str())
}

fn refusal(alias: &str, canonical: &str) -> String {
    Taxonomy::builtin().check_alias(alias, canonical).expect_err("refused")
}

#[test]
fn an_added_alias_resolves_in_lookup_and_is_listed_with_its_technology() {
    let taxonomy = with(&[("Dj", "Django"), ("Sea Horse ORM", "SQLAlchemy")]);
    assert_eq!(resolved(&taxonomy, "Dj"), Some("Django"));
    assert_eq!(resolved(&taxonomy, "dj"), Some("Django"));
    assert_eq!(resolved(&taxonomy, "sea horse orm 2.0"), Some("SQLAlchemy"));
    assert!(taxonomy.named("Django").expect("Django").aliases.contains(&"Dj".to_string()));
    assert_eq!(resolved(Taxonomy::builtin(), "Dj"), None, "the built-in taxonomy is unchanged");
    assert_eq!(taxonomy.len(), Taxonomy::builtin().len());
}

#[test]
fn a_two_letter_alias_is_found_as_written_and_on_word_boundaries_only() {
    let taxonomy = with(&[("Dj", "Django")]);
    assert_eq!(found_names(&taxonomy, "Dj and Flask"), ["Django", "Flask"]);
    assert_eq!(found_names(&taxonomy, "Lived in Djibouti, Flask"), ["Flask"]);
    assert!(found_names(&taxonomy, "worked as a DJ, dj sets").is_empty());
}

#[test]
fn a_longer_alias_is_found_in_any_case_but_not_inside_words() {
    let taxonomy = with(&[("Sea Horse ORM", "SQLAlchemy")]);
    assert_eq!(found_names(&taxonomy, "built on sea horse orm."), ["SQLAlchemy"]);
    assert!(found_names(&taxonomy, "sea horse ormolu").is_empty());
}

#[test]
fn a_one_letter_alias_is_for_lookup_only() {
    let taxonomy = with(&[("Ϙ", "Django")]);
    assert_eq!(resolved(&taxonomy, "Ϙ"), Some("Django"));
    assert!(found_names(&taxonomy, "Ϙ and more").is_empty());
}

#[test]
fn pairs_with_unknown_technologies_or_taken_aliases_are_skipped() {
    let taxonomy = with(&[
        ("Dj", "No Such Framework"),
        ("Postgres", "Django"),
        ("Python", "Django"),
        ("Sea Horse ORM", "SQLAlchemy"),
        ("sea horse orm", "Django"),
        ("Seahorse-ORM", "Django"),
    ]);
    assert_eq!(resolved(&taxonomy, "Dj"), None);
    assert_eq!(resolved(&taxonomy, "Postgres"), Some("PostgreSQL"));
    assert_eq!(resolved(&taxonomy, "Python"), Some("Python"));
    assert_eq!(resolved(&taxonomy, "Sea Horse ORM"), Some("SQLAlchemy"));
    assert_eq!(resolved(&taxonomy, "seahorse orm"), Some("SQLAlchemy"));
}

#[test]
fn canonical_names_are_matched_ignoring_case_and_stored_as_the_taxonomy_writes_them() {
    let taxonomy = with(&[("Dj", "  django ")]);
    assert_eq!(resolved(&taxonomy, "Dj"), Some("Django"));
}

#[test]
fn aliases_accumulate_over_successive_calls() {
    let taxonomy = with(&[("Dj", "Django")]).with_aliases(&pairs(&[("Sea Horse ORM", "SQLAlchemy"), ("dj", "Flask")]));
    assert_eq!(resolved(&taxonomy, "Dj"), Some("Django"));
    assert_eq!(resolved(&taxonomy, "Sea Horse ORM"), Some("SQLAlchemy"));
}

#[test]
fn adding_aliases_takes_milliseconds() {
    let aliases = pairs(&[("Dj", "Django"), ("Sea Horse ORM", "SQLAlchemy")]);
    Taxonomy::builtin();
    let started = Instant::now();
    let _ = Taxonomy::builtin().with_aliases(&aliases);
    let elapsed = started.elapsed();
    // Generous for unoptimized test builds on a busy machine; release builds take a few ms.
    assert!(elapsed.as_millis() < 2000, "{elapsed:?}");
}

#[test]
fn a_new_alias_of_a_known_technology_passes_the_check() {
    assert_eq!(Taxonomy::builtin().check_alias("  Dj ", "Django"), Ok(()));
    assert_eq!(Taxonomy::builtin().check_alias("Sea Horse ORM", "sqlalchemy"), Ok(()));
}

#[test]
fn the_alias_text_must_be_one_short_line_with_a_letter_or_digit() {
    assert!(refusal("", "Django").contains("Write the alias"));
    assert!(refusal("   ", "Django").contains("Write the alias"));
    assert!(refusal("Dj\nango", "Django").contains("control characters"));
    assert!(refusal(&"x".repeat(61), "Django").contains("at most 60 characters; this one has 61"));
    assert!(refusal("--", "Django").contains("letter or digit"));
    assert_eq!(Taxonomy::builtin().check_alias(&"é".repeat(60), "Django"), Ok(()));
}

#[test]
fn an_unknown_technology_is_refused_with_the_closest_names() {
    assert!(refusal("Dj", "").contains("Choose the technology"));
    let message = refusal("Dj", "Djangoo");
    assert!(message.contains("no technology named \"Djangoo\""), "{message}");
    assert!(message.contains("Did you mean Django"), "{message}");
    let message = refusal("Pg", "Postgres");
    assert!(message.contains("Did you mean PostgreSQL"), "{message}");
    let message = refusal("Dj", "Qqqqqqqqqqqqqqqqqqq");
    assert!(message.ends_with("Choose one from the list."), "{message}");
    assert!(refusal("Dj", &"Django".repeat(1000)).ends_with("Choose one from the list."));
}

#[test]
fn an_alias_that_already_stands_for_a_technology_is_refused_naming_it() {
    let message = refusal("Postgres", "Django");
    assert!(message.contains("already an alias of PostgreSQL"), "{message}");
    let message = refusal("python", "Django");
    assert!(message.contains("the name of another technology, Python"), "{message}");
    let message = refusal("Node_JS", "Django");
    assert!(message.contains("already reads as Node.js"), "{message}");
    let message = refusal("postgres", "PostgreSQL");
    assert!(message.contains("already an alias of PostgreSQL"), "{message}");
    let message = refusal("DJANGO", "Django");
    assert!(message.contains("the name of Django itself"), "{message}");
}

#[test]
fn an_added_alias_is_taken_for_later_checks() {
    let taxonomy = with(&[("Dj", "Django")]);
    let message = taxonomy.check_alias("DJ", "Flask").expect_err("refused");
    assert!(message.contains("already an alias of Django"), "{message}");
    let message = taxonomy.check_alias("dj", "Django").expect_err("refused");
    assert!(message.contains("already an alias of Django"), "{message}");
}
