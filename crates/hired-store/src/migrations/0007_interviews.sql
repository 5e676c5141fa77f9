-- Interviews of an application: what each is for, its kit (competency keys from the library,
-- fixed when it is set up so later library edits do not change a scorecard's questions).
CREATE TABLE interviews (
    id {uuid} PRIMARY KEY,
    application_id {uuid} NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    competencies {json} NOT NULL,
    created_by {uuid} NOT NULL REFERENCES users(id),
    created_at {ts} NOT NULL
);
CREATE INDEX interviews_application ON interviews(application_id, created_at);

-- Who interviews; a panelist without a scorecard owes one and reads no one else's.
CREATE TABLE interview_panel (
    interview_id {uuid} NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
    user_id {uuid} NOT NULL REFERENCES users(id),
    PRIMARY KEY (interview_id, user_id)
);
CREATE INDEX interview_panel_user ON interview_panel(user_id);

-- One scorecard per panelist and interview, replaced when they submit again.
CREATE TABLE scorecards (
    id {uuid} PRIMARY KEY,
    interview_id {uuid} NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
    author_id {uuid} NOT NULL REFERENCES users(id),
    recommendation TEXT NOT NULL,
    body {json} NOT NULL,
    submitted_at {ts} NOT NULL,
    UNIQUE (interview_id, author_id)
);
