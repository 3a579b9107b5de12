-- Deployments: scoring endpoints over copied model versions. Serving replicas read only these tables, never the
-- registry. Times are int64 milliseconds since the epoch. "revision" grows on every change that serving must
-- notice (new targets, status); replicas poll it.
CREATE TABLE deployments (
    id                  INTEGER PRIMARY KEY,
    name                TEXT    NOT NULL UNIQUE,
    replicas            INTEGER NOT NULL CHECK (replicas BETWEEN 1 AND 64),
    status              TEXT    NOT NULL CHECK (status IN ('active', 'stopped')),
    generation          INTEGER NOT NULL,
    revision            INTEGER NOT NULL,
    created_by          TEXT    NOT NULL,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    requests            INTEGER NOT NULL DEFAULT 0,
    failed_requests     INTEGER NOT NULL DEFAULT 0,
    dropped_predictions INTEGER NOT NULL DEFAULT 0
);

-- Each redeploy, rollback or canary change writes a new generation of targets; older generations stay for rollback
-- and history. Two targets in one generation are a canary split by weight.
CREATE TABLE deployment_targets (
    id            INTEGER PRIMARY KEY,
    deployment_id INTEGER NOT NULL REFERENCES deployments (id),
    generation    INTEGER NOT NULL,
    model         TEXT    NOT NULL,
    version       TEXT    NOT NULL,
    run_id        TEXT    NOT NULL,
    model_path    TEXT    NOT NULL,
    sha256        TEXT    NOT NULL,
    snapshot_id   INTEGER,
    weight        INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 100),
    created_at    INTEGER NOT NULL
);
CREATE INDEX ix_deployment_targets ON deployment_targets (deployment_id, generation);

-- Access keys, stored as SHA-256 of a 256-bit secret; the secret is shown once.
CREATE TABLE deployment_keys (
    id            INTEGER PRIMARY KEY,
    deployment_id INTEGER NOT NULL REFERENCES deployments (id),
    name          TEXT    NOT NULL,
    key_hash      TEXT    NOT NULL UNIQUE,
    prefix        TEXT    NOT NULL,
    created_by    TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    revoked_at    INTEGER
);
CREATE INDEX ix_deployment_keys_deployment ON deployment_keys (deployment_id);

-- The prediction log, written in batches by the background writer. Monitoring reads it by deployment and time window.
CREATE TABLE predictions (
    uuid          TEXT    NOT NULL PRIMARY KEY,
    deployment_id INTEGER NOT NULL REFERENCES deployments (id),
    model_version TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    latency_ms    REAL    NOT NULL,
    inputs        TEXT    NOT NULL,
    probability   REAL    NOT NULL,
    label         INTEGER NOT NULL CHECK (label IN (0, 1))
);
CREATE INDEX ix_predictions_window ON predictions (deployment_id, created_at);

-- Delayed ground truth for logged predictions (CML's track_delayed_metrics).
CREATE TABLE prediction_labels (
    uuid       TEXT    NOT NULL PRIMARY KEY REFERENCES predictions (uuid),
    label      INTEGER NOT NULL CHECK (label IN (0, 1)),
    labeled_at INTEGER NOT NULL
);
CREATE INDEX ix_prediction_labels_time ON prediction_labels (labeled_at);
