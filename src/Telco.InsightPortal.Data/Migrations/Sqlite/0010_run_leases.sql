-- Runs of the embedded trainer, shared by every portal instance on the store: the queue is the store, a run in training
-- has an owner and a lease, and a cancel is a request in the store that any instance can make.
--   * owner: the instance that claimed the run (host/pid/nonce, new at each start). A claim is one conditional UPDATE
--     (SCHEDULED with no owner -> RUNNING with this owner), so of two instances only one gets a run;
--   * lease_expires_at: until when the owner vouches for the run, in milliseconds of the store's clock (instances'
--     clocks need not agree). The owner renews it while it trains; any instance fails a run whose lease has expired;
--   * cancel_requested_by (the canceller as an audit actor, JSON) and cancel_requested_at: a request the owner acts on;
--   * training_requests: what the trainer needs (JSON) and who queued the run, so queued runs survive a restart and
--     any instance can train them.
ALTER TABLE runs ADD COLUMN owner TEXT;
ALTER TABLE runs ADD COLUMN lease_expires_at INTEGER;
ALTER TABLE runs ADD COLUMN cancel_requested_by TEXT;
ALTER TABLE runs ADD COLUMN cancel_requested_at INTEGER;
CREATE INDEX ix_runs_live ON runs (status, owner) WHERE status IN ('SCHEDULED', 'RUNNING');

CREATE TABLE training_requests (
    run_id    TEXT    NOT NULL PRIMARY KEY REFERENCES runs (run_id),
    queued_at INTEGER NOT NULL,
    request   TEXT    NOT NULL,
    actor     TEXT    NOT NULL
);

-- Embedded runs left scheduled or running by a portal from before this migration lived in that portal's memory only:
-- give them an owner whose lease has long expired, so the first lease check fails them, as the start-up used to.
UPDATE runs SET owner = 'a portal from before migration 0010', lease_expires_at = 0
 WHERE status IN ('SCHEDULED', 'RUNNING')
   AND run_id IN (SELECT run_id FROM run_tags WHERE key = 'portal_runner' AND value = 'embedded-trainer');
