using Telco.InsightPortal.Data.Audit;

namespace Telco.InsightPortal.Data.Evidence;

/// <summary>The queries an evidence pack is gathered with: one per kind of fact, each the same text on SQLite and
/// PostgreSQL, every value a parameter.</summary>
internal static class EvidenceSql
{
    public const string Version = """
        SELECT m.model_id AS ModelId, m.name AS Name, m.description AS ModelDescription, v.version AS Version, v.source AS Source,
               v.run_id AS RunId, v.model_sha256 AS ModelSha256, v.dataset AS Dataset, v.snapshot_id AS SnapshotId,
               v.current_stage AS Stage, v.description AS Description, v.status AS Status, v.created_by AS CreatedBy,
               v.creation_time AS CreationTime
        FROM model_versions v JOIN registered_models m ON m.model_id = v.model_id
        WHERE m.name = @Name AND v.version = @Version
        """;

    public const string Versions = """
        SELECT version AS Version, current_stage AS Stage, created_by AS CreatedBy, creation_time AS CreationTime, run_id AS RunId,
               model_sha256 AS ModelSha256
        FROM model_versions WHERE model_id = @ModelId ORDER BY version
        """;

    public const string VersionTags = "SELECT key AS Key, value AS Value FROM model_version_tags WHERE model_id = @ModelId AND version = @Version ORDER BY key";

    public const string Aliases = "SELECT alias FROM model_aliases WHERE model_id = @ModelId AND version = @Version ORDER BY alias";

    public const string Approvals = """
        SELECT approval_id AS Id, target_kind AS TargetKind, target AS Target, requested_by AS RequestedBy, requested_at AS RequestedAt,
               request_comment AS RequestComment, status AS Status, decided_by AS DecidedBy, decided_at AS DecidedAt,
               decision_comment AS DecisionComment
        FROM model_approvals WHERE model_id = @ModelId AND version = @Version ORDER BY approval_id
        """;

    public const string Run = """
        SELECT r.run_id AS RunId, r.run_name AS RunName, e.name AS Experiment, r.user_id AS UserId, r.status AS Status,
               r.start_time AS StartTime, r.end_time AS EndTime
        FROM runs r JOIN experiments e ON e.experiment_id = r.experiment_id WHERE r.run_id = @RunId
        """;

    public const string RunParams = "SELECT key AS Key, value AS Value FROM run_params WHERE run_id = @RunId ORDER BY key";

    public const string RunTags = "SELECT key AS Key, value AS Value FROM run_tags WHERE run_id = @RunId ORDER BY key";

    public const string RunMetrics = "SELECT key AS Key, value AS Value, step AS Step FROM run_latest_metrics WHERE run_id = @RunId ORDER BY key";

    public const string Dataset = "SELECT id AS Id, description AS Description FROM datasets WHERE name = @Name";

    /// <summary>The training snapshot and its ancestors, walked in the database.</summary>
    public const string SnapshotLineage = """
        WITH RECURSIVE chain (id, parent_id) AS (
            SELECT id, parent_id FROM snapshots WHERE id = @SnapshotId AND dataset_id = @DatasetId
            UNION ALL
            SELECT s.id, s.parent_id FROM snapshots s JOIN chain c ON s.id = c.parent_id
        )
        SELECT s.id AS Id, s.parent_id AS ParentId, s.committed_at AS CommittedAt, s.committed_by AS CommittedBy, s.operation AS Operation,
               s.rows_added AS RowsAdded, s.rows_skipped AS RowsSkipped, s.total_rows AS TotalRows, s.content_hash AS ContentHash,
               s.source AS Source
        FROM snapshots s JOIN chain c ON c.id = s.id ORDER BY s.id DESC
        """;

    /// <summary>Every generation of every deployment in which a target served the version.</summary>
    public const string Deployments = """
        SELECT d.name AS Name, d.status AS Status, d.generation AS CurrentGeneration, t.generation AS Generation, t.weight AS Weight,
               t.created_at AS CreatedAt
        FROM deployment_targets t JOIN deployments d ON d.id = t.deployment_id
        WHERE t.model = @Name AND t.version = @VersionText
        ORDER BY d.name, t.generation
        """;

    // The deployments that served the version, and when each first did: a deployment served other versions before,
    // and only alerts raised since it first served this one concern it.
    private const string ServedBy = """
        SELECT d.name FROM deployment_targets t JOIN deployments d ON d.id = t.deployment_id WHERE t.model = @Name AND t.version = @VersionText
        """;

    private const string AlertsSinceServed = """
        FROM monitoring_alerts a
        WHERE a.opened_at >= (SELECT MIN(t.created_at) FROM deployment_targets t JOIN deployments d ON d.id = t.deployment_id
                              WHERE d.name = a.deployment AND t.model = @Name AND t.version = @VersionText)
        """;

    public const string Alerts = """
        SELECT a.id AS Id, a.deployment AS Deployment, a.kind AS Kind, a.feature AS Feature, a.severity AS Severity, a.message AS Message,
               a.value AS Value, a.threshold AS Threshold, a.opened_at AS OpenedAt, a.updated_at AS UpdatedAt, a.status AS Status,
               a.acknowledged_by AS AcknowledgedBy,
               a.acknowledged_at AS AcknowledgedAt, a.resolved_by AS ResolvedBy, a.resolved_at AS ResolvedAt
        """ + " " + AlertsSinceServed + " ORDER BY a.id";

    // Raw literals drop their last newline: the pieces are joined with a space so no two words run together.

    /// <summary>The audit entries about the version, in one streaming read. Sets are subqueries, not lists of values, so
    /// the text is fixed whatever the version's history; each branch can use ix_audit_target.</summary>
    public const string Entries = AuditSql.SelectEntries + """
         WHERE (target_type = @VersionType AND target_id = @VersionId)
            OR (target_type = @ModelType AND target_id = @Name)
            OR (target_type = @RunType AND target_id = @RunId)
            OR (target_type = @DatasetType AND target_id = @Dataset)
            OR (target_type = @DeploymentType AND target_id IN (
        """ + " " + ServedBy + " " + """
            ))
            OR (target_type = @AlertType AND target_id IN (SELECT CAST(a.id AS TEXT)
        """ + " " + AlertsSinceServed + " " + """
            ))
            OR (target_type = @ApprovalType AND target_id IN (
                SELECT CAST(approval_id AS TEXT) FROM model_approvals WHERE model_id = @ModelId AND version = @Version))
        ORDER BY seq
        """;

    /// <summary>The chain from the first entry the pack cites to the checkpoint, for the verifier to link.</summary>
    public const string ChainRange = AuditSql.SelectEntries + " WHERE seq >= @From AND seq <= @To ORDER BY seq";

    /// <summary>Inside the transaction that appended an entry: that entry's seq.</summary>
    public const string HeadSeq = "SELECT seq FROM audit_head WHERE id = 1";

    public const string CoveringCheckpoint = """
        SELECT id AS Id, seq AS Seq, hash AS Hash, at AS At, key_id AS KeyId, signature AS Signature
        FROM audit_checkpoints WHERE seq >= @Seq ORDER BY seq, id LIMIT 1
        """;
}
