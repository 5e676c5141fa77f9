//! The pages an applicant sees instead of the form: their application received, already
//! applied, the job not open, or too many applications from their network.

use askama::Template;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

use crate::error::AppResult;

/// Which outcome to show.
pub(super) enum Outcome {
    /// Taken (or a retry of one taken): thanks and what happens next.
    Received,
    /// This person applied to this job before; nothing changed.
    AlreadyApplied,
    /// No live posting at this address.
    NotOpen,
    /// The network's rate limit is spent for now.
    TooMany {
        /// Seconds until another application is taken.
        seconds: u64,
    },
}

/// The outcome page.
#[derive(Template)]
#[template(path = "careers/applied.html")]
pub(super) struct OutcomePage {
    company_name: String,
    kind: Outcome,
    /// The job's title, when known.
    title: String,
    /// The posting's address, when known.
    slug: String,
}

impl OutcomePage {
    /// The page for `kind`; `title` and `slug` are empty when the posting is not known.
    pub(super) fn new(company_name: &str, kind: Outcome, title: &str, slug: &str) -> Self {
        Self { company_name: company_name.to_owned(), kind, title: title.to_owned(), slug: slug.to_owned() }
    }

    /// The page with the status its outcome calls for (`Retry-After` on 429).
    pub(super) fn respond(&self) -> AppResult<Response> {
        let status = match self.kind {
            Outcome::Received | Outcome::AlreadyApplied => StatusCode::OK,
            Outcome::NotOpen => StatusCode::NOT_FOUND,
            Outcome::TooMany { .. } => StatusCode::TOO_MANY_REQUESTS,
        };
        let mut response = (status, Html(self.render()?)).into_response();
        if let Outcome::TooMany { seconds } = self.kind {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        Ok(response)
    }
}
