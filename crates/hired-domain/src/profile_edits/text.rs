//! Profile sections as lines of text, the way recruiters edit them: one entry per line, fields
//! separated by ` | `, like screening questions. [`section_text`] writes a section and
//! [`parse_section`] reads it back, naming the line of every problem and what to write instead.

use super::ProfileSection;
use crate::candidate::{parse_phone, parse_url};
use crate::profile::{
    Certification, EducationEntry, LinkKind, PartialDate, Profile, ProfileLink, ProfileLocation, ProfileSkill,
    SpokenLanguage, WorkEntry,
};
use crate::{Email, Invalid};

/// The form field every problem is reported under.
pub const TEXT_FIELD: &str = "text";
const MAX_LINES: usize = 200;
const MAX_LINE_CHARS: usize = 1000;
const MAX_SUMMARY_CHARS: usize = 20_000;
const MAX_YEARS: f32 = 60.0;
const WORK_SHAPE: &str = "title | employer | start | end or now | location";

impl ProfileSection {
    /// How the section is written, for the help beside the editor.
    pub fn format(self) -> &'static str {
        use ProfileSection::*;
        match self {
            Headline => "One line, such as the person's current role.",
            Summary => "Free text; line breaks are kept. At most 20,000 characters.",
            Location => "One line: City, Region, CC (a two-letter country code). Leave a part empty to skip it.",
            Emails => "One address per line; the first is the main one.",
            Phones => "One number per line, best with its country code.",
            Links => {
                "One web address per line. GitHub, GitLab, LinkedIn and Stack Overflow addresses are recognised; \
                 any other counts as a personal site."
            }
            Skills => "One skill per line: name | years of use (optional). Names are matched to the skill taxonomy.",
            Work => {
                "One job per line, newest first: title | employer | start | end or now | location, with dates \
                 as 2019 or 2019-03. A job's highlights follow its line, each starting with “- ”."
            }
            TotalYears => "Years of professional experience: a number from 0 to 60.",
            Education => "One per line: institution | degree | field | start | end, with dates as 2015 or 2015-09.",
            Certifications => "One per line: name | issuer | date (2021 or 2021-05).",
            Languages => "One per line: language | fluency (optional).",
        }
    }

    /// A filled-in example of the format.
    pub fn example(self) -> &'static str {
        use ProfileSection::*;
        match self {
            Headline => "Senior Backend Engineer",
            Summary => "Backend engineer with eight years of Python and Django, most recently in payments.",
            Location => "Lisbon, Lisboa, PT",
            Emails => "ana@example.com\nana.silva@work.example",
            Phones => "+351 912 345 678",
            Links => "https://github.com/anasilva\nhttps://www.linkedin.com/in/anasilva\nhttps://anasilva.dev",
            Skills => "Django | 4\nPostgreSQL | 3.5\nKubernetes",
            Work => {
                "Senior Backend Engineer | Acme | 2021-06 | now | Lisbon\n- Led the move to PostgreSQL 15\n\
                 - Cut API latency by 40%\n\nBackend Developer | Initech | 2018-03 | 2021-05 | Porto"
            }
            TotalYears => "7.5",
            Education => "University of Porto | MSc | Computer Science | 2013 | 2015",
            Certifications => "AWS Certified Developer – Associate | Amazon Web Services | 2022-04",
            Languages => "Portuguese | Native\nEnglish | C1",
        }
    }
}

/// One section of `profile` as editable text, the inverse of [`parse_section`]. Values are kept
/// to one line each, and a `|` inside a value becomes `/` so it cannot split the fields.
pub fn section_text(profile: &Profile, section: ProfileSection) -> String {
    use ProfileSection::*;
    let lines: Vec<String> = match section {
        Headline => profile.headline.iter().map(|h| one_line(h)).collect(),
        Summary => return profile.summary.clone().unwrap_or_default(),
        Location => profile.location.iter().map(location_line).collect(),
        Emails => profile.emails.iter().map(|e| one_line(e)).collect(),
        Phones => profile.phones.iter().map(|p| one_line(p)).collect(),
        Links => profile.links.iter().map(|l| one_line(&l.url)).collect(),
        Skills => profile.skills.iter().map(|s| fields(&[&s.name, &s.years.map(number).unwrap_or_default()])).collect(),
        Work => return profile.work.iter().filter_map(work_lines).collect::<Vec<_>>().join("\n\n"),
        TotalYears => profile.total_years.map(number).into_iter().collect(),
        Education => profile
            .education
            .iter()
            .map(|e| {
                let [institution, degree, field] = [&e.institution, &e.degree, &e.field].map(text_or_empty);
                fields(&[institution, degree, field, &date_text(e.start), &date_text(e.end)])
            })
            .collect(),
        Certifications => profile
            .certifications
            .iter()
            .map(|c| fields(&[&c.name, text_or_empty(&c.issuer), &date_text(c.date)]))
            .collect(),
        Languages => profile.languages.iter().map(|l| fields(&[&l.language, text_or_empty(&l.fluency)])).collect(),
    };
    lines.into_iter().filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
}

/// Reads one section written as [`ProfileSection::format`] says, into an otherwise empty
/// profile. Blank lines are skipped; every problem is reported under [`TEXT_FIELD`], starting
/// with the number of its line. Skills come back with an empty category, for the caller to
/// fill from the taxonomy.
pub fn parse_section(section: ProfileSection, text: &str) -> Result<Profile, Invalid> {
    use ProfileSection::*;
    let mut p = Profile::default();
    match section {
        Headline => p.headline = single(text, "The headline is one line; put more in the summary", |l| Ok(l.into()))?,
        Summary => p.summary = summary(text)?,
        Location => p.location = single(text, "The location is one line", location)?.flatten(),
        Emails => p.emails = unique(each(text, email)?, |e| e.clone()),
        Phones => p.phones = unique(each(text, phone)?, |p| p.clone()),
        Links => p.links = unique(each(text, link)?, |l| l.url.clone()),
        Skills => p.skills = unique(each(text, skill)?, |s| s.name.to_lowercase()),
        Work => p.work = work(text)?,
        TotalYears => p.total_years = single(text, "The experience is one number", years)?,
        Education => p.education = each(text, education)?,
        Certifications => p.certifications = each(text, certification)?,
        Languages => p.languages = each(text, language)?,
    }
    Ok(p)
}

/// The non-blank lines with their numbers (counting from 1), checked for size and control
/// characters.
fn checked_lines(text: &str) -> Result<Vec<(usize, &str)>, Invalid> {
    let total = text.chars().count();
    if total > MAX_LINES * MAX_LINE_CHARS {
        let message = format!("The text is too long ({total} characters); keep it to {MAX_LINES} lines.");
        return Err(Invalid::field(TEXT_FIELD, message));
    }
    let lines: Vec<(usize, &str)> =
        text.lines().enumerate().map(|(i, l)| (i + 1, l.trim())).filter(|(_, l)| !l.is_empty()).collect();
    if lines.len() > MAX_LINES {
        let message = format!("At most {MAX_LINES} lines; this has {}. Remove the least useful ones.", lines.len());
        return Err(Invalid::field(TEXT_FIELD, message));
    }
    let mut bad = Invalid::default();
    for &(n, line) in &lines {
        let chars = line.chars().count();
        if chars > MAX_LINE_CHARS {
            bad.push(TEXT_FIELD, format!("Line {n}: at most {MAX_LINE_CHARS} characters; this line has {chars}."));
        } else if line.chars().any(|c| c.is_control() && c != '\t') {
            bad.push(TEXT_FIELD, format!("Line {n}: remove the invisible control character."));
        }
    }
    bad.into_result(|| lines)
}

/// Every line read by `parse`, or every line's problem.
fn each<T>(text: &str, parse: fn(&str) -> Result<T, String>) -> Result<Vec<T>, Invalid> {
    let mut bad = Invalid::default();
    let mut out = Vec::new();
    for (n, line) in checked_lines(text)? {
        match parse(line) {
            Ok(value) => out.push(value),
            Err(message) => bad.push(TEXT_FIELD, format!("Line {n}: {message}.")),
        }
    }
    bad.into_result(|| out)
}

/// The one line of a one-line section read by `parse`, or `None` when the text is blank.
fn single<T>(text: &str, one_line_only: &str, parse: fn(&str) -> Result<T, String>) -> Result<Option<T>, Invalid> {
    let lines = checked_lines(text)?;
    match lines.as_slice() {
        [] => Ok(None),
        [(n, line)] => parse(line).map(Some).map_err(|m| Invalid::field(TEXT_FIELD, format!("Line {n}: {m}."))),
        more => Err(Invalid::field(TEXT_FIELD, format!("{one_line_only}; this has {} lines.", more.len()))),
    }
}

/// `items` without later repeats of the same key.
fn unique<T, K: PartialEq>(items: Vec<T>, key: impl Fn(&T) -> K) -> Vec<T> {
    let mut seen: Vec<K> = Vec::with_capacity(items.len());
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let k = key(&item);
        if !seen.contains(&k) {
            seen.push(k);
            out.push(item);
        }
    }
    out
}

fn summary(text: &str) -> Result<Option<String>, Invalid> {
    let chars = text.chars().count();
    if chars > MAX_SUMMARY_CHARS {
        let message = format!("The summary is at most {MAX_SUMMARY_CHARS} characters; this has {chars}.");
        return Err(Invalid::field(TEXT_FIELD, message));
    }
    let text = text.replace("\r\n", "\n");
    if text.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(Invalid::field(TEXT_FIELD, "Remove the invisible control characters from the summary."));
    }
    let text = text.trim();
    Ok((!text.is_empty()).then(|| text.to_owned()))
}

/// A line's `|`-separated fields, trimmed; more than `max` is an error showing `shape`.
fn split(line: &str, max: usize, shape: &str) -> Result<Vec<String>, String> {
    let parts: Vec<String> = line.split('|').map(|p| p.trim().to_owned()).collect();
    if parts.len() > max {
        return Err(format!("too many “|” separators; write {shape}"));
    }
    if parts.iter().all(String::is_empty) {
        return Err(format!("the line has only separators; write {shape}"));
    }
    Ok(parts)
}

/// Field `i`, or `None` when missing or empty.
fn part(parts: &[String], i: usize) -> Option<String> {
    parts.get(i).filter(|p| !p.is_empty()).cloned()
}

/// `raw` shortened for quoting in a message.
fn quote(raw: &str) -> String {
    if raw.chars().count() <= 60 { raw.to_owned() } else { format!("{}…", raw.chars().take(60).collect::<String>()) }
}

fn email(line: &str) -> Result<String, String> {
    Email::parse(line).map(|e| e.as_str().to_owned()).map_err(|e| format!("“{}” {e}", quote(line)))
}

fn phone(line: &str) -> Result<String, String> {
    match parse_phone(line) {
        Ok(Some(phone)) => Ok(phone),
        Ok(None) => Err("the phone number is missing".into()),
        Err(e) => Err(format!("“{}” {e}", quote(line))),
    }
}

fn link(line: &str) -> Result<ProfileLink, String> {
    let url = match parse_url(line, None) {
        Ok(Some(url)) => url,
        Ok(None) => return Err("the address is missing".into()),
        Err(e) => return Err(format!("“{}” {e}", quote(line))),
    };
    let kind = link_kind(&url);
    let username = (kind != LinkKind::Portfolio).then(|| last_segment(&url)).flatten();
    Ok(ProfileLink { kind, url, username })
}

/// What a link points to, by its host.
fn link_kind(url: &str) -> LinkKind {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#', ':']).next().unwrap_or("").to_ascii_lowercase();
    let on = |domain: &str| host == domain || host.ends_with(&format!(".{domain}"));
    match () {
        _ if on("github.com") => LinkKind::GitHub,
        _ if on("gitlab.com") => LinkKind::GitLab,
        _ if on("linkedin.com") => LinkKind::LinkedIn,
        _ if on("stackoverflow.com") => LinkKind::StackOverflow,
        _ => LinkKind::Portfolio,
    }
}

/// The last path segment of a profile address: the user name on most networks.
fn last_segment(url: &str) -> Option<String> {
    let path = url.split_once("://")?.1.split(['?', '#']).next()?.split_once('/')?.1;
    path.trim_end_matches('/').rsplit('/').next().filter(|s| !s.is_empty()).map(str::to_owned)
}

fn skill(line: &str) -> Result<ProfileSkill, String> {
    let parts = split(line, 2, "name | years, such as “Django | 4”")?;
    let name = part(&parts, 0).ok_or("the skill's name is missing before the “|”")?;
    let years = part(&parts, 1).map(|y| years(&y)).transpose()?;
    Ok(ProfileSkill { name, category: String::new(), years })
}

fn years(raw: &str) -> Result<f32, String> {
    let lower = raw.trim().to_lowercase();
    let digits = ["years", "year", "yrs", "yr", "y"].iter().find_map(|s| lower.strip_suffix(s)).unwrap_or(&lower);
    let parsed: Option<f32> = digits.trim().replace(',', ".").parse().ok();
    let years = parsed
        .filter(|y| y.is_finite() && (0.0..=MAX_YEARS).contains(y))
        .ok_or_else(|| format!("“{}” is not a number of years from 0 to 60, such as 4 or 2.5", quote(raw)))?;
    Ok((years * 10.0).round() / 10.0)
}

fn location(line: &str) -> Result<Option<ProfileLocation>, String> {
    let parts: Vec<String> = line.split(',').map(|p| p.trim().to_owned()).collect();
    if parts.len() > 3 {
        return Err("write the location as “City, Region, CC”, with at most two commas".into());
    }
    let country_code = part(&parts, 2)
        .map(|cc| {
            let ok = cc.len() == 2 && cc.chars().all(|c| c.is_ascii_alphabetic());
            if ok {
                Ok(cc.to_ascii_uppercase())
            } else {
                Err(format!("“{}” is not a two-letter country code such as PT or US", quote(&cc)))
            }
        })
        .transpose()?;
    let location = ProfileLocation { city: part(&parts, 0), region: part(&parts, 1), country_code };
    Ok((location != ProfileLocation::default()).then_some(location))
}

/// A date written `2019` or `2019-03` (or `2019/03`); a missing one is `None`.
fn date(raw: Option<&str>, what: &str) -> Result<Option<PartialDate>, String> {
    let Some(raw) = raw else { return Ok(None) };
    let bad =
        || format!("the {what} “{}” is not a date; write a year such as 2019 or a month such as 2019-03", quote(raw));
    let (year, month) = raw.split_once(['-', '/']).map_or((raw, None), |(y, m)| (y, Some(m)));
    let year: u16 = year.trim().parse().map_err(|_| bad())?;
    let month = month.map(|m| m.trim().parse::<u8>()).transpose().map_err(|_| bad())?;
    PartialDate::new(year, month).map(Some).ok_or_else(|| match month {
        Some(m) if !(1..=12).contains(&m) => format!("the {what} “{raw}” has no month {m}; months run from 1 to 12"),
        _ => format!("the {what} “{raw}” is not between 1950 and 2100"),
    })
}

/// Checks that a span does not end before it starts.
fn in_order(start: Option<PartialDate>, end: Option<PartialDate>, what: &str) -> Result<(), String> {
    match (start, end) {
        (Some(s), Some(e)) if s.months(1) > e.months(12) => {
            Err(format!("the {what} ends ({e}) before it starts ({s})"))
        }
        _ => Ok(()),
    }
}

/// Reads the work section: job lines, each followed by its `- highlight` lines.
fn work(text: &str) -> Result<Vec<WorkEntry>, Invalid> {
    let mut bad = Invalid::default();
    let mut jobs: Vec<WorkEntry> = Vec::new();
    let mut seen_job_line = false;
    for (n, line) in checked_lines(text)? {
        if let Some(highlight) = line.strip_prefix(['-', '•', '*']).map(str::trim) {
            match jobs.last_mut() {
                _ if !seen_job_line => bad.push(
                    TEXT_FIELD,
                    format!("Line {n}: a highlight (“- …”) goes after its job's line; start with {WORK_SHAPE}."),
                ),
                Some(job) if !highlight.is_empty() => job.highlights.push(highlight.to_owned()),
                _ => {}
            }
            continue;
        }
        seen_job_line = true;
        match job(line) {
            Ok(job) => jobs.push(job),
            Err(message) => bad.push(TEXT_FIELD, format!("Line {n}: {message}.")),
        }
    }
    bad.into_result(|| jobs)
}

fn job(line: &str) -> Result<WorkEntry, String> {
    let parts = split(line, 5, WORK_SHAPE)?;
    let start = date(part(&parts, 2).as_deref(), "start")?;
    let end_raw = part(&parts, 3);
    let current = end_raw
        .as_deref()
        .is_some_and(|e| matches!(e.to_lowercase().as_str(), "now" | "present" | "current" | "today"));
    let end = if current { None } else { date(end_raw.as_deref(), "end")? };
    in_order(start, end, "job")?;
    Ok(WorkEntry {
        title: part(&parts, 0),
        employer: part(&parts, 1),
        start,
        end,
        current,
        location: part(&parts, 4),
        highlights: Vec::new(),
    })
}

fn education(line: &str) -> Result<EducationEntry, String> {
    let parts = split(line, 5, "institution | degree | field | start | end")?;
    let start = date(part(&parts, 3).as_deref(), "start")?;
    let end = date(part(&parts, 4).as_deref(), "end")?;
    in_order(start, end, "course")?;
    Ok(EducationEntry { institution: part(&parts, 0), degree: part(&parts, 1), field: part(&parts, 2), start, end })
}

fn certification(line: &str) -> Result<Certification, String> {
    let parts = split(line, 3, "name | issuer | date")?;
    let name = part(&parts, 0).ok_or("the certification's name is missing before the first “|”")?;
    let date = date(part(&parts, 2).as_deref(), "date")?;
    Ok(Certification { name, issuer: part(&parts, 1), date })
}

fn language(line: &str) -> Result<SpokenLanguage, String> {
    let parts = split(line, 2, "language | fluency, such as “English | C1”")?;
    let language = part(&parts, 0).ok_or("the language is missing before the “|”")?;
    Ok(SpokenLanguage { language, fluency: part(&parts, 1) })
}

/// `value` on one line: control characters (line breaks included) become spaces.
fn one_line(value: &str) -> String {
    value.chars().map(|c| if c.is_control() { ' ' } else { c }).collect::<String>().trim().to_owned()
}

/// Fields joined with ` | `, each on one line and without `|`; trailing empty fields are left out.
fn fields(values: &[&str]) -> String {
    let cleaned: Vec<String> = values.iter().map(|v| one_line(v).replace('|', "/")).collect();
    let last = cleaned.iter().rposition(|v| !v.is_empty()).map_or(0, |i| i + 1);
    cleaned[..last].join(" | ").trim().to_owned()
}

fn text_or_empty(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or("")
}

fn date_text(date: Option<PartialDate>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

/// A number of years with at most one decimal: `4`, `2.5`.
fn number(years: f32) -> String {
    let rounded = (years * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 { format!("{}", rounded as i64) } else { format!("{rounded:.1}") }
}

fn location_line(l: &ProfileLocation) -> String {
    let parts = [&l.city, &l.region, &l.country_code].map(|p| one_line(text_or_empty(p)).replace(',', " "));
    let last = parts.iter().rposition(|p| !p.is_empty()).map_or(0, |i| i + 1);
    parts[..last].join(", ")
}

/// A job's line (its title never starting like a highlight) and its highlight lines; `None`
/// for an entry with nothing to write on its line.
fn work_lines(w: &WorkEntry) -> Option<String> {
    let title = one_line(text_or_empty(&w.title));
    let title = title.trim_start_matches(['-', '•', '*', ' ']);
    let end = if w.current { "now".to_owned() } else { date_text(w.end) };
    let mut line = fields(&[title, text_or_empty(&w.employer), &date_text(w.start), &end, text_or_empty(&w.location)]);
    if line.is_empty() {
        return None;
    }
    for h in &w.highlights {
        let h = one_line(h);
        if !h.is_empty() {
            line.push_str("\n- ");
            line.push_str(&h);
        }
    }
    Some(line)
}

#[cfg(test)]
mod tests;
