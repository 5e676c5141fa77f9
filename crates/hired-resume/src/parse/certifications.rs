//! Certifications: those the taxonomy recognises anywhere in the resume (under their canonical
//! name and issuer), and the other lines of a certifications section as written
//! ("Fundamentals of Liquibase — Liquibase"), each with its date when the line gives one.

use hired_domain::profile::Certification;

use super::dates::{find_range, is_date_line};
use super::entries::trim_joiners;
use super::sections::Section;
use super::text::{Line, fold};
use crate::taxonomy::Taxonomy;

/// At most this many certifications are kept.
const MAX: usize = 60;

/// The certifications of a resume, recognised ones first.
pub(crate) fn certifications(
    taxonomy: &Taxonomy,
    lines: &[Line],
    sections: &[Section],
    headings: &[bool],
) -> Vec<Certification> {
    let mut out: Vec<Certification> = Vec::new();
    let mut recognised_lines = Vec::new();
    let mut issuers: Vec<&str> = taxonomy.certification_list().iter().map(|c| c.issuer.as_str()).collect();
    issuers.extend(PLATFORMS);
    issuers.sort_by_key(|i| std::cmp::Reverse(i.len()));
    issuers.dedup();
    for (i, line) in lines.iter().enumerate() {
        if line.is_blank() || sections.get(i) == Some(&Section::References) {
            continue;
        }
        let found = taxonomy.certifications(&line.text);
        if found.is_empty() {
            continue;
        }
        recognised_lines.push(i);
        let date = line_date(lines, i);
        for def in found {
            if out.len() < MAX && !out.iter().any(|c| c.name == def.name) {
                out.push(Certification { name: def.name.clone(), issuer: Some(def.issuer.clone()), date });
            }
        }
    }
    for (i, line) in lines.iter().enumerate() {
        if sections.get(i) != Some(&Section::Certifications)
            || headings.get(i) == Some(&true)
            || line.is_blank()
            || recognised_lines.contains(&i)
            || out.len() >= MAX
        {
            continue;
        }
        if let Some(cert) = written(&line.text, line_date(lines, i), &issuers)
            && !out.iter().any(|c| fold(&c.name) == fold(&cert.name))
        {
            out.push(cert);
        }
    }
    out
}

/// Issuers of courses and certificates besides those of the recognised certifications.
const PLATFORMS: &[&str] = &[
    "CNCF",
    "Coursera",
    "Udemy",
    "edX",
    "Udacity",
    "LinkedIn Learning",
    "Pluralsight",
    "freeCodeCamp",
    "OpenClassrooms",
    "Linux Foundation",
    "The Linux Foundation",
    "Google",
    "Amazon Web Services (AWS)",
    "AWS",
    "IBM",
    "Meta",
    "Datadog",
    "Gremlin",
    "Codefresh",
    "Tigera",
    "Liquibase",
    "Solo.io",
    "EF Education First",
    "Cisco",
    "Oracle",
    "Microsoft",
];

/// A certificate line as written: "Name — Issuer", "Name | Issuer (2021)", "Name Issuer" with an
/// issuer `issuers` knows (longest first), or just "Name".
fn written(text: &str, date: Option<hired_domain::profile::PartialDate>, issuers: &[&str]) -> Option<Certification> {
    let label = fold(text.split([':', ' ']).next().unwrap_or(""));
    let metadata = matches!(
        label.as_str(),
        "issued"
            | "awarded"
            | "credential"
            | "expires"
            | "expiration"
            | "id"
            | "url"
            | "obtenu"
            | "delivre"
            | "emitido"
            | "ausgestellt"
    );
    if metadata
        || is_date_line(text).is_some()
        || text.starts_with("http")
        || text.chars().count() > 150
        || text.ends_with('.')
    {
        return None;
    }
    let without_date = match find_range(text) {
        Some(r) => format!("{} {}", text.get(..r.from).unwrap_or(""), text.get(r.to..).unwrap_or("")),
        None => text.to_string(),
    };
    let without_date = trim_joiners(without_date.trim());
    let letters = without_date.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 3 {
        return None;
    }
    let separated = [" — ", " | ", " · "]
        .iter()
        .find_map(|sep| without_date.split_once(sep))
        .map(|(n, i)| (n.trim(), Some(i.trim().to_string())));
    let known = || {
        issuers.iter().find_map(|i| {
            let name = without_date.strip_suffix(i)?;
            (name.ends_with(' ') && name.trim().len() >= 3).then(|| (trim_joiners(name), Some((*i).to_string())))
        })
    };
    let (name, issuer) = separated.or_else(known).unwrap_or((without_date, None));
    Some(Certification { name: name.to_string(), issuer: issuer.filter(|i| !i.is_empty()), date })
}

/// The date on the certificate's line, or on the line just below when that is only a date.
fn line_date(lines: &[Line], i: usize) -> Option<hired_domain::profile::PartialDate> {
    let here = lines.get(i).and_then(|l| find_range(&l.text)).and_then(|r| r.start);
    here.or_else(|| {
        lines
            .get(i + 1..)?
            .iter()
            .take(2)
            .find(|l| !l.is_blank())
            .and_then(|l| is_date_line(&l.text))
            .and_then(|r| r.start)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::text::clean_lines;

    #[test]
    fn recognised_certificates_get_their_canonical_name_and_others_stay_as_written() {
        let lines = clean_lines("Certifications\nAWS Certified Developer - Associate (2021)\nPCAP – Certified Associate in Python Programming\nFundamentals of Liquibase — Liquibase\n2020-05-01").0;
        let sections = vec![Section::Certifications; lines.len()];
        let mut headings = vec![false; lines.len()];
        headings[0] = true;
        let certs = certifications(Taxonomy::builtin(), &lines, &sections, &headings);
        let names: Vec<&str> = certs.iter().map(|c| c.name.as_str()).collect();
        assert!(names.contains(&"AWS Certified Developer – Associate"), "{names:?}");
        assert!(names.iter().any(|n| n.starts_with("PCAP")), "{names:?}");
        let liquibase = certs.iter().find(|c| c.name == "Fundamentals of Liquibase");
        assert_eq!(liquibase.and_then(|c| c.issuer.as_deref()), Some("Liquibase"));
        assert_eq!(liquibase.and_then(|c| c.date).map(|d| d.year), Some(2020));
        let aws = certs.iter().find(|c| c.name.starts_with("AWS"));
        assert_eq!(aws.and_then(|c| c.date).map(|d| d.year), Some(2021));
    }

    #[test]
    fn dates_and_addresses_are_not_certificates() {
        assert!(written("2020-05-01", None, &[]).is_none());
        assert!(written("https://www.credly.com/badges/abc", None, &[]).is_none());
        assert!(written("Issued on: Nov 2020", None, &[]).is_none());
        assert_eq!(
            written("Scrum Master | Scrum.org", None, &[]).map(|c| c.issuer),
            Some(Some("Scrum.org".to_string()))
        );
    }

    #[test]
    fn a_known_issuer_at_the_end_of_the_line_is_split_off() {
        let c = written("GCC Certified - Foundation Gremlin", None, &["Gremlin"]);
        assert_eq!(c.as_ref().map(|c| c.name.as_str()), Some("GCC Certified - Foundation"));
        assert_eq!(c.and_then(|c| c.issuer).as_deref(), Some("Gremlin"));
        assert_eq!(written("Datadog Datadog", None, &["Datadog"]).map(|c| c.name), Some("Datadog".to_string()));
    }
}
