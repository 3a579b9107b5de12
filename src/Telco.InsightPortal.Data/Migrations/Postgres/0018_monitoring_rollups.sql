-- Monitoring roll-ups (issue #14): drift counts and log figures per closed hour, training references; see the SQLite
-- migration of the same number.
CREATE TABLE monitoring_drift_hours (
    deployment_id BIGINT NOT NULL,
    snapshot_id   BIGINT NOT NULL,
    hour          BIGINT NOT NULL,
    counted_at    BIGINT NOT NULL,
    PRIMARY KEY (deployment_id, snapshot_id, hour)
);

CREATE TABLE monitoring_drift_counts (
    deployment_id BIGINT NOT NULL,
    snapshot_id   BIGINT NOT NULL,
    hour          BIGINT NOT NULL,
    feature       TEXT   NOT NULL,
    bin           INTEGER,
    category      TEXT,
    n             BIGINT NOT NULL
);
CREATE INDEX ix_monitoring_drift_counts ON monitoring_drift_counts (deployment_id, snapshot_id, hour);

CREATE TABLE monitoring_references (
    snapshot_id BIGINT PRIMARY KEY,
    reference   TEXT   NOT NULL,
    counted_at  BIGINT NOT NULL
);

CREATE TABLE monitoring_log_hours (
    deployment_id BIGINT NOT NULL,
    hour          BIGINT NOT NULL,
    counted_at    BIGINT NOT NULL,
    predictions   BIGINT NOT NULL,
    p50           DOUBLE PRECISION,
    p95           DOUBLE PRECISION,
    p99           DOUBLE PRECISION,
    latency       TEXT   NOT NULL,
    histogram     TEXT   NOT NULL,
    estimate      TEXT,
    PRIMARY KEY (deployment_id, hour)
);
