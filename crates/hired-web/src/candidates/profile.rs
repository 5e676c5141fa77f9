//! The profile read from a candidate's resume, as the candidate page shows it: each section
//! with what a recruiter changed marked as an edit, and the original document beside it.
//! Also `POST /candidates/{id}/profile/reparse` to read the latest resume again, and
//! `GET /candidates/{id}/resume.json` to export the profile as JSON Resume.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{Datelike, Utc};
use hired_domain::authz::Action;
use hired_domain::profile::{LinkKind, PartialDate, Profile, ProfileLink};
use hired_domain::profile_edits::{EditMark, ProfileSection, section_text};
use hired_domain::{AttachmentId, CandidateId};
use hired_store::{Attachment, StoredProfile, is_resume_type};

use super::candidate_id;
use crate::auth::csrf::CsrfForm;
use crate::auth::{Staff, require_on_candidate};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::views::{day, redirect_with, when};

/// This month, which ends a current job when years of experience are counted.
pub(crate) fn this_month() -> PartialDate {
    let now = Utc::now();
    PartialDate { year: now.year().clamp(1950, 2100) as u16, month: Some(now.month() as u8) }
}

/// Where reading the candidate's resume stands.
pub(super) enum Reading {
    /// No resume on file.
    NoResume,
    /// A resume is on file and waits for (or is in) the reader.
    Pending,
    /// Read; how long it took and when.
    Parsed { took: String },
    /// Could not be read, and why.
    Failed { error: String, when: String },
}

/// The document the profile was read from, shown beside it.
pub(super) enum Original {
    /// A PDF, framed: its inline address and file name.
    Pdf { url: String, name: String },
    /// Any other format, as the plain text read from it.
    Text { name: String, text: String },
}

/// One entry of a list section.
pub(super) struct Item {
    pub main: String,
    pub detail: String,
    pub when: String,
    /// Only `http(s)` addresses become links.
    pub href: Option<String>,
    pub bullets: Vec<String>,
}

/// How a section's value is laid out.
pub(super) enum Shown {
    Empty,
    Text(String),
    Paragraph(String),
    Tags(Vec<String>),
    Items(Vec<Item>),
}

/// One section of the profile on the page.
pub(super) struct SectionView {
    /// The section's address form (`skills`), for its edit link and anchor.
    pub key: &'static str,
    pub label: &'static str,
    pub shown: Shown,
    /// "edited by Rita Recruiter · 4 Mar 2026", when a recruiter changed it.
    pub edited: Option<String>,
    /// What the resume said, as editable text (empty when nothing was read).
    pub original: String,
}

/// What the page shows of the profile.
pub(super) struct ProfileView {
    pub reading: Reading,
    pub sections: Vec<SectionView>,
    pub warnings: Vec<String>,
    /// Whether anything was read or entered; otherwise the sections are only a form to fill.
    pub has_content: bool,
    pub original: Option<Original>,
}

impl ProfileView {
    /// The view for a candidate's stored profile and attachments (newest first).
    pub fn new(candidate: CandidateId, stored: Option<StoredProfile>, attachments: &[Attachment]) -> Self {
        let has_resume = attachments.iter().any(|a| is_resume_type(&a.content_type));
        let original = original(candidate, stored.as_ref(), attachments);
        let reading = match &stored {
            Some(s) => reading(s, has_resume),
            None if has_resume => Reading::Pending,
            None => Reading::NoResume,
        };
        let (parsed, edits, warnings) = stored.map(|s| (s.profile, s.edits, s.warnings)).unwrap_or_default();
        let has_content = parsed.is_some() || !edits.is_empty();
        let parsed = parsed.unwrap_or_default();
        let effective = edits.apply(&parsed, this_month());
        let sections = ProfileSection::ALL
            .iter()
            .map(|&section| SectionView {
                key: section.as_str(),
                label: section.label(),
                shown: shown(&effective, section),
                edited: edits.mark(section).map(edited_by),
                original: section_text(&parsed, section),
            })
            .collect();
        ProfileView { reading, sections, warnings, has_content, original }
    }

    /// Whether a "read again" button makes sense.
    pub fn can_reparse(&self) -> bool {
        !matches!(self.reading, Reading::NoResume)
    }
}

fn reading(s: &StoredProfile, has_resume: bool) -> Reading {
    match (s.status.as_str(), &s.profile) {
        ("failed", _) => Reading::Failed { error: s.error.clone().unwrap_or_default(), when: when(&s.parsed_at) },
        ("parsed", Some(_)) => Reading::Parsed { took: format!("read in {} ms, {}", s.parse_ms, when(&s.parsed_at)) },
        _ if has_resume => Reading::Pending,
        _ => Reading::NoResume,
    }
}

/// The badge text of an edited section.
pub(super) fn edited_by(mark: &EditMark) -> String {
    format!("edited by {} · {}", mark.by, day(&mark.at))
}

/// The document the profile came from: its PDF framed, or the text read from any other format.
/// Before anything was read, the newest PDF on file.
fn original(candidate: CandidateId, stored: Option<&StoredProfile>, attachments: &[Attachment]) -> Option<Original> {
    let source = stored.and_then(|s| s.attachment_id).and_then(|id| attachments.iter().find(|a| a.id == id));
    let pdf = |a: &Attachment| Original::Pdf {
        url: format!("/candidates/{candidate}/attachments/{}/view", a.id),
        name: a.file_name.clone(),
    };
    match (source, stored.and_then(|s| s.resume_text.as_deref())) {
        (Some(a), _) if a.content_type == "application/pdf" => Some(pdf(a)),
        (Some(a), Some(text)) if !text.trim().is_empty() => {
            Some(Original::Text { name: a.file_name.clone(), text: text.to_owned() })
        }
        _ => attachments.iter().find(|a| a.content_type == "application/pdf").map(pdf),
    }
}

fn span(start: Option<PartialDate>, end: Option<PartialDate>, current: bool) -> String {
    let show = |d: Option<PartialDate>| d.map_or_else(|| "?".to_owned(), |d| d.to_string());
    match (start, end, current) {
        (None, None, false) => String::new(),
        (_, _, true) => format!("{} – now", show(start)),
        _ => format!("{} – {}", show(start), show(end)),
    }
}

fn joined(parts: &[&Option<String>]) -> String {
    parts.iter().filter_map(|p| p.as_deref()).collect::<Vec<_>>().join(", ")
}

fn item(main: &str, detail: String, when: String) -> Item {
    Item { main: main.to_owned(), detail, when, href: None, bullets: Vec::new() }
}

fn link_item(l: &ProfileLink) -> Item {
    let web = l.url.starts_with("https://") || l.url.starts_with("http://");
    let kind = match l.kind {
        LinkKind::GitHub => "GitHub",
        LinkKind::GitLab => "GitLab",
        LinkKind::LinkedIn => "LinkedIn",
        LinkKind::StackOverflow => "Stack Overflow",
        LinkKind::Portfolio => "Website",
        LinkKind::Other => "Other",
    };
    Item { href: web.then(|| l.url.clone()), ..item(&l.url, kind.to_owned(), String::new()) }
}

/// One section of `p`, laid out for the page.
fn shown(p: &Profile, section: ProfileSection) -> Shown {
    use ProfileSection::*;
    let items = |items: Vec<Item>| if items.is_empty() { Shown::Empty } else { Shown::Items(items) };
    match section {
        Headline => p.headline.clone().map_or(Shown::Empty, Shown::Text),
        Summary => p.summary.clone().map_or(Shown::Empty, Shown::Paragraph),
        Location => {
            p.location.as_ref().map_or(Shown::Empty, |l| Shown::Text(joined(&[&l.city, &l.region, &l.country_code])))
        }
        Emails => items(p.emails.iter().map(|e| item(e, String::new(), String::new())).collect()),
        Phones => items(p.phones.iter().map(|e| item(e, String::new(), String::new())).collect()),
        Links => items(p.links.iter().map(link_item).collect()),
        Skills if p.skills.is_empty() => Shown::Empty,
        Skills => Shown::Tags(
            p.skills
                .iter()
                .map(|s| match s.years {
                    Some(y) => format!("{} · {y:.0} y", s.name),
                    None => s.name.clone(),
                })
                .collect(),
        ),
        Work => items(
            p.work
                .iter()
                .map(|w| Item {
                    bullets: w.highlights.clone(),
                    ..item(
                        w.title.as_deref().unwrap_or_default(),
                        joined(&[&w.employer, &w.location]),
                        span(w.start, w.end, w.current),
                    )
                })
                .collect(),
        ),
        TotalYears => p.total_years.map_or(Shown::Empty, |y| Shown::Text(format!("{y:.1} years"))),
        Education => items(
            p.education
                .iter()
                .map(|e| {
                    let main = e.institution.as_deref().unwrap_or_default();
                    item(main, joined(&[&e.degree, &e.field]), span(e.start, e.end, false))
                })
                .collect(),
        ),
        Certifications => items(
            p.certifications
                .iter()
                .map(|c| item(&c.name, joined(&[&c.issuer]), c.date.map(|d| d.to_string()).unwrap_or_default()))
                .collect(),
        ),
        Languages => {
            items(p.languages.iter().map(|l| item(&l.language, joined(&[&l.fluency]), String::new())).collect())
        }
    }
}

/// The "read again" form carries nothing but its CSRF token.
#[derive(serde::Deserialize)]
pub(super) struct ReparseForm {}

/// Queues the newest resume of the candidate for reading again. Recruiters' edits stay.
pub(super) async fn reparse(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm { staff, form: ReparseForm {} }: CsrfForm<ReparseForm>,
) -> AppResult<Response> {
    let id = candidate_id(&id)?;
    require_on_candidate(&state, &staff.user, Action::EditCandidate, id).await?;
    let attachments = state.store.attachments(id).await?;
    let latest = attachments
        .iter()
        .find(|a| is_resume_type(&a.content_type))
        .ok_or_else(|| AppError::BadRequest("this candidate has no resume to read".into()))?;
    state.store.reparse_resume(AttachmentId(latest.id)).await?;
    Ok(redirect_with(&format!("/candidates/{id}#profile"), "success", "The resume will be read again in a moment."))
}

/// `GET /candidates/{id}/resume.json`: the candidate as a JSON Resume document — the profile
/// with recruiters' edits, and the contact details recruiters keep on the candidate.
pub(super) async fn export(State(state): State<AppState>, staff: Staff, Path(id): Path<String>) -> AppResult<Response> {
    let id = candidate_id(&id)?;
    require_on_candidate(&state, &staff.user, Action::ViewCandidate, id).await?;
    let candidate = state.store.candidate(id).await?;
    let stored = state.store.candidate_profile(id).await?;
    let mut profile = stored.map(|s| s.effective(this_month())).unwrap_or_default();
    let d = &candidate.details;
    profile.name = Some(d.name.clone());
    if let Some(email) = &d.email {
        profile.emails.retain(|e| e != email.as_str());
        profile.emails.insert(0, email.as_str().to_owned());
    }
    if let Some(phone) = &d.phone {
        profile.phones.retain(|p| p != phone);
        profile.phones.insert(0, phone.clone());
    }
    for (kind, url) in
        [(LinkKind::GitHub, &d.github), (LinkKind::LinkedIn, &d.linkedin), (LinkKind::Portfolio, &d.portfolio)]
    {
        if let Some(url) = url
            && !profile.links.iter().any(|l| &l.url == url)
        {
            profile.links.push(ProfileLink { kind, url: url.clone(), username: None });
        }
    }
    let body = serde_json::to_string_pretty(&hired_resume::jsonresume::write(&profile))
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let file: String = d.name.chars().filter(|c| c.is_ascii_alphanumeric() || *c == ' ').collect();
    let disposition = format!("attachment; filename=\"{}.json\"", file.trim().replace(' ', "-"));
    Ok((
        [
            (header::CONTENT_TYPE, "application/json".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        body,
    )
        .into_response())
}
