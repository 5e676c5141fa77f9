//! Reading a profile out of resume text: contact details, links, work history, education,
//! certifications, spoken languages and skills, in English, French, Spanish, German and
//! Portuguese.
//!
//! The text is cut into clean lines (`text`), each line is given the section of the heading
//! above it (`sections`), and every date range that can head an entry becomes an anchor
//! (`entries`); jobs and degrees are read from the short lines around their anchors (`work`,
//! `education`), with the layout that reads best over the whole resume. Contact details and
//! skill lists are looked for everywhere, because two-column themes put them beside the work
//! history or carry them over to the next page under another heading. Nothing here panics on
//! any input, and the work is bounded by the size limits in `text`.

mod certifications;
mod contact;
pub(crate) mod dates;
mod education;
mod entries;
mod languages;
pub(crate) mod links;
mod places;
mod sections;
pub(crate) mod skills;
mod text;
mod vocab;
mod work;

use hired_domain::profile::{PartialDate, Profile, experience_years};

use crate::taxonomy::Taxonomy;
use sections::Section;

/// A profile read from resume text, with what the reader could not make sense of.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// What was read.
    pub profile: Profile,
    /// Things a recruiter should check ("no work history found"), in plain words.
    pub warnings: Vec<String>,
}

/// Reads a profile out of resume text (as [`crate::extract`] gives it: lines in reading order,
/// blank lines between blocks). `today` ends the jobs held now when counting years.
pub fn profile_from_text(text: &str, taxonomy: &Taxonomy, today: PartialDate) -> Parsed {
    let (lines, cut) = text::clean_lines(text);
    let lines = sections::split_headings(lines);
    let mut warnings = Vec::new();
    if cut {
        warnings.push(format!(
            "the text is longer than any resume ({} lines or {} KB); only the beginning was read",
            text::MAX_LINES,
            text::MAX_BYTES / 1024
        ));
    }
    if lines.iter().all(text::Line::is_blank) {
        warnings.push("no text to read".to_string());
        return Parsed { profile: Profile::default(), warnings };
    }
    let (sections, headings) = sections::label(&lines);
    let (name, headline) = contact::name_and_headline(&lines, &headings);
    let emails = contact::emails(&lines, &sections);
    let location = contact::location(&lines, &sections);
    let links = links::links(&lines, &sections, |t| taxonomy.lookup(t).is_some());
    let country = location.as_ref().and_then(|l| l.country_code.as_deref()).and_then(places::by_code).or_else(|| {
        contact::country_from_domains(emails.iter().map(String::as_str).chain(links.iter().map(|l| l.url.as_str())))
    });
    let phones = contact::phones(&lines, &sections, country);

    let anchors = entries::anchors(&lines, &headings);
    let headers: Vec<entries::Header> =
        (0..anchors.len()).map(|k| entries::header(&lines, &headings, &anchors, k)).collect();
    let first_work = sections.iter().position(|s| *s == Section::Work);
    let section_of = |line: usize| sections.get(line).copied().unwrap_or(Section::Header);
    let job = |k: usize| headers.get(k).is_some_and(|h| entries::reads_as_job(&anchors[k], h));
    // A job under a section that holds no jobs, after the work heading, is the work history
    // going on: a two-column theme's next page, below the other column's last heading.
    let work_anchors: Vec<usize> = (0..anchors.len())
        .filter(|&k| match section_of(anchors[k].line) {
            Section::Work => true,
            Section::Header => first_work.is_none(),
            Section::Contact
            | Section::Skills
            | Section::Languages
            | Section::Interests
            | Section::Summary
            | Section::Education => first_work.is_some_and(|w| w < anchors[k].line) && job(k),
            _ => false,
        })
        .collect();
    let edu_anchors: Vec<usize> = (0..anchors.len())
        .filter(|&k| section_of(anchors[k].line) == Section::Education && !work_anchors.contains(&k))
        .collect();
    let edu_lines: Vec<usize> =
        (0..lines.len()).filter(|&i| section_of(i) == Section::Education && headings.get(i) != Some(&true)).collect();
    let mut work = work::work(&lines, &headings, &anchors, &headers, &work_anchors);
    if work.is_empty() {
        let work_lines: Vec<usize> = (0..lines.len()).filter(|&i| section_of(i) == Section::Work).collect();
        work = work::undated(&lines, &headings, &work_lines);
    }
    work::drop_contact_lines(&mut work, &emails, &phones, &links);
    let education = education::education(&lines, &anchors, &headers, &edu_anchors, &edu_lines);
    let skills = skills::skills(taxonomy, &lines, &sections, &headings, &work, today);
    let certifications = certifications::certifications(taxonomy, &lines, &sections, &headings);
    let languages = languages::languages(&lines, &sections, &headings);
    let summary = summary(&lines, &sections, &headings);

    if name.is_none() {
        warnings.push("no name found at the top of the resume".to_string());
    }
    if emails.is_empty() && phones.is_empty() {
        warnings.push("no email address or phone number found".to_string());
    }
    if work.is_empty() {
        warnings.push("no work history found (no dated jobs under a work heading)".to_string());
    }
    let total_years = experience_years(&work, today);
    Parsed {
        profile: Profile {
            name,
            headline,
            emails,
            phones,
            location,
            links,
            summary,
            skills,
            work,
            total_years,
            education,
            certifications,
            languages,
        },
        warnings,
    }
}

/// The prose of the summary section, without the contact details some themes put there.
fn summary(lines: &[text::Line], sections: &[Section], headings: &[bool]) -> Option<String> {
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        if sections.get(i) != Some(&Section::Summary) || headings.get(i) == Some(&true) || line.is_blank() {
            continue;
        }
        let t = &line.text;
        if t.contains('@') || t.contains("://") || t.chars().count() < 25 || !t.contains(' ') {
            continue;
        }
        if out.len() > 4_000 {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(t);
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests;
