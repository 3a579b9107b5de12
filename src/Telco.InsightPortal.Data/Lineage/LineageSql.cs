namespace Telco.InsightPortal.Data.Lineage;

/// <summary>
/// The lineage walk: one recursive query per direction and dialect, built from constant fragments, values only as
/// parameters. The edges it walks are the recorded ones plus those derived from the job run tables (who triggered a
/// run, which run triggered or retried it, what its ingest, train and register steps made), which the jobs code writes
/// without knowing about lineage. Cycles cannot loop: a node is kept once per depth (UNION, not UNION ALL) and no path
/// goes deeper than @Depth. A walk may start from two seeds (a prediction's deployment and model version).
/// </summary>
internal static class LineageSql
{
    private const string JobRunEdges = """
        SELECT from_type, from_id, to_type, to_id, kind, at, actor FROM lineage_edges
        UNION ALL
        SELECT 'person', requested_by, 'job-run', CAST(id AS TEXT), 'triggered-by', queued_at, requested_by FROM job_runs
        UNION ALL
        SELECT 'job-run', CAST(upstream_run AS TEXT), 'job-run', CAST(id AS TEXT), 'triggered-by', queued_at, requested_by
        FROM job_runs WHERE upstream_run IS NOT NULL
        UNION ALL
        SELECT 'job-run', CAST(retry_of AS TEXT), 'job-run', CAST(id AS TEXT), 'triggered-by', queued_at, requested_by
        FROM job_runs WHERE retry_of IS NOT NULL

        """;

    private const string SqliteStepEdges = """
        UNION ALL
        SELECT 'job-run', CAST(s.run_id AS TEXT), 'snapshot', CAST(json_extract(s.outputs, '$.snapshotId') AS TEXT), 'produced',
               COALESCE(s.finished_at, r.queued_at), r.requested_by
        FROM job_run_steps s JOIN job_runs r ON r.id = s.run_id
        WHERE s.kind = 'ingest' AND json_valid(s.outputs) AND json_extract(s.outputs, '$.snapshotId') IS NOT NULL
        UNION ALL
        SELECT 'job-run', CAST(s.run_id AS TEXT), 'run', CAST(json_extract(s.outputs, '$.runId') AS TEXT), 'produced',
               COALESCE(s.finished_at, r.queued_at), r.requested_by
        FROM job_run_steps s JOIN job_runs r ON r.id = s.run_id
        WHERE s.kind = 'train' AND json_valid(s.outputs) AND json_extract(s.outputs, '$.runId') IS NOT NULL
        UNION ALL
        SELECT 'job-run', CAST(s.run_id AS TEXT), 'model-version',
               CAST(json_extract(s.outputs, '$.model') AS TEXT) || '/' || CAST(json_extract(s.outputs, '$.version') AS TEXT), 'produced',
               COALESCE(s.finished_at, r.queued_at), r.requested_by
        FROM job_run_steps s JOIN job_runs r ON r.id = s.run_id
        WHERE s.kind = 'register' AND json_valid(s.outputs) AND json_extract(s.outputs, '$.version') IS NOT NULL
        """;

    // Step outputs are written by the job runner as JSON objects, so the cast cannot fail on them.
    private const string PostgresStepEdges = """
        UNION ALL
        SELECT 'job-run', CAST(s.run_id AS TEXT), 'snapshot', s.outputs::jsonb ->> 'snapshotId', 'produced',
               COALESCE(s.finished_at, r.queued_at), r.requested_by
        FROM job_run_steps s JOIN job_runs r ON r.id = s.run_id
        WHERE s.kind = 'ingest' AND s.outputs IS NOT NULL AND s.outputs::jsonb ->> 'snapshotId' IS NOT NULL
        UNION ALL
        SELECT 'job-run', CAST(s.run_id AS TEXT), 'run', s.outputs::jsonb ->> 'runId', 'produced',
               COALESCE(s.finished_at, r.queued_at), r.requested_by
        FROM job_run_steps s JOIN job_runs r ON r.id = s.run_id
        WHERE s.kind = 'train' AND s.outputs IS NOT NULL AND s.outputs::jsonb ->> 'runId' IS NOT NULL
        UNION ALL
        SELECT 'job-run', CAST(s.run_id AS TEXT), 'model-version',
               (s.outputs::jsonb ->> 'model') || '/' || (s.outputs::jsonb ->> 'version'), 'produced',
               COALESCE(s.finished_at, r.queued_at), r.requested_by
        FROM job_run_steps s JOIN job_runs r ON r.id = s.run_id
        WHERE s.kind = 'register' AND s.outputs IS NOT NULL AND s.outputs::jsonb ->> 'version' IS NOT NULL
        """;

    private const string Open = """
        WITH RECURSIVE edges (from_type, from_id, to_type, to_id, kind, at, actor) AS NOT MATERIALIZED (

        """;

    private const string Seeds = """
        ),
        seeds (node_type, node_id, depth) AS (
            SELECT CAST(@Type AS TEXT), CAST(@Id AS TEXT), @StartDepth
            UNION ALL
            SELECT CAST(@Type2 AS TEXT), CAST(@Id2 AS TEXT), @StartDepth WHERE CAST(@Id2 AS TEXT) IS NOT NULL
        ),
        walk (node_type, node_id, depth) AS (
            SELECT node_type, node_id, depth FROM seeds
            UNION

        """;

    private const string StepDownstream = """
            SELECT e.to_type, e.to_id, w.depth + 1 FROM walk w JOIN edges e ON e.from_type = w.node_type AND e.from_id = w.node_id
            WHERE w.depth < @Depth

        """;

    private const string StepUpstream = """
            SELECT e.from_type, e.from_id, w.depth + 1 FROM walk w JOIN edges e ON e.to_type = w.node_type AND e.to_id = w.node_id
            WHERE w.depth < @Depth

        """;

    // The nodes nearest the start are kept up to @Limit; each comes back with the edges that lead on from it (the caller
    // keeps those whose other end was kept too).
    private const string Kept = """
        ),
        reached AS (SELECT node_type, node_id, MIN(depth) AS depth FROM walk GROUP BY node_type, node_id),
        kept AS (SELECT node_type, node_id, depth FROM reached ORDER BY depth, node_type, node_id LIMIT @Limit)
        SELECT k.node_type AS Type, k.node_id AS Id, k.depth AS Depth,
               e.from_type AS FromType, e.from_id AS FromId, e.to_type AS ToType, e.to_id AS ToId, e.kind AS Kind, e.at AS At, e.actor AS Actor
        FROM kept k

        """;

    private const string JoinDownstream = "LEFT JOIN edges e ON e.from_type = k.node_type AND e.from_id = k.node_id\n" + Nearest;

    private const string JoinUpstream = "LEFT JOIN edges e ON e.to_type = k.node_type AND e.to_id = k.node_id\n" + Nearest;

    private const string Nearest = "ORDER BY k.depth, k.node_type, k.node_id";

    public const string SqliteDownstream = Open + JobRunEdges + SqliteStepEdges + Seeds + StepDownstream + Kept + JoinDownstream;
    public const string SqliteUpstream = Open + JobRunEdges + SqliteStepEdges + Seeds + StepUpstream + Kept + JoinUpstream;
    public const string PostgresDownstream = Open + JobRunEdges + PostgresStepEdges + Seeds + StepDownstream + Kept + JoinDownstream;
    public const string PostgresUpstream = Open + JobRunEdges + PostgresStepEdges + Seeds + StepUpstream + Kept + JoinUpstream;

    /// <summary>Whether a node of a type without a table of its own (app, chart, person) appears in any edge.</summary>
    /// <summary>Deployments and model versions by when their latest edge was made, newest first: where a walk through
    /// the graph usually starts. Both dialects; the types are constants of the model, not values.</summary>
    public const string Recent = """
        SELECT to_type AS Type, to_id AS Id, MAX(at) AS At FROM lineage_edges
        WHERE to_type IN ('deployment', 'model-version') AND at IS NOT NULL
        GROUP BY to_type, to_id
        ORDER BY MAX(at) DESC, to_type, to_id
        LIMIT @Limit
        """;

    public const string Mentioned = """
        SELECT CASE WHEN EXISTS (SELECT 1 FROM lineage_edges WHERE from_type = @Type AND from_id = @Id)
                      OR EXISTS (SELECT 1 FROM lineage_edges WHERE to_type = @Type AND to_id = @Id) THEN 1 ELSE 0 END
        """;

    public const string InsertEdge = """
        INSERT INTO lineage_edges (from_type, from_id, to_type, to_id, kind, at, actor)
        VALUES (@FromType, @FromId, @ToType, @ToId, @Kind, @At, @Actor)
        ON CONFLICT DO NOTHING
        """;

    /// <summary>A run's input names a portal snapshot (any MLflow client may say so): recorded only if it exists.</summary>
    public const string InsertTrainedOn = """
        INSERT INTO lineage_edges (from_type, from_id, to_type, to_id, kind, at, actor)
        SELECT 'snapshot', CAST(s.id AS TEXT), 'run', @RunId, 'trained-on', @At, @Actor FROM snapshots s WHERE s.id = @SnapshotId
        ON CONFLICT DO NOTHING
        """;

    public const string InsertSourceFile = """
        INSERT INTO lineage_source_files (id, name, size_bytes, sha256, first_seen_at) VALUES (@Id, @Name, @SizeBytes, @Sha256, @At)
        ON CONFLICT DO NOTHING
        """;

    // A model's versions are named after it: a rename renames them in the edges too (the prefix is compared, not
    // matched with LIKE, so no character of a name is a wildcard).
    public const string RenameModelFrom = """
        UPDATE lineage_edges SET from_id = @NewName || substr(from_id, length(@OldName) + 1)
        WHERE from_type = 'model-version' AND substr(from_id, 1, length(@OldName) + 1) = @OldName || '/'
        """;

    public const string RenameModelTo = """
        UPDATE lineage_edges SET to_id = @NewName || substr(to_id, length(@OldName) + 1)
        WHERE to_type = 'model-version' AND substr(to_id, 1, length(@OldName) + 1) = @OldName || '/'
        """;

    /// <summary>A dashboard's reads are what it reads now: a save replaces them, a delete removes them.</summary>
    public const string DeleteDashboardEdges = """
        DELETE FROM lineage_edges
        WHERE (to_type = 'dashboard' AND to_id = @DashboardId)
           OR (to_type = 'chart' AND substr(to_id, 1, length(@DashboardId) + 1) = @DashboardId || '/')
        """;
}
