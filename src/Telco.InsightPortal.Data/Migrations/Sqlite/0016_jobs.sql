-- Jobs (issue #14). A job's definition is kept as the text the API answers with; each run keeps the definition it
-- ran (with its overrides), so editing a job never rewrites history. A run is claimed by moving it from queued to
-- running in one UPDATE, so two instances never run it twice; its heartbeat shows which instance is alive.
CREATE TABLE jobs (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL UNIQUE,
    kind       TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    schedule   TEXT,
    enabled    INTEGER NOT NULL,
    version    INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    created_by TEXT    NOT NULL,
    updated_at INTEGER NOT NULL,
    updated_by TEXT    NOT NULL
);

CREATE TABLE job_runs (
    id               INTEGER PRIMARY KEY,
    job_name         TEXT    NOT NULL,
    job_version      INTEGER NOT NULL,
    definition       TEXT    NOT NULL,
    status           TEXT    NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'interrupted', 'cancelled')),
    cause            TEXT    NOT NULL,
    requested_by     TEXT    NOT NULL,
    attempt          INTEGER NOT NULL,
    retry_of         INTEGER REFERENCES job_runs (id),
    upstream_run     INTEGER REFERENCES job_runs (id),
    queued_at        INTEGER NOT NULL,
    not_before       INTEGER NOT NULL,
    started_at       INTEGER,
    finished_at      INTEGER,
    heartbeat_at     INTEGER,
    node             TEXT,
    cancel_requested INTEGER NOT NULL DEFAULT 0,
    error            TEXT
);

CREATE INDEX ix_job_runs_job ON job_runs (job_name, id);
CREATE INDEX ix_job_runs_status ON job_runs (status, id);
-- A run is retried at most once: the retry of a run is unique.
CREATE UNIQUE INDEX ux_job_runs_retry_of ON job_runs (retry_of);

CREATE TABLE job_run_steps (
    run_id      INTEGER NOT NULL REFERENCES job_runs (id),
    idx         INTEGER NOT NULL,
    name        TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    status      TEXT    NOT NULL,
    started_at  INTEGER,
    finished_at INTEGER,
    outputs     TEXT,
    error       TEXT,
    log         TEXT    NOT NULL,
    PRIMARY KEY (run_id, idx)
);

-- The name Quartz knows this store's scheduler by: every instance on this store reads the same name (so they form one
-- cluster), and portals on different stores in one process (tests) never share Quartz's process-wide scheduler.
CREATE TABLE scheduler_identity (name TEXT NOT NULL);
INSERT INTO scheduler_identity (name) VALUES ('portal-' || lower(hex(randomblob(6))));

-- The scheduler's own tables: Quartz.NET's ADO.NET job store (clustered on PostgreSQL), with the column names it
-- reads and writes. Jobs above are the portal's record; these hold Quartz's triggers, fire times and locks.
CREATE TABLE qrtz_job_details (
    sched_name NVARCHAR(200) NOT NULL, job_name NVARCHAR(200) NOT NULL, job_group NVARCHAR(200) NOT NULL, description NVARCHAR(200),
    job_class_name NVARCHAR(200) NOT NULL, is_durable BIT NOT NULL, is_nonconcurrent BIT NOT NULL, is_update_data BIT NOT NULL,
    requests_recovery BIT NOT NULL, job_data BLOB,
    PRIMARY KEY (sched_name, job_name, job_group)
);

CREATE TABLE qrtz_triggers (
    sched_name NVARCHAR(200) NOT NULL, trigger_name NVARCHAR(200) NOT NULL, trigger_group NVARCHAR(200) NOT NULL, job_name NVARCHAR(200) NOT NULL, job_group NVARCHAR(200) NOT NULL, description NVARCHAR(200),
    next_fire_time BIGINT, prev_fire_time BIGINT, priority INTEGER, trigger_state NVARCHAR(200) NOT NULL, trigger_type NVARCHAR(200) NOT NULL,
    start_time BIGINT NOT NULL, end_time BIGINT, calendar_name NVARCHAR(200), misfire_instr INTEGER, misfire_orig_fire_time BIGINT,
    execution_group NVARCHAR(200), preferred_node NVARCHAR(200), preferred_node_auto BIT NOT NULL DEFAULT 0, job_data BLOB,
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, job_name, job_group) REFERENCES qrtz_job_details (sched_name, job_name, job_group)
);

CREATE TABLE qrtz_simple_triggers (
    sched_name NVARCHAR(200) NOT NULL, trigger_name NVARCHAR(200) NOT NULL, trigger_group NVARCHAR(200) NOT NULL, repeat_count BIGINT NOT NULL, repeat_interval BIGINT NOT NULL, times_triggered BIGINT NOT NULL,
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
);

CREATE TABLE qrtz_simprop_triggers (
    sched_name NVARCHAR(200) NOT NULL, trigger_name NVARCHAR(200) NOT NULL, trigger_group NVARCHAR(200) NOT NULL, str_prop_1 NVARCHAR(200), str_prop_2 NVARCHAR(200), str_prop_3 NVARCHAR(200), int_prop_1 INTEGER, int_prop_2 INTEGER,
    long_prop_1 BIGINT, long_prop_2 BIGINT, dec_prop_1 NUMERIC, dec_prop_2 NUMERIC, bool_prop_1 BIT, bool_prop_2 BIT,
    time_zone_id NVARCHAR(200),
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
);

CREATE TABLE qrtz_cron_triggers (
    sched_name NVARCHAR(200) NOT NULL, trigger_name NVARCHAR(200) NOT NULL, trigger_group NVARCHAR(200) NOT NULL, cron_expression NVARCHAR(200) NOT NULL, time_zone_id NVARCHAR(200),
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
);

CREATE TABLE qrtz_blob_triggers (
    sched_name NVARCHAR(200) NOT NULL, trigger_name NVARCHAR(200) NOT NULL, trigger_group NVARCHAR(200) NOT NULL, blob_data BLOB,
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
);

CREATE TABLE qrtz_calendars (
    sched_name NVARCHAR(200) NOT NULL, calendar_name NVARCHAR(200) NOT NULL, calendar BLOB NOT NULL,
    PRIMARY KEY (sched_name, calendar_name)
);

CREATE TABLE qrtz_paused_trigger_grps (
    sched_name NVARCHAR(200) NOT NULL, trigger_group NVARCHAR(200) NOT NULL,
    PRIMARY KEY (sched_name, trigger_group)
);

CREATE TABLE qrtz_fired_triggers (
    sched_name NVARCHAR(200) NOT NULL, entry_id NVARCHAR(200) NOT NULL, trigger_name NVARCHAR(200) NOT NULL, trigger_group NVARCHAR(200) NOT NULL,
    instance_name NVARCHAR(200) NOT NULL, fired_time BIGINT NOT NULL, sched_time BIGINT NOT NULL, priority INTEGER NOT NULL,
    state NVARCHAR(200) NOT NULL, job_name NVARCHAR(200), job_group NVARCHAR(200), is_nonconcurrent BIT, requests_recovery BIT, execution_group NVARCHAR(200),
    PRIMARY KEY (sched_name, entry_id)
);

CREATE TABLE qrtz_scheduler_state (
    sched_name NVARCHAR(200) NOT NULL, instance_name NVARCHAR(200) NOT NULL, last_checkin_time BIGINT NOT NULL, checkin_interval BIGINT NOT NULL,
    PRIMARY KEY (sched_name, instance_name)
);

CREATE TABLE qrtz_locks (
    sched_name NVARCHAR(200) NOT NULL, lock_name NVARCHAR(200) NOT NULL,
    PRIMARY KEY (sched_name, lock_name)
);

CREATE INDEX ix_qrtz_triggers_next ON qrtz_triggers (sched_name, trigger_state, next_fire_time);
CREATE INDEX ix_qrtz_triggers_job ON qrtz_triggers (sched_name, job_name, job_group);
CREATE INDEX ix_qrtz_fired_instance ON qrtz_fired_triggers (sched_name, instance_name);
CREATE INDEX ix_qrtz_fired_trigger ON qrtz_fired_triggers (sched_name, trigger_name, trigger_group);
CREATE INDEX ix_qrtz_fired_job ON qrtz_fired_triggers (sched_name, job_name, job_group);
