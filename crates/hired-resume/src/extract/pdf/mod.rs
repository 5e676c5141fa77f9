//! PDF text layer, in pure Rust: lopdf reads the file's objects; this module runs each page's
//! content stream to place every glyph ([`content`]), decodes glyphs to text through the
//! font's ToUnicode CMap or encoding ([`fonts`], [`cmap`]), and rebuilds lines, blocks and
//! columns in reading order from the glyphs' positions ([`layout`]).
//!
//! Hostile files are bounded before and while they are read: the number of objects, pages,
//! decompressed bytes per stream and in total, content operators and glyphs (see [`Budget`]).

mod cmap;
mod content;
mod fonts;
mod layout;
mod lines;

use std::panic::{AssertUnwindSafe, catch_unwind};

use lopdf::{DecompressError, Dictionary, Document, LoadOptions, Object, ObjectId};

use super::ExtractError;
use content::{Interpreter, Matrix};

/// More pages than a resume has; a longer PDF is refused, not read.
pub(crate) const MAX_PAGES: usize = 200;
/// Most indirect objects a PDF may declare (a 10-page resume has about a thousand).
const MAX_OBJECTS: usize = 200_000;
/// Most bytes any one stream may decompress to.
pub(super) const MAX_STREAM_BYTES: usize = 16 * 1024 * 1024;
/// Most decompressed content bytes read over the whole document.
const MAX_CONTENT_BYTES: usize = 64 * 1024 * 1024;
/// Most content stream operators run over the whole document.
const MAX_OPERATIONS: usize = 5_000_000;
/// Most glyphs placed over the whole document (a 13-page resume has about 50,000).
const MAX_GLYPHS: usize = 1_000_000;
/// Most form XObjects drawn over the whole document (a form can draw itself many times).
const MAX_FORMS: usize = 10_000;

/// The work left for one document; running out stops the reading with `TooComplex`.
#[derive(Debug)]
pub(super) struct Budget {
    operations: usize,
    glyphs: usize,
    bytes: usize,
    forms: usize,
    exhausted: bool,
}

impl Budget {
    fn new() -> Budget {
        Budget {
            operations: MAX_OPERATIONS,
            glyphs: MAX_GLYPHS,
            bytes: MAX_CONTENT_BYTES,
            forms: MAX_FORMS,
            exhausted: false,
        }
    }

    fn spend(counter: &mut usize, exhausted: &mut bool, amount: usize) -> bool {
        match counter.checked_sub(amount) {
            Some(left) => {
                *counter = left;
                true
            }
            None => {
                *exhausted = true;
                false
            }
        }
    }

    pub(super) fn spend_op(&mut self) -> bool {
        Self::spend(&mut self.operations, &mut self.exhausted, 1)
    }

    pub(super) fn glyphs_left(&self) -> usize {
        self.glyphs
    }

    pub(super) fn spend_glyph(&mut self) -> bool {
        Self::spend(&mut self.glyphs, &mut self.exhausted, 1)
    }

    pub(super) fn spend_form(&mut self) -> bool {
        Self::spend(&mut self.forms, &mut self.exhausted, 1)
    }

    pub(super) fn spend_bytes(&mut self, bytes: usize) -> bool {
        Self::spend(&mut self.bytes, &mut self.exhausted, bytes)
    }

    pub(super) fn exhausted(&self) -> bool {
        self.exhausted
    }
}

/// The text of a PDF and its number of pages.
pub(super) fn extract(bytes: &[u8]) -> Result<(String, u32), ExtractError> {
    let declared = count(bytes, b" obj");
    if declared > MAX_OBJECTS {
        return Err(ExtractError::TooComplex(format!("{declared} objects; at most {MAX_OBJECTS} are read")));
    }
    // lopdf returns errors for the damage it recognises, but a parser of its size reading
    // hostile bytes can still reach an index or arithmetic panic, and that must become
    // "damaged", not take down the worker. This is the last resort only: every limit above and
    // below is checked first, the code here never unwraps or indexes input data, and unwinding
    // is the workspace's panic strategy (no `panic = "abort"` profile). The panic hook still
    // prints the panic, so it is seen and can be turned into a regression test.
    match catch_unwind(AssertUnwindSafe(|| read(bytes))) {
        Ok(result) => result,
        Err(_) => Err(ExtractError::Damaged("the PDF structure could not be read".into())),
    }
}

fn read(bytes: &[u8]) -> Result<(String, u32), ExtractError> {
    let options = LoadOptions { max_decompressed_size: Some(MAX_STREAM_BYTES), ..LoadOptions::default() };
    let doc = Document::load_mem_with_options(bytes, options).map_err(load_error)?;
    if doc.is_encrypted() {
        return Err(ExtractError::Encrypted);
    }
    if let Some(count) = declared_pages(&doc)
        && count > MAX_PAGES as i64
    {
        return Err(too_many_pages(count));
    }
    let pages: Vec<ObjectId> = doc.page_iter().take(MAX_PAGES + 1).collect();
    if pages.len() > MAX_PAGES {
        return Err(too_many_pages(pages.len() as i64));
    }
    if pages.is_empty() {
        return Err(ExtractError::Damaged("the PDF has no pages".into()));
    }
    let mut interpreter = Interpreter::new(&doc, Budget::new());
    let mut text = String::new();
    for &page in &pages {
        let streams = doc.get_page_contents(page);
        if streams.iter().any(|&id| doc.get_object(id).and_then(Object::as_stream).is_err()) {
            interpreter.damaged = true;
        }
        let content = match doc.get_page_content_with_limit(page, MAX_STREAM_BYTES) {
            Ok(content) => content,
            Err(lopdf::Error::Decompress(DecompressError::MemoryLimitExceeded { .. })) => {
                return Err(ExtractError::TooComplex("a page's content is too large".into()));
            }
            Err(_) => {
                interpreter.damaged = true;
                continue;
            }
        };
        if !interpreter.budget.spend_bytes(content.len()) {
            break;
        }
        let resources = page_resources(&doc, page);
        let geometry = PageGeometry::of(&doc, page);
        interpreter.run_page(&content, &resources, geometry.base);
        let glyphs = std::mem::take(&mut interpreter.glyphs);
        let page_text = layout::page_text(geometry.keep(glyphs));
        if !page_text.is_empty() {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(&page_text);
        }
        if interpreter.budget.exhausted() {
            break;
        }
    }
    if interpreter.budget.exhausted() {
        return Err(ExtractError::TooComplex("more drawing or text than a resume has".into()));
    }
    if !text.chars().any(char::is_alphanumeric) {
        let rebuilt = matches!(doc.xref_recovery, Some(lopdf::xref::XrefRecovery::Reconstructed));
        return Err(if interpreter.damaged || rebuilt {
            ExtractError::Damaged("the pages' content is missing or cut off".into())
        } else {
            ExtractError::NoText
        });
    }
    Ok((text, u32::try_from(pages.len()).unwrap_or(u32::MAX)))
}

fn too_many_pages(count: i64) -> ExtractError {
    ExtractError::TooComplex(format!("{count} pages; at most {MAX_PAGES} are read"))
}

fn load_error(error: lopdf::Error) -> ExtractError {
    match error {
        lopdf::Error::InvalidPassword | lopdf::Error::Decryption(_) => ExtractError::Encrypted,
        lopdf::Error::Decompress(DecompressError::MemoryLimitExceeded { .. }) => {
            ExtractError::TooComplex("a stream decompresses to more than 16 MB".into())
        }
        other => ExtractError::Damaged(other.to_string()),
    }
}

/// The `/Count` the page tree root claims, read before walking the tree.
fn declared_pages(doc: &Document) -> Option<i64> {
    let root = doc.catalog().ok()?.get(b"Pages").ok()?;
    let pages = resolve(doc, Some(root))?.as_dict().ok()?;
    resolve(doc, pages.get(b"Count").ok())?.as_i64().ok()
}

/// A page's resource dictionaries, nearest first.
fn page_resources(doc: &Document, page: ObjectId) -> Vec<&Dictionary> {
    let Ok((direct, ids)) = doc.get_page_resources(page) else { return Vec::new() };
    direct.into_iter().chain(ids.into_iter().filter_map(|id| doc.get_dictionary(id).ok())).collect()
}

/// Follows references to the object they name.
pub(super) fn resolve<'a>(doc: &'a Document, object: Option<&'a Object>) -> Option<&'a Object> {
    doc.dereference(object?).ok().map(|(_, object)| object)
}

/// The visible page: the matrix from user space to top-down page space, and its size.
struct PageGeometry {
    base: Matrix,
    width: f32,
    height: f32,
}

impl PageGeometry {
    fn of(doc: &Document, page: ObjectId) -> PageGeometry {
        let rect = inherited(doc, page, b"CropBox")
            .and_then(|o| rectangle(doc, o))
            .or_else(|| inherited(doc, page, b"MediaBox").and_then(|o| rectangle(doc, o)))
            .unwrap_or([0.0, 0.0, 612.0, 792.0]);
        let [llx, lly, urx, ury] = rect;
        let rotate = inherited(doc, page, b"Rotate").and_then(|o| o.as_i64().ok()).unwrap_or(0).rem_euclid(360);
        let (w, h) = (urx - llx, ury - lly);
        let (base, width, height) = match rotate {
            90 => (Matrix::new([0.0, 1.0, 1.0, 0.0, -lly, -llx]), h, w),
            180 => (Matrix::new([-1.0, 0.0, 0.0, 1.0, urx, -lly]), w, h),
            270 => (Matrix::new([0.0, -1.0, -1.0, 0.0, ury, urx]), h, w),
            _ => (Matrix::new([1.0, 0.0, 0.0, -1.0, -llx, ury]), w, h),
        };
        PageGeometry { base, width, height }
    }

    /// The glyphs that land on the visible page.
    fn keep(&self, mut glyphs: Vec<content::Placed>) -> Vec<content::Placed> {
        glyphs.retain(|g| g.x1 >= 0.0 && g.x0 <= self.width && g.y >= 0.0 && g.y - g.size <= self.height);
        glyphs
    }
}

/// A page attribute, from the page or the nearest ancestor that has it.
fn inherited<'a>(doc: &'a Document, page: ObjectId, key: &[u8]) -> Option<&'a Object> {
    let mut node = doc.get_dictionary(page).ok()?;
    for _ in 0..32 {
        if let Some(value) = resolve(doc, node.get(key).ok()) {
            return Some(value);
        }
        node = resolve(doc, node.get(b"Parent").ok())?.as_dict().ok()?;
    }
    None
}

fn rectangle(doc: &Document, object: &Object) -> Option<[f32; 4]> {
    let items = object.as_array().ok()?;
    let mut values = [0.0f32; 4];
    for (value, item) in values.iter_mut().zip(items) {
        *value = resolve(doc, Some(item))?.as_float().ok().filter(|v| v.is_finite())?;
    }
    let [x0, y0, x1, y1] = values;
    (items.len() == 4 && x0 != x1 && y0 != y1).then(|| [x0.min(x1), y0.min(y1), x0.max(x1), y0.max(y1)])
}

/// How often `needle` occurs in `haystack`.
fn count(haystack: &[u8], needle: &[u8]) -> usize {
    haystack.windows(needle.len()).filter(|w| *w == needle).count()
}
