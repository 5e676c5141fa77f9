//! Made-up candidates: international names with the contact details, links,
//! skills and sources real applicants have. Addresses use the reserved
//! `example.*` domains and phone numbers follow each country's shape.

use std::collections::HashSet;

use hired_domain::candidate::CandidateInput;
use rand::Rng;
use rand::rngs::StdRng;

use super::names::{EXTRA_SKILLS, REGIONS, Region};
use super::pick;

/// Where applicants come from, with how often (weights out of 100).
pub(super) const SOURCES: &[(&str, u32)] = &[
    ("Careers page", 24),
    ("LinkedIn", 22),
    ("Employee referral", 12),
    ("Indeed", 10),
    ("ZipRecruiter", 7),
    ("Developer community", 7),
    ("Bootcamp", 5),
    ("Nearshore agency", 5),
    ("Upwork", 4),
    ("Toptal", 4),
];

/// Replaces `#` in a pattern with random digits.
fn digits(rng: &mut StdRng, pattern: &str) -> String {
    pattern.chars().map(|c| if c == '#' { char::from(b'0' + rng.random_range(0..10u8)) } else { c }).collect()
}

/// Lower-case ASCII for addresses and handles: accents folded, anything else dropped.
pub(super) fn ascii_slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.to_lowercase().chars() {
        let folded = match c {
            'a'..='z' | '0'..='9' => c,
            'á' | 'à' | 'â' | 'ã' | 'ä' | 'å' | 'ă' => 'a',
            'ç' | 'ć' => 'c',
            'é' | 'è' | 'ê' | 'ë' | 'ę' => 'e',
            'í' | 'ì' | 'î' | 'ï' | 'ı' => 'i',
            'ñ' | 'ń' => 'n',
            'ó' | 'ò' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ł' => 'l',
            'ś' | 'ş' | 'ș' => 's',
            'ź' | 'ż' => 'z',
            'ğ' => 'g',
            'ț' => 't',
            _ => continue,
        };
        out.push(folded);
    }
    out
}

/// Hands out people whose emails never repeat.
pub(super) struct People {
    emails: HashSet<String>,
}

impl People {
    /// A generator with no addresses used yet.
    pub(super) fn new() -> Self {
        Self { emails: HashSet::new() }
    }

    /// A made-up person as a candidate form would hold them, with `skills` among their tags.
    pub(super) fn next(&mut self, rng: &mut StdRng, skills: &[String], source: &str) -> CandidateInput {
        let region = pick_region(rng);
        let first = *pick(rng, region.first);
        let last = *pick(rng, region.last);
        let (city, phone) = *pick(rng, region.cities);
        let (f, l) = (ascii_slug(first), ascii_slug(last));
        let email = self.unique_email(rng, &f, &l);
        let github = match rng.random_range(0..10) {
            0..=2 => format!("{f}{l}"),
            3..=4 => format!("{f}-{l}"),
            5 => format!("{}{l}{}", initial(&f), rng.random_range(1..100)),
            6 => format!("{l}{f}"),
            7 => format!("{f}-{}", rng.random_range(1990..2005)),
            _ => String::new(),
        };
        let linkedin = if rng.random_bool(0.85) {
            format!("https://www.linkedin.com/in/{f}-{l}-{:06x}", rng.random_range(0..0xff_ffffu32))
        } else {
            String::new()
        };
        let portfolio = if rng.random_bool(0.15) { format!("https://{f}{l}.dev") } else { String::new() };
        CandidateInput {
            name: format!("{first} {last}"),
            email,
            phone: if rng.random_bool(0.9) { digits(rng, phone) } else { String::new() },
            location: city.to_owned(),
            github,
            linkedin,
            portfolio,
            tags: tags(rng, skills).join(", "),
            source: source.to_owned(),
        }
    }

    fn unique_email(&mut self, rng: &mut StdRng, first: &str, last: &str) -> String {
        let domain = *pick(rng, &["example.com", "example.net", "example.org"]);
        let local = match rng.random_range(0..4) {
            0 => format!("{first}{last}"),
            1 => format!("{}{last}", initial(first)),
            _ => format!("{first}.{last}"),
        };
        let mut email = format!("{local}@{domain}");
        let mut n = 1;
        while !self.emails.insert(email.clone()) {
            n += 1;
            email = format!("{local}{n}@{domain}");
        }
        email
    }
}

/// The first letter of an ASCII slug.
fn initial(slug: &str) -> &str {
    slug.get(..1).unwrap_or("x")
}

fn pick_region(rng: &mut StdRng) -> &'static Region {
    let total: u32 = REGIONS.iter().map(|r| r.weight).sum();
    let mut roll = rng.random_range(0..total);
    for region in REGIONS {
        if roll < region.weight {
            return region;
        }
        roll -= region.weight;
    }
    &REGIONS[0]
}

/// Three to seven of the role's skills plus one or two others, lower-case.
fn tags(rng: &mut StdRng, skills: &[String]) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    let wanted = rng.random_range(3..=7).min(skills.len());
    while tags.len() < wanted {
        let skill = pick(rng, skills).to_lowercase();
        if !tags.contains(&skill) {
            tags.push(skill);
        }
    }
    for _ in 0..rng.random_range(1..=2) {
        let extra = (*pick(rng, EXTRA_SKILLS)).to_owned();
        if !tags.contains(&extra) {
            tags.push(extra);
        }
    }
    tags
}

/// A source, weighted; freelance and nearshore roles lean on marketplaces and agencies.
pub(super) fn source(rng: &mut StdRng, marketplaces: bool) -> &'static str {
    let weight = |name: &str, w: u32| match name {
        "Upwork" | "Toptal" | "Nearshore agency" if marketplaces => w * 5,
        _ => w,
    };
    let total: u32 = SOURCES.iter().map(|(name, w)| weight(name, *w)).sum();
    let mut roll = rng.random_range(0..total);
    for (name, w) in SOURCES {
        let w = weight(name, *w);
        if roll < w {
            return name;
        }
        roll -= w;
    }
    SOURCES[0].0
}

#[cfg(test)]
mod tests {
    use hired_domain::candidate::CandidateDetails;
    use rand::SeedableRng;

    use super::*;

    #[test]
    fn names_fold_to_ascii_for_addresses() {
        assert_eq!(ascii_slug("Wiśniewski"), "wisniewski");
        assert_eq!(ascii_slug("O'Brien"), "obrien");
        assert_eq!(ascii_slug("de Vries"), "devries");
        assert_eq!(ascii_slug("Yılmaz"), "yilmaz");
    }

    #[test]
    fn every_generated_person_is_a_valid_candidate_with_a_unique_email() {
        let mut rng = StdRng::seed_from_u64(7);
        let mut people = People::new();
        let skills: Vec<String> = ["Python", "Django", "PostgreSQL"].map(String::from).to_vec();
        let mut emails = HashSet::new();
        for _ in 0..2_000 {
            let input = people.next(&mut rng, &skills, "LinkedIn");
            let details = CandidateDetails::try_from(&input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
            assert!(emails.insert(details.email.clone()), "duplicate {:?}", details.email);
        }
    }
}
