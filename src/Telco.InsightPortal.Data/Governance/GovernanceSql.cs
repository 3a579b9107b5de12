namespace Telco.InsightPortal.Data.Governance;

/// <summary>
/// SQL of the governance view: four queries answer for every version of every model (or of one model, when
/// <c>@Name</c> is not null), whatever their number. The keys of the metrics and tags they look for are parameters.
/// Both dialects read the same text: <c>CAST(@Name AS TEXT) IS NULL</c> gives PostgreSQL the type of a null.
/// </summary>
internal static class GovernanceSql
{
    private const string OfModel = "(CAST(@Name AS TEXT) IS NULL OR m.name = @Name)";

    /// <summary>A version with its model, the run's test AUC, which card sources exist, and its decision.</summary>
    public const string Versions = """
        SELECT m.name AS Model, m.description AS ModelDescription, m.created_by AS Owner, v.version AS Version, v.current_stage AS Stage,
               v.created_by AS CreatedBy, v.creation_time AS CreatedAt, v.description AS Description, v.dataset AS Dataset,
               v.snapshot_id AS SnapshotId, v.run_id AS RunId,
               (SELECT lm.value FROM run_latest_metrics lm WHERE lm.run_id = v.run_id AND lm.key = @AucKey) AS TestAuc,
               CASE WHEN EXISTS (SELECT 1 FROM run_latest_metrics lm WHERE lm.run_id = v.run_id AND lm.key IN (@AucKey, @AccuracyKey))
                    THEN 1 ELSE 0 END AS HasTestMetrics,
               CASE WHEN EXISTS (SELECT 1 FROM run_tags t WHERE t.run_id = v.run_id AND t.key = @ImportanceTag) THEN 1 ELSE 0 END AS HasImportance,
               CASE WHEN EXISTS (SELECT 1 FROM run_tags t WHERE t.run_id = v.run_id AND t.key = @SlicesTag) THEN 1 ELSE 0 END AS HasSlices,
               d.threshold AS Threshold, d.tp_value AS TruePositiveValue, d.tn_value AS TrueNegativeValue, d.fp_cost AS FalsePositiveCost,
               d.fn_cost AS FalseNegativeCost, d.set_by AS DecisionSetBy, d.set_at AS DecisionSetAt
          FROM model_versions v
          JOIN registered_models m ON m.model_id = v.model_id
          LEFT JOIN model_decisions d ON d.model_id = v.model_id AND d.version = v.version
         WHERE
        """ + OfModel + " ORDER BY m.name, v.version DESC";

    public const string Aliases = """
        SELECT m.name AS Model, a.version AS Version, a.alias AS Alias
          FROM model_aliases a JOIN registered_models m ON m.model_id = a.model_id
         WHERE
        """ + OfModel + " ORDER BY a.alias";

    public const string Approvals = """
        SELECT m.name AS Model, a.version AS Version, a.approval_id AS Id, a.target_kind AS TargetKind, a.target AS Target, a.status AS Status,
               a.requested_by AS RequestedBy, a.requested_at AS RequestedAt, a.request_comment AS RequestComment,
               a.decided_by AS DecidedBy, a.decided_at AS DecidedAt, a.decision_comment AS DecisionComment
          FROM model_approvals a JOIN registered_models m ON m.model_id = a.model_id
         WHERE
        """ + OfModel + " ORDER BY a.approval_id";

    /// <summary>The deployments whose current generation serves a version (targets keep the model's name and the version
    /// number as text), each with its unresolved drift alerts: one row per alert, or one row with null alert columns.</summary>
    public const string Serving = """
        SELECT t.model AS Model, t.version AS Version, p.name AS Deployment, a.id AS AlertId, a.feature AS Feature, a.severity AS Severity,
               a.status AS AlertStatus, a.opened_at AS OpenedAt
          FROM deployment_targets t
          JOIN deployments p ON p.id = t.deployment_id AND p.generation = t.generation
          LEFT JOIN monitoring_alerts a ON a.deployment = p.name AND a.kind = @DriftKind AND a.status <> @Resolved
         WHERE (CAST(@Name AS TEXT) IS NULL OR t.model = @Name)
         ORDER BY p.name, a.opened_at
        """;
}
