-- Which database this is, so a node's on-disk search index is reused only with the store
-- it was built from. One row, written by the first node that asks.
CREATE TABLE store_identity (
    one INTEGER PRIMARY KEY CHECK (one = 1),
    id {uuid} NOT NULL
);
