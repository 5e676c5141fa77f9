//! Demo careers data: the channels the demo's applicants came through (with what each
//! costs), a published posting on those channels for every open requisition, and screening
//! questions for the two seed roles, saved as reusable sets too.

use hired_domain::channel::{ChannelKind, ChannelSpec, CostBasis};
use hired_domain::posting::PostingSpec;
use hired_domain::requisition::{Requisition, RequisitionStatus};
use hired_domain::screening::{ScreeningForm, parse_question_lines};
use hired_domain::user::User;
use hired_domain::{ChannelId, Currency, Invalid};

use crate::clock::now;
use crate::{Store, StoreResult};

/// The demo's application sources as channels: name, kind, how it charges, whole US dollars.
const CHANNELS: &[(&str, ChannelKind, CostBasis, i64)] = &[
    ("LinkedIn", ChannelKind::JobBoard, CostBasis::PerMonth, 800),
    ("Employee referral", ChannelKind::Referral, CostBasis::Free, 0),
    ("Indeed", ChannelKind::Aggregator, CostBasis::PerPosting, 150),
    ("ZipRecruiter", ChannelKind::Aggregator, CostBasis::PerMonth, 300),
    ("Developer community", ChannelKind::Community, CostBasis::Free, 0),
    ("Bootcamp", ChannelKind::Bootcamp, CostBasis::Free, 0),
    ("Nearshore agency", ChannelKind::Nearshore, CostBasis::PerPosting, 2000),
    ("Upwork", ChannelKind::Freelance, CostBasis::Free, 0),
    ("Toptal", ChannelKind::Freelance, CostBasis::PerMonth, 500),
];

const DJANGO_QUESTIONS: &str = "Years of professional Django experience? | number | required | knockout >= 2
Are you authorized to work in the United States? | yes/no | required | knockout = yes
Which have you used in production? | multiple: Django REST Framework, Celery, PostgreSQL, Redis, Docker | optional
A link to code you are proud of (GitHub, GitLab, a gist) | short text | optional";

const PHP_PYTHON_QUESTIONS: &str = "Years of professional PHP experience? | number | required | knockout >= 2
Years of professional Python experience? | number | required | knockout >= 1
Which PHP frameworks have you shipped with? | multiple: Laravel, Symfony, CodeIgniter, None | optional
Are you available for a pair-programming interview in US hours? | yes/no | required";

/// Creates the channels, credits the demo's applications to them, and publishes postings.
pub(super) async fn seed(store: &Store, recruiter: &User, requisitions: &[Requisition]) -> StoreResult<()> {
    let mut channels: Vec<ChannelId> = Vec::with_capacity(CHANNELS.len());
    for (name, kind, cost_basis, dollars) in CHANNELS {
        let spec = ChannelSpec {
            kind: *kind,
            name: (*name).into(),
            cost_basis: *cost_basis,
            cost_minor: dollars * 100,
            currency: Currency::USD,
        };
        channels.push(store.create_channel(recruiter, spec).await?.id);
    }
    credit_sources(store).await?;
    let careers = store.careers_channel().await?.id;
    let django = ScreeningForm { questions: parse_questions(DJANGO_QUESTIONS)?, auto_reject_reason: None };
    let php_python = ScreeningForm {
        questions: parse_questions(PHP_PYTHON_QUESTIONS)?,
        auto_reject_reason: Some("Does not meet minimum requirements".into()),
    };
    store.save_question_set(recruiter, "Django backend", &django.questions).await?;
    store.save_question_set(recruiter, "PHP/Python backend", &php_python.questions).await?;
    let today = now().date_naive();
    for req in requisitions.iter().filter(|r| r.status == RequisitionStatus::Open) {
        let title = req.spec.title.to_lowercase();
        if title.contains("django") {
            store.save_screening_form(recruiter, req.id, &django).await?;
        } else if title.contains("php") {
            store.save_screening_form(recruiter, req.id, &php_python).await?;
        }
        let mut posting = PostingSpec::draft_for(&req.spec, today);
        let location = req.spec.locations.first().map(String::as_str).unwrap_or("");
        posting.region = location.split_once(", ").map(|(_, region)| region.to_owned());
        posting.country = "US".into();
        if posting.city.is_none() {
            posting.applicant_countries = vec!["US".into(), "CA".into()];
        }
        posting.channels = [careers].into_iter().chain(channels[..4].iter().copied()).collect();
        store.save_posting(recruiter, req.id, None, posting, true).await?;
    }
    Ok(())
}

fn parse_questions(lines: &str) -> StoreResult<Vec<hired_domain::screening::ScreeningQuestion>> {
    parse_question_lines(lines).map_err(|e| Invalid::field("questions", e).into())
}

/// The demo's applications carry their source as text; each is credited to the channel of
/// that name, and "Careers page" to the careers site.
async fn credit_sources(store: &Store) -> StoreResult<()> {
    let careers = store.careers_channel().await?;
    let txn = store.write_txn().await?;
    store
        .exec(
            &txn,
            "UPDATE applications SET channel_id = $1 WHERE source = 'Careers page' AND channel_id IS NULL",
            [careers.id.0.into()],
        )
        .await?;
    store
        .exec(
            &txn,
            "UPDATE applications SET channel_id = (SELECT c.id FROM channels c WHERE c.name = applications.source)
             WHERE channel_id IS NULL",
            [],
        )
        .await?;
    txn.commit().await?;
    Ok(())
}
