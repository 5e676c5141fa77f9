//! The candidate timeline: stage moves, notes, uploads and the candidate's
//! creation merged into one story, newest first.

use chrono::{DateTime, Utc};
use hired_domain::candidate::Candidate;
use hired_domain::pipeline::ApplicationStatus;
use hired_store::{Attachment, Note, StageEvent};
use uuid::Uuid;

use crate::views::when;

/// Something that happened to a candidate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Event {
    /// The candidate was recorded.
    Created { source: Option<String> },
    /// An application was created in its first stage.
    Applied { requisition: String, stage: String, by: Option<String> },
    /// An application moved between stages.
    Moved { requisition: String, from: String, to: String, by: Option<String> },
    /// An application was rejected.
    Rejected { requisition: String, reason: Option<String>, by: Option<String> },
    /// The candidate withdrew.
    Withdrawn { requisition: String, reason: Option<String>, by: Option<String> },
    /// The candidate was hired.
    Hired { requisition: String, by: Option<String> },
    /// Someone wrote a note.
    Note { author: String, body: String },
    /// A file was attached.
    Attached { file_name: String, url: String },
}

/// One entry of the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct TimelineItem {
    pub at: DateTime<Utc>,
    pub event: Event,
}

impl TimelineItem {
    /// When it happened, for people.
    pub fn when(&self) -> String {
        when(&self.at)
    }

    /// The timeline CSS modifier.
    pub fn class(&self) -> &'static str {
        match self.event {
            Event::Created { .. } => "created",
            Event::Note { .. } => "note",
            Event::Attached { .. } => "file",
            _ => "stage",
        }
    }
}

/// Merges everything that happened to `candidate` into one list, newest first.
/// `stage_name(application, key)` names a stage of an application's requisition.
pub(super) fn build(
    candidate: &Candidate,
    events: &[StageEvent],
    notes: &[Note],
    attachments: &[Attachment],
    stage_name: impl Fn(Uuid, &str) -> String,
) -> Vec<TimelineItem> {
    let mut items: Vec<TimelineItem> = events.iter().map(|e| stage_item(e, &stage_name)).collect();
    items.extend(notes.iter().map(|n| TimelineItem {
        at: n.created_at,
        event: Event::Note { author: n.author_name.clone(), body: n.body.clone() },
    }));
    items.extend(attachments.iter().map(|a| TimelineItem {
        at: a.created_at,
        event: Event::Attached {
            file_name: a.file_name.clone(),
            url: format!("/candidates/{}/attachments/{}", candidate.id, a.id),
        },
    }));
    items.push(TimelineItem {
        at: candidate.created_at,
        event: Event::Created { source: candidate.details.source.clone() },
    });
    // Stable and newest first: at equal times the creation, pushed last, stays last.
    items.sort_by_key(|item| std::cmp::Reverse(item.at));
    items
}

fn stage_item(e: &StageEvent, stage_name: &impl Fn(Uuid, &str) -> String) -> TimelineItem {
    let requisition = e.requisition_title.clone();
    let by = e.actor_name.clone();
    let to = stage_name(e.application_id, &e.to_stage);
    let event = match (ApplicationStatus::parse(&e.to_status), &e.from_stage) {
        (Some(ApplicationStatus::Rejected), _) => Event::Rejected { requisition, reason: e.reason.clone(), by },
        (Some(ApplicationStatus::Withdrawn), _) => Event::Withdrawn { requisition, reason: e.reason.clone(), by },
        (Some(ApplicationStatus::Hired), _) => Event::Hired { requisition, by },
        (_, None) => Event::Applied { requisition, stage: to, by },
        (_, Some(from)) => Event::Moved { requisition, from: stage_name(e.application_id, from), to, by },
    };
    TimelineItem { at: e.at, event }
}

#[cfg(test)]
mod tests {
    use chrono::Duration;
    use hired_domain::CandidateId;
    use hired_domain::candidate::CandidateDetails;

    use super::*;

    fn capitalized(_: Uuid, key: &str) -> String {
        let mut chars = key.chars();
        chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
    }

    fn candidate(at: DateTime<Utc>) -> Candidate {
        let details = CandidateDetails {
            name: "Ada Lovelace".into(),
            email: None,
            phone: Some("+44 20 7946 0000".into()),
            location: None,
            github: None,
            linkedin: None,
            portfolio: None,
            tags: Vec::new(),
            source: Some("referral".into()),
        };
        Candidate { id: CandidateId::new(), details, created_at: at, updated_at: at, version: 1 }
    }

    fn event(at: DateTime<Utc>, from: Option<&str>, to: &str, status: &str, reason: Option<&str>) -> StageEvent {
        StageEvent {
            id: Uuid::now_v7(),
            application_id: Uuid::now_v7(),
            requisition_title: "Backend Engineer".into(),
            from_stage: from.map(str::to_owned),
            to_stage: to.into(),
            to_status: status.into(),
            reason: reason.map(str::to_owned),
            actor_name: Some("Rita Recruiter".into()),
            at,
        }
    }

    #[test]
    fn everything_is_merged_newest_first_with_creation_last_on_ties() {
        let t0 = Utc::now();
        let c = candidate(t0);
        let events = [
            event(t0 + Duration::minutes(3), Some("screen"), "screen", "rejected", Some("Missing required skills")),
            event(t0 + Duration::minutes(1), Some("applied"), "screen", "active", None),
            event(t0, None, "applied", "active", None),
        ];
        let note = Note {
            id: Uuid::now_v7(),
            author_name: "Ian Interviewer".into(),
            body: "Great call".into(),
            created_at: t0 + Duration::minutes(2),
        };
        let items = build(&c, &events, &[note], &[], capitalized);
        let kinds: Vec<&str> = items.iter().map(TimelineItem::class).collect();
        assert_eq!(kinds, ["stage", "note", "stage", "stage", "created"]);
        assert!(matches!(&items[0].event, Event::Rejected { reason: Some(r), .. } if r == "Missing required skills"));
        assert_eq!(
            items[2].event,
            Event::Moved {
                requisition: "Backend Engineer".into(),
                from: "Applied".into(),
                to: "Screen".into(),
                by: Some("Rita Recruiter".into())
            }
        );
        assert!(matches!(&items[3].event, Event::Applied { stage, .. } if stage == "Applied"));
    }
}
