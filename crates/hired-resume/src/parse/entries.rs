//! Entries of a dated list (jobs, degrees): each is found by its date range (the anchor), and
//! the short lines just before and after it are its header (title, employer, school, place),
//! while the lines below are its body.

use super::dates::{DateRange, find_range, is_date_line, letters_besides_durations};
use super::text::{Line, fold};
use super::vocab::{is_body_label, is_degree, is_place, is_school, title_score};

/// A date range that starts an entry.
#[derive(Debug, Clone)]
pub(crate) struct Anchor {
    /// Line of the range.
    pub line: usize,
    /// Last line of the range (a year pair printed over two lines ends on the second).
    pub last: usize,
    /// The range.
    pub range: DateRange,
    /// The rest of the line, when the range shares it with text ("Dev, Acme  2019 – 2021").
    pub inline: Option<String>,
}

/// Every date range that can head an entry, in line order.
pub(crate) fn anchors(lines: &[Line], headings: &[bool]) -> Vec<Anchor> {
    let mut out: Vec<Anchor> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        if line.is_blank() || headings.get(i) == Some(&true) || line.text.len() > 160 {
            i += 1;
            continue;
        }
        let pure = is_date_line(&line.text).filter(|_| {
            // "MAIF<TAB>2024-11 —": a short employer beside the dates is not a date line.
            line.segments().filter(|s| letters_besides_durations(s) > 0 && find_range(s).is_none()).count() == 0
        });
        if let Some(range) = pure {
            if range.is_span() {
                out.push(Anchor { line: i, last: i, range, inline: None });
            } else if let Some((j, end)) = year_below(lines, i, &range) {
                let range = DateRange { end: end.start, ..range };
                out.push(Anchor { line: i, last: j, range, inline: None });
                i = j + 1;
                continue;
            } else if range.start.is_some() {
                out.push(Anchor { line: i, last: i, range, inline: None });
            }
        } else if let Some(range) = find_range(&line.text).filter(DateRange::is_span) {
            let before = line.text.get(..range.from).unwrap_or("");
            let after = line.text.get(range.to..).unwrap_or("");
            let rest = if before.trim().len() >= after.trim().len() { before } else { after };
            let rest = trim_joiners(rest);
            let edge = letters_besides_durations(after) == 0 || before.trim().is_empty();
            if edge && !is_sentence(rest) && !rest.is_empty() {
                out.push(Anchor { line: i, last: i, range, inline: Some(rest.to_string()) });
            }
        }
        i += 1;
    }
    out
}

/// A lone year followed by another lone year on the next lines ("2016" / "2020").
fn year_below(lines: &[Line], i: usize, range: &DateRange) -> Option<(usize, DateRange)> {
    let start = range.start?;
    let (j, next) = lines.iter().enumerate().skip(i + 1).take(3).find(|(_, l)| !l.is_blank())?;
    let end = is_date_line(&next.text)?;
    (end.start? >= start && end.end.is_none() && !end.current && next.text.len() <= 12).then_some((j, end))
}

/// `text` without the separators left around a removed date ("Dev, Acme |", "Dev (", "–").
/// Parentheses go only when unbalanced: "Acme (Paris)" keeps its own.
pub(crate) fn trim_joiners(text: &str) -> &str {
    let joiner = |c: char| c.is_whitespace() || matches!(c, '|' | '-' | '–' | '—' | ',' | '·' | '•' | ':' | '/');
    let mut t = text.trim_matches(joiner);
    loop {
        let opens = t.matches('(').count();
        let closes = t.matches(')').count();
        let next = if t.ends_with('(') || opens > closes && t.ends_with(|c: char| !c.is_alphanumeric() && c != ')') {
            t.trim_end_matches('(')
        } else if t.starts_with(')') && closes > opens {
            t.trim_start_matches(')')
        } else {
            break;
        };
        let next = next.trim_matches(joiner);
        if next.len() == t.len() {
            break;
        }
        t = next;
    }
    t
}

/// What a header line says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Cand {
    /// Free text: a title, an employer, a school, a degree.
    Text(String),
    /// A place.
    Place(String),
    /// A web address.
    Url,
}

/// The header lines around one anchor: before it (nearest first) and after it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Header {
    /// Lines above, nearest first, with their line numbers.
    pub before: Vec<(usize, Cand)>,
    /// Lines below, nearest first.
    pub after: Vec<(usize, Cand)>,
}

impl Header {
    /// The free-text lines above, nearest first.
    pub fn before_texts(&self) -> Vec<(usize, &str)> {
        texts(&self.before)
    }

    /// The free-text lines below, nearest first.
    pub fn after_texts(&self) -> Vec<(usize, &str)> {
        texts(&self.after)
    }

    /// The first place named in the header.
    pub fn place(&self) -> Option<&str> {
        self.after.iter().chain(&self.before).find_map(|(_, c)| match c {
            Cand::Place(p) => Some(p.as_str()),
            _ => None,
        })
    }
}

fn texts(cands: &[(usize, Cand)]) -> Vec<(usize, &str)> {
    cands
        .iter()
        .filter_map(|(i, c)| match c {
            Cand::Text(t) => Some((*i, t.as_str())),
            _ => None,
        })
        .collect()
}

/// Whether the header of an anchor reads as a job (a title that is not a degree) rather than
/// as a degree, a school, a project or a language.
pub(crate) fn reads_as_job(anchor: &Anchor, header: &Header) -> bool {
    let texts = anchor
        .inline
        .as_deref()
        .into_iter()
        .chain(header.before_texts().into_iter().take(2).map(|(_, t)| t))
        .chain(header.after_texts().into_iter().take(2).map(|(_, t)| t));
    let mut job = false;
    for t in texts {
        if is_school(t) || is_degree(t) {
            return false;
        }
        job |= title_score(t) > 0;
    }
    job
}

/// Whether a line reads as a sentence: long, or ending in a full stop that does not close an
/// abbreviation ("Inc.", "S.L.").
pub(crate) fn is_sentence(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let last = words.last().map_or("", |w| w.trim_end_matches('.'));
    let abbreviation = last.contains('.')
        || last.chars().count() == 1
        || matches!(
            fold(last).as_str(),
            "inc"
                | "ltd"
                | "co"
                | "corp"
                | "jr"
                | "sr"
                | "llc"
                | "gmbh"
                | "bros"
                | "dept"
                | "st"
                | "ltda"
                | "cia"
                | "comp"
        );
    words.len() > 18 || text.ends_with('.') && words.len() >= 5 && !abbreviation
}

/// Whether a line can be part of an entry's header: short, not a sentence, not a bullet, not
/// the start or the end of a sentence cut by a line break.
pub(crate) fn is_header_line(line: &Line) -> bool {
    let text = &line.text;
    let fragment = text.starts_with(char::is_lowercase) && text.ends_with('.');
    !line.bullet && text.chars().count() <= 110 && !is_sentence(text) && !text.ends_with([':', ',']) && !fragment
}

fn classify(text: &str) -> Cand {
    let lower = text.to_ascii_lowercase();
    if lower.starts_with("http")
        || lower.starts_with("www.")
        || !text.contains(char::is_whitespace) && text.contains('/') && text.contains('.')
    {
        Cand::Url
    } else if is_place(text) {
        Cand::Place(text.to_string())
    } else {
        Cand::Text(text.to_string())
    }
}

/// The header of the anchor at `k`: up to three lines above (not crossing the previous anchor
/// or a heading) and two below (not crossing the next one).
pub(crate) fn header(lines: &[Line], headings: &[bool], anchors: &[Anchor], k: usize) -> Header {
    let Some(a) = anchors.get(k) else { return Header::default() };
    let floor = k.checked_sub(1).and_then(|p| anchors.get(p)).map_or(0, |p| p.last + 1);
    let ceiling = anchors.get(k + 1).map_or(lines.len(), |n| n.line);
    let usable = |i: usize| headings.get(i) != Some(&true) && !is_body_label(&lines[i].text);
    let mut before: Vec<(usize, Cand)> = Vec::new();
    let mut i = a.line;
    let mut taken = 0;
    let mut gap = false;
    while i > floor && taken < 4 {
        i -= 1;
        let line = &lines[i];
        if line.is_blank() {
            gap = true;
            continue;
        }
        if !usable(i) {
            break;
        }
        // A line cut in two joins back; a longer paragraph is prose, not a header.
        let paragraph = i > floor + 1 && continues(&lines[i - 2], &lines[i - 1]);
        let joined = (i > floor && continues(&lines[i - 1], line) && !paragraph)
            .then(|| Line { text: format!("{} {}", lines[i - 1].text, line.text), bullet: lines[i - 1].bullet })
            .filter(|j| usable(i - 1) && is_header_line(j));
        if let Some(joined) = joined {
            // The end of a line that ran over, joined to its start.
            i -= 1;
            before.extend(joined.segments().map(|s| (i, classify(s))));
        } else if is_header_line(line) && !(i > floor && continues(&lines[i - 1], line)) {
            before.extend(line.segments().map(|s| (i, classify(s))));
        } else if let Some((start, name)) = named_paragraph(lines, floor, i, !gap && taken > 0) {
            // "Acme · Acme builds rockets …" over several lines: the name before the dot.
            before.push((start, classify(name)));
            i = start;
        } else {
            break;
        }
        taken += 1;
        gap = false;
    }
    let mut after: Vec<(usize, Cand)> = Vec::new();
    let mut i = a.last + 1;
    let mut taken = 0;
    while i < ceiling && taken < 3 {
        let at = i;
        i += 1;
        let line = &lines[at];
        if line.is_blank() {
            continue;
        }
        if !usable(at) {
            break;
        }
        let mut joined = line.clone();
        while i < ceiling && continues(&joined, &lines[i]) && joined.text.len() < 400 {
            joined.text = format!("{} {}", joined.text, lines[i].text);
            i += 1;
        }
        if !is_header_line(&joined) {
            break;
        }
        after.extend(joined.segments().map(|s| (at, classify(s))));
        taken += 1;
    }
    Header { before, after }
}

/// The paragraph ending at line `end` when it opens with a short name and a middle dot
/// ("Chronotruck (Groupe Gefco) · Chronotruck est acteur du transport"), or, when it is
/// `attached` to the header line below it, when a short name stands above it: that line and
/// the name.
fn named_paragraph(lines: &[Line], floor: usize, end: usize, attached: bool) -> Option<(usize, &str)> {
    let mut at = end;
    loop {
        let line = &lines[at];
        if let Some((name, prose)) = line.text.split_once(" · ") {
            let words = name.split_whitespace().count();
            let prose_words = prose.split_whitespace().count();
            return ((1..=8).contains(&words) && prose_words >= 4 && !name.ends_with('.')).then_some((at, name));
        }
        if at <= floor || end - at >= 4 {
            return None;
        }
        let above = &lines[at - 1];
        if above.is_blank() || above.bullet {
            return None;
        }
        // The line above a short summary paragraph that sits right on the header line below
        // it: the employer over its description.
        if attached && !continues(above, line) && !line.text.starts_with(char::is_lowercase) {
            let words = above.text.split_whitespace().count();
            return (is_header_line(above) && words <= 6 && at < end).then_some((at - 1, above.text.as_str()));
        }
        at -= 1;
    }
}

/// Whether a line stops on a word that needs more after it ("University of Natural Sciences
/// and", "Universidad de").
fn ends_with_connector(text: &str) -> bool {
    let last = text.split_whitespace().next_back().map(fold).unwrap_or_default();
    matches!(
        last.as_str(),
        "and"
            | "of"
            | "&"
            | "de"
            | "du"
            | "des"
            | "la"
            | "le"
            | "y"
            | "e"
            | "et"
            | "und"
            | "fur"
            | "da"
            | "do"
            | "del"
            | "the"
            | "for"
            | "-"
            | "–"
            | "di"
            | "della"
            | "der"
    )
}

/// Whether `line` is the rest of `prev`, a long line cut short without closing punctuation
/// (and not a short job title that follows an unpunctuated summary).
pub(crate) fn continues(prev: &Line, line: &Line) -> bool {
    !prev.is_blank()
        && !line.is_blank()
        && !line.bullet
        && (prev.text.chars().count() >= 60 || ends_with_connector(&prev.text))
        && !prev.text.contains('\t')
        && !prev.text.ends_with(['.', '!', '?', ':', ';'])
        && !(title_score(&line.text) > 0 && line.text.split_whitespace().count() <= 6)
}

/// The body lines of an entry, from `from` up to (not including) `to`, joined where a sentence
/// runs over several lines, one item per bullet or sentence. At most 60 items.
pub(crate) fn body(lines: &[Line], headings: &[bool], from: usize, to: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut open = false;
    for (i, line) in lines.iter().enumerate().take(to).skip(from) {
        if headings.get(i) == Some(&true) {
            break;
        }
        if line.is_blank() || is_body_label(&line.text) {
            open = false;
            continue;
        }
        let starts_lower = line.text.chars().next().is_some_and(char::is_lowercase);
        if let Some(last) = out.last_mut()
            && open
            && !line.bullet
            && (starts_lower || !last.ends_with(['.', '!', '?', ':']))
            && last.len() < 1_000
        {
            last.push(' ');
            last.push_str(&line.text);
        } else if out.len() < 60 {
            out.push(line.text.clone());
        } else {
            break;
        }
        open = line.text.chars().count() > 50 && !line.text.ends_with(['.', '!', '?']);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::text::clean_lines;

    fn setup(text: &str) -> (Vec<Line>, Vec<bool>, Vec<Anchor>) {
        let lines = clean_lines(text).0;
        let headings = vec![false; lines.len()];
        let anchors = anchors(&lines, &headings);
        (lines, headings, anchors)
    }

    #[test]
    fn anchors_are_ranges_lone_dates_and_year_pairs() {
        let (_, _, a) = setup(
            "Acme\nMar 2019 - Present\nDev at Foo Jan 2017 - Feb 2019\nIn 2015 we shipped a product to 1000 users.\n2016\n2020\n",
        );
        assert_eq!(a.len(), 3);
        assert!(a[0].range.current);
        assert_eq!(a[1].inline.as_deref(), Some("Dev at Foo"));
        assert_eq!((a[2].line, a[2].last), (4, 5));
        assert_eq!(a[2].range.end.map(|d| d.year), Some(2020));
    }

    #[test]
    fn headers_stop_at_sentences_and_the_neighbouring_anchor() {
        let (lines, headings, a) = setup(
            "Built a thing that did many useful things for people.\nAcme Corp\nRemote\nhttps://acme.com\nMar 2019 - Present\nSenior Engineer\nShipped it all in record time, with care and tests.\n",
        );
        let h = header(&lines, &headings, &a, 0);
        assert_eq!(h.before_texts(), vec![(1, "Acme Corp")]);
        assert_eq!(h.after_texts(), vec![(5, "Senior Engineer")]);
        assert_eq!(h.place(), Some("Remote"));
    }

    #[test]
    fn body_lines_join_wrapped_sentences() {
        let lines = clean_lines("Designed and developed a continuous deployment system with Jenkins,\nGitHub and AWS.\n• Led a team\n• Wrote docs").0;
        let got = body(&lines, &[false; 4], 0, 4);
        assert_eq!(
            got,
            vec![
                "Designed and developed a continuous deployment system with Jenkins, GitHub and AWS.",
                "Led a team",
                "Wrote docs"
            ]
        );
    }
}
