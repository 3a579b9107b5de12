-- Drift counts per closed hour (issue #14's speed goal): the background roll-up counts each closed hour of a
-- deployment's logged inputs once, per training snapshot (whose bins it uses), so a drift report over 30 days sums
-- about 150k small rows instead of parsing a million logged inputs. An hour is marked counted in the same transaction
-- as its counts; the mark's primary key makes two instances counting the same hour harmless (the second inserts nothing).
CREATE TABLE monitoring_drift_hours (
    deployment_id INTEGER NOT NULL,
    snapshot_id   INTEGER NOT NULL,
    hour          INTEGER NOT NULL,
    counted_at    INTEGER NOT NULL,
    PRIMARY KEY (deployment_id, snapshot_id, hour)
);

-- One row per (hour, feature, bin or category). bin is a numeric feature's bin; category a text feature's value
-- (NULL with a NULL bin: the value was missing).
CREATE TABLE monitoring_drift_counts (
    deployment_id INTEGER NOT NULL,
    snapshot_id   INTEGER NOT NULL,
    hour          INTEGER NOT NULL,
    feature       TEXT    NOT NULL,
    bin           INTEGER,
    category      TEXT,
    n             INTEGER NOT NULL
);
CREATE INDEX ix_monitoring_drift_counts ON monitoring_drift_counts (deployment_id, snapshot_id, hour);

-- A training snapshot's side of drift (bins and counts per feature), as JSON: snapshots are immutable, so it is
-- counted once (the roll-up saves it) instead of once per process start.
CREATE TABLE monitoring_references (
    snapshot_id INTEGER PRIMARY KEY,
    reference   TEXT    NOT NULL,
    counted_at  INTEGER NOT NULL
);

-- What the log says of each closed hour, for the metrics page: the prediction count, exact latency percentiles of the
-- hour, its latencies in 2 % log buckets (so wider windows merge hours; JSON [[bucket, count], …]) and its probability
-- histogram per layout and predicted label (JSON [[layout, bin, predicted, count, sum, squares], …]) and the hour's
-- estimate from it (JSON; its bands are simulated, the costly part of a month of hourly windows). The row is its
-- own mark: inserted once, by whichever instance counts the hour first.
CREATE TABLE monitoring_log_hours (
    deployment_id INTEGER NOT NULL,
    hour          INTEGER NOT NULL,
    counted_at    INTEGER NOT NULL,
    predictions   INTEGER NOT NULL,
    p50           REAL,
    p95           REAL,
    p99           REAL,
    latency       TEXT    NOT NULL,
    histogram     TEXT    NOT NULL,
    estimate      TEXT,
    PRIMARY KEY (deployment_id, hour)
);
