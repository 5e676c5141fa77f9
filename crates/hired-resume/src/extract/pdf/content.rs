//! Runs a page's content stream far enough to know where each glyph lands: the graphics and
//! text state operators, shown strings, and form XObjects (nested, to a bounded depth).

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object};

use super::fonts::{Font, Glyph};
use super::{Budget, MAX_STREAM_BYTES, resolve};

/// How deep form XObjects may nest inside each other.
const MAX_FORM_DEPTH: usize = 8;
/// How deep `q` may nest; deeper saves are ignored (their `Q` then restores less).
const MAX_SAVE_DEPTH: usize = 256;

/// A glyph where it lands on the page, in points from the top-left corner.
#[derive(Debug, Clone)]
pub(super) struct Placed {
    /// Left edge of the glyph.
    pub(super) x0: f32,
    /// Right edge of the glyph (its advance, without character spacing).
    pub(super) x1: f32,
    /// Baseline, from the top of the page.
    pub(super) y: f32,
    /// Font size on the page.
    pub(super) size: f32,
    /// Its text.
    pub(super) text: String,
    /// Written left to right and upright; other glyphs are kept in drawing order.
    pub(super) upright: bool,
}

/// An affine transformation `[a b c d e f]`, as PDF writes them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Matrix([f32; 6]);

impl Matrix {
    pub(super) const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    pub(super) fn new(m: [f32; 6]) -> Matrix {
        Matrix(m)
    }

    fn translate(x: f32, y: f32) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, x, y])
    }

    /// `self × other`: `self` applied first.
    pub(super) fn then(self, other: Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = other.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    pub(super) fn apply(self, x: f32, y: f32) -> (f32, f32) {
        let [a, b, c, d, e, f] = self.0;
        (a * x + c * y + e, b * x + d * y + f)
    }
}

#[derive(Clone)]
struct TextState<'a> {
    font: Option<Rc<Font<'a>>>,
    size: f32,
    char_space: f32,
    word_space: f32,
    scale: f32,
    leading: f32,
    rise: f32,
}

#[derive(Clone)]
struct GraphicsState<'a> {
    ctm: Matrix,
    text: TextState<'a>,
}

/// Runs content streams and collects placed glyphs.
pub(super) struct Interpreter<'a> {
    doc: &'a Document,
    fonts: HashMap<usize, Rc<Font<'a>>>,
    /// The work left for the document.
    pub(super) budget: Budget,
    /// The glyphs of the last page run.
    pub(super) glyphs: Vec<Placed>,
    /// A content stream could not be read to its end.
    pub(super) damaged: bool,
    buffer: Vec<Glyph>,
}

impl<'a> Interpreter<'a> {
    pub(super) fn new(doc: &'a Document, budget: Budget) -> Self {
        Interpreter { doc, fonts: HashMap::new(), budget, glyphs: Vec::new(), damaged: false, buffer: Vec::new() }
    }

    /// Runs one page: its content bytes, resources and the matrix from user space to the
    /// top-down page space glyphs are reported in.
    pub(super) fn run_page(&mut self, content: &[u8], resources: &[&'a Dictionary], base: Matrix) {
        self.glyphs.clear();
        let state = GraphicsState {
            ctm: base,
            text: TextState {
                font: None,
                size: 0.0,
                char_space: 0.0,
                word_space: 0.0,
                scale: 1.0,
                leading: 0.0,
                rise: 0.0,
            },
        };
        self.run(content, resources, state, 0);
    }

    fn run(&mut self, content: &[u8], resources: &[&'a Dictionary], state: GraphicsState<'a>, depth: usize) {
        let mut gs = state;
        let mut stack: Vec<GraphicsState<'a>> = Vec::new();
        let mut tm = Matrix::IDENTITY;
        let mut tlm = Matrix::IDENTITY;
        for op in Content::decode_iter(content) {
            let Ok(op) = op else {
                self.damaged = true;
                return;
            };
            if !self.budget.spend_op() {
                return;
            }
            let n = |i: usize| number(op.operands.get(i));
            match op.operator.as_str() {
                "q" if stack.len() < MAX_SAVE_DEPTH => stack.push(gs.clone()),
                "Q" => gs = stack.pop().unwrap_or(gs),
                "cm" => gs.ctm = matrix(&op).then(gs.ctm),
                "BT" => {
                    tm = Matrix::IDENTITY;
                    tlm = Matrix::IDENTITY;
                }
                "Tf" => {
                    gs.text.font = op.operands.first().and_then(|name| self.font(resources, name));
                    gs.text.size = n(1);
                }
                "Tc" => gs.text.char_space = n(0),
                "Tw" => gs.text.word_space = n(0),
                "Tz" => gs.text.scale = n(0) / 100.0,
                "TL" => gs.text.leading = n(0),
                "Ts" => gs.text.rise = n(0),
                "Td" => {
                    tlm = Matrix::translate(n(0), n(1)).then(tlm);
                    tm = tlm;
                }
                "TD" => {
                    gs.text.leading = -n(1);
                    tlm = Matrix::translate(n(0), n(1)).then(tlm);
                    tm = tlm;
                }
                "Tm" => {
                    tlm = matrix(&op);
                    tm = tlm;
                }
                "T*" => {
                    tlm = Matrix::translate(0.0, -gs.text.leading).then(tlm);
                    tm = tlm;
                }
                "Tj" | "'" | "\"" => {
                    if op.operator != "Tj" {
                        tlm = Matrix::translate(0.0, -gs.text.leading).then(tlm);
                        tm = tlm;
                    }
                    if op.operator == "\"" {
                        gs.text.word_space = n(0);
                        gs.text.char_space = n(1);
                    }
                    if let Some(Ok(bytes)) = op.operands.last().map(Object::as_str) {
                        self.show(bytes, &gs, &mut tm);
                    }
                }
                "TJ" => {
                    for item in op.operands.first().and_then(|o| o.as_array().ok()).into_iter().flatten() {
                        match item {
                            Object::String(bytes, _) => self.show(bytes, &gs, &mut tm),
                            other => {
                                let adjust = -number(Some(other)) / 1000.0 * gs.text.size * gs.text.scale;
                                tm = Matrix::translate(adjust, 0.0).then(tm);
                            }
                        }
                    }
                }
                "Do" if depth < MAX_FORM_DEPTH => self.form(&op, resources, &gs, depth),
                _ => {}
            }
            if self.budget.exhausted() {
                return;
            }
        }
    }

    /// Runs a form XObject named by a `Do`.
    fn form(&mut self, op: &Operation, resources: &[&'a Dictionary], gs: &GraphicsState<'a>, depth: usize) {
        let Some(name) = op.operands.first().and_then(|o| o.as_name().ok()) else { return };
        let doc = self.doc;
        let Some(Object::Stream(stream)) = lookup(doc, resources, b"XObject", name) else { return };
        if stream.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form".as_slice()) {
            return;
        }
        if !self.budget.spend_form() {
            return;
        }
        let Ok(content) = stream.get_plain_content_with_limit(MAX_STREAM_BYTES) else { return };
        if !self.budget.spend_bytes(content.len()) {
            return;
        }
        let form_matrix = match resolve(doc, stream.dict.get(b"Matrix").ok()) {
            Some(Object::Array(m)) if m.len() == 6 => {
                let mut values = [0.0; 6];
                for (value, item) in values.iter_mut().zip(m) {
                    *value = number(resolve(doc, Some(item)));
                }
                Matrix::new(values)
            }
            _ => Matrix::IDENTITY,
        };
        let own = resolve(doc, stream.dict.get(b"Resources").ok()).and_then(|r| r.as_dict().ok());
        let mut inner: Vec<&'a Dictionary> = own.into_iter().collect();
        inner.extend_from_slice(resources);
        let state = GraphicsState { ctm: form_matrix.then(gs.ctm), text: gs.text.clone() };
        self.run(&content, &inner, state, depth + 1);
    }

    fn font(&mut self, resources: &[&'a Dictionary], name: &Object) -> Option<Rc<Font<'a>>> {
        let name = name.as_name().ok()?;
        let Some(Object::Dictionary(dict)) = lookup(self.doc, resources, b"Font", name) else { return None };
        let key = std::ptr::from_ref(dict).addr();
        if let Some(font) = self.fonts.get(&key) {
            return Some(Rc::clone(font));
        }
        let font = Rc::new(Font::load(self.doc, dict));
        self.fonts.insert(key, Rc::clone(&font));
        Some(font)
    }

    /// Places the glyphs of one shown string, advancing the text matrix.
    fn show(&mut self, bytes: &[u8], gs: &GraphicsState<'a>, tm: &mut Matrix) {
        let Some(font) = gs.text.font.clone() else { return };
        let mut buffer = std::mem::take(&mut self.buffer);
        buffer.clear();
        font.glyphs(bytes, self.budget.glyphs_left().saturating_add(1), &mut buffer);
        let t = &gs.text;
        for glyph in buffer.drain(..) {
            if !self.budget.spend_glyph() {
                break;
            }
            let render = Matrix::new([t.size * t.scale, 0.0, 0.0, t.size, 0.0, t.rise]).then(*tm).then(gs.ctm);
            let (x0, y0) = render.apply(0.0, 0.0);
            let (x1, y1) = render.apply(glyph.width, 0.0);
            let (ux, uy) = render.apply(0.0, 1.0);
            let advance =
                (glyph.width * t.size + t.char_space + if glyph.word_space { t.word_space } else { 0.0 }) * t.scale;
            *tm = Matrix::translate(advance, 0.0).then(*tm);
            let size = (ux - x0).hypot(uy - y0);
            if glyph.text.is_empty() || !size.is_finite() || size <= 0.0 {
                continue;
            }
            // Top-down page space: "up" is negative y.
            let upright = (y1 - y0).abs() <= 0.1 * size && x1 >= x0 && uy < y0 && (ux - x0).abs() <= 0.1 * size;
            let duplicate = self.glyphs.last().is_some_and(|last: &Placed| {
                last.text == glyph.text && (last.x0 - x0).abs() < 0.1 * size && (last.y - y0).abs() < 0.1 * size
            });
            if !duplicate {
                self.glyphs.push(Placed { x0, x1: x1.max(x0), y: y0, size, text: glyph.text, upright });
            }
        }
        self.buffer = buffer;
    }
}

/// A named resource of a kind (`/Font`, `/XObject`), from the nearest resource dictionary.
fn lookup<'a>(doc: &'a Document, resources: &[&'a Dictionary], kind: &[u8], name: &[u8]) -> Option<&'a Object> {
    resources
        .iter()
        .filter_map(|r| resolve(doc, r.get(kind).ok()).and_then(|d| d.as_dict().ok()))
        .find_map(|d| resolve(doc, d.get(name).ok()))
}

fn number(object: Option<&Object>) -> f32 {
    object.and_then(|o| o.as_float().ok()).filter(|n| n.is_finite()).unwrap_or(0.0)
}

fn matrix(op: &Operation) -> Matrix {
    let mut values = [0.0; 6];
    for (i, value) in values.iter_mut().enumerate() {
        *value = number(op.operands.get(i));
    }
    if op.operands.len() < 6 { Matrix::IDENTITY } else { Matrix::new(values) }
}
