//! JSON Resume (<https://jsonresume.org>): reading the old pre-1.0 keys, the v1 keys and the
//! messy real-world variants into a [`Profile`], and writing a profile back as a v1 document.
//!
//! Real files mix `company`/`name`, `website`/`url`, `language`/`name`, hold `null` or `""`
//! where a value is missing, a country name in `countryCode`, objects where strings belong and
//! dates such as `2019`, `2019-03`, `1987-01-`, `24-06-2022` or `aktuell`. Reading is lenient:
//! whatever cannot be understood is left out with a warning, never a failure.

use hired_domain::profile::{
    Certification, EducationEntry, LinkKind, PartialDate, Profile, ProfileLink, ProfileLocation, ProfileSkill,
    SpokenLanguage, WorkEntry, experience_years,
};
use serde_json::{Map, Value, json};

use crate::parse::Parsed;
use crate::parse::dates::is_present_word;
use crate::parse::links::link_kind;
use crate::parse::skills::add_years;
use crate::taxonomy::Taxonomy;

/// Reads a JSON Resume document. Fails only when the text is not a JSON object.
pub fn read(json: &str, taxonomy: &Taxonomy, today: PartialDate) -> Result<Parsed, String> {
    let doc: Value = serde_json::from_str(json).map_err(|e| format!("not valid JSON: {e}"))?;
    let Value::Object(doc) = doc else {
        return Err("a JSON Resume is a JSON object".into());
    };
    let mut warnings = Vec::new();
    let basics = doc.get("basics").and_then(Value::as_object).cloned().unwrap_or_default();
    let mut profile = Profile {
        name: text(&basics, &["name"]),
        headline: text(&basics, &["label"]),
        emails: text(&basics, &["email"]).filter(|e| e.contains('@')).map(|e| e.to_lowercase()).into_iter().collect(),
        phones: text(&basics, &["phone"])
            .filter(|p| p.chars().filter(char::is_ascii_digit).count() >= 6)
            .into_iter()
            .collect(),
        location: basics
            .get("location")
            .and_then(Value::as_object)
            .map(location)
            .filter(|l| *l != ProfileLocation::default()),
        links: links(&basics),
        summary: text(&basics, &["summary"]),
        work: entries(&doc, &["work", "works"]).iter().map(|w| work(w, &mut warnings)).collect(),
        education: entries(&doc, &["education"]).iter().map(|e| education(e, &mut warnings)).collect(),
        certifications: entries(&doc, &["certificates", "certifications"]).iter().filter_map(certificate).collect(),
        languages: entries(&doc, &["languages"]).iter().filter_map(language).collect(),
        ..Profile::default()
    };
    let job_texts: Vec<String> = entries(&doc, &["work", "works"]).iter().map(job_text).collect();
    profile.skills = skills(&doc, &basics, &job_texts, taxonomy);
    add_years(taxonomy, &mut profile.skills, &profile.work, &job_texts, today);
    profile.total_years = experience_years(&profile.work, today);
    Ok(Parsed { profile, warnings })
}

/// The first non-empty string among `keys`, trimmed.
fn text(obj: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().filter_map(|k| obj.get(*k)?.as_str()).map(str::trim).find(|s| !s.is_empty()).map(str::to_owned)
}

/// The objects of the first of `keys` that holds an array.
fn entries(doc: &Map<String, Value>, keys: &[&str]) -> Vec<Map<String, Value>> {
    keys.iter()
        .find_map(|k| doc.get(*k)?.as_array())
        .map(|items| items.iter().filter_map(Value::as_object).cloned().collect())
        .unwrap_or_default()
}

fn location(loc: &Map<String, Value>) -> ProfileLocation {
    let country = text(loc, &["countryCode"]);
    ProfileLocation {
        city: text(loc, &["city"]),
        region: text(loc, &["region"]),
        country_code: country
            .filter(|c| c.len() == 2 && c.chars().all(|ch| ch.is_ascii_alphabetic()))
            .map(|c| c.to_uppercase()),
    }
}

fn links(basics: &Map<String, Value>) -> Vec<ProfileLink> {
    let mut out: Vec<ProfileLink> = Vec::new();
    let profiles = basics.get("profiles").and_then(Value::as_array).cloned().unwrap_or_default();
    for p in profiles.iter().filter_map(Value::as_object) {
        let url = text(p, &["url"]).filter(|u| is_web_address(u));
        let network = text(p, &["network"]).unwrap_or_default().to_lowercase();
        let kind =
            url.as_deref().map(link_kind).filter(|k| *k != LinkKind::Other).unwrap_or_else(|| network_kind(&network));
        let username = text(p, &["username"]).or_else(|| url.as_deref().and_then(last_segment));
        if let Some(url) = url.or_else(|| network_url(kind, username.as_deref()?)) {
            out.push(ProfileLink { kind, url, username });
        }
    }
    if let Some(site) = text(basics, &["url", "website"]).filter(|u| is_web_address(u)) {
        let kind = match link_kind(&site) {
            LinkKind::Other => LinkKind::Portfolio,
            kind => kind,
        };
        if !out.iter().any(|l| l.url == site) {
            out.push(ProfileLink {
                kind,
                username: (kind != LinkKind::Portfolio).then(|| last_segment(&site)).flatten(),
                url: site,
            });
        }
    }
    out
}

/// Only absolute `http(s)` addresses are links; relative paths left by site generators are not.
fn is_web_address(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let forbidden = |c: char| c.is_whitespace() || c.is_control() || "<>\"{}|\\^`".contains(c);
    (lower.starts_with("https://") || lower.starts_with("http://")) && !url.contains(forbidden)
}

fn network_kind(network: &str) -> LinkKind {
    match network {
        "github" => LinkKind::GitHub,
        "gitlab" => LinkKind::GitLab,
        "linkedin" => LinkKind::LinkedIn,
        "stackoverflow" | "stack overflow" => LinkKind::StackOverflow,
        _ => LinkKind::Other,
    }
}

fn network_url(kind: LinkKind, username: &str) -> Option<String> {
    match kind {
        LinkKind::GitHub => Some(format!("https://github.com/{username}")),
        LinkKind::GitLab => Some(format!("https://gitlab.com/{username}")),
        LinkKind::LinkedIn => Some(format!("https://www.linkedin.com/in/{username}")),
        _ => None,
    }
}

fn last_segment(url: &str) -> Option<String> {
    let path = url.split("://").nth(1)?.split_once('/')?.1;
    path.trim_end_matches('/').rsplit('/').next().filter(|s| !s.is_empty()).map(str::to_owned)
}

fn work(w: &Map<String, Value>, warnings: &mut Vec<String>) -> WorkEntry {
    let (start, end, current) = span(w, warnings);
    WorkEntry {
        employer: text(w, &["name", "company", "organization"]),
        title: text(w, &["position", "title"]),
        start,
        end,
        current,
        location: text(w, &["location"]),
        highlights: w
            .get("highlights")
            .and_then(Value::as_array)
            .map(|h| {
                h.iter().filter_map(Value::as_str).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
            })
            .unwrap_or_default(),
    }
}

/// What a job's entry says about the work: its title, summary and highlights, where the
/// technologies used are named.
fn job_text(w: &Map<String, Value>) -> String {
    let highlights = w.get("highlights").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str);
    ["position", "title", "summary", "description"]
        .iter()
        .filter_map(|k| w.get(*k).and_then(Value::as_str))
        .chain(highlights)
        .collect::<Vec<_>>()
        .join("\n")
}

fn education(e: &Map<String, Value>, warnings: &mut Vec<String>) -> EducationEntry {
    let (start, end, _) = span(e, warnings);
    EducationEntry {
        institution: text(e, &["institution"]),
        degree: text(e, &["studyType"]),
        field: text(e, &["area"]),
        start,
        end,
    }
}

/// Start, end and whether it is current, from `startDate` / `endDate`.
fn span(obj: &Map<String, Value>, warnings: &mut Vec<String>) -> (Option<PartialDate>, Option<PartialDate>, bool) {
    let mut date = |key: &str| -> Option<Result<PartialDate, bool>> {
        let raw = obj.get(key)?.as_str()?.trim();
        if raw.is_empty() {
            return None;
        }
        if raw.split_whitespace().any(is_present_word) {
            return Some(Err(true));
        }
        match parse_date(raw) {
            Some(d) => Some(Ok(d)),
            None => {
                warnings.push(format!("unreadable date {raw:?} in {key}"));
                Some(Err(false))
            }
        }
    };
    let start = date("startDate").and_then(Result::ok);
    let end = date("endDate");
    let current = start.is_some() && matches!(end, None | Some(Err(true)));
    (start, end.and_then(Result::ok), current)
}

/// `YYYY`, `YYYY-MM`, `YYYY-MM-DD` (and `YYYY-MM-`), `DD-MM-YYYY`, `MM/YYYY`; two-digit years
/// (`20-01-01`) read as 20YY.
pub fn parse_date(raw: &str) -> Option<PartialDate> {
    let parts: Vec<&str> = raw.split(['-', '/', '.']).map(str::trim).filter(|p| !p.is_empty()).collect();
    let num = |s: &str| s.parse::<u16>().ok().filter(|_| s.chars().all(|c| c.is_ascii_digit()));
    let month = |m: u16| u8::try_from(m).ok().filter(|m| (1..=12).contains(m));
    match parts.as_slice() {
        [y] if y.len() == 4 => PartialDate::new(num(y)?, None),
        [y, m, ..] if y.len() == 4 => PartialDate::new(num(y)?, Some(month(num(m)?)?)),
        [m, y] if y.len() == 4 => PartialDate::new(num(y)?, Some(month(num(m)?)?)),
        [_, m, y] if y.len() == 4 => PartialDate::new(num(y)?, Some(month(num(m)?)?)),
        [y, m, _] if y.len() == 2 => PartialDate::new(2000 + num(y)?, Some(month(num(m)?)?)),
        _ => None,
    }
}

fn certificate(c: &Map<String, Value>) -> Option<Certification> {
    Some(Certification {
        name: text(c, &["name", "title"])?,
        issuer: text(c, &["issuer", "authority"]),
        date: text(c, &["date", "startDate"]).as_deref().and_then(parse_date),
    })
}

fn language(l: &Map<String, Value>) -> Option<SpokenLanguage> {
    Some(SpokenLanguage { language: text(l, &["language", "name"])?, fluency: text(l, &["fluency", "level"]) })
}

/// Skill keywords (strings, or objects with a `name`) and skill names through the taxonomy,
/// then the technologies named in phrases ("Web frameworks (Phoenix, Ruby on Rails)"), the
/// summary, jobs and projects — what a recruiter reading the rendered resume would see.
/// What the taxonomy does not know is dropped (it cannot be matched or searched reliably).
fn skills(
    doc: &Map<String, Value>,
    basics: &Map<String, Value>,
    job_texts: &[String],
    taxonomy: &Taxonomy,
) -> Vec<ProfileSkill> {
    let mut out: Vec<ProfileSkill> = Vec::new();
    let mut add = |tech: &crate::taxonomy::Tech| {
        if !out.iter().any(|s| s.name == tech.name) {
            out.push(ProfileSkill { name: tech.name.clone(), category: tech.category.clone(), years: None });
        }
    };
    let mut phrases = Vec::new();
    for group in entries(doc, &["skills"]) {
        let keywords = group.get("keywords").and_then(Value::as_array).cloned().unwrap_or_default();
        let names = keywords
            .iter()
            .filter_map(|k| k.as_str().map(str::to_owned).or_else(|| k.get("name")?.as_str().map(str::to_owned)))
            .chain(text(&group, &["name"]));
        for raw in names {
            match taxonomy.lookup(raw.trim()) {
                Some(tech) => add(tech),
                None => phrases.push(raw),
            }
        }
    }
    let projects = entries(doc, &["projects"]).iter().map(project_text).collect::<Vec<_>>();
    let summary = text(basics, &["summary"]);
    let prose = phrases.iter().chain(summary.iter()).chain(job_texts).chain(&projects);
    for found in prose.flat_map(|text| taxonomy.find(text)) {
        add(found.tech);
    }
    out
}

/// What a project's entry says: its name, description, highlights and keywords.
fn project_text(p: &Map<String, Value>) -> String {
    let lists = ["highlights", "keywords"]
        .iter()
        .flat_map(|k| p.get(*k).and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str));
    ["name", "description", "summary"]
        .iter()
        .filter_map(|k| p.get(*k).and_then(Value::as_str))
        .chain(lists)
        .collect::<Vec<_>>()
        .join("\n")
}

/// A profile as a JSON Resume v1 document.
pub fn write(profile: &Profile) -> Value {
    let date = |d: &Option<PartialDate>| d.map(|d| d.to_string());
    let network = |k: LinkKind| match k {
        LinkKind::GitHub => "GitHub",
        LinkKind::GitLab => "GitLab",
        LinkKind::LinkedIn => "LinkedIn",
        LinkKind::StackOverflow => "Stack Overflow",
        LinkKind::Portfolio => "Website",
        LinkKind::Other => "Other",
    };
    let mut by_category: Vec<(String, Vec<String>)> = Vec::new();
    for s in &profile.skills {
        match by_category.iter_mut().find(|(c, _)| *c == s.category) {
            Some((_, names)) => names.push(s.name.clone()),
            None => by_category.push((s.category.clone(), vec![s.name.clone()])),
        }
    }
    let links: Vec<&ProfileLink> = profile.links.iter().filter(|l| is_web_address(&l.url)).collect();
    let portfolio = links.iter().find(|l| l.kind == LinkKind::Portfolio);
    let mut basics = json!({
        "name": profile.name,
        "label": profile.headline,
        "email": profile.emails.first(),
        "phone": profile.phones.first(),
        "url": portfolio.map(|l| &l.url),
        "summary": profile.summary,
        "location": profile.location.as_ref().map(|l| json!({"city": l.city, "region": l.region, "countryCode": l.country_code})),
        "profiles": links.iter().filter(|l| l.kind != LinkKind::Portfolio).map(|l| json!({
            "network": network(l.kind), "username": l.username, "url": l.url,
        })).collect::<Vec<_>>(),
    });
    drop_nulls(&mut basics);
    let mut doc = json!({
        "$schema": "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json",
        "basics": basics,
        "work": profile.work.iter().map(|w| json!({
            "name": w.employer, "position": w.title, "location": w.location,
            "startDate": date(&w.start), "endDate": date(&w.end), "highlights": w.highlights,
        })).collect::<Vec<_>>(),
        "education": profile.education.iter().map(|e| json!({
            "institution": e.institution, "studyType": e.degree, "area": e.field,
            "startDate": date(&e.start), "endDate": date(&e.end),
        })).collect::<Vec<_>>(),
        "skills": by_category.iter().map(|(c, names)| json!({"name": c, "keywords": names})).collect::<Vec<_>>(),
        "certificates": profile.certifications.iter().map(|c| json!({
            "name": c.name, "issuer": c.issuer, "date": c.date.map(full_date),
        })).collect::<Vec<_>>(),
        "languages": profile.languages.iter().map(|l| json!({"language": l.language, "fluency": l.fluency})).collect::<Vec<_>>(),
    });
    drop_nulls(&mut doc);
    doc
}

/// The schema wants a full date (`format: date`) for certificates; a month or year stands for
/// its first day.
fn full_date(d: PartialDate) -> String {
    format!("{:04}-{:02}-01", d.year, d.month.unwrap_or(1))
}

/// Removes `null` members everywhere: the schema wants absent keys, not nulls.
fn drop_nulls(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|_, v| !v.is_null());
            map.values_mut().for_each(drop_nulls);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_nulls),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> PartialDate {
        PartialDate::new(2026, Some(12)).unwrap_or(PartialDate { year: 2026, month: None })
    }

    #[test]
    fn dates_in_the_forms_real_files_use() {
        let d = |y, m| PartialDate::new(y, m);
        assert_eq!(parse_date("2019"), d(2019, None));
        assert_eq!(parse_date("2019-03"), d(2019, Some(3)));
        assert_eq!(parse_date("2019-03-01"), d(2019, Some(3)));
        assert_eq!(parse_date("1987-01-"), d(1987, Some(1)));
        assert_eq!(parse_date("24-06-2022"), d(2022, Some(6)));
        assert_eq!(parse_date("03/2019"), d(2019, Some(3)));
        assert_eq!(parse_date("20-01-01"), d(2020, Some(1)));
        assert_eq!(parse_date("soon"), None);
        assert_eq!(parse_date("2019-13"), None);
    }

    #[test]
    fn old_and_new_keys_read_alike() {
        let old = r#"{"basics": {"name": "Ana", "email": "Ana@Example.com", "website": "https://ana.dev",
            "profiles": [{"network": "GitHub", "username": "ana"}]},
            "work": [{"company": "Acme", "position": "Dev", "startDate": "2019-03", "endDate": "aktuell"}],
            "languages": [{"name": "German", "level": "Native"}]}"#;
        let new = r#"{"basics": {"name": "Ana", "email": "ana@example.com", "url": "https://ana.dev",
            "profiles": [{"network": "GitHub", "url": "https://github.com/ana"}]},
            "work": [{"name": "Acme", "position": "Dev", "startDate": "2019-03-01", "endDate": ""}],
            "languages": [{"language": "German", "fluency": "Native"}]}"#;
        let taxonomy = Taxonomy::builtin();
        let (a, b) = (read(old, taxonomy, today()).unwrap().profile, read(new, taxonomy, today()).unwrap().profile);
        assert_eq!(a.work, b.work);
        assert!(a.work[0].current);
        assert_eq!(a.emails, vec!["ana@example.com"]);
        assert_eq!(a.links.iter().map(|l| l.kind).collect::<Vec<_>>(), vec![LinkKind::GitHub, LinkKind::Portfolio]);
        assert_eq!(a.languages, b.languages);
        assert_eq!(a.total_years, Some(7.8));
    }

    #[test]
    fn nulls_odd_types_and_placeholders_are_not_errors() {
        let odd = r####"{"basics": {"name": null, "email": "###EMAIL###", "location": {"countryCode": "Germany"}},
            "work": [null, 3, {"company": "", "startDate": "someday"}], "skills": [{"keywords": [{"name": "Postgres"}, 7]}]}"####;
        let parsed = read(odd, Taxonomy::builtin(), today()).unwrap();
        assert!(parsed.profile.name.is_none() && parsed.profile.emails.is_empty());
        assert!(parsed.profile.location.is_none(), "a country name is not a code");
        assert_eq!(parsed.profile.work.len(), 1);
        assert_eq!(parsed.warnings.len(), 1, "{:?}", parsed.warnings);
        assert!(read("[1, 2]", Taxonomy::builtin(), today()).is_err());
        assert!(read("{", Taxonomy::builtin(), today()).is_err());
    }

    #[test]
    fn listed_skills_get_years_from_the_jobs_that_mention_them() {
        let json = r#"{"basics": {"name": "Ana"},
            "skills": [{"name": "Backend", "keywords": ["Django", "Postgres", "Rust"]}],
            "work": [
              {"name": "Acme", "position": "Python Developer", "startDate": "2018-01", "endDate": "2019-12",
               "summary": "Built the billing API with Django."},
              {"name": "Beta", "position": "Backend Engineer", "startDate": "2020-01", "endDate": "2020-12",
               "highlights": ["Moved reports to PostgreSQL", "Django upgrades"]}]}"#;
        let skills = read(json, Taxonomy::builtin(), today()).unwrap().profile.skills;
        let years = |name: &str| skills.iter().find(|s| s.name == name).map(|s| s.years);
        assert_eq!(years("Django"), Some(Some(3.0)));
        assert_eq!(years("PostgreSQL"), Some(Some(1.0)));
        assert_eq!(years("Rust"), Some(None), "no job mentions it");
    }

    #[test]
    fn a_written_profile_reads_back_the_same() {
        let json = r#"{"basics": {"name": "Ana", "email": "ana@example.com", "phone": "+49 30 1234567",
            "location": {"city": "Berlin", "countryCode": "de"},
            "profiles": [{"network": "LinkedIn", "url": "https://www.linkedin.com/in/ana"}]},
            "work": [{"name": "Acme", "position": "Dev", "startDate": "2019-03", "endDate": "2021-02", "highlights": ["APIs"]}],
            "education": [{"institution": "TU Berlin", "studyType": "MSc", "area": "CS", "startDate": "2012", "endDate": "2014"}],
            "certificates": [{"name": "CKA", "issuer": "CNCF", "date": "2022-05"}]}"#;
        let first = read(json, Taxonomy::builtin(), today()).unwrap().profile;
        let again = read(&write(&first).to_string(), Taxonomy::builtin(), today()).unwrap().profile;
        assert_eq!(first, again);
    }

    #[test]
    fn every_corpus_file_reads_with_its_name_and_jobs() {
        let root = std::env::var("HIRED_CORPUS_DIR").unwrap_or_else(|_| "/work/shared/corpus".into());
        let dir = std::path::Path::new(&root).join("resumes/json");
        let entries =
            std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("the corpus is needed at {}: {e}", dir.display()));
        let mut files = 0;
        for entry in entries {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let truth: Value = serde_json::from_str(&text).unwrap();
            let profile = read(&text, Taxonomy::builtin(), today()).unwrap().profile;
            assert_eq!(profile.name.as_deref(), truth["basics"]["name"].as_str().map(str::trim), "{}", path.display());
            let jobs = truth.get("work").or(truth.get("works")).and_then(Value::as_array).map_or(0, |w| w.len());
            assert_eq!(profile.work.len(), jobs, "{}", path.display());
            files += 1;
        }
        assert_eq!(files, 60);
    }
}
