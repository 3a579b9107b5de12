using Telco.InsightPortal.Core.Dashboards;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Data.Dashboards;

/// <summary>The fixed pieces of chart SQL where the dialects differ. Only these literals and column names made from
/// ordinals are ever spliced into a chart query.</summary>
internal static class ChartSqlFragments
{
    public const string SnapshotRange = "_row_id >= @from AND _row_id < @to";

    public const string RowId = "_row_id";

    /// <summary>Both dialects have floor(); @w is always a double, so integer columns divide as reals on SQLite too.</summary>
    public const string NumericBin = "floor({0} / @w) * @w";

    /// <summary>SQLite keeps timestamps as fixed-width ISO text (RowSinks); strftime reads it and writes the bin start
    /// back as ISO text. A week starts on Monday, as date_trunc('week') does: the next Sunday (or today), less six days.</summary>
    private const string SqliteDay = "strftime('%Y-%m-%dT00:00:00Z', {0})";
    private const string SqliteWeek = "strftime('%Y-%m-%dT00:00:00Z', {0}, 'weekday 0', '-6 days')";
    private const string SqliteMonth = "strftime('%Y-%m-01T00:00:00Z', {0})";

    /// <summary>Truncated in UTC, not in the session's time zone, so both dialects bin alike.</summary>
    private const string PostgresDay = "date_trunc('day', {0} AT TIME ZONE 'UTC')";
    private const string PostgresWeek = "date_trunc('week', {0} AT TIME ZONE 'UTC')";
    private const string PostgresMonth = "date_trunc('month', {0} AT TIME ZONE 'UTC')";

    public static string TimeBin(StoreProvider provider, TimeUnit unit) => (provider, unit) switch
    {
        (StoreProvider.Sqlite, TimeUnit.Day) => SqliteDay,
        (StoreProvider.Sqlite, TimeUnit.Week) => SqliteWeek,
        (StoreProvider.Sqlite, _) => SqliteMonth,
        (_, TimeUnit.Day) => PostgresDay,
        (_, TimeUnit.Week) => PostgresWeek,
        _ => PostgresMonth,
    };

    public static string Aggregate(Aggregation agg, string? column) => (agg, column) switch
    {
        (Aggregation.Count, null) => "COUNT(*)",
        (Aggregation.Count, _) => $"COUNT({column})",
        (Aggregation.CountDistinct, _) => $"COUNT(DISTINCT {column})",
        (Aggregation.Sum, _) => $"SUM({column})",
        (Aggregation.Avg, _) => $"AVG({column})",
        (Aggregation.Min, _) => $"MIN({column})",
        _ => $"MAX({column})",
    };

    /// <summary>PostgreSQL's continuous percentile; the fraction is a literal from <see cref="ChartVocabulary.Percentiles"/>.</summary>
    public static string PostgresPercentile(Aggregation agg, string column) =>
        $"percentile_cont({ChartVocabulary.Percentiles[agg]}) WITHIN GROUP (ORDER BY {column})";

    /// <summary>
    /// The same continuous percentile on SQLite, over the ranks r{i} (1 = smallest, nulls last) and the count n{i} of
    /// non-null values that the ranked source adds: with h = (n - 1) * p, the value at rank floor(h) + 1, plus the
    /// fraction of h times the step to the next rank. Null when a group has no values. n{i} is read bare (SQLite allows
    /// it in a grouped query): it is the same on every row of a group, because the window partitions as the chart groups,
    /// and an aggregate of it could not sit inside the aggregates that pick the ranks.
    /// </summary>
    public static string SqlitePercentile(Aggregation agg, string column, string i)
    {
        var p = ChartVocabulary.Percentiles[agg];
        var h = $"((n{i} - 1) * {p})";
        var low = $"(CAST({h} AS INTEGER) + 1)";
        var atLow = $"MAX(CASE WHEN r{i} = {low} THEN {column} END)";
        var atHigh = $"COALESCE(MAX(CASE WHEN r{i} = {low} + 1 THEN {column} END), {atLow})";
        return $"({atLow} + ({h} - ({low} - 1)) * ({atHigh} - {atLow}))";
    }
}
