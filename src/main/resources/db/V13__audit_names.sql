-- Every name a bulk import or receiver request touched (added or refreshed), for
-- `audit search --object NAME` (issue #16): "when did ThreatQ add this, and from what?". An
-- import's audit record lists only its first names; its sorted batches are kept here beside
-- it, one block each, front-coded like entry runs' names (RunNames) and deflated. A 1M-name import
-- writes 200 blocks; a lookup reads the one block of each import whose range holds the name.
CREATE TABLE audit_name_block (
    audit_id    BIGINT NOT NULL REFERENCES audit_log (id) ON DELETE CASCADE,
    first_name  VARCHAR(253) NOT NULL,
    last_name   VARCHAR(253) NOT NULL,
    names       BYTEA NOT NULL
);
CREATE INDEX audit_name_block_first ON audit_name_block (first_name);
CREATE INDEX audit_name_block_audit ON audit_name_block (audit_id);
