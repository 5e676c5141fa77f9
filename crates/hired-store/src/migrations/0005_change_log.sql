-- Candidates who asked not to be contacted: rediscovery leaves them out.
ALTER TABLE candidates ADD COLUMN do_not_contact {bool} NOT NULL DEFAULT FALSE;
