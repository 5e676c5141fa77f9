//! Facet counts over everything a search matches, read from a columnar field whose values are
//! `facet\u{1f}value`: each segment counts term ordinals in a flat array and turns only the
//! ordinals it saw into words, in one sorted pass over the dictionary. (tantivy's own facet
//! collector looks every ordinal up on its own, which took 100 ms for a broad search.) Over
//! very many matches only every n-th document is counted and the counts scaled: estimates,
//! which the caller says are.

use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Separates the facet's name from its value in the column.
pub(crate) const SEPARATOR: char = '\u{1f}';

/// Counts, per `facet\u{1f}value`, the matching documents that have it.
pub(crate) struct FacetCounts {
    /// The columnar field holding the values.
    pub field: &'static str,
    /// Count every n-th matching document (1: all of them).
    pub every: u32,
}

/// One segment's counts, by term ordinal.
pub(crate) struct SegmentCounts {
    column: Option<StrColumn>,
    counts: Vec<u32>,
    every: u32,
}

impl Collector for FacetCounts {
    type Fruit = HashMap<String, u64>;
    type Child = SegmentCounts;

    fn for_segment(&self, _: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<SegmentCounts> {
        let column = segment.fast_fields().str(self.field)?;
        let counts = vec![0; column.as_ref().map_or(0, |c| c.num_terms())];
        Ok(SegmentCounts { column, counts, every: self.every.max(1) })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<HashMap<String, u64>>) -> tantivy::Result<HashMap<String, u64>> {
        let mut all = HashMap::new();
        for fruit in fruits {
            for (value, n) in fruit {
                *all.entry(value).or_insert(0) += n;
            }
        }
        Ok(all)
    }
}

impl SegmentCollector for SegmentCounts {
    type Fruit = HashMap<String, u64>;

    fn collect(&mut self, doc: DocId, _: Score) {
        if !doc.is_multiple_of(self.every) {
            return;
        }
        if let Some(column) = &self.column {
            for ord in column.term_ords(doc) {
                self.counts[ord as usize] += 1;
            }
        }
    }

    fn harvest(self) -> HashMap<String, u64> {
        let Some(column) = self.column else { return HashMap::new() };
        let seen: Vec<u64> = (0..self.counts.len() as u64).filter(|&ord| self.counts[ord as usize] > 0).collect();
        let mut words = Vec::with_capacity(seen.len());
        // A dictionary that cannot be read gives no counts rather than failing the search.
        let _ = column
            .dictionary()
            .sorted_ords_to_term_cb(&seen, |bytes| words.push(String::from_utf8_lossy(bytes).into_owned()));
        let scale = u64::from(self.every);
        words.into_iter().zip(&seen).map(|(word, &ord)| (word, u64::from(self.counts[ord as usize]) * scale)).collect()
    }
}
