using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Data.Dashboards;

/// <summary>
/// The SQL that resolves a prediction-log or runs source (the deployment's layouts, the experiment's metric and param
/// keys) and the fixed pieces its rows are selected with. Names from a spec only ever travel as parameters here;
/// JSON paths into a prediction's inputs are integers from its layout, formatted into <c>{0}</c>.
/// </summary>
internal static class ChartSourceSql
{
    public const string DeploymentId = "SELECT id FROM deployments WHERE name = @Name";

    public const string Layouts = "SELECT id AS Id, columns AS Columns FROM prediction_layouts WHERE deployment_id = @Id ORDER BY id DESC";

    /// <summary>The newest rows of the log, newest first along the primary key: a sample to type inputs no dataset describes.</summary>
    public const string Sample = """
        SELECT layout_id AS LayoutId, inputs AS Inputs FROM predictions WHERE deployment_id = @Id ORDER BY uuid DESC LIMIT @Limit
        """;

    /// <summary>The datasets the deployment's models were trained on, those of its newest targets first.</summary>
    public const string TrainedOn = """
        SELECT d.name FROM deployment_targets t
        JOIN snapshots s ON s.id = t.snapshot_id
        JOIN datasets d ON d.id = s.dataset_id
        WHERE t.deployment_id = @Id
        GROUP BY d.name ORDER BY MAX(t.generation) DESC
        """;

    public const string ExperimentId = "SELECT experiment_id FROM experiments WHERE name = @Name AND lifecycle_stage = 'active'";

    public const string MetricKeys = """
        SELECT DISTINCT m.key FROM run_latest_metrics m JOIN runs r ON r.run_id = m.run_id
        WHERE r.experiment_id = @Id AND r.lifecycle_stage = 'active' ORDER BY m.key
        """;

    public const string ParamKeys = """
        SELECT DISTINCT p.key FROM run_params p JOIN runs r ON r.run_id = p.run_id
        WHERE r.experiment_id = @Id AND r.lifecycle_stage = 'active' ORDER BY p.key
        """;

    public const string Predictions = "predictions p";
    public const string PredictionLayoutJoin = " JOIN prediction_layouts l ON l.id = p.layout_id";
    public const string PredictionLabelJoin = " LEFT JOIN prediction_labels b ON b.deployment_id = p.deployment_id AND b.uuid = p.uuid";
    public const string PredictionRows = "p.deployment_id = @s_source";

    /// <summary>UUIDv7 ids order the log by time.</summary>
    public const string PredictionOrder = "p.uuid AS _row_id";

    public const string Runs = "runs r";
    public const string RunRows = "r.experiment_id = @s_source AND r.lifecycle_stage = 'active'";
    public const string RunOrder = "r.start_time AS _row_at, r.run_id AS _row_id";
    public const string RunRowOrder = "_row_at, _row_id";
    public const string LatestMetric = "(SELECT m.value FROM run_latest_metrics m WHERE m.run_id = r.run_id AND m.key = {0})";
    public const string Param = "(SELECT q.value FROM run_params q WHERE q.run_id = r.run_id AND q.key = {0})";

    /// <summary>PostgreSQL stores a NaN metric as NaN, which would poison an average and cannot be sent as JSON; SQLite
    /// already stores it as NULL.</summary>
    public const string PostgresMetric = "NULLIF({0}, 'NaN')";

    /// <summary>Milliseconds since the epoch as each dialect keeps a timestamp: SQLite as the fixed-width ISO text of
    /// RowSinks (three fractional digits from strftime, padded to seven), PostgreSQL as timestamptz.</summary>
    private const string SqliteMillis = "(strftime('%Y-%m-%dT%H:%M:%f', {0} / 1000.0, 'unixepoch') || '0000Z')";
    private const string PostgresMillis = "to_timestamp({0} / 1000.0)";

    /// <summary>One input by its index in the row's layout: numbers only for a number field (anything else is null, so a
    /// stray string never fails a cast), text as text on both dialects.</summary>
    private const string SqliteNumber = "CASE WHEN json_type(p.inputs, '$[{0}]') IN ('integer', 'real') THEN json_extract(p.inputs, '$[{0}]') END";
    private const string SqliteText = "CAST(json_extract(p.inputs, '$[{0}]') AS TEXT)";
    private const string PostgresNumber = "CASE WHEN jsonb_typeof(p.inputs::jsonb -> {0}) = 'number' THEN (p.inputs::jsonb ->> {0})::double precision END";
    private const string PostgresText = "(p.inputs::jsonb ->> {0})";

    public static string Millis(StoreProvider provider) => provider == StoreProvider.Sqlite ? SqliteMillis : PostgresMillis;

    public static string Input(StoreProvider provider, bool number) => (provider, number) switch
    {
        (StoreProvider.Sqlite, true) => SqliteNumber,
        (StoreProvider.Sqlite, false) => SqliteText,
        (_, true) => PostgresNumber,
        _ => PostgresText,
    };
}
