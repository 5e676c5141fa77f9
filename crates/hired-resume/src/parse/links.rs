//! Profile links: addresses written out (`https://github.com/jo`, `linkedin.com/in/jo`,
//! "jo.dev") and the "network, then user name" pairs that themes print instead ("GitHub" /
//! "jo", "jo (github)"), classified as GitHub, GitLab, LinkedIn, Stack Overflow, portfolio or
//! other, each with its user name when the address shows one.

use std::sync::LazyLock;

use hired_domain::profile::{LinkKind, ProfileLink};
use regex::Regex;

use super::contact::joined_with_next;
use super::sections::Section;
use super::text::{Line, fold};

static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:https?://|www\.)[^\s<>()\[\]{}\x22'|,·•]+").expect("the URL pattern compiles")
});

static BARE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:[a-z0-9][a-z0-9\-]*\.)+[a-z]{2,6}(?:/[^\s<>()\[\]{}\x22'|,·•]*)?")
        .expect("the domain pattern compiles")
});

/// Endings that make a dotted word a file or a library rather than a web address.
const NOT_TLDS: &[&str] = &[
    "js", "ts", "py", "rb", "go", "json", "yml", "yaml", "md", "txt", "pdf", "html", "htm", "php", "sh", "css", "jsx",
    "tsx", "exe", "zip", "png", "jpg", "java", "kt", "rs", "cs", "vue", "xml", "sql", "ex", "net", "x", "ai",
];

/// Networks a theme may name on its own line before the user name.
const NETWORKS: &[(&str, &str)] = &[
    ("github", "https://github.com/"),
    ("gitlab", "https://gitlab.com/"),
    ("linkedin", "https://www.linkedin.com/in/"),
    ("stackoverflow", "https://stackoverflow.com/users/"),
    ("stack overflow", "https://stackoverflow.com/users/"),
    ("stack-overflow", "https://stackoverflow.com/users/"),
    ("twitter", "https://twitter.com/"),
    ("x", "https://x.com/"),
    ("bluesky", "https://bsky.app/profile/"),
    ("xing", "https://www.xing.com/profile/"),
    ("medium", "https://medium.com/@"),
    ("codepen", "https://codepen.io/"),
    ("behance", "https://www.behance.net/"),
    ("dribbble", "https://dribbble.com/"),
    ("npm", "https://www.npmjs.com/~"),
    ("dockerhub", "https://hub.docker.com/u/"),
    ("telegram", "https://t.me/"),
    ("mastodon", "https://mastodon.social/@"),
    ("kaggle", "https://www.kaggle.com/"),
    ("leetcode", "https://leetcode.com/"),
    ("hackerrank", "https://www.hackerrank.com/"),
    ("keybase", "https://keybase.io/"),
];

/// Sections whose addresses belong to employers, schools or projects, not to the person.
fn is_foreign(section: Section) -> bool {
    matches!(
        section,
        Section::Work
            | Section::Education
            | Section::Projects
            | Section::Volunteer
            | Section::Awards
            | Section::Publications
            | Section::Certifications
            | Section::References
    )
}

/// The person's links, in order of appearance, each once. `is_tech` tells technology names
/// from user names.
pub(crate) fn links(lines: &[Line], sections: &[Section], is_tech: impl Fn(&str) -> bool) -> Vec<ProfileLink> {
    let mut out: Vec<ProfileLink> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let section = sections.get(i).copied().unwrap_or(Section::Header);
        if section == Section::References || line.is_blank() {
            continue;
        }
        let personal = matches!(section, Section::Header | Section::Contact | Section::Summary)
            || !is_foreign(section)
                && URL.find(&line.text).is_some_and(|m| classify_host(host_of(m.as_str())) != LinkKind::Other);
        let text = joined_with_next(lines, i);
        let mut found: Vec<(usize, String)> =
            URL.find_iter(&text).map(|m| (m.start(), m.as_str().to_string())).collect();
        for m in BARE.find_iter(&text) {
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            if before.is_some_and(|c| c.is_alphanumeric() || matches!(c, '@' | '.' | '/' | '-' | ':'))
                || after.is_some_and(|c| c == '@' || c.is_alphanumeric())
                || found.iter().any(|(s, u)| m.start() >= *s && m.start() < s + u.len())
            {
                continue;
            }
            let host = m.as_str().split('/').next().unwrap_or("");
            let tld = host.rsplit('.').next().unwrap_or("");
            let known = classify_host(host) != LinkKind::Other;
            if !known && (NOT_TLDS.contains(&tld) || !personal) {
                continue;
            }
            found.push((m.start(), m.as_str().to_string()));
        }
        found.sort();
        for (_, raw) in found {
            if let Some(link) = link_from(&raw, personal, &out) {
                push(&mut out, link);
            }
        }
        // Two-column themes put the contact column anywhere; outside the contact sections a
        // "network, user name" pair counts unless the "user name" is a technology ("GitHub" /
        // "Docker" in a skills list).
        let contact = matches!(section, Section::Header | Section::Contact | Section::Summary);
        if let Some(link) = network_pair(lines, i)
            && (contact || link.username.as_deref().is_none_or(|u| !is_tech(u)))
        {
            push(&mut out, link);
        }
    }
    out
}

fn push(out: &mut Vec<ProfileLink>, link: ProfileLink) {
    let same = |l: &ProfileLink| {
        l.kind == link.kind
            && match (&l.username, &link.username) {
                (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
                _ => l.url.trim_end_matches('/').eq_ignore_ascii_case(link.url.trim_end_matches('/')),
            }
    };
    if !out.iter().any(same) {
        out.push(link);
    }
}

/// The host of an address written with or without a scheme.
fn host_of(url: &str) -> &str {
    let bare = url.split("://").nth(1).unwrap_or(url);
    bare.split('/').next().unwrap_or(bare)
}

/// The kind of a profile address (written with or without a scheme), by its host.
pub(crate) fn link_kind(url: &str) -> LinkKind {
    classify_host(host_of(url))
}

fn classify_host(host: &str) -> LinkKind {
    let host = host.to_ascii_lowercase();
    let on = |domain: &str| host == domain || host.ends_with(&format!(".{domain}"));
    if on("github.com") {
        LinkKind::GitHub
    } else if on("gitlab.com") {
        LinkKind::GitLab
    } else if on("linkedin.com") {
        LinkKind::LinkedIn
    } else if on("stackoverflow.com") || on("stackexchange.com") {
        LinkKind::StackOverflow
    } else {
        LinkKind::Other
    }
}

/// Hosts of social networks: links there are "other", never the portfolio.
#[rustfmt::skip]
const SOCIAL: &[&str] = &[
    "twitter.com", "x.com", "bsky.app", "medium.com", "dev.to", "behance.net", "dribbble.com", "codepen.io",
    "npmjs.com", "xing.com", "facebook.com", "instagram.com", "youtube.com", "t.me", "mastodon.social",
    "hub.docker.com", "kaggle.com", "leetcode.com", "hackerrank.com", "keybase.io", "last.fm", "flickr.com",
    "plus.google.com", "signal.me", "codementor.io",
];

fn link_from(raw: &str, personal: bool, found: &[ProfileLink]) -> Option<ProfileLink> {
    let raw = raw.trim_end_matches(['.', ',', ';', ':', ')', '!', '?']);
    let bare = raw.split("://").nth(1).unwrap_or(raw);
    let (host, path) = bare.split_once('/').unwrap_or((bare, ""));
    if host.is_empty() || !host.contains('.') {
        return None;
    }
    let url = if raw.contains("://") { raw.to_string() } else { format!("https://{raw}") };
    let segments: Vec<&str> = path.split(['/', '?', '#']).filter(|s| !s.is_empty()).collect();
    let kind = classify_host(host);
    let username = match kind {
        LinkKind::GitHub | LinkKind::GitLab => {
            let user = segments.first().copied();
            if user.is_none() || !personal && segments.len() > 1 {
                return None;
            }
            user
        }
        LinkKind::LinkedIn => match segments.as_slice() {
            ["in" | "pub", user, ..] => Some(*user),
            _ if personal => None,
            _ => return None,
        },
        LinkKind::StackOverflow => match segments.as_slice() {
            ["users" | "u", _, name, ..] => Some(*name),
            ["users" | "u", id] => Some(*id),
            _ => None,
        },
        LinkKind::Portfolio | LinkKind::Other => {
            if !personal {
                return None;
            }
            let h = host.to_ascii_lowercase();
            let h = h.strip_prefix("www.").unwrap_or(&h).to_string();
            if SOCIAL.iter().any(|s| h == *s || h.ends_with(&format!(".{s}"))) {
                let user = segments.first().map(|s| s.trim_start_matches(['@', '~']));
                return Some(ProfileLink { kind: LinkKind::Other, url, username: user.map(str::to_string) });
            }
            let kind =
                if found.iter().any(|l| l.kind == LinkKind::Portfolio) { LinkKind::Other } else { LinkKind::Portfolio };
            return Some(ProfileLink { kind, url, username: None });
        }
    };
    Some(ProfileLink { kind, url, username: username.map(str::to_string) })
}

/// "GitHub" then "jo" on the next line, "jo (github)", or "GitHub: jo".
fn network_pair(lines: &[Line], i: usize) -> Option<ProfileLink> {
    let text = lines.get(i)?.text.as_str();
    let (network, user) = if let Some((user, rest)) = text.split_once(" (")
        && let Some(net) = rest.strip_suffix(')')
        && !user.contains(char::is_whitespace)
        && !user.contains(['/', ':'])
    {
        (fold(net), user.to_string())
    } else if let Some((net, user)) = text.split_once(": ")
        && !user.contains(char::is_whitespace)
        && !user.contains('/')
    {
        (fold(net), user.to_string())
    } else {
        let next = lines.get(i + 1..)?.iter().take(3).find(|l| !l.is_blank())?;
        let user = next.text.split(" (").next().unwrap_or("");
        if user.contains(char::is_whitespace)
            || user.contains('/')
            || user.contains('@')
            || user.is_empty()
            || user.len() > 40
        {
            return None;
        }
        (fold(text), user.to_string())
    };
    let (_, base) = NETWORKS.iter().find(|(n, _)| *n == network)?;
    if NETWORKS.iter().any(|(n, _)| *n == fold(&user)) || user.contains("://") {
        return None;
    }
    let url = format!("{base}{user}");
    let kind = classify_host(url.split('/').nth(2).unwrap_or(""));
    Some(ProfileLink { kind, url, username: Some(user) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::text::clean_lines;

    fn found(text: &str) -> Vec<(LinkKind, String, Option<String>)> {
        let lines = clean_lines(text).0;
        let sections = vec![Section::Header; lines.len()];
        links(&lines, &sections, |t| t == "Docker").into_iter().map(|l| (l.kind, l.url, l.username)).collect()
    }

    #[test]
    fn addresses_are_classified_with_user_names() {
        let got = found(
            "https://github.com/jdoe · www.linkedin.com/in/jane-doe-123/\nhttps://stackoverflow.com/users/123/jane\njanedoe.dev\njo@example.com",
        );
        assert_eq!(
            got,
            vec![
                (LinkKind::GitHub, "https://github.com/jdoe".into(), Some("jdoe".into())),
                (LinkKind::LinkedIn, "https://www.linkedin.com/in/jane-doe-123/".into(), Some("jane-doe-123".into())),
                (LinkKind::StackOverflow, "https://stackoverflow.com/users/123/jane".into(), Some("jane".into())),
                (LinkKind::Portfolio, "https://janedoe.dev".into(), None),
            ]
        );
    }

    #[test]
    fn network_and_user_name_pairs_become_links() {
        let got = found("GitHub\nrb6504\n\nbsullivan (github)\nGitLab: jo_lab");
        assert_eq!(got[0], (LinkKind::GitHub, "https://github.com/rb6504".into(), Some("rb6504".into())));
        assert_eq!(got[1], (LinkKind::GitHub, "https://github.com/bsullivan".into(), Some("bsullivan".into())));
        assert_eq!(got[2], (LinkKind::GitLab, "https://gitlab.com/jo_lab".into(), Some("jo_lab".into())));
    }

    #[test]
    fn libraries_and_files_are_not_links_and_employer_sites_stay_out() {
        assert!(found("Node.js, Vue.js, ASP.NET, resume.pdf").is_empty());
        let lines = clean_lines("Acme\nhttps://acme.com\nhttps://github.com/acme/tool\nGitHub\nDocker").0;
        assert!(links(&lines, &[Section::Work; 5], |t| t == "Docker").is_empty());
        assert_eq!(found("resume.michaelreed.com\n.au")[0].1, "https://resume.michaelreed.com.au");
    }
}
