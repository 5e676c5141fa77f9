-- Which database this is, so a node's on-disk search index is reused only with the store
-- it was built from. One row, written by the first node that asks.
CREATE TABLE store_identity (
    one INTEGER PRIMARY KEY CHECK (one = 1),
    id {uuid} NOT NULL
);

-- What the applicant expects to earn ({"minor": cents, "currency": "EUR"}), in the period of
-- the requisition's band: matching compares it with the band.
ALTER TABLE applications ADD COLUMN salary_expectation {json};
