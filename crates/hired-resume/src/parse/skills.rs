//! Skills through the taxonomy: the technologies a resume lists as skills, each with the
//! years of use that the work history supports (the jobs whose title or highlights mention it,
//! overlaps counted once).

use std::collections::HashSet;

use hired_domain::profile::{PartialDate, ProfileSkill, WorkEntry, experience_years};

use super::languages::is_spoken_line;
use super::sections::Section;
use super::text::{Line, fold};
use crate::taxonomy::{Taxonomy, Tech};

/// Separators between the items of a skills list.
const ITEM_SEPARATORS: &[char] = &[',', '·', '|', ';', '•', '、', '，', '\t'];

/// The skills of a resume, the ones it lists first: the technologies in its skills section,
/// in lines elsewhere that are lists of technologies (two-column themes put skill groups beside
/// the contact details, without a heading), under a rated group wherever the page put it, and
/// in a "languages" section that lists programming languages; then every technology the rest
/// of the resume mentions. Group names ("Cloud & DevOps" above "Expert") are not list items.
pub(crate) fn skills(
    taxonomy: &Taxonomy,
    lines: &[Line],
    sections: &[Section],
    headings: &[bool],
    work: &[WorkEntry],
    today: PartialDate,
) -> Vec<ProfileSkill> {
    let groups = group_names(lines, headings);
    let rated = rated_blocks(lines, headings, &groups);
    let mut techs: Vec<&Tech> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.is_blank() || headings.get(i) == Some(&true) || groups.contains(&i) || is_rating(&line.text) {
            continue;
        }
        let listed = rated.contains(&i)
            || match sections.get(i).copied().unwrap_or(Section::Header) {
                Section::Skills => true,
                Section::Languages => !is_spoken_line(&line.text),
                Section::Header | Section::Summary | Section::Contact | Section::Interests => {
                    is_tech_list(taxonomy, &line.text)
                }
                _ => false,
            };
        if listed {
            techs.extend(in_list_line(taxonomy, &line.text));
        }
    }
    // Then every technology the rest of the resume mentions: its summary, jobs and projects.
    for (i, line) in lines.iter().enumerate() {
        if !line.is_blank() && sections.get(i) != Some(&Section::References) {
            techs.extend(taxonomy.find(&line.text).into_iter().map(|m| m.tech));
        }
    }
    let mut seen = HashSet::new();
    techs.retain(|t| seen.insert(t.name.as_str()));
    let mut skills: Vec<ProfileSkill> = techs
        .into_iter()
        .take(500)
        .map(|tech| ProfileSkill { name: tech.name.clone(), category: tech.category.clone(), years: None })
        .collect();
    let job_texts: Vec<String> =
        work.iter().map(|w| [w.title.as_deref().unwrap_or(""), &w.highlights.join("\n")].join("\n")).collect();
    add_years(taxonomy, &mut skills, work, &job_texts, today);
    skills
}

/// Sets each skill's years of use: the time spent in the jobs whose text (`job_texts[i]` for
/// `work[i]`) mentions it, overlaps counted once. Skills no job mentions keep `None`.
pub(crate) fn add_years(
    taxonomy: &Taxonomy,
    skills: &mut [ProfileSkill],
    work: &[WorkEntry],
    job_texts: &[String],
    today: PartialDate,
) {
    let mentioned: Vec<HashSet<&str>> =
        job_texts.iter().map(|text| taxonomy.find(text).into_iter().map(|m| m.tech.name.as_str()).collect()).collect();
    for skill in skills {
        let used: Vec<WorkEntry> = work
            .iter()
            .zip(&mentioned)
            .filter(|(_, names)| names.contains(skill.name.as_str()))
            .map(|(w, _)| w.clone())
            .collect();
        skill.years = experience_years(&used, today).filter(|y| *y > 0.0);
    }
}

/// Words that rate a skill ("Expert", "Avancé", "Grundkenntnisse").
fn is_skill_level(text: &str) -> bool {
    matches!(
        fold(text.trim()).as_str(),
        "expert"
            | "advanced"
            | "intermediate"
            | "beginner"
            | "master"
            | "senior"
            | "junior"
            | "mid"
            | "mid-level"
            | "proficient"
            | "basic"
            | "familiar"
            | "novice"
            | "lower level"
            | "avance"
            | "intermediaire"
            | "debutant"
            | "confirme"
            | "experte"
            | "avanzado"
            | "intermedio"
            | "basico"
            | "experto"
            | "fortgeschritten"
            | "grundkenntnisse"
            | "sehr gut"
            | "gut"
            | "avancado"
            | "intermediario"
            | "especialista"
            | "profi"
            | "kenner"
    )
}

/// A skill level alone ("Expert") or after a group name ("Cloud & DevOps<TAB>Advanced").
fn is_rating(text: &str) -> bool {
    is_skill_level(text) || text.contains('\t') && text.rsplit('\t').next().is_some_and(is_skill_level)
}

/// The lines listed under a rated group, wherever the page put them (a two-column theme may
/// continue the skills column under another section's heading): from a rating down to the
/// next group, heading or sentence.
fn rated_blocks(lines: &[Line], headings: &[bool], groups: &HashSet<usize>) -> HashSet<usize> {
    let mut out = HashSet::new();
    for (j, line) in lines.iter().enumerate() {
        if !is_rating(&line.text) {
            continue;
        }
        for i in (j + 1..lines.len()).filter(|&i| !lines[i].is_blank()).take(8) {
            let l = &lines[i];
            if headings.get(i) == Some(&true)
                || groups.contains(&i)
                || is_rating(&l.text)
                || l.text.ends_with('.')
                || l.text.chars().count() > 100
            {
                break;
            }
            out.insert(i);
        }
    }
    out
}

/// Lines that name a group of skills: each skill-level line ("Expert") rates the nearest group
/// name above it not yet taken ("Backend" / "Expert", or "Frontend", "Backend", "Cloud" over
/// three levels).
fn group_names(lines: &[Line], headings: &[bool]) -> HashSet<usize> {
    let mut groups = HashSet::new();
    for (j, line) in lines.iter().enumerate() {
        if !is_skill_level(&line.text) {
            continue;
        }
        let name = (j.saturating_sub(8)..j).rev().find(|&i| {
            let l = &lines[i];
            !l.is_blank() && headings.get(i) != Some(&true) && !is_skill_level(&l.text) && !groups.contains(&i)
        });
        if let Some(i) = name.filter(|&i| lines[i].text.split_whitespace().count() <= 5) {
            groups.insert(i);
        }
    }
    groups
}

/// Whether a line is mostly technology names: a skills list outside the skills section.
fn is_tech_list(taxonomy: &Taxonomy, text: &str) -> bool {
    if text.split_whitespace().count() > 14 || text.ends_with('.') {
        return false;
    }
    let covered: usize = taxonomy
        .find(text)
        .iter()
        .map(|m| text.get(m.start..m.end).map_or(0, |s| s.chars().filter(|c| c.is_alphanumeric()).count()))
        .sum();
    let total = text.chars().filter(|c| c.is_alphanumeric()).count();
    total > 0 && covered * 2 >= total
}

/// The technologies of one line of a skills list: every mention found in it, and each item
/// between separators that the taxonomy knows as written ("k8s", "Postgres").
fn in_list_line<'a>(taxonomy: &'a Taxonomy, text: &str) -> Vec<&'a Tech> {
    let text = text
        .split_once(": ")
        .map_or(text, |(label, rest)| if label.split_whitespace().count() <= 4 { rest } else { text });
    let found = taxonomy.find(text);
    let mut out: Vec<&Tech> = found.iter().map(|m| m.tech).collect();
    let push = |tech: &'a Tech, out: &mut Vec<&'a Tech>| {
        if !out.iter().any(|t| t.name == tech.name) {
            out.push(tech);
        }
    };
    for item in text.split(ITEM_SEPARATORS) {
        let item = item.trim();
        if !item.is_empty()
            && item.chars().count() <= 40
            && let Some(tech) = taxonomy.lookup(item)
        {
            push(tech, &mut out);
        }
    }
    // "typescript react next.js": words of a list that free-text matching leaves alone because
    // they are also common words, looked up one by one.
    for (at, word) in words_at(text) {
        if !found.iter().any(|m| m.start < at + word.len() && at < m.end)
            && let Some(tech) = taxonomy.lookup(word)
        {
            push(tech, &mut out);
        }
    }
    out
}

/// The words of a list line (between spaces and item separators) with their byte offsets.
fn words_at(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        let boundary = c.is_whitespace() || ITEM_SEPARATORS.contains(&c);
        match (start, boundary) {
            (None, false) => start = Some(i),
            (Some(s), true) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::text::clean_lines;

    fn names(skills: &[ProfileSkill]) -> Vec<&str> {
        skills.iter().map(|s| s.name.as_str()).collect()
    }

    #[test]
    fn listed_skills_are_normalised_and_get_years_from_jobs() {
        let taxonomy = Taxonomy::builtin();
        let lines = clean_lines("Skills\nBackend: Postgres, k8s, Django\nGo · Rust").0;
        let sections = vec![Section::Skills; lines.len()];
        let mut headings = vec![false; lines.len()];
        headings[0] = true;
        let job = WorkEntry {
            start: PartialDate::new(2018, Some(1)),
            end: PartialDate::new(2019, Some(12)),
            highlights: vec!["Ran PostgreSQL on Kubernetes".into()],
            ..WorkEntry::default()
        };
        let today = PartialDate { year: 2026, month: Some(1) };
        let skills = skills(taxonomy, &lines, &sections, &headings, &[job], today);
        assert_eq!(names(&skills), vec!["PostgreSQL", "Kubernetes", "Django", "Go", "Rust"]);
        assert_eq!(skills[0].years, Some(2.0));
        assert_eq!(skills[2].years, None);
    }

    #[test]
    fn technologies_mentioned_outside_the_skills_list_follow_it() {
        let taxonomy = Taxonomy::builtin();
        let lines = clean_lines("Built APIs with Django and deployed them with Docker.\nGo, Rust").0;
        let sections = [Section::Work, Section::Skills];
        let skills = skills(taxonomy, &lines, &sections, &[false, false], &[], PartialDate { year: 2026, month: None });
        assert_eq!(names(&skills), vec!["Go", "Rust", "Django", "Docker"]);
    }
}
