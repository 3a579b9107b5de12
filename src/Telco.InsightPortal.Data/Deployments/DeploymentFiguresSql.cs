using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Data.Deployments;

/// <summary>
/// The deployments list in one query: each deployment, its current targets (one row per target) and the p50/p95/p99
/// latency of its newest <c>@Offset + 1</c> logged predictions since <c>@From</c>. Per deployment, a backward walk of
/// its primary key finds the id of the oldest prediction of that sample, so only the sample's rows are read, never
/// the whole day. Percentiles are interpolated between the two nearest ranks: PostgreSQL's <c>percentile_cont</c>,
/// and on SQLite the same arithmetic over rows ranked by a window function (lo + (hi − lo) × fraction, in the order
/// PostgreSQL computes it), so both stores give the same figures. Built once from constant fragments; values travel
/// as parameters.
/// </summary>
internal static class DeploymentFiguresSql
{
    private const string PostgresStats = """
        stats AS (
            SELECT deployment_id, COUNT(*) AS sample,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms) AS p50,
                percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms) AS p95,
                percentile_cont(0.99) WITHIN GROUP (ORDER BY latency_ms) AS p99
            FROM sample GROUP BY deployment_id
        )
        """;

    /// <summary>i is a row's 0-based rank by latency and last the top rank, so the q-quantile lies at rank h = q × last,
    /// between the rows ranked ⌊h⌋ (lo) and ⌊h⌋ + 1 (hi, absent at the top rank, where the fraction is 0).</summary>
    private static readonly string SqliteStats = $"""
        ranked AS (
            SELECT deployment_id, latency_ms AS v,
                ROW_NUMBER() OVER (PARTITION BY deployment_id ORDER BY latency_ms) - 1 AS i,
                COUNT(*) OVER (PARTITION BY deployment_id) - 1 AS last
            FROM sample
        ),
        bounds AS (
            SELECT deployment_id, MAX(last) + 1 AS sample, {Bounds("50", "0.5")}, {Bounds("95", "0.95")}, {Bounds("99", "0.99")}
            FROM ranked GROUP BY deployment_id
        ),
        stats AS (
            SELECT deployment_id, sample, {Lerp("50")}, {Lerp("95")}, {Lerp("99")} FROM bounds
        )
        """;

    private const string Rows = " SELECT " + DeploymentSql.DeploymentColumns + ", " + DeploymentSql.TargetColumns + """
        , COALESCE(s.sample, 0) AS Sample, s.p50 AS P50, s.p95 AS P95, s.p99 AS P99
        FROM deployments d
        JOIN deployment_targets t ON t.deployment_id = d.id AND t.generation = d.generation
        LEFT JOIN stats s ON s.deployment_id = d.id
        """;

    private const string Named = " WHERE d.name = @Name";

    private static readonly string PostgresAll = Query(PostgresStats, "");
    private static readonly string PostgresOne = Query(PostgresStats, Named);
    private static readonly string SqliteAll = Query(SqliteStats, "");
    private static readonly string SqliteOne = Query(SqliteStats, Named);

    public static string All(StoreProvider provider) => provider == StoreProvider.Postgres ? PostgresAll : SqliteAll;

    /// <summary>One deployment (<c>@Name</c>): only its predictions are read.</summary>
    public static string One(StoreProvider provider) => provider == StoreProvider.Postgres ? PostgresOne : SqliteOne;

    private static string Query(string stats, string where) => $"""
        WITH cut AS (
            SELECT d.id AS deployment_id, COALESCE((
                SELECT p.uuid FROM predictions p
                WHERE p.deployment_id = d.id AND p.uuid >= @FromKey AND p.created_at >= @From
                ORDER BY p.uuid DESC LIMIT 1 OFFSET @Offset), @FromKey) AS from_key
            FROM deployments d{where}
        ),
        sample AS (
            SELECT p.deployment_id, p.latency_ms FROM cut
            JOIN predictions p ON p.deployment_id = cut.deployment_id AND p.uuid >= cut.from_key AND p.created_at >= @From
        ),
        {stats}
        {Rows}{where} ORDER BY d.name, t.id
        """;

    private static string Bounds(string name, string q) =>
        $"MAX(CASE WHEN i = CAST({q} * last AS INTEGER) THEN v END) AS lo{name}, " +
        $"MAX(CASE WHEN i = CAST({q} * last AS INTEGER) + 1 THEN v END) AS hi{name}, {q} * MAX(last) AS h{name}";

    private static string Lerp(string name) => $"lo{name} + (COALESCE(hi{name}, lo{name}) - lo{name}) * (h{name} - CAST(h{name} AS INTEGER)) AS p{name}";
}
