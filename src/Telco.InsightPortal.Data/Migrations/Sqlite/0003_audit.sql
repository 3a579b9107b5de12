-- The audit trail: append-only and hash-chained. See AuditHash for the encoding each hash covers.
-- audit_head is the one row that hands out sequence numbers: it is advanced inside the writer's
-- transaction, so a rollback returns the number and the sequence has no gaps.
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash TEXT    NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE audit_entries (
    seq            INTEGER PRIMARY KEY,
    at             TEXT    NOT NULL,
    actor          TEXT    NOT NULL,
    source_ip      TEXT,
    user_agent     TEXT,
    action         TEXT    NOT NULL,
    target_type    TEXT    NOT NULL,
    target_id      TEXT,
    outcome        TEXT    NOT NULL,
    details        TEXT,
    correlation_id TEXT,
    prev_hash      TEXT    NOT NULL,
    hash           TEXT    NOT NULL
);

-- Keyset paging (seq) under each filter the audit page offers.
CREATE INDEX ix_audit_actor ON audit_entries (actor, seq);
CREATE INDEX ix_audit_action ON audit_entries (action, seq);
CREATE INDEX ix_audit_target ON audit_entries (target_type, target_id, seq);
CREATE INDEX ix_audit_outcome ON audit_entries (outcome, seq);
CREATE INDEX ix_audit_at ON audit_entries (at, seq);

CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;

-- Signed (HMAC) statements of the chain head; the key is kept outside the store.
CREATE TABLE audit_checkpoints (
    id        INTEGER PRIMARY KEY,
    seq       INTEGER NOT NULL,
    hash      TEXT    NOT NULL,
    at        TEXT    NOT NULL,
    key_id    TEXT    NOT NULL,
    signature TEXT    NOT NULL
);

CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;
CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;
