//! `/admin/taxonomy`: the technology skill taxonomy resume intake reads skills with, browsable
//! and searchable, and the aliases admins add to it ("Dj" for Django). An alias is checked
//! against the taxonomy (with the aliases already added) before it is saved; resume intake
//! reads the saved ones with every document. Admins only ([`Action::ManageTaxonomy`]).

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use hired_domain::Invalid;
use hired_domain::authz::Action;
use hired_resume::taxonomy::{MAX_ALIAS_CHARS, Taxonomy, Tech, check_alias_text};
use hired_store::{StoreError, TaxonomyAlias};
use serde::Deserialize;

use super::unprocessable;
use crate::auth::csrf::CsrfForm;
use crate::auth::{Staff, require};
use crate::error::AppResult;
use crate::forms::FormErrors;
use crate::state::AppState;
use crate::views::{PageCtx, redirect_with, render, when};

/// Where every change lands back.
const PAGE: &str = "/admin/taxonomy";

/// Technologies per page of the listing.
const PAGE_SIZE: usize = 50;

/// The taxonomy routes, merged into the admin router.
pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route(PAGE, get(list))
        .route("/admin/taxonomy/aliases", post(add))
        .route("/admin/taxonomy/aliases/remove", post(remove))
}

/// The listing's search: text in a name, alias or category; one category; the page (from 1).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct ListQuery {
    q: String,
    category: String,
    page: String,
}

/// The add form: the alias and the canonical name of its technology.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct AliasForm {
    alias: String,
    canonical: String,
}

/// The remove buttons: which alias.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct RemoveForm {
    alias: String,
}

/// One technology of the listing.
struct TechRow {
    name: String,
    category: String,
    aliases: String,
    implies: String,
}

/// One category filter with how many of the matching technologies it holds.
struct CategoryChip {
    label: String,
    count: usize,
    url: String,
    current: bool,
}

/// One alias added here.
struct AddedRow {
    alias: String,
    canonical: String,
    by: String,
    at: String,
}

#[derive(Template)]
#[template(path = "admin/taxonomy.html")]
struct TaxonomyPage {
    ctx: PageCtx,
    q: String,
    category: String,
    total: usize,
    matching: usize,
    chips: Vec<CategoryChip>,
    rows: Vec<TechRow>,
    page: usize,
    pages: usize,
    prev_url: Option<String>,
    next_url: Option<String>,
    added: Vec<AddedRow>,
    names: Vec<String>,
    form: AliasForm,
    errors: FormErrors,
    max_alias: usize,
}

/// The built-in taxonomy with the aliases added so far.
fn with_added(added: &[TaxonomyAlias]) -> Taxonomy {
    let pairs: Vec<(String, String)> = added.iter().map(|a| (a.alias.clone(), a.canonical.clone())).collect();
    Taxonomy::builtin().with_aliases(&pairs)
}

/// Whether `tech` matches the lower-cased search text in its name, an alias or its category.
fn matches(tech: &Tech, needle: &str) -> bool {
    let has = |text: &str| text.to_lowercase().contains(needle);
    needle.is_empty() || has(&tech.name) || has(&tech.category) || tech.aliases.iter().any(|a| has(a))
}

/// The listing's address for a search, category and page (empty parts left out).
fn list_url(q: &str, category: &str, page: usize) -> String {
    let page = if page > 1 { page.to_string() } else { String::new() };
    let pairs: Vec<(&str, &str)> =
        [("q", q), ("category", category), ("page", &page)].into_iter().filter(|(_, v)| !v.is_empty()).collect();
    if pairs.is_empty() {
        return PAGE.to_owned();
    }
    format!("{PAGE}?{}", serde_html_form::to_string(pairs).unwrap_or_default())
}

/// The category chips for the matching technologies: "All" first, then each category present.
fn category_chips(found: &[&Tech], q: &str, category: &str) -> Vec<CategoryChip> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for tech in found {
        match counts.iter_mut().find(|(label, _)| *label == tech.category) {
            Some((_, count)) => *count += 1,
            None => counts.push((tech.category.clone(), 1)),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let all =
        CategoryChip { label: "All".into(), count: found.len(), url: list_url(q, "", 1), current: category.is_empty() };
    std::iter::once(all)
        .chain(counts.into_iter().map(|(label, count)| CategoryChip {
            url: list_url(q, &label, 1),
            current: label == category,
            label,
            count,
        }))
        .collect()
}

async fn taxonomy_page(
    state: &AppState,
    staff: &Staff,
    query: ListQuery,
    form: AliasForm,
    errors: FormErrors,
) -> AppResult<Response> {
    let added = state.store.taxonomy_aliases().await?;
    let taxonomy = with_added(&added);
    let q = query.q.trim().to_owned();
    let category = query.category.trim().to_owned();
    let needle = q.to_lowercase();
    let mut found: Vec<&Tech> = taxonomy.techs().iter().filter(|tech| matches(tech, &needle)).collect();
    found.sort_by_cached_key(|tech| tech.name.to_lowercase());
    let chips = category_chips(&found, &q, &category);
    let shown: Vec<&Tech> = found.iter().copied().filter(|t| category.is_empty() || t.category == category).collect();
    let pages = shown.len().div_ceil(PAGE_SIZE).max(1);
    let page = query.page.trim().parse::<usize>().unwrap_or(1).clamp(1, pages);
    let rows = shown
        .iter()
        .skip((page - 1) * PAGE_SIZE)
        .take(PAGE_SIZE)
        .map(|tech| TechRow {
            name: tech.name.clone(),
            category: tech.category.clone(),
            aliases: tech.aliases.join(", "),
            implies: tech.implies.join(", "),
        })
        .collect();
    let mut names: Vec<String> = taxonomy.techs().iter().map(|tech| tech.name.clone()).collect();
    names.sort_by_cached_key(|name| name.to_lowercase());
    let view = TaxonomyPage {
        ctx: PageCtx::new(staff, "taxonomy"),
        total: taxonomy.len(),
        matching: shown.len(),
        chips,
        rows,
        page,
        pages,
        prev_url: (page > 1).then(|| list_url(&q, &category, page - 1)),
        next_url: (page < pages).then(|| list_url(&q, &category, page + 1)),
        added: added
            .into_iter()
            .map(|a| AddedRow {
                at: when(&a.created_at),
                by: a.created_by.unwrap_or_else(|| "a removed account".into()),
                alias: a.alias,
                canonical: a.canonical,
            })
            .collect(),
        names,
        form,
        errors,
        max_alias: MAX_ALIAS_CHARS,
        q,
        category,
    };
    render(&view.ctx, &view)
}

/// `GET /admin/taxonomy?q=…&category=…&page=…`.
pub(super) async fn list(
    State(state): State<AppState>,
    staff: Staff,
    Query(query): Query<ListQuery>,
) -> AppResult<Response> {
    require(&staff.user, Action::ManageTaxonomy)?;
    taxonomy_page(&state, &staff, query, AliasForm::default(), FormErrors::none()).await
}

/// The checks of the add form against the taxonomy with the aliases added so far, each message
/// next to its field; the technology's canonical name when all pass.
fn check(taxonomy: &Taxonomy, form: &AliasForm) -> Result<String, Invalid> {
    let mut invalid = Invalid::default();
    let alias_ok = invalid.check("alias", check_alias_text(&form.alias)).is_some();
    let tech = invalid.check("canonical", taxonomy.check_technology(&form.canonical));
    if let Some(tech) = tech
        && alias_ok
    {
        invalid.check("alias", taxonomy.check_alias(&form.alias, &tech.name));
    }
    let name = tech.map(|tech| tech.name.clone()).unwrap_or_default();
    invalid.into_result(|| name)
}

/// `POST /admin/taxonomy/aliases`: adds an alias; a refused one shows the form again (422).
pub(super) async fn add(State(state): State<AppState>, posted: CsrfForm<AliasForm>) -> AppResult<Response> {
    let CsrfForm { staff, form } = posted;
    require(&staff.user, Action::ManageTaxonomy)?;
    let existing = state.store.taxonomy_aliases().await?;
    let checked = check(&with_added(&existing), &form);
    let saved = match checked {
        Ok(canonical) => state.store.add_taxonomy_alias(&staff.user, &form.alias, &canonical).await,
        Err(invalid) => Err(invalid.into()),
    };
    match saved {
        Ok(alias) => Ok(redirect_with(
            PAGE,
            "success",
            &format!("“{}” now reads as {} in resumes read from now on.", alias.alias, alias.canonical),
        )),
        Err(StoreError::Invalid(invalid)) => unprocessable(again(&state, &staff, form, invalid).await),
        Err(StoreError::Conflict(message)) => {
            unprocessable(again(&state, &staff, form, Invalid::field("alias", message)).await)
        }
        Err(other) => Err(other.into()),
    }
}

/// The page again with the typed form and its errors.
async fn again(state: &AppState, staff: &Staff, form: AliasForm, invalid: Invalid) -> AppResult<Response> {
    taxonomy_page(state, staff, ListQuery::default(), form, invalid.into()).await
}

/// `POST /admin/taxonomy/aliases/remove`: removes an added alias; an unknown one is not found.
pub(super) async fn remove(State(state): State<AppState>, posted: CsrfForm<RemoveForm>) -> AppResult<Response> {
    let CsrfForm { staff, form } = posted;
    require(&staff.user, Action::ManageTaxonomy)?;
    state.store.remove_taxonomy_alias(&staff.user, &form.alias).await?;
    Ok(redirect_with(
        PAGE,
        "success",
        &format!("“{}” removed; resumes read from now on no longer use it.", form.alias.trim()),
    ))
}

#[cfg(test)]
mod tests {
    use super::list_url;

    #[test]
    fn list_urls_keep_the_search_and_category_and_leave_out_the_first_page() {
        assert_eq!(list_url("", "", 1), "/admin/taxonomy");
        assert_eq!(list_url("c&c", "language", 2), "/admin/taxonomy?q=c%26c&category=language&page=2");
        assert_eq!(list_url("", "tool", 1), "/admin/taxonomy?category=tool");
    }
}
