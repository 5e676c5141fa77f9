-- Recruiters' edits to a parsed profile, kept apart from what the reader found so that a new
-- reading never overwrites them; and the resume's plain text, shown beside the profile.
ALTER TABLE candidate_profiles ADD COLUMN edits {json};
ALTER TABLE candidate_profiles ADD COLUMN resume_text TEXT;

-- Skill aliases admins add to the built-in taxonomy ("Dj" -> Django), by normalized alias.
CREATE TABLE taxonomy_aliases (
    alias TEXT PRIMARY KEY,
    canonical TEXT NOT NULL,
    created_by {uuid} REFERENCES users(id),
    created_at {ts} NOT NULL
);

-- Resume files uploaded for bulk import through the admin page or the API, read in the job
-- queue; each item ends as a new candidate, a merge into an existing one, or a failure.
CREATE TABLE import_batches (
    id {uuid} PRIMARY KEY,
    created_by {uuid} REFERENCES users(id),
    created_at {ts} NOT NULL
);

CREATE TABLE import_items (
    id {uuid} PRIMARY KEY,
    batch_id {uuid} NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    status TEXT NOT NULL,
    candidate_id {uuid} REFERENCES candidates(id) ON DELETE SET NULL,
    error TEXT,
    finished_at {ts}
);
CREATE INDEX import_items_batch ON import_items(batch_id, position);
