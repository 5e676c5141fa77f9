//! Correcting a candidate's profile one section at a time: `GET /candidates/{id}/profile/{section}/edit`
//! shows the section as lines of text, `POST /candidates/{id}/profile/{section}` saves it, and
//! `POST /candidates/{id}/profile/{section}/revert` goes back to what the resume said. Edits are
//! kept when the resume is read again. Editing a profile is editing the candidate.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use hired_domain::authz::Action;
use hired_domain::profile::{Profile, ProfileSkill};
use hired_domain::profile_edits::{ProfileSection, parse_section, section_text};
use hired_domain::{CandidateId, Invalid};
use hired_resume::taxonomy::Taxonomy;
use serde::Deserialize;

use super::profile::{edited_by, this_month};
use super::{candidate_id, render_with};
use crate::auth::csrf::CsrfForm;
use crate::auth::{Staff, require_on_candidate};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::views::{PageCtx, redirect_with};

/// The section editor.
#[derive(Template)]
#[template(path = "candidates/profile_edit.html")]
struct EditPage {
    ctx: PageCtx,
    candidate_id: String,
    candidate_name: String,
    section: ProfileSection,
    /// The text in the editor: the section as it stands, or what was typed and refused.
    text: String,
    /// Why the text was refused, one sentence per problem.
    problems: Vec<String>,
    /// "edited by …" when the section is an edit (so it can be reverted).
    edited: Option<String>,
    /// What the resume said, as text.
    original: String,
}

impl EditPage {
    /// The editor for `section`, holding `typed` when given (else the section as it stands).
    async fn load(
        state: &AppState,
        staff: &Staff,
        id: CandidateId,
        section: ProfileSection,
        typed: Option<String>,
    ) -> AppResult<Self> {
        let candidate = state.store.candidate(id).await?;
        let stored = state.store.candidate_profile(id).await?;
        let parsed = stored.as_ref().and_then(|s| s.profile.clone()).unwrap_or_default();
        let effective = stored.as_ref().map(|s| s.effective(this_month())).unwrap_or_default();
        Ok(EditPage {
            ctx: PageCtx::new(staff, "candidates"),
            candidate_id: id.to_string(),
            candidate_name: candidate.details.name,
            section,
            text: typed.unwrap_or_else(|| section_text(&effective, section)),
            problems: Vec::new(),
            edited: stored.as_ref().and_then(|s| s.edits.mark(section)).map(edited_by),
            original: section_text(&parsed, section),
        })
    }

    /// Rows for the editor: room for the text and a little more.
    fn rows(&self) -> usize {
        let min = if self.section == ProfileSection::Headline { 2 } else { 6 };
        (self.text.lines().count() + 2).clamp(min, 24)
    }
}

/// The candidate and the section named in the address; anything unknown is not found.
fn target(id: &str, section: &str) -> AppResult<(CandidateId, ProfileSection)> {
    let section = section.parse().map_err(|_| AppError::NotFound("profile section"))?;
    Ok((candidate_id(id)?, section))
}

/// The editor's form: the section's text.
#[derive(Deserialize)]
pub(super) struct SectionForm {
    #[serde(default)]
    text: String,
}

/// The revert form carries nothing but its CSRF token.
#[derive(Deserialize)]
pub(super) struct RevertForm {}

/// `GET /candidates/{id}/profile/{section}/edit`.
pub(super) async fn edit(
    State(state): State<AppState>,
    staff: Staff,
    Path((id, section)): Path<(String, String)>,
) -> AppResult<Response> {
    let (id, section) = target(&id, &section)?;
    require_on_candidate(&state, &staff.user, Action::EditCandidate, id).await?;
    let page = EditPage::load(&state, &staff, id, section, None).await?;
    render_with(StatusCode::OK, &page.ctx, &page)
}

/// `POST /candidates/{id}/profile/{section}`: saves the section, or shows the editor again with
/// every problem and the text as typed.
pub(super) async fn save(
    State(state): State<AppState>,
    Path((id, section)): Path<(String, String)>,
    CsrfForm { staff, form }: CsrfForm<SectionForm>,
) -> AppResult<Response> {
    let (id, section) = target(&id, &section)?;
    require_on_candidate(&state, &staff.user, Action::EditCandidate, id).await?;
    let value = match parse_section(section, &form.text) {
        Ok(value) => normalised(value),
        Err(invalid) => {
            let mut page = EditPage::load(&state, &staff, id, section, Some(form.text)).await?;
            page.problems = problems(invalid);
            return render_with(StatusCode::UNPROCESSABLE_ENTITY, &page.ctx, &page);
        }
    };
    state.store.candidate(id).await?;
    state.store.edit_profile_section(&staff.user, id, section, Some(&value)).await?;
    let message = format!("{} saved. It stays as you wrote it when the resume is read again.", section.label());
    Ok(redirect_with(&format!("/candidates/{id}#profile-{section}"), "success", &message))
}

/// `POST /candidates/{id}/profile/{section}/revert`: drops the edit, so what the resume said shows again.
pub(super) async fn revert(
    State(state): State<AppState>,
    Path((id, section)): Path<(String, String)>,
    CsrfForm { staff, form: RevertForm {} }: CsrfForm<RevertForm>,
) -> AppResult<Response> {
    let (id, section) = target(&id, &section)?;
    require_on_candidate(&state, &staff.user, Action::EditCandidate, id).await?;
    state.store.candidate(id).await?;
    state.store.edit_profile_section(&staff.user, id, section, None).await?;
    let message = format!("{} shows what the resume said again.", section.label());
    Ok(redirect_with(&format!("/candidates/{id}#profile-{section}"), "success", &message))
}

/// The problems of refused text, one sentence each.
fn problems(invalid: Invalid) -> Vec<String> {
    invalid.errors.into_iter().map(|e| e.message).collect()
}

/// Skills as typed, named and grouped the way the taxonomy names them ("postgres" is
/// PostgreSQL, a database); unknown skills are kept as written, in "other". Repeats go.
fn normalised(mut value: Profile) -> Profile {
    let taxonomy = Taxonomy::builtin();
    let mut skills: Vec<ProfileSkill> = Vec::with_capacity(value.skills.len());
    for typed in value.skills {
        let (name, category) = match taxonomy.lookup(&typed.name) {
            Some(tech) => (tech.name.clone(), tech.category.clone()),
            None => (typed.name, "other".to_owned()),
        };
        if !skills.iter().any(|s| s.name.eq_ignore_ascii_case(&name)) {
            skills.push(ProfileSkill { name, category, years: typed.years });
        }
    }
    value.skills = skills;
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_skills_take_their_taxonomy_names_and_unknown_ones_are_other() {
        let typed = parse_section(ProfileSection::Skills, "postgres | 3\nPostgreSQL | 1\nCobolScript 9000").unwrap();
        let skills = normalised(typed).skills;
        let got: Vec<(&str, &str, Option<f32>)> =
            skills.iter().map(|s| (s.name.as_str(), s.category.as_str(), s.years)).collect();
        assert_eq!(got, vec![("PostgreSQL", "database", Some(3.0)), ("CobolScript 9000", "other", None)]);
    }

    #[test]
    fn unknown_sections_are_not_found() {
        let id = uuid::Uuid::now_v7().to_string();
        assert!(matches!(target(&id, "salary"), Err(AppError::NotFound("profile section"))));
        assert!(matches!(target("x", "skills"), Err(AppError::NotFound("candidate"))));
        assert!(target(&id, "total_years").is_ok());
    }
}
