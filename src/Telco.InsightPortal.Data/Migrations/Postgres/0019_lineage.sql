-- Lineage (issue #15): what came from what, one row per relation, recorded in the transaction of the change it
-- describes. Every edge points downstream (from what came first to what was made from it); the primary key makes
-- recording the same fact twice a no-op, and the second index lets a walk go upstream as fast as downstream.
-- Predictions and job runs are never copied here: both are read from their own tables when a graph is asked for.
-- (0018 is reserved for another change; the migrator applies whatever versions it finds, in order.)
CREATE TABLE lineage_edges (
    from_type TEXT    NOT NULL,
    from_id   TEXT    NOT NULL,
    to_type   TEXT    NOT NULL,
    to_id     TEXT    NOT NULL,
    kind      TEXT    NOT NULL,
    at        BIGINT  NOT NULL,
    actor     TEXT,
    CONSTRAINT pk_lineage_edges PRIMARY KEY (from_type, from_id, to_type, to_id, kind)
);
CREATE INDEX ix_lineage_edges_to ON lineage_edges (to_type, to_id);

-- The files rows were read from: named by their SHA-256 when the portal read the bytes; a snapshot committed before
-- this migration has only its source text left, so its file is named after the snapshot and has no size or hash.
CREATE TABLE lineage_source_files (
    id            TEXT    NOT NULL PRIMARY KEY,
    name          TEXT    NOT NULL,
    size_bytes    BIGINT,
    sha256        TEXT,
    first_seen_at BIGINT  NOT NULL
);

-- Backfill from what the store already holds. Times become Unix milliseconds, as the rest of the edges.
INSERT INTO lineage_source_files (id, name, size_bytes, sha256, first_seen_at)
SELECT 'snapshot-' || s.id, s.source, NULL, NULL, CAST(round(extract(epoch FROM s.committed_at) * 1000) AS BIGINT)
FROM snapshots s;

INSERT INTO lineage_edges (from_type, from_id, to_type, to_id, kind, at, actor)
SELECT 'source-file', 'snapshot-' || s.id, 'snapshot', CAST(s.id AS TEXT), 'ingested-from',
       CAST(round(extract(epoch FROM s.committed_at) * 1000) AS BIGINT), s.committed_by
FROM snapshots s
ON CONFLICT DO NOTHING;

INSERT INTO lineage_edges (from_type, from_id, to_type, to_id, kind, at, actor)
SELECT 'dataset', d.name, 'snapshot', CAST(s.id AS TEXT), 'snapshot-of',
       CAST(round(extract(epoch FROM s.committed_at) * 1000) AS BIGINT), s.committed_by
FROM snapshots s JOIN datasets d ON d.id = s.dataset_id
ON CONFLICT DO NOTHING;

-- An append holds its parent's rows, so whatever is built on it depends on the parent too.
INSERT INTO lineage_edges (from_type, from_id, to_type, to_id, kind, at, actor)
SELECT 'snapshot', CAST(s.parent_id AS TEXT), 'snapshot', CAST(s.id AS TEXT), 'snapshot-of',
       CAST(round(extract(epoch FROM s.committed_at) * 1000) AS BIGINT), s.committed_by
FROM snapshots s WHERE s.parent_id IS NOT NULL AND s.operation = 'append'
ON CONFLICT DO NOTHING;

-- The embedded trainer tags each run with the snapshot it trained on.
INSERT INTO lineage_edges (from_type, from_id, to_type, to_id, kind, at, actor)
SELECT 'snapshot', t.value, 'run', r.run_id, 'trained-on', r.start_time, r.user_id
FROM run_tags t JOIN runs r ON r.run_id = t.run_id
WHERE t.key = 'snapshot_id' AND EXISTS (SELECT 1 FROM snapshots s WHERE CAST(s.id AS TEXT) = t.value)
ON CONFLICT DO NOTHING;

INSERT INTO lineage_edges (from_type, from_id, to_type, to_id, kind, at, actor)
SELECT 'run', v.run_id, 'model-version', m.name || '/' || CAST(v.version AS TEXT), 'registered-as', v.creation_time, v.created_by
FROM model_versions v JOIN registered_models m ON m.model_id = v.model_id
ON CONFLICT DO NOTHING;

INSERT INTO lineage_edges (from_type, from_id, to_type, to_id, kind, at, actor)
SELECT 'person', a.decided_by, 'model-version', m.name || '/' || CAST(a.version AS TEXT), 'approved-by', a.decided_at, a.decided_by
FROM model_approvals a JOIN registered_models m ON m.model_id = a.model_id
WHERE a.status = 'approved' AND a.decided_by IS NOT NULL AND a.decided_at IS NOT NULL
ON CONFLICT DO NOTHING;

-- Who redeployed is in the audit trail, not in the targets: only the first generation's author is known here.
INSERT INTO lineage_edges (from_type, from_id, to_type, to_id, kind, at, actor)
SELECT 'model-version', t.model || '/' || t.version, 'deployment', d.name, 'deployed-as', MIN(t.created_at),
       CASE WHEN MIN(t.generation) = 1 THEN d.created_by END
FROM deployment_targets t JOIN deployments d ON d.id = t.deployment_id
GROUP BY t.model, t.version, d.name, d.created_by
ON CONFLICT DO NOTHING;

INSERT INTO lineage_edges (from_type, from_id, to_type, to_id, kind, at, actor)
SELECT 'deployment', d.name, 'app', b.app_id, 'bound-to', b.bound_at, b.bound_by
FROM app_bindings b JOIN deployments d ON d.id = b.deployment_id
ON CONFLICT DO NOTHING;

-- OpenLineage run events (2-0-2), written in the transaction of the work they describe and read by GET
-- /api/v1/openlineage/events. attempts and sent_at are for the sender to a configured endpoint (Marquez), still to
-- come: it marks what it delivered, so an unreachable endpoint loses nothing.
CREATE TABLE openlineage_outbox (
    id         BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    event_time BIGINT NOT NULL,
    event_type TEXT    NOT NULL,
    run_id     TEXT    NOT NULL,
    job_name   TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    attempts   BIGINT NOT NULL DEFAULT 0,
    sent_at    BIGINT
);
CREATE INDEX ix_openlineage_outbox_unsent ON openlineage_outbox (id) WHERE sent_at IS NULL;
