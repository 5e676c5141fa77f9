//! From placed glyphs to lines of text.
//!
//! Glyphs drawn one after the other on one baseline make a run (a word or a stretch of words),
//! so text drawn over other text (an overflowing skills list) stays whole instead of
//! interleaving letter by letter. Runs on one baseline make a line, left to right; a wide
//! horizontal gap splits a line into segments, which reading order ([`super::layout`]) treats
//! as possible columns.

use super::content::Placed;

/// A horizontal gap wider than this many font sizes splits a line into segments.
const SEGMENT_GAP: f32 = 1.0;
/// A gap wider than this many font sizes between glyphs is a space.
const SPACE_GAP: f32 = 0.15;
/// A glyph may start this many font sizes left of the previous one's end and continue its
/// run (accents and tight kerning).
const BACKSTEP: f32 = 0.6;
/// Baselines closer than this many font sizes are one line.
const BASELINE_TOLERANCE: f32 = 0.3;

/// A piece of a line between wide gaps.
#[derive(Debug, Clone)]
pub(super) struct Segment {
    pub(super) x0: f32,
    pub(super) x1: f32,
    pub(super) size: f32,
    pub(super) text: String,
}

/// Text sharing a baseline, as segments from left to right.
#[derive(Debug, Clone)]
pub(super) struct Line {
    pub(super) y: f32,
    pub(super) size: f32,
    pub(super) segments: Vec<Segment>,
}

impl Line {
    /// A line of the given segments (at least one) on baseline `y`.
    pub(super) fn new(y: f32, segments: Vec<Segment>) -> Line {
        let size = segments.iter().map(|s| s.size).fold(0.0, f32::max);
        Line { y, size, segments }
    }
}

/// Glyphs drawn one after another on one baseline.
#[derive(Debug)]
struct Run {
    x0: f32,
    x1: f32,
    y: f32,
    size: f32,
    text: String,
    /// A space glyph followed the last visible glyph.
    space_after: bool,
}

/// Not whitespace, a control character or a private-use icon.
pub(super) fn is_visible(c: char) -> bool {
    !c.is_whitespace() && !c.is_control() && !('\u{e000}'..='\u{f8ff}').contains(&c)
}

/// Upright glyphs, in drawing order, as lines from top to bottom.
pub(super) fn lines(glyphs: Vec<Placed>) -> Vec<Line> {
    let mut runs = runs(glyphs);
    runs.sort_by(|a, b| a.y.total_cmp(&b.y));
    let mut groups: Vec<Vec<Run>> = Vec::new();
    let mut reference: Option<(f32, f32)> = None;
    for run in runs {
        match (reference, groups.last_mut()) {
            (Some((y, size)), Some(group)) if run.y - y <= BASELINE_TOLERANCE * size.min(run.size) => group.push(run),
            _ => {
                reference = Some((run.y, run.size));
                groups.push(vec![run]);
            }
        }
    }
    groups.into_iter().filter_map(line_of).collect()
}

fn runs(glyphs: Vec<Placed>) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    for glyph in glyphs {
        let visible = glyph.text.chars().any(is_visible);
        if let Some(run) = runs.last_mut() {
            let size = run.size.max(glyph.size);
            let gap = glyph.x0 - run.x1;
            let continues = (glyph.y - run.y).abs() <= BASELINE_TOLERANCE * run.size.min(glyph.size)
                && gap >= -BACKSTEP * size
                && gap <= SEGMENT_GAP * size;
            if continues && !visible {
                run.space_after = true;
                continue;
            }
            if continues {
                if (run.space_after || gap > SPACE_GAP * size) && !run.text.ends_with(' ') {
                    run.text.push(' ');
                }
                run.text.push_str(glyph.text.trim());
                run.x1 = run.x1.max(glyph.x1);
                run.size = size;
                run.space_after = false;
                continue;
            }
        }
        if visible {
            let text = glyph.text.trim().to_owned();
            runs.push(Run { x0: glyph.x0, x1: glyph.x1, y: glyph.y, size: glyph.size, text, space_after: false });
        }
    }
    runs
}

/// Runs on one baseline as a line of segments.
fn line_of(mut runs: Vec<Run>) -> Option<Line> {
    runs.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let y = runs.iter().map(|r| r.y).fold(f32::INFINITY, f32::min);
    let mut segments: Vec<Segment> = Vec::new();
    let mut space_after = false;
    for run in runs {
        if let Some(segment) = segments.last_mut() {
            let size = segment.size.max(run.size);
            let gap = run.x0 - segment.x1;
            if gap <= SEGMENT_GAP * size {
                let overlaps = gap < -SPACE_GAP * size;
                if (space_after || overlaps || gap > SPACE_GAP * size) && !segment.text.ends_with(' ') {
                    segment.text.push(' ');
                }
                segment.text.push_str(&run.text);
                segment.x1 = segment.x1.max(run.x1);
                segment.size = size;
                space_after = run.space_after;
                continue;
            }
        }
        space_after = run.space_after;
        segments.push(Segment { x0: run.x0, x1: run.x1, size: run.size, text: run.text });
    }
    (!segments.is_empty()).then(|| Line::new(y, segments))
}

#[cfg(test)]
mod tests {
    use super::super::content::Placed;
    use super::lines;

    fn glyphs(text: &str, x: f32, y: f32, size: f32) -> Vec<Placed> {
        let width = 0.5 * size;
        text.chars()
            .enumerate()
            .map(|(i, c)| {
                let x0 = x + i as f32 * width;
                Placed { x0, x1: x0 + width, y, size, text: c.to_string(), upright: true }
            })
            .collect()
    }

    fn texts(glyphs: Vec<Placed>) -> Vec<Vec<String>> {
        lines(glyphs).into_iter().map(|l| l.segments.into_iter().map(|s| s.text).collect()).collect()
    }

    #[test]
    fn glyphs_on_a_baseline_form_one_line_with_spaces_from_space_glyphs() {
        assert_eq!(texts(glyphs("Senior Engineer", 10.0, 100.0, 10.0)), [["Senior Engineer"]]);
    }

    #[test]
    fn a_wide_gap_splits_a_line_into_segments() {
        let mut placed = glyphs("Acme", 10.0, 100.0, 10.0);
        placed.extend(glyphs("2019", 300.0, 100.5, 9.0));
        assert_eq!(texts(placed), [["Acme", "2019"]]);
    }

    #[test]
    fn text_drawn_over_other_text_stays_whole() {
        let mut placed = glyphs("Envoy, Rego", 10.0, 100.0, 10.0);
        placed.extend(glyphs("Setting up", 40.0, 100.0, 10.0));
        assert_eq!(texts(placed), [["Envoy, Rego Setting up"]]);
    }

    #[test]
    fn lines_come_top_to_bottom_whatever_the_drawing_order() {
        let mut placed = glyphs("second", 10.0, 120.0, 10.0);
        placed.extend(glyphs("first", 10.0, 100.0, 10.0));
        assert_eq!(texts(placed), [["first"], ["second"]]);
    }
}
