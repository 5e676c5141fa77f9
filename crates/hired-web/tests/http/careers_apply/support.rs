//! Helpers for the application tests: a multipart body built by hand, a real resume from the
//! shared corpus, a live posting with screening questions, and a ZIP archive.

use axum::body::Body;
use axum::http::{Request, header};
use chrono::{Days, Utc};
use hired_domain::posting::{Posting, PostingInput, PostingSpec};
use hired_domain::requisition::{Requisition, RequisitionStatus};
use hired_domain::screening::{ScreeningForm, parse_question_lines};
use hired_domain::templates::django_backend;
use hired_domain::user::User;

use crate::{TestApp, TestResponse};

/// The multipart boundary of [`ApplyForm`] bodies.
pub const BOUNDARY: &str = "hired-apply-boundary";

/// A multipart application body, built by hand the way a browser sends it.
#[derive(Clone, Default)]
pub struct ApplyForm {
    parts: Vec<(String, Option<String>, Vec<u8>)>,
}

impl ApplyForm {
    /// A complete application from `name` at `email`, with consent and a real PDF resume.
    pub fn new(name: &str, email: &str) -> Self {
        Self::default().set("name", name).set("email", email).set("consent", "on").file("resume.pdf", &sample_pdf())
    }

    /// Replaces every value of `field` with `value`.
    pub fn set(self, field: &str, value: &str) -> Self {
        self.without(field).add(field, value)
    }

    /// Adds one more value of `field` (a second checkbox, say).
    pub fn add(mut self, field: &str, value: &str) -> Self {
        self.parts.push((field.into(), None, value.as_bytes().to_vec()));
        self
    }

    /// Drops `field`.
    pub fn without(mut self, field: &str) -> Self {
        self.parts.retain(|(name, _, _)| name != field);
        self
    }

    /// Replaces the resume with `bytes` named `file_name`.
    pub fn file(self, file_name: &str, bytes: &[u8]) -> Self {
        let mut form = self.without("resume");
        form.parts.push(("resume".into(), Some(file_name.into()), bytes.to_vec()));
        form
    }

    /// The body and its content type.
    pub fn encode(&self) -> (String, Vec<u8>) {
        let mut body = Vec::new();
        for (name, file_name, bytes) in &self.parts {
            body.extend_from_slice(
                format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"").as_bytes(),
            );
            if let Some(file_name) = file_name {
                body.extend_from_slice(
                    format!("; filename=\"{file_name}\"\r\nContent-Type: application/pdf").as_bytes(),
                );
            }
            body.extend_from_slice(b"\r\n\r\n");
            body.extend_from_slice(bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
        (format!("multipart/form-data; boundary={BOUNDARY}"), body)
    }
}

/// A real resume from the shared corpus, read at test time.
pub fn sample_pdf() -> Vec<u8> {
    let root = std::env::var("HIRED_CORPUS_DIR")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus").to_owned());
    let path = format!("{root}/resumes/pdf/059.pdf");
    std::fs::read(&path).unwrap_or_else(|e| panic!("the resume corpus is needed at {path} (set HIRED_CORPUS_DIR): {e}"))
}

/// Posts `form` to `path` with extra `headers`.
pub async fn send_form(app: &TestApp, path: &str, form: &ApplyForm, headers: &[(&str, &str)]) -> TestResponse {
    let (content_type, body) = form.encode();
    let mut request = Request::post(path).header(header::CONTENT_TYPE, content_type);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    app.send(request.body(Body::from(body)).unwrap()).await
}

/// Posts `form` to the apply page of `posting`.
pub async fn apply(app: &TestApp, posting: &Posting, form: &ApplyForm) -> TestResponse {
    send_form(app, &format!("/careers/{}/apply", posting.slug), form, &[]).await
}

/// An open requisition with a live posting, asking `questions` (one per line, see
/// `parse_question_lines`) and rejecting knockouts with `auto_reject` when given.
pub async fn live_posting(
    app: &TestApp,
    admin: &User,
    title: &str,
    questions: &str,
    auto_reject: Option<&str>,
) -> (Requisition, Posting) {
    let req = app.store.create_requisition(admin, django_backend().spec).await.unwrap();
    let req = app.store.change_requisition_status(admin, req.id, req.version, RequisitionStatus::Open).await.unwrap();
    let today = Utc::now().date_naive();
    let input = PostingInput {
        title: title.into(),
        description: "Build our **Django** APIs.".into(),
        city: "Berlin".into(),
        country: "DE".into(),
        valid_through: (today + Days::new(30)).to_string(),
        ..PostingInput::default()
    };
    let spec = PostingSpec::parse(&input, today).unwrap();
    let posting = app.store.save_posting(admin, req.id, None, spec, true).await.unwrap();
    if !questions.is_empty() {
        let form = ScreeningForm {
            questions: parse_question_lines(questions).unwrap(),
            auto_reject_reason: auto_reject.map(str::to_owned),
        };
        app.store.save_screening_form(admin, req.id, &form).await.unwrap();
    }
    (req, posting)
}

/// The questions the screening tests ask: one of each kind.
pub const QUESTIONS: &str = "Years of professional Django experience? | number | required | knockout >= 2
Are you authorized to work in the EU? | yes/no | required | knockout = yes
Which frameworks have you shipped with? | multiple: Django, Flask, FastAPI | optional
Notice period | single: None, 1 month, 3 months | optional
Your favourite Django package | short text | optional
Anything else we should know? | long text | optional";

/// A ZIP archive with `entries`, stored without compression.
pub fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    fn crc32(data: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &b in data {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
            }
        }
        !crc
    }
    let (mut out, mut central) = (Vec::new(), Vec::new());
    for (name, data) in entries {
        let offset = out.len() as u32;
        let common = [
            &20u16.to_le_bytes()[..],
            &0u16.to_le_bytes(),
            &0u16.to_le_bytes(),
            &0u16.to_le_bytes(),
            &33u16.to_le_bytes(),
            &crc32(data).to_le_bytes(),
            &(data.len() as u32).to_le_bytes(),
            &(data.len() as u32).to_le_bytes(),
            &(name.len() as u16).to_le_bytes(),
            &0u16.to_le_bytes(),
        ]
        .concat();
        out.extend_from_slice(b"PK\x03\x04");
        out.extend_from_slice(&common);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        central.extend_from_slice(b"PK\x01\x02\x14\x00");
        central.extend_from_slice(&common);
        central.extend_from_slice(&[0; 8]);
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let (cd_offset, cd_size, count) = (out.len() as u32, central.len() as u32, entries.len() as u16);
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
    out.extend_from_slice(&[count.to_le_bytes(), count.to_le_bytes()].concat());
    out.extend_from_slice(&[cd_size.to_le_bytes(), cd_offset.to_le_bytes()].concat());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// Runs the test body `$name(app)` on SQLite and on PostgreSQL, as `$name::sqlite` and `$name::postgres`.
macro_rules! on_both_backends {
    ($name:ident) => {
        mod $name {
            use hired_store::testing::Backend;

            #[tokio::test]
            async fn sqlite() {
                super::$name(crate::TestApp::on(Backend::Sqlite).await).await;
            }

            #[tokio::test]
            async fn postgres() {
                super::$name(crate::TestApp::on(Backend::Postgres).await).await;
            }
        }
    };
}
pub(crate) use on_both_backends;
