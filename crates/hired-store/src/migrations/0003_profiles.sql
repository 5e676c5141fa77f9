-- What resume intake read from a candidate's latest resume: the profile, or why it could not.
CREATE TABLE candidate_profiles (
    candidate_id {uuid} PRIMARY KEY REFERENCES candidates(id) ON DELETE CASCADE,
    attachment_id {uuid} REFERENCES attachments(id) ON DELETE SET NULL,
    status TEXT NOT NULL,
    profile {json},
    warnings {json} NOT NULL,
    error TEXT,
    parse_ms BIGINT NOT NULL,
    parsed_at {ts} NOT NULL
);
