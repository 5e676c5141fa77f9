//! Work history: employer, title, dates, place and highlights of each job.
//!
//! Themes lay a job's header out in a handful of ways: "Title at Employer" or "Title, Employer"
//! on one line, or employer and title on lines of their own above and below the dates, in
//! either order. The layout that reads best over the whole document (titles looking like
//! titles, employers like organisations) is chosen once and applied to every job, so one odd
//! job cannot flip the reading of the others.

use hired_domain::profile::{ProfileLink, WorkEntry};

use super::entries::{Anchor, Header, body, continues, is_header_line, trim_joiners};
use super::text::Line;
use super::vocab::{employer_score, is_name_like, is_place, title_score};

/// A reading of one job's header.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Pick {
    title: Option<String>,
    employer: Option<String>,
    place: Option<String>,
    /// Header lines used, so the body starts after them.
    used: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// "Title at Employer" or "Title, Employer" on the line above the dates.
    SplitAbove,
    /// Employer above the dates, title below.
    EmployerAboveTitleBelow,
    /// Title, then employer, then the dates.
    TitleThenEmployer,
    /// Employer, then title, then the dates.
    EmployerThenTitle,
    /// "Title at Employer" or "Title, Employer" on the line below the dates.
    SplitBelow,
    /// Employer, then title, both below the dates.
    EmployerThenTitleBelow,
}

const LAYOUTS: [Layout; 6] = [
    Layout::SplitAbove,
    Layout::EmployerAboveTitleBelow,
    Layout::TitleThenEmployer,
    Layout::EmployerThenTitle,
    Layout::SplitBelow,
    Layout::EmployerThenTitleBelow,
];

/// Organisation suffixes that a comma separates from the name ("One Technologies, L.P.").
#[rustfmt::skip]
const SUFFIXES: &[&str] = &[
    "inc", "inc.", "llc", "l.p.", "lp", "ltd", "ltd.", "gmbh", "s.a.", "sa", "ag", "corp", "corp.", "co.", "s.l.", "plc",
    "pte. ltd.",
];

/// The jobs headed by `work` (indices into `anchors`), newest first as written.
pub(crate) fn work(
    lines: &[Line],
    headings: &[bool],
    anchors: &[Anchor],
    headers: &[Header],
    work: &[usize],
) -> Vec<WorkEntry> {
    let readings: Vec<Vec<Option<Pick>>> =
        work.iter().map(|&k| LAYOUTS.iter().map(|l| read(*l, anchors.get(k), headers.get(k))).collect()).collect();
    let totals: Vec<i32> =
        (0..LAYOUTS.len()).map(|p| readings.iter().map(|r| r[p].as_ref().map_or(-2, score)).sum()).collect();
    let best = (0..LAYOUTS.len()).max_by_key(|&p| (totals[p], usize::MAX - p)).unwrap_or(0);
    let mut picks: Vec<Pick> = Vec::with_capacity(work.len());
    for (n, &k) in work.iter().enumerate() {
        let inline =
            anchors.get(k).and_then(|a| a.inline.as_deref()).map(|t| fill_inline(read_inline(t), headers.get(k)));
        // The document's layout, unless it leaves this job without a title or an employer
        // while another reads it clearly better.
        let pick = inline.unwrap_or_else(|| {
            let chosen = readings[n][best].clone();
            let alternative = readings[n].iter().flatten().max_by_key(|p| score(p)).cloned();
            let swapped = |p: &Pick| {
                p.title.as_deref().is_none_or(|t| title_score(t) == 0)
                    && p.employer.as_deref().is_some_and(|e| title_score(e) > 0)
            };
            match (chosen, alternative) {
                (Some(c), Some(a))
                    if (c.title.is_none() || c.employer.is_none() || swapped(&c)) && score(&a) > score(&c) =>
                {
                    a
                }
                (Some(c), Some(a)) if score(&a) >= score(&c) + 4 => a,
                (Some(c), _) => c,
                (None, a) => a.unwrap_or_default(),
            }
        });
        picks.push(pick);
    }
    let mut out: Vec<WorkEntry> = Vec::with_capacity(work.len());
    for (n, &k) in work.iter().enumerate() {
        let Some(anchor) = anchors.get(k) else { continue };
        let mut pick = picks[n].clone();
        // Themes that print the title above the employer print a run of jobs at one employer
        // under a single employer line: the later jobs take it from the one before.
        let grouped = matches!(LAYOUTS[best], Layout::TitleThenEmployer | Layout::EmployerThenTitle);
        if grouped && anchor.inline.is_none() && pick.employer.is_none() && pick.title.is_some() {
            pick.employer = out.last().and_then(|w| w.employer.clone());
        }
        let header = headers.get(k);
        let start_body = pick.used.iter().copied().chain([anchor.last]).max().unwrap_or(anchor.last) + 1;
        let end_body = work
            .get(n + 1)
            .map_or(lines.len(), |&next| {
                let next_pick = &picks[n + 1];
                let next_line = anchors.get(next).map_or(lines.len(), |a| a.line);
                next_pick.used.iter().copied().chain([next_line]).min().unwrap_or(next_line)
            })
            .min(section_end(headings, start_body));
        let place = pick.place.clone().or_else(|| header.and_then(Header::place).map(str::to_string));
        out.push(WorkEntry {
            employer: pick.employer,
            title: pick.title,
            start: anchor.range.start,
            end: anchor.range.end,
            current: anchor.range.current,
            location: place,
            highlights: body(lines, headings, start_body, end_body.max(start_body))
                .into_iter()
                .filter(|h| !is_place(h))
                .collect(),
        });
    }
    out
}

/// Jobs in a work section that gives no readable dates: each short line that reads as a job
/// title heads a job, and the nearest short name above it (over the employer's description,
/// a web address or an unreadable date) is the employer.
/// Removes highlights that are the person's own contact details — an email, a phone, a link,
/// a user name or a network's label — which a two-column theme's sidebar can put between a
/// job's lines.
pub(crate) fn drop_contact_lines(work: &mut [WorkEntry], emails: &[String], phones: &[String], links: &[ProfileLink]) {
    const LABELS: &[&str] =
        &["github", "gitlab", "linkedin", "stack overflow", "stackoverflow", "website", "portfolio"];
    let bare = |url: &str| {
        let url = url.trim_end_matches('/').to_lowercase();
        let url = url.split_once("://").map_or(url.as_str(), |(_, rest)| rest).to_owned();
        url.strip_prefix("www.").map_or(url.clone(), str::to_owned)
    };
    let mut own: Vec<String> = emails.iter().map(|e| e.to_lowercase()).collect();
    own.extend(phones.iter().map(|p| digits(p)));
    own.extend(links.iter().map(|l| bare(&l.url)));
    own.extend(links.iter().filter_map(|l| l.username.as_deref()).map(str::to_lowercase));
    for job in work {
        job.highlights.retain(|h| {
            let text = h.trim().to_lowercase();
            let is_phone = digits(&text).len() >= 6 && own.contains(&digits(&text));
            !(own.contains(&text) || own.contains(&bare(&text)) || LABELS.contains(&text.as_str()) || is_phone)
        });
    }
}

/// The digits of a phone number, for comparing numbers written differently.
fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

pub(crate) fn undated(lines: &[Line], headings: &[bool], section: &[usize]) -> Vec<WorkEntry> {
    let is_title = |i: usize| {
        let line = &lines[i];
        let words = line.text.split_whitespace().count();
        title_score(&line.text) >= 2
            && words <= 10
            && is_header_line(line)
            && !is_place(&line.text)
            && !(i > 0 && continues(&lines[i - 1], line))
    };
    let titles: Vec<usize> =
        section.iter().copied().filter(|&i| headings.get(i) != Some(&true) && is_title(i)).take(60).collect();
    let mut starts: Vec<(usize, Option<usize>)> = Vec::with_capacity(titles.len());
    for (n, &t) in titles.iter().enumerate() {
        let floor =
            n.checked_sub(1).and_then(|p| titles.get(p)).map_or(section.first().copied().unwrap_or(0), |p| p + 1);
        let employer = (floor..t).rev().filter(|&i| !lines[i].is_blank()).take(6).find(|&i| {
            let text = &lines[i].text;
            let letters = text.chars().filter(|c| c.is_alphabetic()).count();
            let digits = text.chars().filter(char::is_ascii_digit).count();
            let dateish = digits >= 2 && letters <= 4 && text.contains(['/', '-', '–', '—']);
            let url = text.starts_with("http") || text.starts_with("www.");
            headings.get(i) != Some(&true)
                && !dateish
                && !url
                && is_header_line(&lines[i])
                && text.split_whitespace().count() <= 6
                && title_score(text) == 0
                && is_name_like(text)
                && !is_place(text)
        });
        starts.push((t, employer));
    }
    let section_end = section.last().map_or(0, |l| l + 1);
    starts
        .iter()
        .enumerate()
        .map(|(n, &(t, employer))| {
            let end = starts.get(n + 1).map_or(section_end, |&(next, e)| e.unwrap_or(next));
            WorkEntry {
                employer: employer.map(|e| lines[e].text.clone()),
                title: Some(lines[t].text.clone()),
                highlights: body(lines, headings, t + 1, end.max(t + 1)),
                ..WorkEntry::default()
            }
        })
        .collect()
}

/// The first heading at or after `from`.
fn section_end(headings: &[bool], from: usize) -> usize {
    headings.iter().skip(from).position(|h| *h).map_or(usize::MAX, |p| from + p)
}

/// How well a reading fits: titles that read as titles, employers that read as organisations,
/// and neither holding both ("Engineer at Acme" taken whole).
fn score(p: &Pick) -> i32 {
    let mut s = 0;
    match &p.title {
        Some(t) => {
            let ts = title_score(t);
            s += if ts == 0 { -1 } else { ts };
            if holds_employer(t) {
                s -= 4;
            }
        }
        None => s -= 3,
    }
    match &p.employer {
        Some(e) => s += employer_score(e) - title_score(e),
        None => s -= 3,
    }
    s
}

fn read(layout: Layout, anchor: Option<&Anchor>, header: Option<&Header>) -> Option<Pick> {
    let anchor = anchor?;
    if anchor.inline.is_some() {
        return None;
    }
    let header = header?;
    let before = header.before_texts();
    let after = header.after_texts();
    let text = |c: Option<&(usize, &str)>| c.map(|(_, t)| (*t).to_string());
    let name = |c: Option<&(usize, &str)>| text(c).filter(|t| is_name_like(t));
    let lines_of = |cs: &[Option<&(usize, &str)>]| cs.iter().flatten().map(|(l, _)| *l).collect::<Vec<_>>();
    let after0 = after.first();
    let after1 = after.get(1);
    match layout {
        Layout::SplitAbove => {
            let (line, b1) = before.first()?;
            let mut pick = split(b1)?;
            pick.used = vec![*line];
            Some(pick)
        }
        Layout::SplitBelow => {
            let (line, a1) = after0?;
            let mut pick = split(a1)?;
            pick.used = vec![*line];
            Some(pick)
        }
        Layout::EmployerAboveTitleBelow => {
            let (b1, a1) = (before.first(), after0);
            b1.or(a1)?;
            Some(Pick { title: text(a1), employer: name(b1), place: None, used: lines_of(&[b1, a1]) })
        }
        Layout::TitleThenEmployer => {
            let (b1, b2) = (before.first(), before.get(1));
            b1?;
            Some(Pick { title: text(b2), employer: name(b1), place: None, used: lines_of(&[b1, b2]) })
        }
        Layout::EmployerThenTitle => {
            let (b1, b2) = (before.first(), before.get(1));
            b1?;
            Some(Pick { title: text(b1), employer: name(b2), place: None, used: lines_of(&[b1, b2]) })
        }
        Layout::EmployerThenTitleBelow => {
            let (a1, a2) = (after0, after1);
            a1?;
            Some(Pick { title: text(a2), employer: name(a1), place: None, used: lines_of(&[a1, a2]) })
        }
    }
}

/// Whether a title taken whole holds its employer too ("Engineer at Acme").
fn holds_employer(title: &str) -> bool {
    [" at ", " @ ", " chez ", " bei ", "\t"]
        .iter()
        .any(|sep| title.split_once(sep).is_some_and(|(left, right)| title_score(left) > 0 && !right.trim().is_empty()))
}

/// A header sharing its line with the dates: "Title, Employer", "Title at Employer", or one of
/// them alone.
fn read_inline(text: &str) -> Pick {
    split(text).unwrap_or_else(|| {
        let text = trim_joiners(text).to_string();
        if title_score(&text) > 0 {
            Pick { title: Some(text), ..Pick::default() }
        } else {
            Pick { employer: Some(text), ..Pick::default() }
        }
    })
}

/// An inline reading that found only the employer ("Acme, Perth  2019 – 2021") takes its
/// title from the line below the dates, or from the line above when that reads as a title.
/// One that found only a title gives it up as the employer when the line below reads more like
/// a title ("Freelance  2019 – 2021" over "Web Developer & Designer").
fn fill_inline(mut pick: Pick, header: Option<&Header>) -> Pick {
    let Some(header) = header else { return pick };
    if pick.employer.is_none()
        && let Some(title) = pick.title.clone()
        && let Some((i, below)) = header.after_texts().first().copied()
        && title_score(below) > title_score(&title)
    {
        pick.employer = Some(title);
        pick.title = Some(below.to_string());
        pick.used.push(i);
        return pick;
    }
    if pick.title.is_none() && pick.employer.is_some() {
        let below = header.after_texts().first().map(|(i, t)| (*i, (*t).to_string()));
        let above =
            header.before_texts().first().map(|(i, t)| (*i, (*t).to_string())).filter(|(_, t)| title_score(t) > 0);
        if let Some((i, t)) = below.or(above) {
            pick.title = Some(t);
            pick.used.push(i);
        }
    }
    pick
}

/// "Title at Employer", "Title @ Employer", "Title chez Employer", "Title, Employer",
/// "Employer | Title", "Employer, Place".
fn split(text: &str) -> Option<Pick> {
    const AT: &[&str] = &[" at ", " @ ", " chez ", " bei ", " presso "];
    // "Desarrollador en Acme", "Desenvolvedor na Acme": the word also means "in", so only
    // between a title and a capitalised name that is not a place.
    const WEAK_AT: &[&str] = &[" en ", " em ", " na ", " no ", " in "];
    for sep in AT.iter().chain(WEAK_AT) {
        let Some((left, right)) = text.split_once(sep) else { continue };
        let (left, right) = (left.trim(), right.trim());
        let ok = if WEAK_AT.contains(sep) {
            title_score(left) > 0
                && title_score(right) == 0
                && right.starts_with(char::is_uppercase)
                && !is_place(right)
        } else {
            title_score(left) > 0 || matches!(*sep, " at " | " @ ")
        };
        if ok && !left.is_empty() && !right.is_empty() {
            return Some(Pick { title: Some(left.to_string()), employer: Some(right.to_string()), ..Pick::default() });
        }
    }
    for sep in ["\t", ", ", " | ", " – ", " — ", " - ", " / "] {
        let Some(at) = split_point(text, sep) else { continue };
        let (left, right) = (text[..at].trim(), text[at + sep.len()..].trim());
        if left.is_empty() || right.is_empty() {
            continue;
        }
        let (tl, tr) = (title_score(left), title_score(right));
        if tl == 0 && tr == 0 {
            if sep == "\t" && is_place(right) && !is_place(left) {
                return Some(Pick {
                    employer: Some(left.to_string()),
                    place: Some(right.to_string()),
                    ..Pick::default()
                });
            }
            // "Solo World Travel, Personal Break": a title no word gives away, then a name.
            let short = |t: &str| t.split_whitespace().count() <= 6;
            if sep == ", " && short(left) && short(right) && is_name_like(right) && !is_place(right) && !is_place(left)
            {
                return Some(Pick {
                    title: Some(left.to_string()),
                    employer: Some(right.to_string()),
                    ..Pick::default()
                });
            }
            continue;
        }
        let (title, employer) = if tl > tr || tl == tr && employer_score(right) >= employer_score(left) {
            (left, right)
        } else {
            (right, left)
        };
        if is_place(employer) {
            return Some(Pick { title: Some(title.to_string()), place: Some(employer.to_string()), ..Pick::default() });
        }
        return Some(Pick {
            title: Some(title.to_string()),
            employer: Some(employer.to_string()),
            place: None,
            used: Vec::new(),
        });
    }
    None
}

/// Where to cut "a, b, c" in two: at the last comma, unless what follows it is a company
/// suffix ("One Technologies, L.P."); other separators cut at their first occurrence. Never
/// inside parentheses: "Engineer (Freelance, Part-time)" stays whole.
fn split_point(text: &str, sep: &str) -> Option<usize> {
    let outside = |at: usize| {
        let before = &text[..at];
        before.matches('(').count() <= before.matches(')').count()
    };
    if sep != ", " {
        return text.match_indices(sep).map(|(i, _)| i).find(|&i| outside(i));
    }
    let mut cuts: Vec<usize> = text.match_indices(sep).map(|(i, _)| i).filter(|&i| outside(i)).collect();
    while let Some(&at) = cuts.last() {
        let tail = text[at + sep.len()..].trim().to_ascii_lowercase();
        if SUFFIXES.contains(&tail.as_str()) {
            cuts.pop();
        } else {
            return Some(at);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::entries::{anchors, header};
    use crate::parse::text::clean_lines;
    use hired_domain::profile::PartialDate;

    fn jobs(text: &str) -> Vec<WorkEntry> {
        let lines = clean_lines(text).0;
        let headings = vec![false; lines.len()];
        let a = anchors(&lines, &headings);
        let headers: Vec<Header> = (0..a.len()).map(|k| header(&lines, &headings, &a, k)).collect();
        let all: Vec<usize> = (0..a.len()).collect();
        work(&lines, &headings, &a, &headers, &all)
    }

    fn pair(w: &WorkEntry) -> (Option<&str>, Option<&str>) {
        (w.title.as_deref(), w.employer.as_deref())
    }

    #[test]
    fn title_at_employer_above_the_dates() {
        let w = jobs(
            "Senior Full-Stack Developer at Teravision Technologies\n\nMay 2017 - Current\n\nBuilt web apps.\n\nIntern at Wikot\nOct 2015 - Aug 2016\n",
        );
        assert_eq!(pair(&w[0]), (Some("Senior Full-Stack Developer"), Some("Teravision Technologies")));
        assert!(w[0].current);
        assert_eq!(w[0].start, PartialDate::new(2017, Some(5)));
        assert_eq!(w[0].highlights, vec!["Built web apps."]);
        assert_eq!(pair(&w[1]), (Some("Intern"), Some("Wikot")));
    }

    #[test]
    fn title_comma_employer_with_a_company_suffix() {
        let w = jobs(
            "Senior Software Engineer II, One Technologies, L.P.\nApr, 2009 - Present\nDid things.\nSoftware Developer, Publishing Concepts, L.P.\nSep, 2007 - Apr, 2009  1 year 7 months\n",
        );
        assert_eq!(pair(&w[0]), (Some("Senior Software Engineer II"), Some("One Technologies, L.P.")));
        assert_eq!(pair(&w[1]), (Some("Software Developer"), Some("Publishing Concepts, L.P.")));
        assert_eq!(w[1].end, PartialDate::new(2009, Some(4)));
    }

    #[test]
    fn employer_above_and_title_below_with_a_place_between() {
        let w = jobs(
            "Academic Work SA\n\nLausanne\n\nhttps://www.academicwork.ch/\nMarch 2024 – December 2025\n\nFull-Stack Software Developer\nIT consulting for diverse clients via Academic Work.\n\nSecuritas AG\nLausanne\nJuly 2023 – March 2024\nSecurity Agent\n",
        );
        assert_eq!(pair(&w[0]), (Some("Full-Stack Software Developer"), Some("Academic Work SA")));
        assert_eq!(w[0].location.as_deref(), Some("Lausanne"));
        assert_eq!(pair(&w[1]), (Some("Security Agent"), Some("Securitas AG")));
    }

    #[test]
    fn title_then_employer_then_dates_in_german() {
        let w = jobs(
            "Wissenschaftlicher Mitarbeiter\nFH Aachen University of Applied Sciences\nOct 2022 – Jul 2025\nJülich (Hybrid)\n\nBetreuung begleitender Lehrveranstaltungen in praktischer Informatik.\n\nFreiberuflicher Ingenieur & Technischer Berater\nFreelance\nJun 2020 – Present\nRemote\n",
        );
        assert_eq!(
            pair(&w[0]),
            (Some("Wissenschaftlicher Mitarbeiter"), Some("FH Aachen University of Applied Sciences"))
        );
        assert_eq!(w[0].location.as_deref(), Some("Jülich (Hybrid)"));
        assert_eq!(pair(&w[1]), (Some("Freiberuflicher Ingenieur & Technischer Berater"), Some("Freelance")));
        assert!(w[1].current);
    }

    #[test]
    fn jobs_without_dates_are_found_by_their_titles() {
        let lines = clean_lines("Tiime\nDéveloppeur PHP/Symfony\nTiime est un ensemble d'outils de pré-compta pour les entreprises.\nRenfort de l'équipe technique\n\nF5 Inc.\nF5 Distributed Cloud Services are SaaS-based security and networking services\nfor every cloud.\nCloud Solutions Engineer\nSolution selling.").0;
        let section: Vec<usize> = (0..lines.len()).collect();
        let w = undated(&lines, &vec![false; lines.len()], &section);
        assert_eq!(w.len(), 2);
        assert_eq!(pair(&w[0]), (Some("Développeur PHP/Symfony"), Some("Tiime")));
        assert_eq!(pair(&w[1]), (Some("Cloud Solutions Engineer"), Some("F5 Inc.")));
        assert_eq!(
            w[0].highlights,
            vec!["Tiime est un ensemble d'outils de pré-compta pour les entreprises.", "Renfort de l'équipe technique"]
        );
    }

    #[test]
    fn one_line_jobs_in_french_spanish_and_portuguese() {
        let w = jobs(
            "Consultant DDD, MAIF\t11/2024 – Aujourd'hui\nNiort - Télétravail\nDesarrollador Backend en Acme S.L.\t01/2020 – Presente\nDesenvolvedor, Its4Company 12/2016 - 03/2017\n",
        );
        assert_eq!(pair(&w[0]), (Some("Consultant DDD"), Some("MAIF")));
        assert!(w[0].current);
        assert_eq!(pair(&w[1]), (Some("Desarrollador Backend"), Some("Acme S.L.")));
        assert_eq!(pair(&w[2]), (Some("Desenvolvedor"), Some("Its4Company")));
        assert_eq!(w[2].end, PartialDate::new(2017, Some(3)));
    }
}
