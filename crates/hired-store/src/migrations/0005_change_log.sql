-- Candidates who asked not to be contacted: rediscovery leaves them out.
ALTER TABLE candidates ADD COLUMN do_not_contact {bool} NOT NULL DEFAULT FALSE;

-- Searches staff keep to run again, each private to its author.
CREATE TABLE saved_searches (
    id {uuid} PRIMARY KEY,
    user_id {uuid} NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    query TEXT NOT NULL,
    created_at {ts} NOT NULL
);
CREATE INDEX saved_searches_by_user ON saved_searches (user_id, created_at);
