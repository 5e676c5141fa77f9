//! `GET /candidates/{id}`: the candidate page — contact details, applications
//! with a move form each, notes, attachments and the timeline. The note,
//! upload and add-to-requisition handlers show it again with their errors.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use hired_domain::CandidateId;
use hired_domain::authz::Action;
use hired_domain::candidate::Candidate;
use hired_domain::money::{Money, group_thousands};
use hired_domain::pipeline::{ApplicationStatus, StageDef};
use hired_domain::requisition::Requisition;
use hired_domain::screening::ScreeningResult;
use hired_match::Match;
use hired_store::{ApplicationSummary, Attachment, Note, StoredProfile};
use uuid::Uuid;

use super::profile::{Original, ProfileView, Reading, Shown};
use super::timeline::{self, Event, TimelineItem};
use super::{RequisitionOption, candidate_id, open_requisitions, render_with};
use crate::auth::{Staff, may, require_on_candidate};
use crate::error::AppResult;
use crate::forms::FormErrors;
use crate::matching::applicants;
use crate::state::AppState;
use crate::views::{PageCtx, day, when};

/// The candidate's details as shown in the header and the details card.
struct CandidateView {
    id: String,
    name: String,
    initials: String,
    email: Option<String>,
    phone: Option<String>,
    location: Option<String>,
    github: Option<String>,
    linkedin: Option<String>,
    portfolio: Option<String>,
    source: Option<String>,
    tags: Vec<String>,
    added: String,
    updated: String,
}

impl From<&Candidate> for CandidateView {
    fn from(c: &Candidate) -> Self {
        let d = &c.details;
        CandidateView {
            id: c.id.to_string(),
            name: d.name.clone(),
            initials: d.initials(),
            email: d.email.as_ref().map(|e| e.as_str().to_owned()),
            phone: d.phone.clone(),
            location: d.location.clone(),
            github: web_link(&d.github),
            linkedin: web_link(&d.linkedin),
            portfolio: web_link(&d.portfolio),
            source: d.source.clone(),
            tags: d.tags.clone(),
            added: day(&c.created_at),
            updated: when(&c.updated_at),
        }
    }
}

/// Only `http(s)` addresses become links, whatever was stored.
fn web_link(url: &Option<String>) -> Option<String> {
    url.clone().filter(|u| u.starts_with("https://") || u.starts_with("http://"))
}

/// One application row, with what its move form needs.
struct ApplicationView {
    id: String,
    requisition_id: String,
    title: String,
    stage_key: String,
    stage_name: String,
    status: String,
    status_label: &'static str,
    reason: Option<String>,
    source: Option<String>,
    applied: String,
    version: i64,
    stages: Vec<StageDef>,
    movable: bool,
    /// A screening knockout failed.
    knockout: bool,
    answers: Vec<AnswerView>,
    cover_letter: Option<String>,
    /// "EUR 72,000", when they said what they expect to earn.
    salary_expectation: Option<String>,
    /// Score and explanation against the requisition, when there is a profile to judge.
    matched: Option<Match>,
    /// Why there is no score although there is a profile (the requisition lists no skills).
    unranked: Option<String>,
}

/// One screening answer as the candidate page lists it.
struct AnswerView {
    prompt: String,
    answer: String,
    /// `pass`, `fail` or empty when the question has no knockout rule.
    verdict: &'static str,
}

fn answer_views(result: Option<ScreeningResult>) -> Vec<AnswerView> {
    result
        .map(|r| r.answers)
        .unwrap_or_default()
        .into_iter()
        .map(|a| AnswerView {
            answer: if a.values.is_empty() { "—".to_owned() } else { a.values.join(", ") },
            verdict: match a.passed {
                Some(true) => "pass",
                Some(false) => "fail",
                None => "",
            },
            prompt: a.prompt,
        })
        .collect()
}

impl ApplicationView {
    fn new(a: ApplicationSummary, req: Option<&Requisition>, profile: Option<&StoredProfile>) -> Self {
        let status = ApplicationStatus::parse(&a.status);
        let stages = req.map_or(&[][..], |r| r.stages.as_slice());
        let screening: Option<ScreeningResult> = a.screening.and_then(|v| serde_json::from_value(v).ok());
        let expectation: Option<Money> = a.salary_expectation.and_then(|v| serde_json::from_value(v).ok());
        let candidate = profile
            .and_then(|p| applicants::candidate_from(p.profile.as_ref(), &p.edits, screening.as_ref(), expectation));
        let judged = match (req, candidate) {
            (Some(req), Some(c)) => {
                Some(applicants::explain(&req.spec, &c).map_err(|e| applicants::unranked_reason(&e)))
            }
            _ => None,
        };
        let (matched, unranked) = match judged {
            Some(Ok(m)) => (Some(m), None),
            Some(Err(why)) => (None, Some(why)),
            None => (None, None),
        };
        ApplicationView {
            id: a.id.to_string(),
            requisition_id: a.requisition_id.to_string(),
            stage_name: stage_name(stages, &a.stage),
            stage_key: a.stage,
            status_label: status.map_or("Unknown", ApplicationStatus::label),
            movable: status.is_some_and(|s| s != ApplicationStatus::Hired),
            status: a.status,
            title: a.requisition_title,
            reason: a.status_reason,
            source: a.source,
            applied: day(&a.created_at),
            version: a.version,
            stages: stages.to_vec(),
            knockout: a.meets_requirements == Some(false),
            answers: answer_views(screening),
            cover_letter: a.cover_letter,
            salary_expectation: expectation.map(|m| format!("{} {}", m.currency, group_thousands(m.minor / 100))),
            matched,
            unranked,
        }
    }
}

fn stage_name(stages: &[StageDef], key: &str) -> String {
    stages.iter().find(|s| s.key == key).map_or_else(|| key.to_owned(), |s| s.name.clone())
}

/// One interview on the candidate page: what, for which requisition, whose scorecards are in.
struct InterviewLine {
    id: String,
    title: String,
    requisition: String,
    panel: Vec<(String, bool)>,
}

struct NoteView {
    author: String,
    body: String,
    when: String,
}

struct AttachmentView {
    url: String,
    file_name: String,
    content_type: String,
    size: String,
    when: String,
}

/// Sizes for people: `840 B`, `12.3 KB`, `4.1 MB`.
fn human_size(bytes: i64) -> String {
    match bytes {
        b if b < 1024 => format!("{b} B"),
        b if b < 1024 * 1024 => format!("{:.1} KB", b as f64 / 1024.0),
        b => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
    }
}

/// The candidate page, with the state of its three forms.
#[derive(Template)]
#[template(path = "candidates/show.html")]
pub(super) struct ShowPage {
    ctx: PageCtx,
    candidate: CandidateView,
    applications: Vec<ApplicationView>,
    timeline: Vec<TimelineItem>,
    notes: Vec<NoteView>,
    attachments: Vec<AttachmentView>,
    reasons: Vec<String>,
    requisitions: Vec<RequisitionOption>,
    can_edit: bool,
    /// The candidate asked not to be contacted.
    do_not_contact: bool,
    can_move: bool,
    can_add_application: bool,
    can_note: bool,
    /// May plan interviews (shows "Plan an interview" per application).
    can_plan_interviews: bool,
    /// The interviews of every application, oldest first.
    interviews: Vec<InterviewLine>,
    /// What resume intake read, with recruiters' edits and the original document.
    profile: ProfileView,
    /// The note being written, kept when it was refused.
    pub note_body: String,
    /// Why the note was refused.
    pub note_errors: FormErrors,
    /// Why the upload was refused.
    pub upload_errors: FormErrors,
    /// The requisition chosen in "Add to requisition".
    pub apply_requisition: String,
    /// The channel chosen in "Add to requisition".
    pub apply_channel: String,
    /// Active channels to credit, `(id, name)`.
    channels: Vec<(String, String)>,
    /// The source typed in "Add to requisition".
    pub apply_source: String,
    /// Why adding to a requisition was refused.
    pub apply_errors: FormErrors,
}

impl ShowPage {
    /// Loads everything the page shows; the caller has checked `ViewCandidate`.
    pub async fn load(state: &AppState, staff: &Staff, id: CandidateId) -> AppResult<Self> {
        let user = &staff.user;
        let store = &state.store;
        let candidate = store.candidate(id).await?;
        let summaries = store.candidate_applications(id).await?;
        let applied_to = requisitions_of(state, &summaries).await?;
        let app_stages: HashMap<Uuid, &[StageDef]> = summaries
            .iter()
            .map(|a| (a.id, applied_to.get(&a.requisition_id).map_or(&[][..], |r| r.stages.as_slice())))
            .collect();
        let stored_profile = store.candidate_profile(id).await?;
        let (events, notes, attachments) =
            (store.candidate_stage_events(id).await?, store.notes(id).await?, store.attachments(id).await?);
        let timeline = timeline::build(&candidate, &events, &notes, &attachments, |app, key| {
            stage_name(app_stages.get(&app).copied().unwrap_or_default(), key)
        });
        let can_move = may(user, Action::MoveApplication);
        let can_add_application = may(user, Action::AddApplication);
        let reasons = if can_move { store.rejection_reasons().await? } else { Vec::new() };
        let mut requisitions = if can_add_application { open_requisitions(state, user).await? } else { Vec::new() };
        requisitions.retain(|r| !summaries.iter().any(|a| a.requisition_id.to_string() == r.id));
        let channels = if can_add_application {
            let all = store.channels().await?;
            all.into_iter().filter(|c| c.active).map(|c| (c.id.to_string(), c.spec.name)).collect()
        } else {
            Vec::new()
        };
        Ok(ShowPage {
            ctx: PageCtx::new(staff, "candidates"),
            candidate: CandidateView::from(&candidate),
            applications: summaries
                .into_iter()
                .map(|a| {
                    let req = applied_to.get(&a.requisition_id);
                    ApplicationView::new(a, req, stored_profile.as_ref())
                })
                .collect(),
            timeline,
            notes: notes.into_iter().map(note_view).collect(),
            profile: ProfileView::new(id, stored_profile, &attachments),
            attachments: attachments.into_iter().map(|a| attachment_view(&candidate, a)).collect(),
            reasons,
            requisitions,
            can_edit: may(user, Action::EditCandidate),
            do_not_contact: store.do_not_contact(id).await?,
            can_move,
            can_add_application,
            can_note: may(user, Action::AddNote),
            can_plan_interviews: may(user, Action::ManageInterviews),
            interviews: store
                .interviews_of_candidate(id)
                .await?
                .into_iter()
                .map(|i| InterviewLine {
                    id: i.id.to_string(),
                    title: i.title,
                    requisition: i.requisition_title,
                    panel: i.panel.into_iter().map(|p| (p.name, p.submitted)).collect(),
                })
                .collect(),
            note_body: String::new(),
            note_errors: FormErrors::none(),
            upload_errors: FormErrors::none(),
            apply_requisition: String::new(),
            apply_channel: String::new(),
            channels,
            apply_source: String::new(),
            apply_errors: FormErrors::none(),
        })
    }

    /// Renders the page with `status` (422 when one of its forms was refused).
    pub fn respond(&self, status: StatusCode) -> AppResult<Response> {
        render_with(status, &self.ctx, self)
    }
}

/// The pipeline stages of every requisition the candidate applied to (one lookup per requisition).
async fn requisitions_of(
    state: &AppState,
    applications: &[ApplicationSummary],
) -> AppResult<HashMap<Uuid, Requisition>> {
    let mut requisitions = HashMap::new();
    for a in applications {
        if let Entry::Vacant(slot) = requisitions.entry(a.requisition_id) {
            slot.insert(state.store.requisition(a.requisition_id.into()).await?);
        }
    }
    Ok(requisitions)
}

fn note_view(n: Note) -> NoteView {
    NoteView { when: when(&n.created_at), author: n.author_name, body: n.body }
}

fn attachment_view(c: &Candidate, a: Attachment) -> AttachmentView {
    AttachmentView {
        url: format!("/candidates/{}/attachments/{}", c.id, a.id),
        size: human_size(a.size_bytes),
        when: day(&a.created_at),
        file_name: a.file_name,
        content_type: a.content_type,
    }
}

/// `GET /candidates/{id}`.
pub(super) async fn show(State(state): State<AppState>, staff: Staff, Path(id): Path<String>) -> AppResult<Response> {
    let id = candidate_id(&id)?;
    require_on_candidate(&state, &staff.user, Action::ViewCandidate, id).await?;
    ShowPage::load(&state, &staff, id).await?.respond(StatusCode::OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_like_a_file_manager() {
        assert_eq!(human_size(840), "840 B");
        assert_eq!(human_size(12_595), "12.3 KB");
        assert_eq!(human_size(4_300_000), "4.1 MB");
    }

    #[test]
    fn only_web_addresses_become_links() {
        assert_eq!(web_link(&Some("javascript:alert(1)".into())), None);
        assert_eq!(web_link(&Some("https://github.com/ada".into())).as_deref(), Some("https://github.com/ada"));
    }
}
