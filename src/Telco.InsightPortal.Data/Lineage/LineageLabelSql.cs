namespace Telco.InsightPortal.Data.Lineage;

/// <summary>
/// Labels of the nodes of an answer, one query per node type present, whatever the number of nodes (ids as a list
/// parameter: expanded on SQLite, an array on PostgreSQL). A node whose row is found also exists: that is how an unknown
/// start is told apart.
/// </summary>
internal static class LineageLabelSql
{
    public const string Datasets = "SELECT name AS Id, name AS Label FROM datasets WHERE name IN @Ids ORDER BY 1";

    public const string Snapshots = """
        SELECT CAST(s.id AS TEXT) AS Id, d.name || ' snapshot ' || CAST(s.id AS TEXT) AS Label
        FROM snapshots s JOIN datasets d ON d.id = s.dataset_id WHERE s.id IN @Numbers ORDER BY 1
        """;

    public const string Runs = "SELECT run_id AS Id, run_name AS Label FROM runs WHERE run_id IN @Ids ORDER BY 1";

    // Filtered by model name through the index on it; the caller keeps the versions it asked for.
    public const string ModelVersions = """
        SELECT m.name || '/' || CAST(v.version AS TEXT) AS Id, m.name || ' v' || CAST(v.version AS TEXT) || ' (' || v.current_stage || ')' AS Label
        FROM model_versions v JOIN registered_models m ON m.model_id = v.model_id WHERE m.name IN @Names ORDER BY 1
        """;

    public const string Deployments = "SELECT name AS Id, name AS Label FROM deployments WHERE name IN @Ids ORDER BY 1";

    public const string Apps = "SELECT app_id AS Id, app_id AS Label FROM app_bindings WHERE app_id IN @Ids ORDER BY 1";

    public const string Dashboards = "SELECT CAST(id AS TEXT) AS Id, name AS Label FROM dashboards WHERE id IN @Numbers ORDER BY 1";

    public const string JobRuns = "SELECT CAST(id AS TEXT) AS Id, job_name || ' #' || CAST(id AS TEXT) AS Label FROM job_runs WHERE id IN @Numbers ORDER BY 1";

    public const string People = "SELECT username AS Id, display_name AS Label FROM users WHERE username IN @Ids ORDER BY 1";

    public const string SourceFiles = """
        SELECT id AS Id, CASE WHEN sha256 IS NULL THEN name ELSE name || ' (sha256 ' || substr(sha256, 1, 12) || '…)' END AS Label
        FROM lineage_source_files WHERE id IN @Ids ORDER BY 1
        """;
}
