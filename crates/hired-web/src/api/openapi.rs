//! The OpenAPI 3.1 document of `/api/v1`, generated from the handlers'
//! `#[utoipa::path]` annotations and the API types, and served without a token.

use std::sync::LazyLock;

use axum::Json;
use hired_domain::PayPeriod;
use hired_domain::channel::{ChannelKind, CostBasis};
use hired_domain::pipeline::ApplicationStatus;
use hired_domain::requisition::{EmploymentType, Level, RemotePolicy, RequisitionStatus, SourcingModel};
use hired_domain::screening::QuestionKind;
use hired_store::ImportStatus;
use utoipa::openapi::schema::{Object, ObjectBuilder, Type};
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi, ToResponse};

use super::{
    PREFIX, applications, apply, candidates, channels, imports, interviews, postings, ranking, requisitions, search,
};
use crate::error::Problem;

/// The document, built once.
static DOCUMENT: LazyLock<utoipa::openapi::OpenApi> = LazyLock::new(ApiDoc::openapi);

/// The paths, schemas and responses of the API; see `docs/API.md` for the conventions.
#[derive(OpenApi)]
#[openapi(
    version = "3.1.0",
    info(
        title = "hired API",
        description = "The JSON API of hired, a self-hosted hiring platform. Conventions (authentication, \
                       errors, pagination, concurrency, versioning) are in docs/API.md."
    ),
    paths(
        requisitions::list,
        requisitions::create,
        requisitions::show,
        requisitions::update,
        requisitions::change_status,
        ranking::ranking,
        ranking::set_weights,
        ranking::rediscovery,
        search::search,
        applications::list,
        applications::add,
        applications::show,
        applications::move_to,
        interviews::list,
        interviews::submit,
        candidates::list,
        candidates::create,
        candidates::show,
        candidates::update,
        postings::show,
        postings::save,
        postings::unpublish,
        postings::screening::show,
        postings::screening::replace,
        channels::list,
        channels::create,
        channels::show,
        channels::update,
        apply::list_postings,
        apply::show_posting,
        apply::apply,
        imports::create,
        imports::show,
        document,
    ),
    components(
        schemas(Problem),
        responses(BadRequest, Unauthorized, Forbidden, NotFound, Conflict, Unprocessable)
    ),
    modifiers(&BearerAuth, &MountedAt),
    security(("bearer" = [])),
    tags(
        (name = "requisitions", description = "The roles being hired for"),
        (name = "applications", description = "Candidates in a requisition's pipeline"),
        (name = "candidates", description = "The people"),
        (name = "postings", description = "Requisitions published on the careers site, and their screening questions"),
        (name = "channels", description = "Where postings go and applicants come from"),
        (name = "imports", description = "Resumes imported in bulk: uploaded, then read in the background"),
        (name = "board", description = "The public job board: open postings and applying, without a token"),
        (name = "meta", description = "About the API itself"),
    )
)]
struct ApiDoc;

/// Declares the `bearer` scheme every operation requires unless it says otherwise.
struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let scheme =
            SecurityScheme::Http(Http::builder().scheme(HttpAuthScheme::Bearer).bearer_format("opaque").build());
        openapi.components.get_or_insert_with(Default::default).add_security_scheme("bearer", scheme);
    }
}

/// Handlers declare paths relative to the API router; the document names them where it is mounted.
struct MountedAt;

impl Modify for MountedAt {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let paths = std::mem::take(&mut openapi.paths.paths);
        openapi.paths.paths = paths.into_iter().map(|(path, item)| (format!("{PREFIX}{path}"), item)).collect();
    }
}

/// The request is malformed: not JSON, wrong JSON types, a bad query parameter or cursor.
#[derive(ToResponse)]
#[response(content_type = "application/problem+json")]
#[expect(dead_code, reason = "describes a response for the OpenAPI document; never built")]
pub struct BadRequest(Problem);

/// No token, or one that does not work.
#[derive(ToResponse)]
#[response(content_type = "application/problem+json")]
#[expect(dead_code, reason = "describes a response for the OpenAPI document; never built")]
pub struct Unauthorized(Problem);

/// The caller's role may not do this.
#[derive(ToResponse)]
#[response(content_type = "application/problem+json")]
#[expect(dead_code, reason = "describes a response for the OpenAPI document; never built")]
pub struct Forbidden(Problem);

/// No such record, a malformed id, or a record outside the caller's hiring teams.
#[derive(ToResponse)]
#[response(content_type = "application/problem+json")]
#[expect(dead_code, reason = "describes a response for the OpenAPI document; never built")]
pub struct NotFound(Problem);

/// The record changed since the `version` sent; read it again and retry.
#[derive(ToResponse)]
#[response(content_type = "application/problem+json")]
#[expect(dead_code, reason = "describes a response for the OpenAPI document; never built")]
pub struct Conflict(Problem);

/// Some values break a rule; `errors[]` names every field by its path.
#[derive(ToResponse)]
#[response(content_type = "application/problem+json")]
#[expect(dead_code, reason = "describes a response for the OpenAPI document; never built")]
pub struct Unprocessable(Problem);

/// A string schema whose values are the domain's stable keys, each explained by its label,
/// so the document lists exactly what the code accepts.
fn keys<T: Copy>(all: &[T], key: fn(T) -> &'static str, label: fn(T) -> &'static str) -> Object {
    let described: Vec<String> = all.iter().map(|v| format!("`{}`: {}", key(*v), label(*v))).collect();
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(all.iter().map(|v| key(*v))))
        .description(Some(described.join("; ")))
        .build()
}

/// Schema of a requisition's `level`.
pub fn level() -> Object {
    keys(Level::ALL, Level::as_str, Level::label)
}

/// Schema of a requisition's `remote` policy.
pub fn remote() -> Object {
    keys(RemotePolicy::ALL, RemotePolicy::as_str, RemotePolicy::label)
}

/// Schema of a requisition's `employment_type`.
pub fn employment_type() -> Object {
    keys(EmploymentType::ALL, EmploymentType::as_str, EmploymentType::label)
}

/// Schema of a requisition's `sourcing` model.
pub fn sourcing() -> Object {
    keys(SourcingModel::ALL, SourcingModel::as_str, SourcingModel::label)
}

/// Schema of a requisition's lifecycle `status`.
pub fn requisition_status() -> Object {
    keys(RequisitionStatus::ALL, RequisitionStatus::as_str, RequisitionStatus::label)
}

/// Schema of an application's `status`.
pub fn application_status() -> Object {
    keys(ApplicationStatus::ALL, ApplicationStatus::as_str, ApplicationStatus::label)
}

/// Schema of a channel's `kind`.
pub fn channel_kind() -> Object {
    keys(ChannelKind::ALL, ChannelKind::as_str, ChannelKind::label)
}

/// Schema of how a channel charges.
pub fn cost_basis() -> Object {
    keys(CostBasis::ALL, CostBasis::as_str, CostBasis::label)
}

/// Schema of a screening question's `kind`.
pub fn question_kind() -> Object {
    keys(QuestionKind::ALL, QuestionKind::as_str, QuestionKind::label)
}

/// Schema of a salary's pay `period`.
pub fn pay_period() -> Object {
    keys(PayPeriod::ALL, PayPeriod::as_str, PayPeriod::label)
}

/// Schema of an imported file's `status`.
pub fn import_status() -> Object {
    keys(ImportStatus::ALL, ImportStatus::as_str, ImportStatus::label)
}

/// This document: the API as OpenAPI 3.1.
#[utoipa::path(
    get, operation_id = "get_openapi", path = "/openapi.json", tag = "meta", security(()),
    responses((status = 200, description = "The OpenAPI document", content_type = "application/json"))
)]
pub async fn document() -> Json<&'static utoipa::openapi::OpenApi> {
    Json(&DOCUMENT)
}
