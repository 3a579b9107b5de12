-- MLflow-compatible model registry: registered models, their versions (each from a run's model zip), aliases, and the
-- four-eyes approval requests that guard Production and the champion alias. Times are int64 ms since the epoch.
CREATE TABLE registered_models (
    model_id          INTEGER PRIMARY KEY,
    name              TEXT    NOT NULL UNIQUE,
    description       TEXT    NOT NULL DEFAULT '',
    created_by        TEXT    NOT NULL,
    creation_time     INTEGER NOT NULL,
    last_updated_time INTEGER NOT NULL,
    -- Version numbers are never reused, even after a version is deleted (as in MLflow).
    next_version      INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE registered_model_tags (
    model_id INTEGER NOT NULL REFERENCES registered_models (model_id),
    key      TEXT    NOT NULL,
    value    TEXT    NOT NULL,
    PRIMARY KEY (model_id, key)
);

CREATE TABLE model_versions (
    model_id          INTEGER NOT NULL REFERENCES registered_models (model_id),
    version           INTEGER NOT NULL,
    source            TEXT    NOT NULL,
    run_id            TEXT    NOT NULL REFERENCES runs (run_id),
    model_path        TEXT    NOT NULL,
    model_sha256      TEXT    NOT NULL,
    dataset           TEXT,
    snapshot_id       INTEGER,
    current_stage     TEXT    NOT NULL DEFAULT 'None' CHECK (current_stage IN ('None', 'Staging', 'Production', 'Archived')),
    description       TEXT    NOT NULL DEFAULT '',
    status            TEXT    NOT NULL DEFAULT 'READY' CHECK (status IN ('PENDING_REGISTRATION', 'FAILED_REGISTRATION', 'READY')),
    created_by        TEXT    NOT NULL,
    creation_time     INTEGER NOT NULL,
    last_updated_time INTEGER NOT NULL,
    PRIMARY KEY (model_id, version)
);
CREATE INDEX ix_model_versions_run ON model_versions (run_id);

CREATE TABLE model_version_tags (
    model_id INTEGER NOT NULL,
    version  INTEGER NOT NULL,
    key      TEXT    NOT NULL,
    value    TEXT    NOT NULL,
    PRIMARY KEY (model_id, version, key),
    FOREIGN KEY (model_id, version) REFERENCES model_versions (model_id, version)
);

CREATE TABLE model_aliases (
    model_id INTEGER NOT NULL,
    alias    TEXT    NOT NULL,
    version  INTEGER NOT NULL,
    PRIMARY KEY (model_id, alias),
    FOREIGN KEY (model_id, version) REFERENCES model_versions (model_id, version)
);

-- A request to move a version to Production or onto the champion alias; someone other than the requester decides.
CREATE TABLE model_approvals (
    approval_id      INTEGER PRIMARY KEY,
    model_id         INTEGER NOT NULL,
    version          INTEGER NOT NULL,
    target_kind      TEXT    NOT NULL CHECK (target_kind IN ('stage', 'alias')),
    target           TEXT    NOT NULL,
    archive_existing INTEGER NOT NULL DEFAULT 0,
    requested_by     TEXT    NOT NULL,
    requested_at     INTEGER NOT NULL,
    request_comment  TEXT    NOT NULL DEFAULT '',
    status           TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    decided_by       TEXT,
    decided_at       INTEGER,
    decision_comment TEXT,
    FOREIGN KEY (model_id, version) REFERENCES model_versions (model_id, version),
    CHECK (status = 'pending' OR decided_by <> requested_by)
);
CREATE INDEX ix_model_approvals_version ON model_approvals (model_id, version, status);
