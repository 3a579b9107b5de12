-- The prediction log, re-laid for tens of thousands of rows a second (issue #5's logging cost goal). What each row
-- costs the writer is mostly the bytes and b-trees SQLite updates, so:
--   * one b-tree per row: the primary key (deployment_id, uuid) with time-ordered UUIDv7 ids stored as 16 big-endian
--     bytes, so inserts append, a label finds its prediction by key, and a time window is a key range (the first 48
--     bits of a UUIDv7 are its milliseconds); no second index on created_at;
--   * inputs as a JSON array in the column order of the row's layout, a third of the bytes of a keyed object; the
--     layout (deployment, model version, column names) is stored once in prediction_layouts, so SQL can still name
--     features: json_extract(p.inputs, '$[' || (SELECT key FROM json_each(l.columns) WHERE value = 'tenure') || ']').
-- Rows logged before this migration are carried over in the new form; only rows whose id is not a UUID string (never
-- written by serving, only by hand) cannot be keyed and are left out.
ALTER TABLE prediction_labels RENAME TO prediction_labels_0007;
ALTER TABLE predictions RENAME TO predictions_0007;

CREATE TABLE prediction_layouts (
    id            INTEGER PRIMARY KEY,
    deployment_id INTEGER NOT NULL REFERENCES deployments (id),
    model_version TEXT    NOT NULL,
    columns       TEXT    NOT NULL,
    UNIQUE (deployment_id, model_version, columns)
);

CREATE TABLE predictions (
    deployment_id INTEGER NOT NULL,
    uuid          BLOB    NOT NULL CHECK (length(uuid) = 16),
    layout_id     INTEGER NOT NULL REFERENCES prediction_layouts (id),
    created_at    INTEGER NOT NULL,
    latency_ms    REAL    NOT NULL,
    inputs        TEXT    NOT NULL,
    probability   REAL    NOT NULL,
    label         INTEGER NOT NULL CHECK (label IN (0, 1)),
    PRIMARY KEY (deployment_id, uuid)
) WITHOUT ROWID;

-- Delayed ground truth (CML's track_delayed_metrics); a later label for the same prediction replaces the earlier one.
CREATE TABLE prediction_labels (
    deployment_id INTEGER NOT NULL,
    uuid          BLOB    NOT NULL,
    label         INTEGER NOT NULL CHECK (label IN (0, 1)),
    labeled_at    INTEGER NOT NULL,
    PRIMARY KEY (deployment_id, uuid),
    FOREIGN KEY (deployment_id, uuid) REFERENCES predictions (deployment_id, uuid)
) WITHOUT ROWID;
CREATE INDEX ix_prediction_labels_labeled ON prediction_labels (labeled_at);

-- Requests, failures and drops per deployment and minute, for the error-rate chart; the writer adds to the minute
-- of each request it drains.
CREATE TABLE deployment_minutes (
    deployment_id INTEGER NOT NULL REFERENCES deployments (id),
    minute        INTEGER NOT NULL,
    requests      INTEGER NOT NULL,
    failed        INTEGER NOT NULL,
    dropped       INTEGER NOT NULL,
    PRIMARY KEY (deployment_id, minute)
) WITHOUT ROWID;

INSERT INTO prediction_layouts (deployment_id, model_version, columns)
SELECT DISTINCT deployment_id, model_version, (SELECT json_group_array(key) FROM json_each(inputs))
FROM predictions_0007;

INSERT INTO predictions (deployment_id, uuid, layout_id, created_at, latency_ms, inputs, probability, label)
SELECT p.deployment_id, unhex(replace(p.uuid, '-', '')), l.id, p.created_at, p.latency_ms,
       (SELECT json_group_array(value) FROM json_each(p.inputs)), p.probability, p.label
FROM predictions_0007 p
JOIN prediction_layouts l ON l.deployment_id = p.deployment_id AND l.model_version = p.model_version
    AND l.columns = (SELECT json_group_array(key) FROM json_each(p.inputs))
WHERE length(replace(p.uuid, '-', '')) = 32 AND unhex(replace(p.uuid, '-', '')) IS NOT NULL;

INSERT INTO prediction_labels (deployment_id, uuid, label, labeled_at)
SELECT p.deployment_id, unhex(replace(l.uuid, '-', '')), l.label, l.labeled_at
FROM prediction_labels_0007 l JOIN predictions_0007 p ON p.uuid = l.uuid
WHERE length(replace(l.uuid, '-', '')) = 32 AND unhex(replace(l.uuid, '-', '')) IS NOT NULL;

DROP TABLE prediction_labels_0007;
DROP TABLE predictions_0007;
