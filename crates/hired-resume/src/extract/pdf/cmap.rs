//! ToUnicode CMaps: the table a PDF font carries from its character codes to Unicode text.
//!
//! Written here rather than taken from lopdf because lopdf expands every `bfrange` into a
//! reverse map, so one hostile range (`<00000000> <FFFFFFFF>`) costs billions of steps.
//! This parser keeps ranges as ranges and stops after a fixed number of entries.

use std::collections::HashMap;

/// Most mappings read from one CMap; real fonts need a few thousand at most.
const MAX_ENTRIES: usize = 100_000;

/// Codes to Unicode for one font.
#[derive(Debug, Default)]
pub(super) struct ToUnicode {
    /// Code space ranges: byte length, low and high code.
    codespace: Vec<(u8, u32, u32)>,
    /// Single codes (`bfchar`, and `bfrange` with an array of targets).
    chars: HashMap<(u8, u32), String>,
    /// Ranges whose target's last UTF-16 unit counts up with the code: length, low, high, base.
    ranges: Vec<(u8, u32, u32, Vec<u16>)>,
}

impl ToUnicode {
    /// Reads a CMap stream's decoded bytes; what cannot be read is skipped.
    pub(super) fn parse(data: &[u8]) -> ToUnicode {
        let mut map = ToUnicode::default();
        let mut tokens = Tokens { data, pos: 0 };
        let mut budget = MAX_ENTRIES;
        while let Some(token) = tokens.next() {
            match token {
                Token::Word(b"begincodespacerange") => {
                    while let (true, Some(lo), Some(hi)) = (budget > 0, tokens.hex(), tokens.hex()) {
                        if let (Some(lo_code), Some(hi_code)) = (code(&lo), code(&hi)) {
                            map.codespace.push((code_len(&lo), lo_code, hi_code));
                        }
                        budget = budget.saturating_sub(1);
                    }
                }
                Token::Word(b"beginbfchar") => {
                    while let (true, Some(src), Some(dst)) = (budget > 0, tokens.hex(), tokens.hex()) {
                        if let Some(src_code) = code(&src) {
                            map.chars.insert((code_len(&src), src_code), utf16_text(&units(&dst)));
                        }
                        budget = budget.saturating_sub(1);
                    }
                }
                Token::Word(b"beginbfrange") => map.read_ranges(&mut tokens, &mut budget),
                _ => {}
            }
            if budget == 0 {
                break;
            }
        }
        map
    }

    /// Reads `lo hi target` triples up to `endbfrange`, each costing from `budget`.
    fn read_ranges(&mut self, tokens: &mut Tokens<'_>, budget: &mut usize) {
        while let (Some(lo), Some(hi)) = (tokens.hex(), tokens.hex()) {
            *budget = budget.saturating_sub(1);
            let len = code_len(&lo);
            let codes = code(&lo).zip(code(&hi)).filter(|(lo, hi)| lo <= hi);
            match (tokens.next(), codes) {
                (Some(Token::Hex(dst)), Some((lo_code, hi_code))) => {
                    self.ranges.push((len, lo_code, hi_code, units(&dst)));
                }
                (Some(Token::Hex(_)), None) => {}
                (Some(Token::ArrayStart), codes) => {
                    let (mut current, hi_code) = codes.unwrap_or((1, 0));
                    while let Some(dst) = tokens.hex() {
                        if current <= hi_code && *budget > 0 {
                            self.chars.insert((len, current), utf16_text(&units(&dst)));
                            current = current.saturating_add(1);
                            *budget -= 1;
                        }
                    }
                    tokens.next();
                }
                _ => return,
            }
            if *budget == 0 {
                return;
            }
        }
    }

    /// Whether the CMap declares its code space (so code lengths can be read from it).
    pub(super) fn has_codespace(&self) -> bool {
        !self.codespace.is_empty()
    }

    /// How many bytes the code starting at `bytes` takes, by the declared code space.
    pub(super) fn code_len_at(&self, bytes: &[u8]) -> Option<usize> {
        (1..=4usize).find(|&len| {
            bytes.get(..len).is_some_and(|prefix| {
                let value = prefix.iter().fold(0u32, |acc, &b| (acc << 8) | u32::from(b));
                self.codespace
                    .iter()
                    .any(|&(cs_len, lo, hi)| usize::from(cs_len) == len && in_range(value, lo, hi, len))
            })
        })
    }

    /// The text for a code of `len` bytes, if the map has one.
    pub(super) fn lookup(&self, len: usize, value: u32) -> Option<String> {
        let len = u8::try_from(len).ok()?;
        if let Some(text) = self.chars.get(&(len, value)) {
            return Some(text.clone());
        }
        let (_, lo, _, base) =
            self.ranges.iter().rev().find(|&&(r_len, lo, hi, _)| r_len == len && (lo..=hi).contains(&value))?;
        let mut target = base.clone();
        let last = target.last_mut()?;
        let step = u16::try_from(value - lo).ok()?;
        *last = last.wrapping_add(step);
        Some(utf16_text(&target))
    }
}

/// Whether each byte of `value` lies within the bytes of `lo` and `hi` (ISO 32000-1, 9.7.6.2).
fn in_range(value: u32, lo: u32, hi: u32, len: usize) -> bool {
    (0..len).all(|i| {
        let shift = 8 * i;
        let byte = (value >> shift) & 0xff;
        ((lo >> shift) & 0xff) <= byte && byte <= ((hi >> shift) & 0xff)
    })
}

/// A hex string as a code, when it has 1 to 4 bytes.
fn code(bytes: &[u8]) -> Option<u32> {
    (1..=4).contains(&bytes.len()).then(|| bytes.iter().fold(0u32, |acc, &b| (acc << 8) | u32::from(b)))
}

/// The byte length of a code (at most 4).
fn code_len(bytes: &[u8]) -> u8 {
    u8::try_from(bytes.len().min(4)).unwrap_or(4)
}

/// Big-endian UTF-16 units of a hex string.
fn units(bytes: &[u8]) -> Vec<u16> {
    bytes.chunks(2).map(|pair| pair.iter().fold(0u16, |acc, &b| (acc << 8) | u16::from(b))).collect()
}

/// UTF-16 units as text, unpaired surrogates replaced.
fn utf16_text(units: &[u16]) -> String {
    char::decode_utf16(units.iter().copied()).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect()
}

/// The tokens a CMap is made of, as far as reading mappings goes.
enum Token<'a> {
    Hex(Vec<u8>),
    ArrayStart,
    ArrayEnd,
    Word(&'a [u8]),
    Other,
}

/// A forward-only tokenizer over CMap bytes.
struct Tokens<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        while self.data.get(self.pos).is_some_and(u8::is_ascii_whitespace) {
            self.pos += 1;
        }
        let first = *self.data.get(self.pos)?;
        self.pos += 1;
        Some(match first {
            b'<' if self.data.get(self.pos) == Some(&b'<') => {
                self.pos += 1;
                Token::Other
            }
            b'<' => self.hex_body(),
            b'[' => Token::ArrayStart,
            b']' => Token::ArrayEnd,
            b'%' => {
                while self.data.get(self.pos).is_some_and(|&b| b != b'\n' && b != b'\r') {
                    self.pos += 1;
                }
                Token::Other
            }
            b'(' => {
                self.skip_literal();
                Token::Other
            }
            _ => {
                let start = self.pos - 1;
                while self.data.get(self.pos).is_some_and(|&b| !b.is_ascii_whitespace() && !b"<>[]()/%".contains(&b)) {
                    self.pos += 1;
                }
                self.data.get(start..self.pos).map_or(Token::Other, Token::Word)
            }
        })
    }
}

impl Tokens<'_> {
    /// The next token if it is a hex string; otherwise nothing is consumed.
    fn hex(&mut self) -> Option<Vec<u8>> {
        let start = self.pos;
        match self.next() {
            Some(Token::Hex(bytes)) => Some(bytes),
            _ => {
                self.pos = start;
                None
            }
        }
    }

    /// Reads a hex string after its `<`, up to `>`; an odd last digit counts as followed by 0.
    fn hex_body(&mut self) -> Token<'static> {
        let mut bytes = Vec::new();
        let mut high: Option<u8> = None;
        while let Some(&b) = self.data.get(self.pos) {
            self.pos += 1;
            if b == b'>' {
                break;
            }
            let Some(digit) = char::from(b).to_digit(16).and_then(|d| u8::try_from(d).ok()) else {
                continue;
            };
            match high.take() {
                Some(h) => bytes.push((h << 4) | digit),
                None => high = Some(digit),
            }
        }
        if let Some(h) = high {
            bytes.push(h << 4);
        }
        Token::Hex(bytes)
    }

    /// Skips a literal string after its `(`, counting nested parentheses and escapes.
    fn skip_literal(&mut self) {
        let mut depth = 1usize;
        while let Some(&b) = self.data.get(self.pos) {
            self.pos += 1;
            match b {
                b'\\' => self.pos += 1,
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return;
                    }
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ToUnicode;

    const CMAP: &[u8] = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
        /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
        1 begincodespacerange <0000> <FFFF> endcodespacerange
        2 beginbfchar <0003> <0020> <00A1> <00660069> endbfchar
        2 beginbfrange <0024> <0026> <0041> <0030> <0031> [<00E9> <D835DC00>] endbfrange
        endcmap CMapName currentdict /CMap defineresource pop end end";

    #[test]
    fn chars_ranges_and_arrays_map_to_text() {
        let map = ToUnicode::parse(CMAP);
        assert_eq!(map.lookup(2, 0x0003).as_deref(), Some(" "));
        assert_eq!(map.lookup(2, 0x00a1).as_deref(), Some("fi"));
        assert_eq!(map.lookup(2, 0x0025).as_deref(), Some("B"));
        assert_eq!(map.lookup(2, 0x0030).as_deref(), Some("é"));
        assert_eq!(map.lookup(2, 0x0031).as_deref(), Some("𝐀"));
        assert_eq!(map.lookup(2, 0x0027), None);
        assert_eq!(map.lookup(1, 0x03), None);
    }

    #[test]
    fn code_lengths_follow_the_code_space() {
        let map = ToUnicode::parse(CMAP);
        assert_eq!(map.code_len_at(&[0x00, 0x24]), Some(2));
        assert_eq!(map.code_len_at(&[0x00]), None);
    }

    #[test]
    fn a_range_over_the_whole_code_space_costs_nothing_to_read() {
        let map = ToUnicode::parse(b"1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange");
        assert_eq!(map.lookup(4, 0x0000_0002).as_deref(), Some("C"));
    }
}
