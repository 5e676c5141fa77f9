//! Authorization: the one function that decides every access.
//!
//! Every HTML route and API endpoint asks [`authorize`] with the caller's role,
//! the action and whether the caller is on the hiring team of the record
//! concerned. Records outside a team-scoped user's reach answer "not found",
//! so their existence does not leak.

use crate::user::Role;

/// Something a staff member wants to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// See the dashboard and lists (filtered by [`list_scope`]).
    Browse,
    /// Open one requisition and its board.
    ViewRequisition,
    /// Create a requisition.
    CreateRequisition,
    /// Edit a requisition's definition.
    EditRequisition,
    /// Open, hold, fill or close a requisition.
    ChangeRequisitionStatus,
    /// Add or remove hiring-team members.
    ManageHiringTeam,
    /// See salary bands and offer amounts.
    ViewCompensation,
    /// Open one candidate's page.
    ViewCandidate,
    /// Create candidates.
    CreateCandidate,
    /// Edit a candidate's details, tags and attachments.
    EditCandidate,
    /// Add a candidate to a requisition.
    AddApplication,
    /// Move, reject or withdraw an application.
    MoveApplication,
    /// Write a note on a candidate.
    AddNote,
    /// Create, change and deactivate staff accounts.
    ManageUsers,
    /// Read the audit log.
    ViewAuditLog,
    /// Edit requisition templates and rejection reasons.
    ManageTemplates,
    /// See the background job queue.
    ViewJobs,
    /// See the channels and what each has brought: applications, hires, cost per applicant.
    ViewChannels,
    /// Define and change channels, and switch them on or off.
    ManageChannels,
    /// Create and revoke one's own API tokens.
    ManageOwnTokens,
    /// Import resumes in bulk as candidates.
    ImportCandidates,
    /// Add and remove skill aliases in the technology taxonomy.
    ManageTaxonomy,
    /// Set up an application's interviews and choose their panels.
    ManageInterviews,
    /// Submit one's scorecard for an interview one is on the panel of.
    SubmitScorecard,
}

/// Whether the record is one the caller's hiring teams cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Organization-wide actions (creating, admin pages).
    Organization,
    /// A requisition, or a candidate through their applications.
    Team {
        /// The caller is on the hiring team.
        on_team: bool,
    },
}

/// The outcome of an authorization check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Go ahead.
    Allow,
    /// The caller may know the record exists but may not do this (403).
    Forbidden,
    /// The record is outside the caller's reach; answer as if it did not exist (404).
    NotFound,
}

/// Which records lists show to a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListScope {
    /// Every requisition and candidate.
    All,
    /// Only requisitions whose hiring team includes the caller, and their candidates.
    MyTeams,
}

/// What lists show to `role`.
pub fn list_scope(role: Role) -> ListScope {
    match role {
        Role::Admin | Role::Recruiter => ListScope::All,
        Role::HiringManager | Role::Interviewer => ListScope::MyTeams,
    }
}

/// Decides whether `role` may do `action` in `scope`.
pub fn authorize(role: Role, action: Action, scope: Scope) -> Access {
    use Action::*;
    if let Scope::Team { on_team: false } = scope
        && list_scope(role) == ListScope::MyTeams
    {
        return Access::NotFound;
    }
    let allowed = match role {
        Role::Admin => true,
        Role::Recruiter => {
            !matches!(action, ManageUsers | ViewAuditLog | ManageTemplates | ViewJobs | ManageChannels | ManageTaxonomy)
        }
        Role::HiringManager => matches!(
            action,
            Browse
                | ViewRequisition
                | CreateRequisition
                | EditRequisition
                | ChangeRequisitionStatus
                | ViewCompensation
                | ViewCandidate
                | MoveApplication
                | AddNote
                | ManageOwnTokens
                | ManageInterviews
                | SubmitScorecard
        ),
        Role::Interviewer => {
            matches!(action, Browse | ViewRequisition | ViewCandidate | AddNote | ManageOwnTokens | SubmitScorecard)
        }
    };
    if allowed { Access::Allow } else { Access::Forbidden }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Access::*;
    use Action::*;

    const ON: Scope = Scope::Team { on_team: true };
    const OFF: Scope = Scope::Team { on_team: false };
    const ORG: Scope = Scope::Organization;

    /// The whole matrix: (action, scope) → access for admin, recruiter, hiring manager, interviewer.
    const MATRIX: &[(Action, Scope, [Access; 4])] = &[
        (Browse, ORG, [Allow, Allow, Allow, Allow]),
        (ViewRequisition, ON, [Allow, Allow, Allow, Allow]),
        (ViewRequisition, OFF, [Allow, Allow, NotFound, NotFound]),
        (CreateRequisition, ORG, [Allow, Allow, Allow, Forbidden]),
        (EditRequisition, ON, [Allow, Allow, Allow, Forbidden]),
        (EditRequisition, OFF, [Allow, Allow, NotFound, NotFound]),
        (ChangeRequisitionStatus, ON, [Allow, Allow, Allow, Forbidden]),
        (ManageHiringTeam, ON, [Allow, Allow, Forbidden, Forbidden]),
        (ViewCompensation, ON, [Allow, Allow, Allow, Forbidden]),
        (ViewCompensation, OFF, [Allow, Allow, NotFound, NotFound]),
        (ViewCandidate, ON, [Allow, Allow, Allow, Allow]),
        (ViewCandidate, OFF, [Allow, Allow, NotFound, NotFound]),
        (CreateCandidate, ORG, [Allow, Allow, Forbidden, Forbidden]),
        (EditCandidate, ON, [Allow, Allow, Forbidden, Forbidden]),
        (AddApplication, ON, [Allow, Allow, Forbidden, Forbidden]),
        (MoveApplication, ON, [Allow, Allow, Allow, Forbidden]),
        (MoveApplication, OFF, [Allow, Allow, NotFound, NotFound]),
        (AddNote, ON, [Allow, Allow, Allow, Allow]),
        (AddNote, OFF, [Allow, Allow, NotFound, NotFound]),
        (ManageUsers, ORG, [Allow, Forbidden, Forbidden, Forbidden]),
        (ViewAuditLog, ORG, [Allow, Forbidden, Forbidden, Forbidden]),
        (ManageTemplates, ORG, [Allow, Forbidden, Forbidden, Forbidden]),
        (ViewJobs, ORG, [Allow, Forbidden, Forbidden, Forbidden]),
        (ViewChannels, ORG, [Allow, Allow, Forbidden, Forbidden]),
        (ManageChannels, ORG, [Allow, Forbidden, Forbidden, Forbidden]),
        (ManageOwnTokens, ORG, [Allow, Allow, Allow, Allow]),
        (ManageInterviews, ON, [Allow, Allow, Allow, Forbidden]),
        (ManageInterviews, OFF, [Allow, Allow, NotFound, NotFound]),
        (SubmitScorecard, ON, [Allow, Allow, Allow, Allow]),
        (SubmitScorecard, OFF, [Allow, Allow, NotFound, NotFound]),
        (ImportCandidates, ORG, [Allow, Allow, Forbidden, Forbidden]),
        (ManageTaxonomy, ORG, [Allow, Forbidden, Forbidden, Forbidden]),
    ];

    #[test]
    fn every_role_gets_exactly_the_access_in_the_matrix() {
        let roles = [Role::Admin, Role::Recruiter, Role::HiringManager, Role::Interviewer];
        for (action, scope, expected) in MATRIX {
            for (role, want) in roles.iter().zip(expected) {
                assert_eq!(authorize(*role, *action, *scope), *want, "{role:?} {action:?} {scope:?}");
            }
        }
    }

    #[test]
    fn interviewers_never_see_compensation_even_on_the_team() {
        assert_eq!(authorize(Role::Interviewer, ViewCompensation, ON), Forbidden);
    }

    #[test]
    fn team_scoped_roles_list_only_their_teams() {
        assert_eq!(list_scope(Role::Admin), ListScope::All);
        assert_eq!(list_scope(Role::Recruiter), ListScope::All);
        assert_eq!(list_scope(Role::HiringManager), ListScope::MyTeams);
        assert_eq!(list_scope(Role::Interviewer), ListScope::MyTeams);
    }
}
