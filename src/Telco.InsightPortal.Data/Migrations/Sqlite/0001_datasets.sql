CREATE TABLE datasets (
    id                  INTEGER PRIMARY KEY,
    name                TEXT    NOT NULL UNIQUE,
    description         TEXT,
    generator           TEXT,
    created_at          TEXT    NOT NULL,
    created_by          TEXT    NOT NULL,
    current_snapshot_id INTEGER,
    next_row_id         INTEGER NOT NULL DEFAULT 1,
    total_rows          INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE dataset_columns (
    dataset_id INTEGER NOT NULL REFERENCES datasets (id),
    ordinal    INTEGER NOT NULL,
    name       TEXT    NOT NULL,
    type       TEXT    NOT NULL,
    role       TEXT    NOT NULL,
    nullable   INTEGER NOT NULL,
    pii        INTEGER NOT NULL,
    PRIMARY KEY (dataset_id, ordinal)
);

CREATE TABLE snapshots (
    id           INTEGER PRIMARY KEY,
    dataset_id   INTEGER NOT NULL REFERENCES datasets (id),
    parent_id    INTEGER REFERENCES snapshots (id),
    committed_at TEXT    NOT NULL,
    committed_by TEXT    NOT NULL,
    operation    TEXT    NOT NULL,
    rows_added   INTEGER NOT NULL,
    rows_skipped INTEGER NOT NULL,
    total_rows   INTEGER NOT NULL,
    row_start    INTEGER NOT NULL,
    row_end      INTEGER NOT NULL,
    content_hash TEXT    NOT NULL,
    source       TEXT    NOT NULL
);

CREATE INDEX ix_snapshots_dataset ON snapshots (dataset_id, id);
CREATE INDEX ix_snapshots_hash ON snapshots (dataset_id, content_hash);

-- A snapshot is immutable: results keyed by its id may be cached forever.
CREATE TRIGGER snapshots_no_update BEFORE UPDATE ON snapshots
BEGIN SELECT RAISE(ABORT, 'snapshots are immutable'); END;
CREATE TRIGGER snapshots_no_delete BEFORE DELETE ON snapshots
BEGIN SELECT RAISE(ABORT, 'snapshots are immutable'); END;
