namespace Telco.InsightPortal.Data.Lineage;

/// <summary>
/// Predictions are never stored as edges (a deployment logs millions): a prediction's upstream is read from its log row,
/// and the predictions below a deployment are counted, never listed. The log is keyed by (deployment, uuid), so a uuid
/// alone is found by one key lookup per deployment (there are few), with the deployments as the outer loop.
/// </summary>
internal static class LineagePredictionSql
{
    private const string Columns = """
        SELECT d.id AS DeploymentId, d.name AS Deployment, l.model_version AS ModelVersion, p.created_at AS CreatedAt,
               p.probability AS Probability, p.label AS Label,
               (SELECT MAX(t.generation) FROM deployment_targets t WHERE t.deployment_id = d.id AND t.created_at <= p.created_at) AS Generation

        """;

    // A uuid's log row as d (its deployment), p (the row) and l (its layout), for any columns of those three.
    // CROSS JOIN fixes SQLite's join order: deployments outside, the log's primary key inside.
    public const string SqliteFrom = """
        FROM deployments d CROSS JOIN predictions p CROSS JOIN prediction_layouts l
        WHERE p.deployment_id = d.id AND p.uuid = @Uuid AND l.id = p.layout_id
        """;

    public const string PostgresFrom = """
        FROM deployments d
        CROSS JOIN LATERAL (SELECT * FROM predictions q WHERE q.deployment_id = d.id AND q.uuid = @Uuid) p
        JOIN prediction_layouts l ON l.id = p.layout_id
        """;

    public const string SqliteFind = Columns + SqliteFrom;

    public const string PostgresFind = Columns + PostgresFrom;

    public const string CountByDeployment = """
        SELECT d.name AS Deployment, (SELECT COUNT(*) FROM predictions p WHERE p.deployment_id = d.id) AS Count
        FROM deployments d WHERE d.name IN @Names ORDER BY 1
        """;
}
