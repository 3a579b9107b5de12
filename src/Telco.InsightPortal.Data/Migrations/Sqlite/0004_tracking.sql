-- MLflow-compatible experiment tracking. Times are int64 milliseconds since the epoch, as MLflow sends them.
CREATE TABLE experiments (
    experiment_id     INTEGER PRIMARY KEY,
    name              TEXT    NOT NULL UNIQUE,
    artifact_location TEXT    NOT NULL,
    lifecycle_stage   TEXT    NOT NULL DEFAULT 'active' CHECK (lifecycle_stage IN ('active', 'deleted')),
    creation_time     INTEGER NOT NULL,
    last_update_time  INTEGER NOT NULL
);

CREATE TABLE experiment_tags (
    experiment_id INTEGER NOT NULL REFERENCES experiments (experiment_id),
    key           TEXT    NOT NULL,
    value         TEXT    NOT NULL,
    PRIMARY KEY (experiment_id, key)
);

-- MLflow clients that name no experiment log to experiment 0.
INSERT INTO experiments (experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time)
VALUES (0, 'Default', 'mlflow-artifacts:/0', 'active', 0, 0);

CREATE TABLE runs (
    run_id          TEXT    NOT NULL PRIMARY KEY,
    experiment_id   INTEGER NOT NULL REFERENCES experiments (experiment_id),
    run_name        TEXT    NOT NULL,
    user_id         TEXT    NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED')),
    start_time      INTEGER NOT NULL,
    end_time        INTEGER,
    lifecycle_stage TEXT    NOT NULL DEFAULT 'active' CHECK (lifecycle_stage IN ('active', 'deleted')),
    artifact_uri    TEXT    NOT NULL
);
CREATE INDEX ix_runs_experiment ON runs (experiment_id, start_time);

CREATE TABLE run_params (
    run_id TEXT NOT NULL REFERENCES runs (run_id),
    key    TEXT NOT NULL,
    value  TEXT NOT NULL,
    PRIMARY KEY (run_id, key)
);

CREATE TABLE run_tags (
    run_id TEXT NOT NULL REFERENCES runs (run_id),
    key    TEXT NOT NULL,
    value  TEXT NOT NULL,
    PRIMARY KEY (run_id, key)
);

-- Every logged value: the history a chart draws. A NULL value is NaN, which SQLite cannot store (it turns it into NULL).
CREATE TABLE run_metrics (
    id        INTEGER PRIMARY KEY,
    run_id    TEXT    NOT NULL REFERENCES runs (run_id),
    key       TEXT    NOT NULL,
    value     REAL,
    timestamp INTEGER NOT NULL,
    step      INTEGER NOT NULL
);
CREATE INDEX ix_run_metrics_history ON run_metrics (run_id, key, step, timestamp);

-- The value with the highest (step, timestamp, value), kept on write so that search filters and sorts on one row per key.
CREATE TABLE run_latest_metrics (
    run_id    TEXT    NOT NULL REFERENCES runs (run_id),
    key       TEXT    NOT NULL,
    value     REAL,
    timestamp INTEGER NOT NULL,
    step      INTEGER NOT NULL,
    PRIMARY KEY (run_id, key)
);
CREATE INDEX ix_run_latest_metrics_key ON run_latest_metrics (key, value);
