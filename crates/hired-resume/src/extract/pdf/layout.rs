//! Reading order: from the lines of a page ([`super::lines`]) to its text.
//!
//! Consecutive lines whose segments all leave one vertical strip free share a gutter. Such a
//! run of lines, when each side also has lines of its own, is a set of columns: read left
//! column first (recursively, for columns inside columns). Otherwise the segments of a line
//! stay on one line, separated by a tab (a job title and its dates). A wider vertical gap
//! than the usual line spacing, and the edge of a column, start a new block after a blank line.

use super::content::Placed;
use super::lines::{Line, Segment, is_visible, lines};

/// The text of one page.
pub(super) fn page_text(glyphs: Vec<Placed>) -> String {
    let (upright, other): (Vec<Placed>, Vec<Placed>) = glyphs.into_iter().partition(|g| g.upright);
    let lines = lines(upright);
    let mut writer = Writer::default();
    order(&lines, &mut writer, 0);
    let mut out = writer.out;
    let rest = drawing_order_text(&other);
    if !rest.is_empty() {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&rest);
    }
    out
}

/// How deep columns may nest inside columns.
const MAX_COLUMN_DEPTH: usize = 6;
/// A run of lines sharing a gutter is read as columns only from this many lines on…
const MIN_COLUMN_LINES: usize = 4;
/// …and when each side has this many lines of its own (text on one side only); where one
/// side only ever shares lines with the other, it is a table, or a heading with its dates.
const MIN_ONE_SIDED: usize = 2;

/// Writes `lines` (top to bottom) in reading order: runs of lines that share a gutter are
/// read as columns, left column first; other lines as they are.
fn order(lines: &[Line], writer: &mut Writer, depth: usize) {
    let mut i = 0;
    while i < lines.len() {
        let (end, coverage) = gutter_run(lines, i);
        let group = lines.get(i..end).unwrap_or_default();
        match coverage.widest_gap() {
            Some(gutter) if depth < MAX_COLUMN_DEPTH && is_columns(group, gutter) => {
                let (left, right) = split(group, gutter);
                writer.block_break();
                order(&left, writer, depth + 1);
                writer.block_break();
                order(&right, writer, depth + 1);
                writer.block_break();
            }
            _ => {
                for index in i..end {
                    if let Some(line) = lines.get(index) {
                        writer.line(line, column_edge(lines, index));
                    }
                }
            }
        }
        i = end.max(i + 1);
    }
}

/// The longest run of lines from `start` that leaves a vertical strip free between text on
/// both sides, and what it covers. The run may need two lines to show its gutter (a side
/// column that starts a line lower); without a gutter it is the one line at `start`.
fn gutter_run(lines: &[Line], start: usize) -> (usize, Coverage) {
    let mut coverage = Coverage::default();
    let mut end = start;
    for line in lines.iter().skip(start).take(2) {
        if !coverage.add(line) {
            break;
        }
        end += 1;
        if coverage.has_gap() {
            break;
        }
    }
    if !coverage.has_gap() {
        return (start + 1, Coverage::default());
    }
    while let Some(next) = lines.get(end) {
        let mut wider = coverage.clone();
        if !wider.add(next) || !wider.has_gap() {
            break;
        }
        coverage = wider;
        end += 1;
    }
    (end, coverage)
}

/// The horizontal extent a run of lines covers, as disjoint intervals from left to right.
#[derive(Debug, Default, Clone)]
struct Coverage {
    spans: Vec<(f32, f32)>,
}

impl Coverage {
    /// Adds a line's segments; a line of more segments than a layout has (a table of
    /// numbers, or a hostile page) is refused, which ends the run.
    fn add(&mut self, line: &Line) -> bool {
        if line.segments.len() > MAX_SEGMENTS {
            return false;
        }
        for segment in &line.segments {
            let (mut lo, mut hi) = (segment.x0, segment.x1);
            self.spans.retain(|&(a, b)| {
                let apart = b + MIN_GUTTER < lo || a - MIN_GUTTER > hi;
                if !apart {
                    lo = lo.min(a);
                    hi = hi.max(b);
                }
                apart
            });
            let at = self.spans.partition_point(|&(a, _)| a < lo);
            self.spans.insert(at, (lo, hi));
        }
        true
    }

    fn has_gap(&self) -> bool {
        self.spans.len() > 1
    }

    /// The widest free strip between covered spans.
    fn widest_gap(&self) -> Option<(f32, f32)> {
        self.spans
            .windows(2)
            .filter_map(|w| w.first().zip(w.get(1)))
            .map(|(a, b)| (a.1, b.0))
            .max_by(|a, b| (a.1 - a.0).total_cmp(&(b.1 - b.0)))
    }
}

/// Lines with more segments than this are never part of columns.
const MAX_SEGMENTS: usize = 64;

/// Where the text of the column holding `lines[index]` ends: the furthest right any nearby
/// line with the same left edge and font size reaches.
fn column_edge(lines: &[Line], index: usize) -> f32 {
    let Some(line) = lines.get(index) else { return 0.0 };
    let Some(first) = line.segments.first() else { return 0.0 };
    let nearby =
        lines.get(index.saturating_sub(EDGE_WINDOW)..(index + EDGE_WINDOW).min(lines.len())).unwrap_or_default();
    nearby
        .iter()
        .filter(|other| (other.size - line.size).abs() <= 0.1 * line.size)
        .filter(|other| other.segments.first().is_some_and(|s| (s.x0 - first.x0).abs() <= 1.0))
        .filter_map(|other| other.segments.last())
        .map(|s| s.x1)
        .fold(0.0, f32::max)
}

/// How many lines above and below [`column_edge`] looks at.
const EDGE_WINDOW: usize = 30;

/// The narrowest strip that still counts as a gutter, in points.
const MIN_GUTTER: f32 = 2.0;

/// Whether lines sharing `gutter` are columns rather than rows of a table or a job heading
/// ("Engineer … 2019 – 2021").
fn is_columns(group: &[Line], gutter: (f32, f32)) -> bool {
    if group.len() < MIN_COLUMN_LINES {
        return false;
    }
    let (mut left_only, mut right_only) = (0, 0);
    for line in group {
        let left = line.segments.iter().any(|s| s.x1 <= gutter.0);
        let right = line.segments.iter().any(|s| s.x0 >= gutter.1);
        match (left, right) {
            (true, false) => left_only += 1,
            (false, true) => right_only += 1,
            _ => {}
        }
    }
    left_only >= MIN_ONE_SIDED && right_only >= MIN_ONE_SIDED
}

/// The lines left and right of a gutter.
fn split(group: &[Line], gutter: (f32, f32)) -> (Vec<Line>, Vec<Line>) {
    let side = |left: bool| -> Vec<Line> {
        group
            .iter()
            .filter_map(|line| {
                let segments: Vec<Segment> =
                    line.segments.iter().filter(|s| (s.x1 <= gutter.0) == left).cloned().collect();
                (!segments.is_empty()).then(|| Line::new(line.y, segments))
            })
            .collect()
    };
    (side(true), side(false))
}

/// Text out, with a blank line where a block ends.
#[derive(Default)]
struct Writer {
    out: String,
    /// The last line written: baseline, size, left edge, and whether it may continue on the
    /// next line (an address or link broken inside the word at the column's edge).
    last: Option<(f32, f32, f32, bool)>,
    pending_break: bool,
}

impl Writer {
    fn block_break(&mut self) {
        self.pending_break = true;
    }

    /// Writes a line of a column whose text ends at `right_edge`.
    fn line(&mut self, line: &Line, right_edge: f32) {
        let texts: Vec<&str> = line.segments.iter().map(|s| s.text.trim()).filter(|t| !t.is_empty()).collect();
        let (Some(first), Some(last)) = (line.segments.first(), line.segments.last()) else { return };
        if texts.is_empty() {
            return;
        }
        if let Some((y, size, x0, open)) = self.last {
            let gap = line.y - y;
            let paragraph = gap > PARAGRAPH_GAP * size.max(line.size) || gap < 0.0;
            let continues = open
                && !self.pending_break
                && !paragraph
                && (first.x0 - x0).abs() <= 1.0
                && (line.size - size).abs() <= 0.1 * size
                && texts.len() == 1
                && texts.first().is_some_and(|next| continues_word(self.out.lines().last().unwrap_or_default(), next));
            if !continues {
                self.out.push('\n');
                if self.pending_break || paragraph {
                    self.out.push('\n');
                }
            }
        }
        self.pending_break = false;
        self.out.push_str(&texts.join("\t"));
        let one_word = line.segments.len() == 1 && !first.text.contains(char::is_whitespace);
        let at_edge = last.x1 >= right_edge - 1.5 * line.size;
        self.last = Some((line.y, line.size, first.x0, one_word && at_edge));
    }
}

/// Whether `next` (one token on the next line) is the rest of the word `previous` ends with,
/// broken at the column's edge: the tail of an address (`jane@exa` + `mple.org`,
/// `jane@example.` + `org`, `jane@site.te` + `ch`, `site.com` + `.au`), of a link ending in
/// `-` or `/`, or Chinese or Japanese text, which wraps without spaces. A complete address
/// followed by another (`jane@example.org` + `jane.dev`) stays two lines.
fn continues_word(previous: &str, next: &str) -> bool {
    let (Some(tail), Some(first)) = (previous.chars().last(), next.chars().next()) else { return false };
    let word = previous.rsplit(char::is_whitespace).next().unwrap_or_default();
    let open_address = word.rsplit_once('@').is_some_and(|(_, domain)| !domain.contains('.'));
    let short_fragment = next.chars().count() <= 3 && next.chars().all(|c| c.is_ascii_lowercase());
    let address =
        word.contains('@') || word.contains("://") || word.starts_with("www.") || word.matches('.').count() >= 2;
    (is_cjk(tail) && is_cjk(first))
        || !next.contains(char::is_whitespace)
            && (tail == '-'
                || open_address
                || address && (first == '.' || matches!(tail, '.' | '/' | '@') || short_fragment))
}

/// Han, kana and CJK punctuation: text that wraps between any two characters.
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{2e80}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{ff00}'..='\u{ffef}')
}

/// Baselines further apart than this many font sizes have a blank line between them.
const PARAGRAPH_GAP: f32 = 1.9;

/// Glyphs that are not upright (rotated or mirrored), in the order they were drawn.
fn drawing_order_text(glyphs: &[Placed]) -> String {
    let mut out = String::new();
    let mut last: Option<&Placed> = None;
    for glyph in glyphs.iter().filter(|g| g.text.chars().any(is_visible)) {
        if let Some(prev) = last {
            let near = (glyph.x0 - prev.x1).abs() + (glyph.y - prev.y).abs() <= 1.5 * prev.size;
            if !near {
                out.push('\n');
            }
        }
        out.push_str(&glyph.text);
        last = Some(glyph);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::continues_word;

    #[test]
    fn addresses_broken_at_the_column_edge_are_joined() {
        for (previous, next) in [
            ("developer@jimmarshall.p", "ub"),
            ("jeannine.delattre54@exa", "mple.org"),
            ("casini.pompeo@example.", "org"),
            ("chakrika.dutta@students", ".example.edu"),
            ("resume.michaelreed.com", ".au"),
            ("https://www.bit.admin.ch/fr/informaticienne-", "cfc-developpement-applications"),
            ("实现离线导出而不受客户端", "渲染限制。"),
        ] {
            assert!(continues_word(previous, next), "{previous} + {next}");
        }
    }

    #[test]
    fn complete_addresses_and_new_items_stay_on_their_own_lines() {
        for (previous, next) in [
            ("brian.sullivan@example.org", "briansullivan.com"),
            ("www.flogando.net", "www.psdb-mg.org.br"),
            ("kimberly.trujillo@example.com", "ktrujillo"),
            ("jukka@jukkavirtanen.com", "+358 43 847 4369"),
            ("Serbian/Bosnian/Croatian", "Native speaker"),
            ("Engineering", "Rust"),
            ("C#", ".NET"),
            ("Node.js", ".NET"),
        ] {
            assert!(!continues_word(previous, next), "{previous} + {next}");
        }
    }
}
