//! A growing set of slots, appended in rising order and read in that order: a sorted list
//! while few slots are in it, a bitset once one slot in [`DENSE_AT`] or more is. Stand-in
//! lists need both forms: rare skills' lists are short, common categories' (databases,
//! clouds) hold most people. A general compressed bitmap (roaring) was measured here and its
//! iterator made ranking 70% slower than plain arrays; these two forms read as fast as arrays.

/// One slot in this many or more: a bitset costs less than a list.
const DENSE_AT: usize = 32;
/// Lists shorter than this stay lists, whatever their density.
const LIST_AT_LEAST: usize = 64;

/// Slots in rising order.
#[derive(Debug, Clone)]
pub(crate) enum Slots {
    /// Sorted slots.
    List(Vec<u32>),
    /// Bit `s % 64` of word `s / 64` set for each slot `s`.
    Bits(Vec<u64>),
}

impl Default for Slots {
    fn default() -> Self {
        Slots::List(Vec::new())
    }
}

impl Slots {
    /// Adds `slot`, which is above every slot already in.
    pub(crate) fn push(&mut self, slot: u32) {
        match self {
            Slots::List(list) => {
                list.push(slot);
                if list.len() >= LIST_AT_LEAST && list.len() * DENSE_AT > slot as usize {
                    *self = Slots::Bits(bits_of(list));
                }
            }
            Slots::Bits(words) => {
                let word = slot as usize / 64;
                if words.len() <= word {
                    words.resize(word + 1, 0);
                }
                words[word] |= 1 << (slot % 64);
            }
        }
    }

    /// Calls `f` with every slot, in rising order.
    pub(crate) fn for_each(&self, mut f: impl FnMut(u32)) {
        match self {
            Slots::List(list) => list.iter().for_each(|&slot| f(slot)),
            Slots::Bits(words) => {
                for (i, &word) in words.iter().enumerate() {
                    let mut rest = word;
                    while rest != 0 {
                        f(i as u32 * 64 + rest.trailing_zeros());
                        rest &= rest - 1;
                    }
                }
            }
        }
    }
}

fn bits_of(list: &[u32]) -> Vec<u64> {
    let mut words = vec![0u64; list.last().map_or(0, |&max| max as usize / 64 + 1)];
    for &slot in list {
        words[slot as usize / 64] |= 1 << (slot % 64);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(slots: &Slots) -> Vec<u32> {
        let mut out = Vec::new();
        slots.for_each(|s| out.push(s));
        out
    }

    #[test]
    fn sparse_slots_stay_a_list_and_dense_ones_become_bits_reading_the_same() {
        let mut sparse = Slots::default();
        let wide: Vec<u32> = (0..200).map(|i| i * 1000).collect();
        wide.iter().for_each(|&s| sparse.push(s));
        assert!(matches!(sparse, Slots::List(_)));
        assert_eq!(collect(&sparse), wide);

        let mut dense = Slots::default();
        let close: Vec<u32> = (0..500).map(|i| i * 3 + 1).chain([10_000, 64_000]).collect();
        close.iter().for_each(|&s| dense.push(s));
        assert!(matches!(dense, Slots::Bits(_)));
        assert_eq!(collect(&dense), close);
    }
}
