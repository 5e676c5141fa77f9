//! Education: institution, degree, field of study and dates of each entry, dated ("Insa
//! Rennes" / "2007 – 2012" / "Diplôme d'ingénieur") or not ("Computer Engineering, Bachelor of
//! Science, Southern Methodist University").

use hired_domain::profile::EducationEntry;

use super::entries::{Anchor, Header, continues, trim_joiners};
use super::text::{Line, fold};
use super::vocab::{is_body_label, is_degree, is_place, is_school};

/// The entries headed by `edu` (indices into `anchors`); when there is none, the undated
/// entries of the lines in `section` (line numbers of the education section).
pub(crate) fn education(
    lines: &[Line],
    anchors: &[Anchor],
    headers: &[Header],
    edu: &[usize],
    section: &[usize],
) -> Vec<EducationEntry> {
    if edu.is_empty() {
        return undated(lines, section);
    }
    edu.iter()
        .filter_map(|&k| {
            let anchor = anchors.get(k)?;
            let header = headers.get(k)?;
            let before = header.before_texts();
            let after = header.after_texts();
            let mut texts: Vec<&str> = Vec::new();
            if let Some(inline) = anchor.inline.as_deref() {
                texts.push(inline);
            }
            // The nearest line above (all its segments), and the one above it when that names
            // the school; then the two lines below.
            let first_line = before.first().map(|(i, _)| *i);
            texts.extend(before.iter().filter(|(i, _)| Some(*i) == first_line).map(|(_, t)| *t));
            if !texts.iter().any(|t| is_school(t))
                && let Some((_, b2)) = before.iter().find(|(i, _)| Some(*i) != first_line)
                && is_school(b2)
            {
                texts.push(b2);
            }
            let mut near: Vec<usize> = after.iter().map(|(i, _)| *i).collect();
            near.dedup();
            near.truncate(2);
            texts.extend(after.iter().filter(|(i, _)| near.contains(i)).map(|(_, t)| *t));
            let mut entry = entry_from(&texts);
            entry.start = anchor.range.start;
            entry.end = anchor.range.end;
            (entry.institution.is_some() || entry.degree.is_some()).then_some(entry)
        })
        .collect()
}

/// Entries without dates: each school name starts one; the next lines give degree and field.
fn undated(lines: &[Line], section: &[usize]) -> Vec<EducationEntry> {
    let mut groups: Vec<Vec<String>> = Vec::new();
    let mut previous: Option<&Line> = None;
    for &i in section {
        let Some(line) = lines.get(i) else { continue };
        if line.is_blank() || is_body_label(&line.text) || line.text.chars().count() > 150 {
            continue;
        }
        let wrapped = previous.is_some_and(|p| continues(p, line));
        previous = Some(line);
        if wrapped && let Some(last) = groups.last_mut().and_then(|g| g.last_mut()) {
            last.push(' ');
            last.push_str(&line.text);
            continue;
        }
        if is_school(&line.text) || groups.is_empty() {
            groups.push(Vec::new());
        }
        if let Some(g) = groups.last_mut()
            && g.len() < 4
        {
            g.push(line.text.clone());
        }
    }
    groups
        .iter()
        .map(|g| entry_from(&g.iter().map(String::as_str).collect::<Vec<_>>()))
        .filter(|e| e.institution.is_some() && (e.degree.is_some() || e.field.is_some()))
        .take(30)
        .collect()
}

/// Whether "a, b, c" lists degree, field and school (and is not one name with its place, such
/// as "ECU, Perth" or "KvB Institute of Technology, Sydney").
fn splits_into_parts(text: &str) -> bool {
    let parts: Vec<&str> = text.split(", ").collect();
    parts.len() > 1
        && (parts.iter().any(|p| is_degree(p))
            || parts.iter().any(|p| is_school(p)) && !parts.iter().any(|p| !is_school(p) && is_place(p)))
}

/// Institution, degree and field from the header lines of one entry.
fn entry_from(texts: &[&str]) -> EducationEntry {
    let mut parts: Vec<String> = Vec::new();
    for t in texts {
        // "Bachelor Computer Science at Universidad Central de Venezuela"; "Computer Engineering,
        // Bachelor of Science, Southern Methodist University"; "ECU, Perth" stays whole.
        let pieces: Vec<&str> = t
            .split('\t')
            .flat_map(|segment| match segment.split_once(" at ") {
                Some((degree, school)) => vec![degree, school],
                None if splits_into_parts(segment) => segment.split(", ").collect(),
                None => vec![segment],
            })
            .collect();
        for p in pieces.into_iter().map(trim_joiners) {
            if !p.is_empty() && !is_noise(p) && !parts.iter().any(|q| q == p) {
                parts.push(p.to_string());
            }
        }
    }
    let institution = parts
        .iter()
        .position(|p| is_school(p) && !is_degree_only(p))
        .or_else(|| parts.iter().position(|p| !is_degree(p)));
    let institution = institution.map(|i| parts.remove(i));
    let degree = parts.iter().position(|p| is_degree(p)).map(|i| parts.remove(i));
    let (degree, field) = match degree {
        Some(d) => match split_field(&d) {
            Some((deg, field)) => (Some(deg), Some(field)),
            None => (Some(d), parts.first().cloned()),
        },
        None => (None, parts.first().cloned()),
    };
    EducationEntry { institution, degree, field, start: None, end: None }
}

/// A degree line that names a school only as part of the degree ("Bachelor of the University").
fn is_degree_only(p: &str) -> bool {
    is_degree(p)
        && fold(p)
            .split(' ')
            .take(2)
            .any(|w| matches!(w, "bachelor" | "master" | "diploma" | "licence" | "grado" | "diplom"))
}

/// "Bachelors of Arts in Philosophy" -> ("Bachelors of Arts", "Philosophy"); also "en", "em",
/// "in" in French, Spanish, Portuguese and German.
fn split_field(degree: &str) -> Option<(String, String)> {
    for sep in [" in ", " en ", " em ", " im "] {
        if let Some((d, f)) = degree.split_once(sep) {
            let (d, f) = (d.trim(), f.trim());
            if !d.is_empty() && !f.is_empty() {
                return Some((d.to_string(), f.to_string()));
            }
        }
    }
    None
}

/// Lines that are neither school, degree nor field: grades, places, course labels.
fn is_noise(p: &str) -> bool {
    let f = fold(p);
    let digits = p.chars().filter(char::is_ascii_digit).count();
    let letters = p.chars().filter(|c| c.is_alphabetic()).count();
    letters < 2
        || digits > letters
        || f.starts_with("grade")
        || f.starts_with("gpa")
        || f.starts_with("note")
        || f.starts_with("score")
        || f.starts_with("mention")
        || f.starts_with("http")
        || is_body_label(p)
        || is_place(p) && !is_school(p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::entries::{anchors, header};
    use crate::parse::text::clean_lines;
    use hired_domain::profile::PartialDate;

    fn schools(text: &str) -> Vec<EducationEntry> {
        let lines = clean_lines(text).0;
        let headings = vec![false; lines.len()];
        let a = anchors(&lines, &headings);
        let headers: Vec<Header> = (0..a.len()).map(|k| header(&lines, &headings, &a, k)).collect();
        let all: Vec<usize> = (0..a.len()).collect();
        let section: Vec<usize> = (0..lines.len()).collect();
        education(&lines, &a, &headers, &all, &section)
    }

    fn triple(e: &EducationEntry) -> (Option<&str>, Option<&str>, Option<&str>) {
        (e.institution.as_deref(), e.degree.as_deref(), e.field.as_deref())
    }

    #[test]
    fn school_then_degree_in_field_then_dates() {
        let e = schools("Lewis and Clark College\nBachelors of Arts in Philosophy\nSep 2012 – May 2014\n");
        assert_eq!(triple(&e[0]), (Some("Lewis and Clark College"), Some("Bachelors of Arts"), Some("Philosophy")));
        assert_eq!(e[0].end, PartialDate::new(2014, Some(5)));
    }

    #[test]
    fn field_degree_school_on_one_line_in_french_and_spanish() {
        let e = schools(
            "Computer Engineering, Bachelor of Science, Southern Methodist University\nAug, 2001 - Dec, 2004\n",
        );
        assert_eq!(
            triple(&e[0]),
            (Some("Southern Methodist University"), Some("Bachelor of Science"), Some("Computer Engineering"))
        );
        let e = schools("Insa Rennes\n2007-12-31 — 2012-12-31\nDiplôme d'ingénieur en informatique\n");
        assert_eq!(e[0].institution.as_deref(), Some("Insa Rennes"));
        assert_eq!(e[0].field.as_deref(), Some("informatique"));
        let e = schools("Grado en Ingeniería Informática, Universidad de Sevilla\t2012 – 2016\n");
        assert_eq!(triple(&e[0]), (Some("Universidad de Sevilla"), Some("Grado"), Some("Ingeniería Informática")));
    }

    #[test]
    fn degree_at_school_and_years_beside() {
        let e = schools("Bachelor Computer Science at Universidad Central de Venezuela\nAug 2010 - Aug 2017\n");
        assert_eq!(e[0].institution.as_deref(), Some("Universidad Central de Venezuela"));
        assert_eq!(e[0].degree.as_deref(), Some("Bachelor Computer Science"));
        let e = schools("2018\tUniversity of Strasbourg\n2021\nBachelor's Degree\nComputer Science\n");
        assert_eq!(
            triple(&e[0]),
            (Some("University of Strasbourg"), Some("Bachelor's Degree"), Some("Computer Science"))
        );
    }

    #[test]
    fn undated_entries_start_at_each_school() {
        let e = schools(
            "Faculty of Information Technology\nInformation Technology\nBachelor\nTechnische Universität München\nMaster of Science\n",
        );
        assert_eq!(e.len(), 2);
        assert_eq!(
            triple(&e[0]),
            (Some("Faculty of Information Technology"), Some("Bachelor"), Some("Information Technology"))
        );
        assert_eq!(e[1].degree.as_deref(), Some("Master of Science"));
    }
}
