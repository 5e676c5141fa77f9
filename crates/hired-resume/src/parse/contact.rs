//! Contact details: the name and headline at the top, email addresses (lower-case), phone
//! numbers (E.164 when the country is known) and where the person lives.

use std::sync::LazyLock;

use hired_domain::profile::ProfileLocation;
use regex::Regex;

use super::dates::is_date_line;
use super::places::{self, Country};
use super::sections::Section;
use super::text::{Line, fold, is_all_caps, title_case};
use super::vocab::{is_place, title_score};

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[a-z0-9][a-z0-9._%+\-]{0,63}@[a-z0-9](?:[a-z0-9\-]{0,62}\.)+[a-z]{2,24}")
        .expect("the email pattern compiles")
});

/// Email addresses, lower-case, in order of appearance. A theme that wraps a long address over
/// two lines ("jo@exam" / "ple.org") is joined back. Referees' addresses are left out.
pub(crate) fn emails(lines: &[Line], sections: &[Section]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if sections.get(i) == Some(&Section::References) || !line.text.contains('@') {
            continue;
        }
        let text = joined_with_next(lines, i);
        for m in EMAIL.find_iter(&text) {
            let email = m.as_str().trim_end_matches('.').to_lowercase();
            if !out.contains(&email) {
                out.push(email);
            }
        }
    }
    out
}

/// The line, with the next line appended when it looks like the wrapped end of an address or
/// link on this one (a single token, and this line ends in a token cut short).
pub(crate) fn joined_with_next(lines: &[Line], i: usize) -> String {
    let Some(line) = lines.get(i) else { return String::new() };
    let next = lines.get(i + 1..).unwrap_or(&[]).iter().take(3).find(|l| !l.is_blank());
    let Some(next) = next else { return line.text.clone() };
    let single = !next.text.contains(char::is_whitespace) && next.text.len() <= 30;
    let last = line.text.rsplit(char::is_whitespace).next().unwrap_or("");
    let cut_short = last.contains('@') && !EMAIL.is_match(last) || last.ends_with('.') || next.text.starts_with('.');
    if single && cut_short && (last.contains('@') || last.contains('.')) {
        format!("{}{}", line.text, next.text)
    } else {
        line.text.clone()
    }
}

const PHONE_LABELS: &[&str] = &[
    "phone",
    "tel",
    "tel.",
    "telephone",
    "mobile",
    "mob",
    "cell",
    "cellphone",
    "fon",
    "telefon",
    "telefono",
    "movil",
    "celular",
    "handy",
    "mobil",
    "portable",
    "fone",
    "telemovel",
    "whatsapp",
    "cellulare",
];

/// Phone numbers, in E.164 when the country is known (from a leading "+", or `country`).
pub(crate) fn phones(lines: &[Line], sections: &[Section], country: Option<&Country>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let section = sections.get(i).copied().unwrap_or(Section::Header);
        if section == Section::References || !line.text.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        let labelled =
            fold(&line.text).split(|c: char| !c.is_alphanumeric() && c != '.').any(|w| PHONE_LABELS.contains(&w));
        for (from, to) in candidates(&line.text) {
            let cand = &line.text[from..to];
            let digits = cand.bytes().filter(u8::is_ascii_digit).count();
            if !(7..=15).contains(&digits) || looks_like_date(cand) {
                continue;
            }
            let international =
                cand.starts_with('+') || cand.starts_with("(+") || cand.starts_with("00") && digits >= 10;
            let rest_letters =
                line.text[..from].chars().chain(line.text[to..].chars()).filter(|c| c.is_alphabetic()).count();
            let alone = rest_letters <= 3 && (9..=13).contains(&digits);
            let contact = matches!(section, Section::Header | Section::Contact) && (9..=13).contains(&digits);
            if international || labelled || alone || contact {
                let phone = e164(cand, country);
                if !out.contains(&phone) {
                    out.push(phone);
                }
            }
        }
    }
    out
}

/// Spans of `line` that could be phone numbers: digits with spaces, dots, dashes, slashes and
/// parentheses, starting at a "+", "(" or digit that does not continue a word.
fn candidates(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let glued = i > 0 && bytes[i - 1].is_ascii_alphabetic();
        let prev_ok = i == 0
            || glued
            || !bytes[i - 1].is_ascii_alphanumeric() && !matches!(bytes[i - 1], b'/' | b'.' | b'-' | b'@');
        if prev_ok && (b == b'+' || b == b'(' || b.is_ascii_digit()) {
            let mut j = i + 1;
            while j < bytes.len() && matches!(bytes[j], b'0'..=b'9' | b' ' | b'-' | b'.' | b'(' | b')' | b'/' | b'+') {
                j += 1;
            }
            let followed_by_word = j < bytes.len() && bytes[j].is_ascii_alphabetic() && j > 0 && bytes[j - 1] != b' ';
            let mut end = j;
            while end > i && !bytes[end - 1].is_ascii_digit() && bytes[end - 1] != b')' {
                end -= 1;
            }
            let span = &line[i..end];
            let separators = span.bytes().filter(|c| matches!(c, b' ' | b'-' | b'.')).count();
            let digits = span.bytes().filter(u8::is_ascii_digit).count();
            // A number glued to a word ("…@example.net423 820-5506") only when it is clearly a phone.
            if end > i && !followed_by_word && (!glued || digits >= 9 && separators >= 2) {
                out.push((i, end));
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

/// Whether a run of digits is a date or date range rather than a phone number.
fn looks_like_date(cand: &str) -> bool {
    if is_date_line(cand)
        .is_some_and(|r| r.start.is_some() && (r.end.is_some() || r.current || r.to - r.from == cand.len()))
    {
        return true;
    }
    let groups: Vec<&str> = cand.split(|c: char| !c.is_ascii_digit()).filter(|g| !g.is_empty()).collect();
    let years =
        groups.iter().filter(|g| g.len() == 4 && g.parse::<u16>().is_ok_and(|y| (1950..=2100).contains(&y))).count();
    years > 0 && years * 2 >= groups.len()
}

/// A phone number in E.164 when its country is known, else as written.
pub(crate) fn e164(raw: &str, country: Option<&Country>) -> String {
    let raw = raw.trim();
    let without_trunk = raw.replace("(0)", "");
    let digits: String = without_trunk.chars().filter(char::is_ascii_digit).collect();
    if raw.starts_with('+') || raw.starts_with("(+") {
        return format!("+{digits}");
    }
    if let Some(rest) = digits.strip_prefix("00")
        && rest.len() >= 8
    {
        return format!("+{rest}");
    }
    let Some(country) = country else { return raw.to_string() };
    if let Some(rest) = digits.strip_prefix(country.calling)
        && rest.len() >= 8
        && (country.calling != "1" || rest.len() == 10)
    {
        return format!("+{digits}");
    }
    let national =
        if country.trunk.is_empty() { digits.as_str() } else { digits.strip_prefix(country.trunk).unwrap_or(&digits) };
    format!("+{}{national}", country.calling)
}

/// The name (title-cased only when printed in capitals) and the headline under it: the first
/// lines that are not headings or contact details.
pub(crate) fn name_and_headline(lines: &[Line], headings: &[bool]) -> (Option<String>, Option<String>) {
    let mut seen = 0;
    for (i, line) in lines.iter().enumerate() {
        if line.is_blank() {
            continue;
        }
        if headings.get(i) == Some(&true) || seen >= 6 {
            break;
        }
        seen += 1;
        if !looks_like_name(&line.text, seen == 1) {
            continue;
        }
        let mut text = line.text.clone();
        let mut last = i;
        // A long name that wrapped: "Saturnina Trinidad Cañete San" / "Córdoba".
        let mut below = lines.iter().enumerate().skip(i + 1).filter(|(_, l)| !l.is_blank());
        if let Some((j, next)) = below.next()
            && j <= i + 2
            && text.split_whitespace().count() >= 3
            && is_name_tail(&next.text, below.next().is_some_and(|(_, after)| title_score(&after.text) > 0))
        {
            text = format!("{text} {}", next.text);
            last = j;
        }
        let name = if is_all_caps(&text) { title_case(&text) } else { text };
        let headline =
            lines
                .iter()
                .enumerate()
                .skip(last + 1)
                .find(|(_, l)| !l.is_blank())
                .filter(|(j, l)| headings.get(*j) != Some(&true) && is_headline(&l.text))
                .map(|(_, l)| {
                    if is_all_caps(&l.text) && l.text.chars().count() > 3 {
                        title_case(&l.text)
                    } else {
                        l.text.clone()
                    }
                });
        return (Some(name), headline);
    }
    (None, None)
}

fn looks_like_name(text: &str, first: bool) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let handle = first && words.len() == 1 && !text.contains(['@', '/', ':']);
    let others = text
        .chars()
        .filter(|c| {
            !(c.is_alphabetic()
                || matches!(c, ' ' | '.' | '-' | '\'' | '’' | '(' | ')' | ',')
                || handle && c.is_ascii_digit())
        })
        .count();
    (words.len() >= 2 || first)
        && words.len() <= 6
        && text.chars().count() <= 60
        && letters >= 2
        && others == 0
        && !text.contains("://")
        && is_date_line(text).is_none()
}

/// The end of a name wrapped onto the next line: one or two capitalised words that are not a
/// job title, nor a place (unless the headline follows it, so it cannot be the place line).
fn is_name_tail(text: &str, headline_below: bool) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (1..=2).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(|c| c.is_alphabetic() || c == '-')
        })
        && title_score(text) == 0
        && (headline_below || !is_place(text))
}

fn is_headline(text: &str) -> bool {
    let len = text.chars().count();
    (2..=120).contains(&len)
        && !text.contains('@')
        && !text.contains("://")
        && !text.ends_with('.')
        && phone_digits(text) < 7
        && parse_location(text).is_none()
}

fn phone_digits(text: &str) -> usize {
    text.chars().filter(char::is_ascii_digit).count()
}

/// Where the person lives: the first contact line that reads as "City, Region, Country" with a
/// country (name or ISO code) or a US state or Canadian province at its end.
pub(crate) fn location(lines: &[Line], sections: &[Section]) -> Option<ProfileLocation> {
    let contactish = |i: usize| matches!(sections.get(i), Some(Section::Header | Section::Contact | Section::Summary));
    let first_pass = lines.iter().enumerate().filter(|(i, _)| contactish(*i));
    let second_pass = lines.iter().enumerate().filter(|(i, _)| !contactish(*i)).take(200);
    first_pass
        .chain(second_pass)
        .flat_map(|(_, l)| l.text.split(['|', '·', '•', '\t']).map(str::trim).collect::<Vec<_>>())
        .find_map(parse_location)
}

/// "Seattle, WA", "Lonay, VD 1552 CH", "Caracas, (Venezuela)", "Nice FR", "Jülich, Germany".
pub(crate) fn parse_location(text: &str) -> Option<ProfileLocation> {
    let text = text.strip_prefix("Location:").or_else(|| text.strip_prefix("Adresse:")).unwrap_or(text).trim();
    if text.is_empty()
        || text.len() > 70
        || text.contains('@')
        || text.contains("://")
        || text.contains("www.")
        || phone_digits(text) > 12
    {
        return None;
    }
    let parts: Vec<&str> = text.split(',').map(str::trim).filter(|p| !p.is_empty()).collect();
    if parts.is_empty() || parts.len() > 5 || parts.iter().any(|p| p.split(' ').count() > 4) {
        return None;
    }
    let clean = |p: &str| -> String {
        p.split(' ')
            .filter(|w| !w.chars().any(|c| c.is_ascii_digit()))
            .collect::<Vec<_>>()
            .join(" ")
            .trim_matches(|c: char| c == '(' || c == ')' || c == ' ')
            .to_string()
    };
    let kept: Vec<String> = if parts.len() >= 3 {
        parts.iter().filter(|p| !p.chars().any(|c| c.is_ascii_digit())).map(|p| clean(p)).collect()
    } else {
        parts.iter().map(|p| clean(p)).filter(|p| !p.is_empty()).collect()
    };
    let last = kept.last()?;
    let last_words: Vec<&str> = last.split(' ').collect();
    let (code, region_words): (String, Vec<&str>) =
        if let Some(c) = places::country(last).filter(|_| is_country_token(last)) {
            (c.code.to_string(), Vec::new())
        } else if let Some((tail, head)) = last_words.split_last()
            && is_country_token(tail)
            && let Some(c) = places::country(tail)
            && (kept.len() >= 2 || tail.chars().count() > 2 || places::is_city(&head.join(" ")))
        {
            (c.code.to_string(), head.to_vec())
        } else if let Some(c) = places::region_country(last) {
            (c.to_string(), last_words.clone())
        } else {
            return None;
        };
    let mut rest: Vec<String> = kept[..kept.len() - 1].to_vec();
    if !region_words.is_empty() {
        rest.push(region_words.join(" "));
    }
    let city = rest.first().filter(|c| !c.is_empty()).cloned();
    let region = rest.get(1).filter(|c| !c.is_empty()).cloned();
    if city.as_deref().is_some_and(|c| !c.chars().next().is_some_and(char::is_uppercase)) {
        return None;
    }
    Some(ProfileLocation { city, region, country_code: Some(code) })
}

/// A country written as an upper-case ISO code or as a name starting with a capital.
fn is_country_token(s: &str) -> bool {
    let t = s.trim_matches(|c: char| !c.is_alphanumeric());
    if t.chars().count() == 2 {
        return t.chars().all(|c| c.is_ascii_uppercase());
    }
    t.chars().next().is_some_and(char::is_uppercase) || t.chars().next().is_some_and(|c| !c.is_ascii())
}

/// The country a resume's own domain points to ("jo@example.fr", "https://jo.de").
pub(crate) fn country_from_domains<'a>(addresses: impl Iterator<Item = &'a str>) -> Option<&'static Country> {
    const SAFE: &[&str] = &[
        "fr", "de", "es", "pt", "it", "ch", "at", "be", "nl", "br", "pl", "uk", "ca", "au", "in", "mx", "ar", "cl",
        "lu", "se", "fi", "dk", "no", "ie",
    ];
    addresses.into_iter().find_map(|a| {
        let host = a.rsplit('@').next().unwrap_or(a);
        let host = host.split("://").last().unwrap_or(host).split('/').next().unwrap_or(host);
        let tld = host.rsplit('.').next()?.to_ascii_lowercase();
        SAFE.contains(&tld.as_str()).then(|| places::by_code(if tld == "uk" { "GB" } else { &tld })).flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::text::clean_lines;

    fn lines(text: &str) -> Vec<Line> {
        clean_lines(text).0
    }

    #[test]
    fn emails_are_lower_cased_and_joined_when_wrapped() {
        let l = lines("Jo.Doe@Example.COM\ncordoba.saturnina@exam\nple.org\nref: x@y.org");
        let s = vec![Section::Header, Section::Header, Section::Header, Section::References];
        assert_eq!(emails(&l, &s), vec!["jo.doe@example.com", "cordoba.saturnina@example.org"]);
    }

    #[test]
    fn phones_become_e164_when_the_country_is_known() {
        let fr = places::by_code("FR");
        assert_eq!(e164("03 38 68 47 79", fr), "+33338684779");
        assert_eq!(e164("06.54.66.78.02", fr), "+33654667802");
        assert_eq!(e164("+49 (0) 30 1234 5678", None), "+493012345678");
        assert_eq!(e164("(+33) 6 74 27 65 64", None), "+33674276564");
        assert_eq!(e164("0049 30 1234567", None), "+49301234567");
        assert_eq!(e164("(214) 690-1489", places::by_code("US")), "+12146901489");
        assert_eq!(e164("(65) 9087-7473", places::by_code("SG")), "+6590877473");
        assert_eq!(e164("(31) 99767 0818", places::by_code("BR")), "+5531997670818");
        assert_eq!(e164("690 40 69 48", places::by_code("ES")), "+34690406948");
        assert_eq!(e164("690 40 69 48", None), "690 40 69 48");
    }

    #[test]
    fn phones_are_found_but_dates_are_not() {
        let l = lines(
            "Téléphone : 06 12 34 56 78\n2016 - 2020\n03/2019 - 05/2021\n+58 (460) 976-30-80\nBuilt 3 apps, 120000 users",
        );
        let s = vec![Section::Header; 5];
        assert_eq!(phones(&l, &s, places::by_code("FR")), vec!["+33612345678", "+584609763080"]);
    }

    #[test]
    fn name_is_the_first_line_and_capitals_are_title_cased() {
        let l = lines("JESSICA CHATRIANT\n\nBACKEND-SOFTWARE ENGINEER\nWork");
        let headings = vec![false, false, false, true];
        let (name, headline) = name_and_headline(&l, &headings);
        assert_eq!(name.as_deref(), Some("Jessica Chatriant"));
        assert_eq!(headline.as_deref(), Some("Backend-Software Engineer"));
        let l = lines("jo@example.com\nAna Lúcia Souza\nDesenvolvedora");
        assert_eq!(name_and_headline(&l, &[false; 3]).0.as_deref(), Some("Ana Lúcia Souza"));
    }

    #[test]
    fn locations_in_theme_forms() {
        let loc = |t: &str| parse_location(t).map(|l| (l.city, l.region, l.country_code));
        let s = |x: &str| Some(x.to_string());
        assert_eq!(loc("Seattle, WA"), Some((s("Seattle"), s("WA"), s("US"))));
        assert_eq!(loc("Lonay, VD 1552 CH"), Some((s("Lonay"), s("VD"), s("CH"))));
        assert_eq!(loc("Caracas, (Venezuela)"), Some((s("Caracas"), None, s("VE"))));
        assert_eq!(loc("Nice FR"), Some((s("Nice"), None, s("FR"))));
        assert_eq!(loc("Jülich, Germany"), Some((s("Jülich"), None, s("DE"))));
        assert_eq!(loc("48945 Frank Ranch, Dallas, Texas, US, 75455"), Some((s("Dallas"), s("Texas"), s("US"))));
        assert_eq!(loc("Madrid, España"), Some((s("Madrid"), None, s("ES"))));
        assert_eq!(loc("Java, Python, Go"), None);
        assert_eq!(loc("Remote"), None);
    }

    #[test]
    fn domains_hint_at_the_country() {
        assert_eq!(
            country_from_domains(["jo@example.com", "https://jo.fr/cv"].into_iter()).map(|c| c.code),
            Some("FR")
        );
        assert_eq!(country_from_domains(["jo@example.io"].into_iter()), None);
    }
}
