namespace Telco.InsightPortal.Data.Lineage;

/// <summary>
/// The queries a prediction's chain is read with: a fixed number whatever the chain (the prediction with its deployment
/// and generation, that generation's targets, the audit entries that made the deployment's generations, the version,
/// its approvals, the run, its metrics, the snapshots with their files). Values only as parameters; the node types and
/// edge kinds named are the lineage model's own constants.
/// </summary>
internal static class PredictionChainSql
{
    // The generation serving at the prediction's time is the newest made at or before it.
    private const string FindColumns = """
        SELECT d.id AS DeploymentId, d.name AS Deployment, d.generation AS CurrentGeneration, d.created_by AS CreatedBy, d.created_at AS CreatedAt,
               l.model_version AS ModelVersion, p.created_at AS At, p.probability AS Probability, p.label AS Label, p.latency_ms AS LatencyMs,
               (SELECT y.label FROM prediction_labels y WHERE y.deployment_id = p.deployment_id AND y.uuid = p.uuid) AS TrueLabel,
               (SELECT MAX(t.generation) FROM deployment_targets t WHERE t.deployment_id = d.id AND t.created_at <= p.created_at) AS Generation

        """;

    // Found as lineage finds a prediction: the log is keyed by (deployment, uuid), so the few deployments are the outer loop.
    public const string SqliteFind = FindColumns + LineagePredictionSql.SqliteFrom;

    public const string PostgresFind = FindColumns + LineagePredictionSql.PostgresFrom;

    /// <summary>The generation's targets; a prediction older than every generation (its clock ran behind) is served by
    /// the first one.</summary>
    public const string Targets = """
        SELECT t.generation AS Generation, t.model AS Model, t.version AS Version, t.run_id AS RunId, t.snapshot_id AS SnapshotId, t.weight AS Weight
        FROM deployment_targets t
        WHERE t.deployment_id = @DeploymentId
          AND t.generation = COALESCE(CAST(@Generation AS BIGINT), (SELECT MIN(g.generation) FROM deployment_targets g WHERE g.deployment_id = @DeploymentId))
        ORDER BY t.id
        """;

    /// <summary>The successful changes that made a generation, in order: a create made the first, and every other one
    /// names the generation it made in its details.</summary>
    public const string Generations = """
        SELECT action AS Action, actor AS Actor, at AS At, details AS Details FROM audit_entries
        WHERE target_type = 'deployment' AND target_id = @Deployment AND outcome = 'success'
          AND action IN ('deployment.create', 'deployment.redeploy', 'deployment.canary', 'deployment.rollback')
        ORDER BY seq
        """;

    public const string Version = """
        SELECT m.model_id AS ModelId, m.name AS Model, v.version AS Version, v.current_stage AS Stage, v.created_by AS CreatedBy,
               v.creation_time AS CreatedAt, v.model_sha256 AS ModelSha256, v.run_id AS RunId, v.snapshot_id AS SnapshotId
        FROM registered_models m JOIN model_versions v ON v.model_id = m.model_id
        WHERE m.name = @Model AND v.version = @Version
        """;

    public const string Approvals = """
        SELECT approval_id AS Id, target_kind AS TargetKind, target AS Target, status AS Status, requested_by AS RequestedBy,
               requested_at AS RequestedAt, request_comment AS RequestComment, decided_by AS DecidedBy, decided_at AS DecidedAt,
               decision_comment AS DecisionComment
        FROM model_approvals WHERE model_id = @ModelId AND version = @Version ORDER BY approval_id
        """;

    public const string Run = """
        SELECT r.run_id AS RunId, r.run_name AS Name, r.experiment_id AS ExperimentId, e.name AS Experiment, r.user_id AS StartedBy,
               r.status AS Status, r.start_time AS StartTime, r.end_time AS EndTime,
               (SELECT p.value FROM run_params p WHERE p.run_id = r.run_id AND p.key = 'trainer') AS Trainer
        FROM runs r JOIN experiments e ON e.experiment_id = r.experiment_id WHERE r.run_id = @RunId
        """;

    public const string Metrics = "SELECT key AS Key, value AS Value FROM run_latest_metrics WHERE run_id = @RunId ORDER BY key";

    /// <summary>The snapshots the run trained on (its recorded edges, and the one the version names), each with the
    /// files its rows were read from: one row per (snapshot, file).</summary>
    public const string Snapshots = """
        SELECT s.id AS Id, d.name AS Dataset, s.operation AS Operation, s.rows_added AS RowsAdded, s.total_rows AS TotalRows,
               s.committed_by AS CommittedBy, s.committed_at AS CommittedAt, s.content_hash AS ContentHash,
               f.id AS FileId, f.name AS FileName, f.size_bytes AS SizeBytes, f.sha256 AS Sha256, f.first_seen_at AS FirstSeenAt
        FROM snapshots s
        JOIN datasets d ON d.id = s.dataset_id
        LEFT JOIN lineage_edges e ON e.to_type = 'snapshot' AND e.to_id = CAST(s.id AS TEXT) AND e.kind = 'ingested-from' AND e.from_type = 'source-file'
        LEFT JOIN lineage_source_files f ON f.id = e.from_id
        WHERE s.id = CAST(@SnapshotId AS BIGINT)
           OR CAST(s.id AS TEXT) IN (SELECT t.from_id FROM lineage_edges t
                                     WHERE t.to_type = 'run' AND t.to_id = CAST(@RunId AS TEXT) AND t.kind = 'trained-on' AND t.from_type = 'snapshot')
        ORDER BY s.id, f.first_seen_at, f.id
        """;

    /// <summary>The snapshot an impact report starts from, with its dataset.</summary>
    public const string SnapshotDataset = "SELECT d.name FROM snapshots s JOIN datasets d ON d.id = s.dataset_id WHERE s.id = @Id";
}
