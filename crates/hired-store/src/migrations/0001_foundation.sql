-- Staff accounts. Passwords are argon2id PHC strings; NULL means SSO-only / not yet set.
CREATE TABLE users (
    id {uuid} PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    password_hash TEXT,
    active {bool} NOT NULL,
    created_at {ts} NOT NULL
);

-- Server-side sessions. The cookie holds a random secret; only its SHA-256 is stored.
CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    user_id {uuid} NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at {ts} NOT NULL,
    expires_at {ts} NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

-- API bearer tokens, hashed at rest, acting as their user.
CREATE TABLE api_tokens (
    id {uuid} PRIMARY KEY,
    user_id {uuid} NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at {ts} NOT NULL,
    last_used_at {ts},
    revoked_at {ts}
);

-- Failed sign-ins, keyed by account and by client address, for throttling.
CREATE TABLE login_failures (
    throttle_key TEXT NOT NULL,
    at {ts} NOT NULL
);
CREATE INDEX login_failures_key ON login_failures(throttle_key, at);

CREATE TABLE departments (
    id {uuid} PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

-- Templates hold a whole requisition spec plus salary bands per level as JSON.
CREATE TABLE requisition_templates (
    id {uuid} PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    body {json} NOT NULL,
    updated_at {ts} NOT NULL
);

-- Requisitions: filterable fields are columns, the rest of the spec is JSON.
CREATE TABLE requisitions (
    id {uuid} PRIMARY KEY,
    title TEXT NOT NULL,
    department_id {uuid} REFERENCES departments(id),
    status TEXT NOT NULL,
    level TEXT NOT NULL,
    spec {json} NOT NULL,
    stages {json} NOT NULL,
    created_by {uuid} NOT NULL REFERENCES users(id),
    created_at {ts} NOT NULL,
    updated_at {ts} NOT NULL,
    version BIGINT NOT NULL
);
CREATE INDEX requisitions_status ON requisitions(status, updated_at);

CREATE TABLE hiring_team (
    requisition_id {uuid} NOT NULL REFERENCES requisitions(id) ON DELETE CASCADE,
    user_id {uuid} NOT NULL REFERENCES users(id),
    team_role TEXT NOT NULL,
    PRIMARY KEY (requisition_id, user_id)
);
CREATE INDEX hiring_team_user ON hiring_team(user_id);

CREATE TABLE candidates (
    id {uuid} PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT UNIQUE,
    phone TEXT,
    location TEXT,
    github TEXT,
    linkedin TEXT,
    portfolio TEXT,
    tags {json} NOT NULL,
    source TEXT,
    created_at {ts} NOT NULL,
    updated_at {ts} NOT NULL,
    version BIGINT NOT NULL
);

CREATE TABLE applications (
    id {uuid} PRIMARY KEY,
    candidate_id {uuid} NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    requisition_id {uuid} NOT NULL REFERENCES requisitions(id) ON DELETE CASCADE,
    stage TEXT NOT NULL,
    status TEXT NOT NULL,
    status_reason TEXT,
    source TEXT,
    created_at {ts} NOT NULL,
    updated_at {ts} NOT NULL,
    version BIGINT NOT NULL,
    UNIQUE (candidate_id, requisition_id)
);
-- Board columns and their counts, newest first within a column; terminal columns by status;
-- the whole requisition newest first (API list without a column).
CREATE INDEX applications_board ON applications(requisition_id, status, stage, updated_at, id);
CREATE INDEX applications_by_status ON applications(requisition_id, status, updated_at, id);
CREATE INDEX applications_recent ON applications(requisition_id, updated_at, id);
CREATE INDEX applications_candidate ON applications(candidate_id);

-- Applications per (requisition, status, stage), changed in the same transaction as every
-- insert and move, so the board's column counts are a short read at any pipeline size.
CREATE TABLE application_counts (
    requisition_id {uuid} NOT NULL REFERENCES requisitions(id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    stage TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (requisition_id, status, stage)
);

-- Every move of an application; drives the timeline and, later, analytics.
CREATE TABLE stage_events (
    id {uuid} PRIMARY KEY,
    application_id {uuid} NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    from_stage TEXT,
    from_status TEXT,
    to_stage TEXT NOT NULL,
    to_status TEXT NOT NULL,
    reason TEXT,
    actor_id {uuid} REFERENCES users(id),
    at {ts} NOT NULL
);
CREATE INDEX stage_events_application ON stage_events(application_id, at);

CREATE TABLE notes (
    id {uuid} PRIMARY KEY,
    candidate_id {uuid} NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    author_id {uuid} NOT NULL REFERENCES users(id),
    body TEXT NOT NULL,
    created_at {ts} NOT NULL
);
CREATE INDEX notes_candidate ON notes(candidate_id, created_at);

-- Files are content-addressed on disk by SHA-256; this row names one for a candidate.
CREATE TABLE attachments (
    id {uuid} PRIMARY KEY,
    candidate_id {uuid} NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    uploaded_by {uuid} REFERENCES users(id),
    created_at {ts} NOT NULL
);
CREATE INDEX attachments_candidate ON attachments(candidate_id);

CREATE TABLE rejection_reasons (
    label TEXT PRIMARY KEY,
    position BIGINT NOT NULL
);

-- Append-only: who did what to which record, with the changed fields.
CREATE TABLE audit_events (
    id {uuid} PRIMARY KEY,
    actor_id {uuid},
    actor_label TEXT NOT NULL,
    action TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id {uuid},
    changes {json} NOT NULL,
    at {ts} NOT NULL
);
CREATE INDEX audit_events_at ON audit_events(at);
CREATE INDEX audit_events_entity ON audit_events(entity_type, entity_id);

-- The durable job queue: parsing, mail and grading run from here with retries.
CREATE TABLE jobs (
    id {uuid} PRIMARY KEY,
    kind TEXT NOT NULL,
    payload {json} NOT NULL,
    status TEXT NOT NULL,
    attempts BIGINT NOT NULL,
    max_attempts BIGINT NOT NULL,
    run_at {ts} NOT NULL,
    last_error TEXT,
    locked_by TEXT,
    locked_at {ts},
    created_at {ts} NOT NULL,
    updated_at {ts} NOT NULL
);
CREATE INDEX jobs_ready ON jobs(status, run_at);
