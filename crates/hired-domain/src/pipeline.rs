//! Applications and the hiring pipeline: stages, statuses and what a move means.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::enums::string_enum;
use crate::{ApplicationId, CandidateId, RequisitionId};

/// One stage of a requisition's pipeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageDef {
    /// Stable key, e.g. `screen`.
    pub key: String,
    /// Name shown to people, e.g. "Screen".
    pub name: String,
}

/// The key of the stage that marks a hire.
pub const HIRED_STAGE: &str = "hired";

/// The default pipeline for a new requisition.
pub fn default_stages() -> Vec<StageDef> {
    [
        ("applied", "Applied"),
        ("screen", "Screen"),
        ("assessment", "Assessment"),
        ("interviews", "Interviews"),
        ("references", "References"),
        ("offer", "Offer"),
        (HIRED_STAGE, "Hired"),
    ]
    .into_iter()
    .map(|(key, name)| StageDef { key: key.into(), name: name.into() })
    .collect()
}

/// Reads a requisition's stages from one name per line. Existing stages keep their keys (so
/// their applications stay put); new ones get a key made from the name. The Hired stage must
/// stay, last, since moving there is what hires.
pub fn parse_stage_lines(raw: &str, current: &[StageDef]) -> Result<Vec<StageDef>, String> {
    let mut stages: Vec<StageDef> = Vec::new();
    for name in raw.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if name.chars().count() > 40 {
            return Err(format!("'{name}' is longer than 40 characters"));
        }
        let existing = current.iter().find(|s| s.name.eq_ignore_ascii_case(name));
        let key = existing.map_or_else(|| stage_key(name), |s| s.key.clone());
        if key.is_empty() || key == "rejected" || key == "withdrawn" {
            return Err(format!("'{name}' cannot be a stage name; Rejected and Withdrawn are always there"));
        }
        if stages.iter().any(|s| s.key == key) {
            return Err(format!("'{name}' is listed twice"));
        }
        stages.push(StageDef { key, name: name.to_owned() });
    }
    if !(2..=12).contains(&stages.len()) {
        return Err("give between 2 and 12 stages, one per line".into());
    }
    if stages.last().map(|s| s.key.as_str()) != Some(HIRED_STAGE) {
        return Err("the last stage must be Hired".into());
    }
    Ok(stages)
}

/// A stable key from a stage name: lower-case ASCII letters and digits joined by `_`.
fn stage_key(name: &str) -> String {
    let lowered = name.to_lowercase();
    let words: Vec<&str> = lowered.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
    words.join("_")
}

/// Default reasons offered when rejecting; admins may configure their own.
pub const DEFAULT_REJECTION_REASONS: &[&str] = &[
    "Not enough relevant experience",
    "Missing required skills",
    "Did not pass the technical assessment",
    "Communication concerns",
    "Salary expectations outside the band",
    "Location or work authorization",
    "Position filled by another candidate",
    "Candidate unresponsive",
];

string_enum! {
    /// Whether an application is still in play.
    pub enum ApplicationStatus {
        Active => ("active", "Active"),
        Rejected => ("rejected", "Rejected"),
        Withdrawn => ("withdrawn", "Withdrawn"),
        Hired => ("hired", "Hired"),
    }
}

/// A candidate's application to one requisition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Application {
    /// Identity.
    pub id: ApplicationId,
    /// Who applied.
    pub candidate_id: CandidateId,
    /// To what.
    pub requisition_id: RequisitionId,
    /// Current stage key (kept when rejected or withdrawn, to show how far they got).
    pub stage: String,
    /// In play or not.
    pub status: ApplicationStatus,
    /// Why it was rejected or withdrawn.
    pub status_reason: Option<String>,
    /// Where the application came from (careers page, referral, …).
    pub source: Option<String>,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last moved.
    pub updated_at: DateTime<Utc>,
    /// Optimistic-concurrency version, bumped on every move.
    pub version: i64,
}

/// Where a person wants an application to go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "to", rename_all = "snake_case")]
pub enum MoveTarget {
    /// Into a stage (reactivates a rejected or withdrawn application).
    Stage {
        /// The stage key.
        stage: String,
    },
    /// Out of the process, with a reason.
    Reject {
        /// Why.
        reason: String,
    },
    /// The candidate pulled out.
    Withdraw {
        /// Why, if they said.
        reason: Option<String>,
    },
}

impl MoveTarget {
    /// Reads a board column key: a stage key, `rejected` or `withdrawn`.
    pub fn from_column(column: &str, reason: Option<String>) -> Self {
        match column {
            "rejected" => MoveTarget::Reject { reason: reason.unwrap_or_default() },
            "withdrawn" => MoveTarget::Withdraw { reason },
            stage => MoveTarget::Stage { stage: stage.to_owned() },
        }
    }
}

/// The state of an application after a move.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MovePlan {
    /// New stage key.
    pub stage: String,
    /// New status.
    pub status: ApplicationStatus,
    /// New reason (cleared when reactivated).
    pub reason: Option<String>,
}

/// Decides what a move does, or why it cannot happen.
///
/// A hired application is final; moving into the hired stage hires; rejecting
/// needs a reason; a move to where the application already is is refused so a
/// double-click does not write two stage events.
pub fn plan_move(app: &Application, stages: &[StageDef], target: &MoveTarget) -> Result<MovePlan, String> {
    if app.status == ApplicationStatus::Hired {
        return Err("this candidate has been hired; the application can no longer move".into());
    }
    match target {
        MoveTarget::Stage { stage } => {
            if !stages.iter().any(|s| &s.key == stage) {
                return Err(format!("'{stage}' is not a stage of this requisition"));
            }
            if *stage == app.stage && app.status == ApplicationStatus::Active {
                return Err("the application is already in that stage".into());
            }
            let status = if stage == HIRED_STAGE { ApplicationStatus::Hired } else { ApplicationStatus::Active };
            Ok(MovePlan { stage: stage.clone(), status, reason: None })
        }
        MoveTarget::Reject { reason } => {
            let reason = reason.trim();
            if reason.is_empty() {
                return Err("choose a reason for the rejection".into());
            }
            if app.status == ApplicationStatus::Rejected {
                return Err("the application is already rejected".into());
            }
            Ok(MovePlan { stage: app.stage.clone(), status: ApplicationStatus::Rejected, reason: Some(clip(reason)) })
        }
        MoveTarget::Withdraw { reason } => {
            if app.status == ApplicationStatus::Withdrawn {
                return Err("the application is already withdrawn".into());
            }
            let reason = reason.as_deref().map(str::trim).filter(|r| !r.is_empty()).map(clip);
            Ok(MovePlan { stage: app.stage.clone(), status: ApplicationStatus::Withdrawn, reason })
        }
    }
}

fn clip(reason: &str) -> String {
    reason.chars().take(500).collect()
}

/// The board column an application shows in: its stage while active or hired, else its status.
pub fn board_column(app_stage: &str, status: ApplicationStatus) -> &str {
    match status {
        ApplicationStatus::Active | ApplicationStatus::Hired => app_stage,
        ApplicationStatus::Rejected => "rejected",
        ApplicationStatus::Withdrawn => "withdrawn",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app(stage: &str, status: ApplicationStatus) -> Application {
        let now = Utc::now();
        Application {
            id: ApplicationId::new(),
            candidate_id: CandidateId::new(),
            requisition_id: RequisitionId::new(),
            stage: stage.into(),
            status,
            status_reason: None,
            source: None,
            created_at: now,
            updated_at: now,
            version: 1,
        }
    }

    fn to(stage: &str) -> MoveTarget {
        MoveTarget::Stage { stage: stage.into() }
    }

    #[test]
    fn moving_to_a_stage_keeps_the_application_active() {
        let plan = plan_move(&app("applied", ApplicationStatus::Active), &default_stages(), &to("screen")).unwrap();
        assert_eq!((plan.stage.as_str(), plan.status), ("screen", ApplicationStatus::Active));
    }

    #[test]
    fn moving_to_hired_hires_and_hired_is_final() {
        let plan = plan_move(&app("offer", ApplicationStatus::Active), &default_stages(), &to("hired")).unwrap();
        assert_eq!(plan.status, ApplicationStatus::Hired);
        assert!(plan_move(&app("hired", ApplicationStatus::Hired), &default_stages(), &to("offer")).is_err());
    }

    #[test]
    fn unknown_stage_and_same_stage_are_refused() {
        let a = app("screen", ApplicationStatus::Active);
        assert!(plan_move(&a, &default_stages(), &to("nowhere")).unwrap_err().contains("not a stage"));
        assert!(plan_move(&a, &default_stages(), &to("screen")).is_err());
    }

    #[test]
    fn rejection_needs_a_reason_and_keeps_the_stage() {
        let a = app("interviews", ApplicationStatus::Active);
        assert!(plan_move(&a, &default_stages(), &MoveTarget::Reject { reason: " ".into() }).is_err());
        let plan =
            plan_move(&a, &default_stages(), &MoveTarget::Reject { reason: "Missing required skills".into() }).unwrap();
        assert_eq!((plan.stage.as_str(), plan.status), ("interviews", ApplicationStatus::Rejected));
        assert_eq!(board_column(&plan.stage, plan.status), "rejected");
    }

    #[test]
    fn a_rejected_application_can_be_reactivated_into_its_stage() {
        let a = app("screen", ApplicationStatus::Rejected);
        let plan = plan_move(&a, &default_stages(), &to("screen")).unwrap();
        assert_eq!((plan.status, plan.reason), (ApplicationStatus::Active, None));
    }

    #[test]
    fn stages_keep_their_keys_and_new_ones_get_slugs() {
        let stages =
            parse_stage_lines("Applied\nPhone screen\nTake-home project\nOffer\nHired", &default_stages()).unwrap();
        let keys: Vec<&str> = stages.iter().map(|s| s.key.as_str()).collect();
        assert_eq!(keys, ["applied", "phone_screen", "take_home_project", "offer", "hired"]);
    }

    #[test]
    fn stage_lists_must_end_with_hired_and_avoid_terminal_names() {
        assert!(parse_stage_lines("Applied\nOffer", &default_stages()).unwrap_err().contains("Hired"));
        assert!(parse_stage_lines("Applied\nRejected\nHired", &default_stages()).unwrap_err().contains("always there"));
        assert!(parse_stage_lines("Applied\napplied\nHired", &default_stages()).unwrap_err().contains("twice"));
        assert!(parse_stage_lines("Hired", &default_stages()).is_err());
        assert!(parse_stage_lines("!!!\nHired", &default_stages()).is_err());
    }

    #[test]
    fn board_columns_map_from_keys() {
        assert_eq!(MoveTarget::from_column("rejected", Some("x".into())), MoveTarget::Reject { reason: "x".into() });
        assert_eq!(MoveTarget::from_column("offer", None), to("offer"));
    }
}
