//! Everyone a query matches, as their numeric keys: what sorting by match score ranks among.
//! Read from two columnar halves per document, so a query matching most of a million people
//! is collected in milliseconds.

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// The fast fields holding the high and low 64 bits of each document's key.
pub(crate) const KEY_HIGH: &str = "key_high";
pub(crate) const KEY_LOW: &str = "key_low";

/// Collects the key of every matching document.
pub(crate) struct Keys;

/// One segment's share.
pub(crate) struct SegmentKeys {
    high: Column<u64>,
    low: Column<u64>,
    keys: Vec<u128>,
}

impl Collector for Keys {
    type Fruit = Vec<u128>;
    type Child = SegmentKeys;

    fn for_segment(&self, _: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<SegmentKeys> {
        let fields = segment.fast_fields();
        Ok(SegmentKeys { high: fields.u64(KEY_HIGH)?, low: fields.u64(KEY_LOW)?, keys: Vec::new() })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<u128>>) -> tantivy::Result<Vec<u128>> {
        Ok(fruits.concat())
    }
}

impl SegmentCollector for SegmentKeys {
    type Fruit = Vec<u128>;

    fn collect(&mut self, doc: DocId, _: Score) {
        if let (Some(high), Some(low)) = (self.high.first(doc), self.low.first(doc)) {
            self.keys.push(u128::from(high) << 64 | u128::from(low));
        }
    }

    fn harvest(self) -> Vec<u128> {
        self.keys
    }
}
