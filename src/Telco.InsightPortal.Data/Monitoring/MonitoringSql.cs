using System.Globalization;
using System.Text;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Data.Monitoring;

/// <summary>
/// Monitoring's SQL. Fixed queries are constants; the drift queries are built from integers only (dataset table
/// <c>ds_N</c>, column <c>cK</c>, an input's index in a layout, a parameter's number), so no name a user chose reaches
/// SQL; edges, ids and times are parameters. Every read of the prediction log is a key range of its primary key
/// (UUIDv7 ids start with their millisecond), trimmed exactly by created_at. Windows are
/// <c>(created_at − @From) / @Width</c>, integer division on both engines.
/// </summary>
internal static class MonitoringSql
{
    private const string LogWindow =
        "p.deployment_id = @Id AND p.uuid >= @FromKey AND p.uuid < @ToKey AND p.created_at >= @From AND p.created_at < @To";

    public const string Layouts = "SELECT id AS Id, model_version AS ModelVersion, columns AS Columns FROM prediction_layouts WHERE deployment_id = @Id";

    public const string StoredReference = "SELECT reference FROM monitoring_references WHERE snapshot_id = @Id";

    public const string SaveReference = """
        INSERT INTO monitoring_references (snapshot_id, reference, counted_at) VALUES (@SnapshotId, @Reference, @At) ON CONFLICT DO NOTHING
        """;

    public const string Snapshot = "SELECT dataset_id AS DatasetId, row_start AS RowStart, row_end AS RowEnd FROM snapshots WHERE id = @Id";

    public const string LabelWatermark =
        "SELECT COUNT(*) AS Count, COALESCE(MAX(labeled_at), 0) AS Newest FROM prediction_labels WHERE deployment_id = @Id";

    /// <summary>Requests, refusals and drops per window from the per-minute counters.</summary>
    public const string Minutes = """
        SELECT (minute * 60000 - @From) / @Width AS W, CAST(SUM(requests) AS BIGINT) AS Requests, CAST(SUM(failed) AS BIGINT) AS Failed,
            CAST(SUM(dropped) AS BIGINT) AS Dropped
        FROM deployment_minutes WHERE deployment_id = @Id AND minute >= @FromMinute AND minute < @ToMinute
        GROUP BY (minute * 60000 - @From) / @Width
        """;

    /// <summary>The probability histogram per window, layout (hence model version) and predicted label: what the
    /// estimate needs, and each window's prediction count and versions.</summary>
    public static string Histogram(StoreProvider provider) => $"""
        SELECT (p.created_at - @From) / @Width AS W, p.layout_id AS LayoutId,
            CASE WHEN p.probability >= 1 THEN 99 ELSE {Floor(provider, "p.probability * 100")} END AS Bin,
            CAST(p.label AS INTEGER) AS Predicted, COUNT(*) AS Count, SUM(p.probability) AS Sum, SUM(p.probability * p.probability) AS Squares
        FROM predictions p WHERE {LogWindow}
        GROUP BY 1, 2, 3, 4
        """;

    /// <summary>Realised metrics per window from the predictions whose delayed label has arrived, read from the labels'
    /// side (their key is the prediction's). ROC AUC is the Mann–Whitney U: each positive's rank among the window's
    /// labelled scores, ties sharing the mean of their ranks (RANK() + (ties − 1) / 2).</summary>
    public static string Labelled(StoreProvider provider) => $"""
        WITH l AS (
            SELECT (p.created_at - @From) / @Width AS w, p.probability AS s, p.label AS predicted, b.label AS actual
            FROM prediction_labels b JOIN predictions p ON p.deployment_id = b.deployment_id AND p.uuid = b.uuid
            WHERE b.deployment_id = @Id AND b.uuid >= @FromKey AND b.uuid < @ToKey AND p.created_at >= @From AND p.created_at < @To
        ),
        r AS (
            SELECT w, predicted, actual, RANK() OVER (PARTITION BY w ORDER BY s) AS rk, COUNT(*) OVER (PARTITION BY w, s) AS ties FROM l
        )
        SELECT w AS W, COUNT(*) AS Labelled,
            SUM(CASE WHEN predicted = 1 AND actual = 1 THEN 1 ELSE 0 END) AS Tp,
            SUM(CASE WHEN predicted = 1 AND actual = 0 THEN 1 ELSE 0 END) AS Fp,
            SUM(CASE WHEN predicted = 0 AND actual = 0 THEN 1 ELSE 0 END) AS Tn,
            SUM(CASE WHEN predicted = 0 AND actual = 1 THEN 1 ELSE 0 END) AS Fn,
            CAST(SUM(CASE WHEN actual = 1 THEN rk + (ties - 1) / 2.0 ELSE 0 END) AS {Real(provider)}) AS PositiveRankSum
        FROM r GROUP BY w
        """;

    /// <summary>Every latency of the range with its window, for the roll-up's buckets and exact hourly percentiles.</summary>
    public const string Latencies = $"SELECT (p.created_at - @From) / @Width AS W, p.latency_ms AS V FROM predictions p WHERE {LogWindow}";

    /// <summary>Latency p50/p95/p99 per window: percentile_cont on PostgreSQL, the same interpolation between the two
    /// nearest ranks on SQLite (as DeploymentFiguresSql does it for the deployments list).</summary>
    public static string Latency(StoreProvider provider) => provider == StoreProvider.Postgres ? PostgresLatency : SqliteLatency;

    private const string PostgresLatency = $"""
        SELECT w AS W, COUNT(*) AS Count,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY v) AS P50,
            percentile_cont(0.95) WITHIN GROUP (ORDER BY v) AS P95,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY v) AS P99
        FROM (SELECT (p.created_at - @From) / @Width AS w, p.latency_ms AS v FROM predictions p WHERE {LogWindow}) s
        GROUP BY w
        """;

    private static readonly string SqliteLatency = $"""
        WITH ranked AS (
            SELECT w, v, ROW_NUMBER() OVER (PARTITION BY w ORDER BY v) - 1 AS i, COUNT(*) OVER (PARTITION BY w) - 1 AS last
            FROM (SELECT (p.created_at - @From) / @Width AS w, p.latency_ms AS v FROM predictions p WHERE {LogWindow}) s
        ),
        bounds AS (
            SELECT w, MAX(last) + 1 AS n, {Bounds("50", "0.5")}, {Bounds("95", "0.95")}, {Bounds("99", "0.99")} FROM ranked GROUP BY w
        )
        SELECT w AS W, n AS Count, {Lerp("50")}, {Lerp("95")}, {Lerp("99")} FROM bounds
        """;

    private static string Bounds(string name, string q) =>
        $"MAX(CASE WHEN i = CAST({q} * last AS INTEGER) THEN v END) AS lo{name}, " +
        $"MAX(CASE WHEN i = CAST({q} * last AS INTEGER) + 1 THEN v END) AS hi{name}, {q} * MAX(last) AS h{name}";

    private static string Lerp(string name) =>
        $"lo{name} + (COALESCE(hi{name}, lo{name}) - lo{name}) * (h{name} - CAST(h{name} AS INTEGER)) AS P{name}";

    private static string Floor(StoreProvider provider, string x) =>
        provider == StoreProvider.Postgres ? $"CAST(FLOOR({x}) AS INTEGER)" : $"CAST({x} AS INTEGER)";

    private static string Real(StoreProvider provider) => provider == StoreProvider.Postgres ? "DOUBLE PRECISION" : "REAL";

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    // ---- Reference (training snapshot) side ----

    /// <summary>How many non-null values a numeric column holds in the snapshot's row range.</summary>
    public static string ReferenceCount(long datasetId, int ordinal) =>
        $"SELECT COUNT(c{I(ordinal)}) FROM ds_{datasetId.ToString(CultureInfo.InvariantCulture)} WHERE _row_id >= @RowStart AND _row_id < @RowEnd";

    /// <summary>The column's values at the given 0-based ranks of its sorted non-null values (@Ranks, a list).</summary>
    public static string ReferenceRanks(StoreProvider provider, long datasetId, int ordinal) => ProviderSql.InList(provider, $"""
        SELECT i AS I, v AS V FROM (
            SELECT CAST(c{I(ordinal)} AS {Real(provider)}) AS v, ROW_NUMBER() OVER (ORDER BY c{I(ordinal)}) - 1 AS i
            FROM ds_{datasetId.ToString(CultureInfo.InvariantCulture)}
            WHERE _row_id >= @RowStart AND _row_id < @RowEnd AND c{I(ordinal)} IS NOT NULL
        ) r WHERE i IN @Ranks 
        """);

    /// <summary>Counts per bin of a numeric column, with edges @e0 … @e{edges − 1}.</summary>
    public static string ReferenceBins(long datasetId, int ordinal, int edges) => $"""
        SELECT {Bin($"c{I(ordinal)}", "e", 0, edges)} AS B, COUNT(*) AS N
        FROM ds_{datasetId.ToString(CultureInfo.InvariantCulture)}
        WHERE _row_id >= @RowStart AND _row_id < @RowEnd AND c{I(ordinal)} IS NOT NULL
        GROUP BY 1
        """;

    /// <summary>Counts per category of a text column, null a category of its own.</summary>
    public static string ReferenceCategories(long datasetId, int ordinal) => $"""
        SELECT CAST(c{I(ordinal)} AS TEXT) AS C, COUNT(*) AS N
        FROM ds_{datasetId.ToString(CultureInfo.InvariantCulture)}
        WHERE _row_id >= @RowStart AND _row_id < @RowEnd
        GROUP BY 1
        """;

    /// <summary>The bin of <paramref name="x"/>: how many of the edges @{prefix}{lo} … @{prefix}{hi − 1} lie below it,
    /// by a binary search written as nested CASEs (bin i is (e[i−1], e[i]]).</summary>
    private static string Bin(string x, string prefix, int lo, int hi)
    {
        if (lo == hi)
        {
            return I(lo);
        }

        var mid = (lo + hi) / 2;
        return $"CASE WHEN {x} <= @{prefix}{I(mid)} THEN {Bin(x, prefix, lo, mid)} ELSE {Bin(x, prefix, mid + 1, hi)} END";
    }

    // ---- Window (prediction log) side ----

    /// <summary>
    /// Counts per window, feature and bin (numbers) or category (text) in one statement: the inputs of the range's
    /// predictions are read once into a materialised row of typed values (each feature found by its index in the row's
    /// layout), then each feature is grouped. Feature f's edges are @f{f}e0 …; layouts are @l0 …, and
    /// <paramref name="features"/>[f].Indexes[k] is the feature's index in layout @l{k} (−1: not in that layout).
    /// </summary>
    public static string WindowCounts(StoreProvider provider, IReadOnlyList<PlannedFeature> features, int layouts)
    {
        var sql = new StringBuilder("WITH x AS MATERIALIZED (SELECT (p.created_at - @From) / @Width AS w");
        for (var f = 0; f < features.Count; f++)
        {
            sql.Append(", ").Append(Extract(provider, features[f], layouts)).Append(" AS v").Append(I(f));
        }

        sql.Append(provider == StoreProvider.Postgres
            ? $" FROM (SELECT p.created_at, p.layout_id, p.inputs::jsonb AS j FROM predictions p WHERE {LogWindow} OFFSET 0) p)"
            : $" FROM predictions p WHERE {LogWindow})");
        for (var f = 0; f < features.Count; f++)
        {
            var v = "v" + I(f);
            sql.Append(f == 0 ? "\n" : "\nUNION ALL\n");
            sql.Append(features[f].Edges is { } edges
                ? $"SELECT {I(f)} AS F, w AS W, {Bin(v, $"f{I(f)}e", 0, edges)} AS B, NULL AS C, COUNT(*) AS N FROM x WHERE {IsNumber(provider, v)} GROUP BY w, 3"
                : $"SELECT {I(f)} AS F, w AS W, NULL AS B, {v} AS C, COUNT(*) AS N FROM x GROUP BY w, {v}");
        }

        return sql.ToString();
    }

    // A numeric input that arrived as text or null is not a number to bin (serving refuses such rows; old rows may hold them).
    private static string IsNumber(StoreProvider provider, string v) =>
        provider == StoreProvider.Postgres ? $"{v} IS NOT NULL" : $"typeof({v}) IN ('integer', 'real')";

    private static string Extract(StoreProvider provider, PlannedFeature feature, int layouts)
    {
        var numeric = feature.Edges is not null;
        var cases = new StringBuilder("CASE p.layout_id");
        var any = false;
        for (var k = 0; k < layouts; k++)
        {
            var index = feature.Indexes[k];
            if (index < 0)
            {
                continue;
            }

            any = true;
            cases.Append(" WHEN @l").Append(I(k)).Append(" THEN ").Append(provider == StoreProvider.Postgres ? I(index) : $"'$[{I(index)}]'");
        }

        if (!any)
        {
            return numeric ? $"CAST(NULL AS {Real(provider)})" : "CAST(NULL AS TEXT)";
        }

        var at = cases.Append(" END").ToString();
        if (provider == StoreProvider.Postgres)
        {
            return numeric
                ? $"CASE WHEN jsonb_typeof(p.j -> ({at})) = 'number' THEN (p.j ->> ({at}))::double precision END"
                : $"(p.j ->> ({at}))";
        }

        // json_extract returns the SQL value: a number for a JSON number, text for a string, NULL for null.
        return numeric
            ? $"json_extract(p.inputs, {at})"
            : $"CAST(json_extract(p.inputs, {at}) AS TEXT)";
    }
}

/// <summary>A feature as the window query reads it: its numeric edge count (null for a category) and its index in
/// each of the deployment's layouts (−1 when a layout lacks it).</summary>
internal sealed record PlannedFeature(int? Edges, IReadOnlyList<int> Indexes);
