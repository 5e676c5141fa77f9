//! Facet counts over everything a search matches, read from a columnar field whose values are
//! `facet\u{1f}value`: each segment counts term ordinals in a flat array and turns only the
//! ordinals it saw into words, in one sorted pass over the dictionary. (tantivy's own facet
//! collector looks every ordinal up on its own, which took 100 ms for a broad search.)
//!
//! Over very many matches a sample is counted: the query's documents are visited by seeking
//! to every n-th document id, so the query itself (a phrase, say) is evaluated only there,
//! and the counts are scaled to the number of matches. Those are estimates, which the caller
//! says are.

use std::collections::HashMap;

use tantivy::query::Weight;
use tantivy::{DocId, DocSet, Searcher, TERMINATED};

/// Separates the facet's name from its value in the column.
pub(crate) const SEPARATOR: char = '\u{1f}';

/// Per `facet\u{1f}value`, how many of the `total` documents `weight` matches have it,
/// visiting about one document id in `every` (all of them when 1); the counts are scaled to
/// `total`.
pub(crate) fn count_facets(
    searcher: &Searcher,
    weight: &dyn Weight,
    field: &str,
    total: usize,
    every: u32,
) -> tantivy::Result<HashMap<String, u64>> {
    let every = every.max(1);
    let mut counts: HashMap<String, u64> = HashMap::new();
    let mut seen: u64 = 0;
    for segment in searcher.segment_readers() {
        let Some(column) = segment.fast_fields().str(field)? else { continue };
        let alive = segment.alive_bitset();
        let mut by_ord = vec![0u32; column.num_terms()];
        let mut docs = weight.scorer(segment, 1.0)?;
        let mut doc: DocId = docs.doc();
        while doc != TERMINATED {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                seen += 1;
                for ord in column.term_ords(doc) {
                    by_ord[ord as usize] += 1;
                }
            }
            doc = if every == 1 {
                docs.advance()
            } else {
                match doc.checked_add(every).filter(|&next| next < segment.max_doc()) {
                    Some(next) => docs.seek(next),
                    None => TERMINATED,
                }
            };
        }
        let ords: Vec<u64> = (0..by_ord.len() as u64).filter(|&ord| by_ord[ord as usize] > 0).collect();
        let mut words = Vec::with_capacity(ords.len());
        column.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
            words.push(String::from_utf8_lossy(bytes).into_owned());
        })?;
        for (word, &ord) in words.into_iter().zip(&ords) {
            *counts.entry(word).or_insert(0) += u64::from(by_ord[ord as usize]);
        }
    }
    if every > 1 && seen > 0 {
        let scale = total as f64 / seen as f64;
        for n in counts.values_mut() {
            *n = (*n as f64 * scale).round() as u64;
        }
    }
    Ok(counts)
}

#[cfg(test)]
mod tests {
    use tantivy::query::{AllQuery, EnableScoring, Query, TermQuery};
    use tantivy::schema::{FAST, IndexRecordOption, STRING, Schema};
    use tantivy::{Index, TantivyDocument, Term};

    use super::*;

    /// 3,000 documents: every one has `skill·Python`, every third `skill·Django`, every tenth
    /// also `tag·lead`.
    fn searcher() -> (Searcher, tantivy::schema::Field) {
        let mut schema = Schema::builder();
        let field = schema.add_text_field("facets", STRING | FAST);
        let index = Index::create_in_ram(schema.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for n in 0..3_000 {
            let mut doc = TantivyDocument::default();
            doc.add_text(field, format!("skill{SEPARATOR}Python"));
            if n % 3 == 0 {
                doc.add_text(field, format!("skill{SEPARATOR}Django"));
            }
            if n % 10 == 0 {
                doc.add_text(field, format!("tag{SEPARATOR}lead"));
            }
            writer.add_document(doc).unwrap();
        }
        writer.commit().unwrap();
        (index.reader().unwrap().searcher(), field)
    }

    #[test]
    fn all_matches_are_counted_exactly_and_a_sample_is_scaled_to_the_total() {
        let (searcher, field) = searcher();
        let weight = AllQuery.weight(EnableScoring::disabled_from_searcher(&searcher)).unwrap();
        let exact = count_facets(&searcher, weight.as_ref(), "facets", 3_000, 1).unwrap();
        assert_eq!(exact[&format!("skill{SEPARATOR}Python")], 3_000);
        assert_eq!(exact[&format!("skill{SEPARATOR}Django")], 1_000);
        assert_eq!(exact[&format!("tag{SEPARATOR}lead")], 300);

        let sampled = count_facets(&searcher, weight.as_ref(), "facets", 3_000, 7).unwrap();
        assert_eq!(sampled[&format!("skill{SEPARATOR}Python")], 3_000, "everyone has it");
        let django = sampled[&format!("skill{SEPARATOR}Django")];
        assert!((900..=1_100).contains(&django), "about a third: {django}");

        let lead = Term::from_field_text(field, &format!("tag{SEPARATOR}lead"));
        let query = TermQuery::new(lead, IndexRecordOption::Basic);
        let weight = query.weight(EnableScoring::disabled_from_searcher(&searcher)).unwrap();
        let leads = count_facets(&searcher, weight.as_ref(), "facets", 300, 1).unwrap();
        assert_eq!(leads[&format!("skill{SEPARATOR}Django")], 100, "only what the query matches");
    }
}
