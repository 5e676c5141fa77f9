//! The parsed resume profile on the candidate page, and `POST /candidates/{id}/profile/reparse`
//! to read the latest resume again.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use hired_domain::AttachmentId;
use hired_domain::authz::Action;
use hired_domain::profile::{LinkKind, PartialDate, Profile, ProfileLink};
use hired_store::{Attachment, StoredProfile, is_resume_type};

use super::candidate_id;
use crate::auth::csrf::CsrfForm;
use crate::auth::{Staff, require_on_candidate};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::views::{redirect_with, when};

/// What the page shows of the profile.
pub(super) enum ProfileView {
    /// No resume on file.
    NoResume,
    /// A resume is on file and waits for (or is in) the reader.
    Reading,
    /// Read: the fields, with what to check.
    Parsed(Box<ParsedView>),
    /// Could not be read, and why.
    Failed { error: String, when: String },
}

/// A read profile, shaped for the template.
pub(super) struct ParsedView {
    pub headline: Option<String>,
    pub total_years: Option<String>,
    pub skills: Vec<String>,
    pub work: Vec<(String, String, String)>,
    pub education: Vec<(String, String)>,
    pub certifications: Vec<String>,
    pub languages: Vec<String>,
    pub warnings: Vec<String>,
    pub took: String,
}

impl ProfileView {
    /// The view for a candidate's stored profile and attachments.
    pub fn new(stored: Option<StoredProfile>, attachments: &[Attachment]) -> Self {
        let has_resume = attachments.iter().any(|a| is_resume_type(&a.content_type));
        match stored {
            None if has_resume => ProfileView::Reading,
            None => ProfileView::NoResume,
            Some(s) if s.status == "failed" => {
                ProfileView::Failed { error: s.error.unwrap_or_default(), when: when(&s.parsed_at) }
            }
            Some(s) => match s.profile {
                Some(p) => ProfileView::Parsed(Box::new(parsed(&p, s.warnings, s.parse_ms, &s.parsed_at))),
                None => ProfileView::Reading,
            },
        }
    }

    /// Whether a "read again" button makes sense.
    pub fn can_reparse(&self) -> bool {
        !matches!(self, ProfileView::NoResume)
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

fn parsed(p: &Profile, warnings: Vec<String>, ms: i64, at: &chrono::DateTime<chrono::Utc>) -> ParsedView {
    let join = |parts: [&Option<String>; 2]| parts.iter().filter_map(|p| p.as_deref()).collect::<Vec<_>>().join(", ");
    ParsedView {
        headline: p.headline.clone(),
        total_years: p.total_years.map(|y| format!("{y:.1}")),
        skills: p
            .skills
            .iter()
            .map(|s| match s.years {
                Some(y) => format!("{} · {y:.0} y", s.name),
                None => s.name.clone(),
            })
            .collect(),
        work: p
            .work
            .iter()
            .map(|w| {
                (
                    w.title.clone().unwrap_or_default(),
                    w.employer.clone().unwrap_or_default(),
                    span(w.start, w.end, w.current),
                )
            })
            .collect(),
        education: p
            .education
            .iter()
            .map(|e| (e.institution.clone().unwrap_or_default(), join([&e.degree, &e.field])))
            .collect(),
        certifications: p.certifications.iter().map(|c| c.name.clone()).collect(),
        languages: p
            .languages
            .iter()
            .map(|l| match &l.fluency {
                Some(f) => format!("{} ({f})", l.language),
                None => l.language.clone(),
            })
            .collect(),
        warnings,
        took: format!("read in {ms} ms, {}", when(at)),
    }
}

/// The "read again" form carries nothing but its CSRF token.
#[derive(serde::Deserialize)]
pub(super) struct ReparseForm {}

/// Queues the newest resume of the candidate for reading again.
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

/// `GET /candidates/{id}/resume.json`: the candidate as a JSON Resume document — what was read
/// from their resume, with the contact details recruiters keep on the candidate.
pub(super) async fn export(State(state): State<AppState>, staff: Staff, Path(id): Path<String>) -> AppResult<Response> {
    let id = candidate_id(&id)?;
    require_on_candidate(&state, &staff.user, Action::ViewCandidate, id).await?;
    let candidate = state.store.candidate(id).await?;
    let stored = state.store.candidate_profile(id).await?;
    let mut profile = stored.and_then(|s| s.profile).unwrap_or_default();
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
