-- Where postings go and applicants come from, with what each costs.
CREATE TABLE channels (
    id {uuid} PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL UNIQUE,
    cost_basis TEXT NOT NULL,
    cost_minor BIGINT NOT NULL,
    currency TEXT NOT NULL,
    active {bool} NOT NULL,
    created_at {ts} NOT NULL
);

-- One posting per requisition. Filterable facts of the requisition are copied here when the
-- posting or the requisition is saved, so the careers list is one indexed read.
CREATE TABLE postings (
    id {uuid} PRIMARY KEY,
    requisition_id {uuid} NOT NULL UNIQUE REFERENCES requisitions(id) ON DELETE CASCADE,
    slug TEXT NOT NULL UNIQUE,
    spec {json} NOT NULL,
    title TEXT NOT NULL,
    city TEXT,
    country TEXT NOT NULL,
    department_id {uuid} REFERENCES departments(id),
    level TEXT NOT NULL,
    remote TEXT NOT NULL,
    employment_type TEXT NOT NULL,
    live {bool} NOT NULL,
    published {bool} NOT NULL,
    published_at {ts},
    valid_through TEXT NOT NULL,
    updated_at {ts} NOT NULL,
    version BIGINT NOT NULL
);
CREATE INDEX postings_live ON postings(live, published_at);

CREATE TABLE posting_channels (
    posting_id {uuid} NOT NULL REFERENCES postings(id) ON DELETE CASCADE,
    channel_id {uuid} NOT NULL REFERENCES channels(id),
    added_at {ts} NOT NULL,
    PRIMARY KEY (posting_id, channel_id)
);
CREATE INDEX posting_channels_channel ON posting_channels(channel_id);

-- A requisition's screening questions and knockout policy.
CREATE TABLE screening_forms (
    requisition_id {uuid} PRIMARY KEY REFERENCES requisitions(id) ON DELETE CASCADE,
    body {json} NOT NULL,
    updated_at {ts} NOT NULL
);

-- Saved question sets, reusable across requisitions.
CREATE TABLE question_sets (
    id {uuid} PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    body {json} NOT NULL,
    updated_at {ts} NOT NULL
);

ALTER TABLE applications ADD COLUMN channel_id {uuid} REFERENCES channels(id);
ALTER TABLE applications ADD COLUMN referrer_id {uuid} REFERENCES users(id);
ALTER TABLE applications ADD COLUMN screening {json};
ALTER TABLE applications ADD COLUMN meets_requirements {bool};
ALTER TABLE applications ADD COLUMN cover_letter TEXT;
CREATE INDEX applications_channel ON applications(channel_id, status);

-- Same digits, same person: phone numbers as digits only, for duplicate detection.
ALTER TABLE candidates ADD COLUMN phone_key TEXT;
ALTER TABLE candidates ADD COLUMN talent_pool {bool};
ALTER TABLE candidates ADD COLUMN consent_at {ts};
CREATE INDEX candidates_phone_key ON candidates(phone_key);

ALTER TABLE attachments ADD COLUMN application_id {uuid} REFERENCES applications(id) ON DELETE SET NULL;

-- A retried submission with the same key returns the first result instead of a duplicate.
CREATE TABLE idempotency_keys (
    idem_key TEXT PRIMARY KEY,
    application_id {uuid} NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    created_at {ts} NOT NULL
);
