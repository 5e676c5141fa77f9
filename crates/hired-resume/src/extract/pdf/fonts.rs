//! PDF fonts as text extraction needs them: how a shown string splits into character codes,
//! what text each code stands for, and how far each glyph advances.
//!
//! Text comes from the font's ToUnicode CMap first (what Chromium and most producers write),
//! then from its simple encoding (base encoding plus `Differences`, read by lopdf), then from
//! the code itself where the encoding is Unicode already.

use std::cell::RefCell;
use std::collections::HashMap;

use lopdf::{Dictionary, Document, Encoding, Object};

use super::cmap::ToUnicode;
use super::{MAX_STREAM_BYTES, resolve};

/// Most width entries read from one font's `/W` or `/Widths` array.
const MAX_WIDTHS: usize = 70_000;

/// One glyph of a shown string.
#[derive(Debug, Clone)]
pub(super) struct Glyph {
    /// The text it stands for; empty when the font does not say.
    pub(super) text: String,
    /// Its advance in text space units (thousandths of the font size, already scaled).
    pub(super) width: f32,
    /// A single-byte code 32, to which word spacing applies.
    pub(super) word_space: bool,
}

/// How codes are laid out in shown strings.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Codes {
    /// One byte per code (simple fonts).
    OneByte,
    /// Two bytes per code (Identity-H and the UCS-2 CMaps).
    TwoBytes,
    /// Lengths from the code space of a CMap (embedded encoding CMap or the ToUnicode CMap).
    CodeSpace,
}

/// Advance widths, by code.
#[derive(Debug, Default)]
struct Widths {
    exact: HashMap<u32, f32>,
    ranges: Vec<(u32, u32, f32)>,
    default: f32,
}

impl Widths {
    fn get(&self, code: u32) -> f32 {
        if let Some(w) = self.exact.get(&code) {
            return *w;
        }
        self.ranges.iter().find(|(lo, hi, _)| (*lo..=*hi).contains(&code)).map_or(self.default, |r| r.2)
    }
}

/// A font ready to turn shown strings into glyphs.
pub(super) struct Font<'a> {
    codes: Codes,
    to_unicode: Option<ToUnicode>,
    code_space: Option<ToUnicode>,
    encoding: Option<Encoding<'a>>,
    /// Codes are Unicode values (UCS-2 / UTF-16 CMaps without a ToUnicode map).
    unicode_codes: bool,
    widths: Widths,
    /// Glyph space to text space (1/1000, or a Type 3 font's matrix).
    scale: f32,
    cache: RefCell<HashMap<(usize, u32), (String, f32)>>,
}

impl<'a> Font<'a> {
    /// Reads a font dictionary; never fails, a font it cannot read yields glyphs without text.
    pub(super) fn load(doc: &'a Document, dict: &'a Dictionary) -> Font<'a> {
        let subtype = dict.get(b"Subtype").and_then(Object::as_name).unwrap_or(b"");
        let to_unicode = stream_bytes(doc, dict.get(b"ToUnicode").ok()).map(|data| ToUnicode::parse(&data));
        let mut font = Font {
            codes: Codes::OneByte,
            to_unicode,
            code_space: None,
            encoding: None,
            unicode_codes: false,
            widths: Widths::default(),
            scale: 0.001,
            cache: RefCell::new(HashMap::new()),
        };
        if subtype == b"Type0" {
            font.load_composite(doc, dict);
        } else {
            font.load_simple(doc, dict, subtype == b"Type3");
        }
        font
    }

    fn load_composite(&mut self, doc: &'a Document, dict: &'a Dictionary) {
        match resolve(doc, dict.get(b"Encoding").ok()) {
            Some(Object::Name(name)) => {
                let name = name.as_slice();
                let ucs = contains(name, b"UCS2") || contains(name, b"UTF16");
                self.unicode_codes = ucs;
                self.codes = if name.starts_with(b"Identity") || ucs { Codes::TwoBytes } else { Codes::CodeSpace };
            }
            Some(Object::Stream(stream)) => {
                self.code_space =
                    stream.get_plain_content_with_limit(MAX_STREAM_BYTES).ok().map(|d| ToUnicode::parse(&d));
                self.codes = Codes::CodeSpace;
            }
            _ => self.codes = Codes::TwoBytes,
        }
        let descendant = match resolve(doc, dict.get(b"DescendantFonts").ok()) {
            Some(Object::Array(items)) => {
                items.first().and_then(|d| resolve(doc, Some(d))).and_then(|d| d.as_dict().ok())
            }
            _ => None,
        };
        self.widths.default = 1000.0;
        if let Some(cid) = descendant {
            if let Some(dw) = resolve(doc, cid.get(b"DW").ok()).and_then(|o| o.as_float().ok()) {
                self.widths.default = dw;
            }
            if let Some(Object::Array(w)) = resolve(doc, cid.get(b"W").ok()) {
                self.read_cid_widths(doc, w);
            }
        }
    }

    /// Reads a CIDFont `/W` array: `c [w1 w2 …]` and `c_first c_last w` entries.
    fn read_cid_widths(&mut self, doc: &Document, w: &[Object]) {
        let mut items = w.iter().map(|o| resolve(doc, Some(o)));
        let mut budget = MAX_WIDTHS;
        while let Some(Some(first)) = items.next() {
            let Some(first) = code_of(first) else { break };
            match items.next().flatten() {
                Some(Object::Array(ws)) => {
                    for (i, width) in ws.iter().take(budget).enumerate() {
                        let (Some(width), Ok(i)) = (number(doc, width), u32::try_from(i)) else { continue };
                        self.widths.exact.insert(first.saturating_add(i), width);
                    }
                    budget = budget.saturating_sub(ws.len());
                }
                Some(last) => {
                    let (Some(last), Some(width)) =
                        (code_of(last), items.next().flatten().and_then(|o| o.as_float().ok()))
                    else {
                        break;
                    };
                    self.widths.ranges.push((first, last, width));
                    budget = budget.saturating_sub(1);
                }
                None => break,
            }
            if budget == 0 {
                break;
            }
        }
    }

    fn load_simple(&mut self, doc: &'a Document, dict: &'a Dictionary, type3: bool) {
        let has_encoding = match resolve(doc, dict.get(b"Encoding").ok()) {
            Some(Object::Name(name)) => !name.starts_with(b"Identity"),
            Some(Object::Dictionary(_)) => true,
            _ => false,
        };
        // lopdf reads a ToUnicode map itself when there is no /Encoding, which this module does
        // instead (see cmap.rs), so it is asked only when an /Encoding is there.
        if has_encoding {
            self.encoding = dict.get_font_encoding_with_limit(doc, MAX_STREAM_BYTES).ok();
        }
        if type3
            && let Some(Object::Array(matrix)) = resolve(doc, dict.get(b"FontMatrix").ok())
            && let Some(a) = matrix.first().and_then(|m| number(doc, m))
        {
            self.scale = a;
        }
        let descriptor = resolve(doc, dict.get(b"FontDescriptor").ok()).and_then(|d| d.as_dict().ok());
        self.widths.default = descriptor
            .and_then(|d| resolve(doc, d.get(b"MissingWidth").ok()))
            .and_then(|o| o.as_float().ok())
            .filter(|w| *w > 0.0)
            .unwrap_or(if type3 { 0.0 } else { 500.0 });
        let first = resolve(doc, dict.get(b"FirstChar").ok()).and_then(code_of).unwrap_or(0);
        if let Some(Object::Array(ws)) = resolve(doc, dict.get(b"Widths").ok()) {
            for (i, width) in ws.iter().take(256).enumerate() {
                let (Some(width), Ok(i)) = (number(doc, width), u32::try_from(i)) else { continue };
                self.widths.exact.insert(first.saturating_add(i), width);
            }
        }
    }

    /// Splits a shown string into at most `limit` glyphs, appending them to `out`.
    pub(super) fn glyphs(&self, bytes: &[u8], limit: usize, out: &mut Vec<Glyph>) {
        let mut pos = 0;
        while let Some(rest) = bytes.get(pos..).filter(|rest| !rest.is_empty() && out.len() < limit) {
            let len = self.code_len(rest).clamp(1, rest.len());
            let code = rest.iter().take(len).fold(0u32, |acc, &b| (acc << 8) | u32::from(b));
            pos += len;
            let (text, width) = self.decoded(len, code);
            out.push(Glyph { text, width, word_space: len == 1 && code == 32 });
        }
    }

    /// The text and advance of a code, remembered per font: ranges are searched once per code.
    fn decoded(&self, len: usize, code: u32) -> (String, f32) {
        if let Some(known) = self.cache.borrow().get(&(len, code)) {
            return known.clone();
        }
        let decoded = (self.decode(len, code), self.widths.get(code) * self.scale);
        self.cache.borrow_mut().insert((len, code), decoded.clone());
        decoded
    }

    fn code_len(&self, rest: &[u8]) -> usize {
        match self.codes {
            Codes::OneByte => 1,
            Codes::TwoBytes => 2,
            Codes::CodeSpace => [self.code_space.as_ref(), self.to_unicode.as_ref()]
                .into_iter()
                .flatten()
                .find(|map| map.has_codespace())
                .and_then(|map| map.code_len_at(rest))
                .unwrap_or(2),
        }
    }

    fn decode(&self, len: usize, code: u32) -> String {
        if let Some(text) = self.to_unicode.as_ref().and_then(|map| map.lookup(len, code)) {
            return text;
        }
        if self.unicode_codes {
            return char::from_u32(code).map(String::from).unwrap_or_default();
        }
        if self.codes != Codes::OneByte {
            return String::new();
        }
        let byte = u8::try_from(code).unwrap_or(0);
        match &self.encoding {
            Some(encoding) => encoding.bytes_to_string(&[byte]).unwrap_or_default(),
            None => {
                let bytes = [byte];
                encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes).0.into_owned()
            }
        }
    }
}

/// The decoded bytes of a stream object (or a reference to one), bounded in size.
pub(super) fn stream_bytes(doc: &Document, object: Option<&Object>) -> Option<Vec<u8>> {
    match resolve(doc, object)? {
        Object::Stream(stream) => stream.get_plain_content_with_limit(MAX_STREAM_BYTES).ok(),
        _ => None,
    }
}

fn number(doc: &Document, object: &Object) -> Option<f32> {
    resolve(doc, Some(object)).and_then(|o| o.as_float().ok()).filter(|n| n.is_finite())
}

fn code_of(object: &Object) -> Option<u32> {
    object.as_i64().ok().and_then(|c| u32::try_from(c).ok())
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
