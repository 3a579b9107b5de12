namespace Telco.InsightPortal.Core.Dashboards;

/// <summary>The JSON words of a spec and the enums they stand for, one table each way, so parser and writer agree.</summary>
public static class ChartVocabulary
{
    public static readonly IReadOnlyDictionary<string, ChartType> Types = new Dictionary<string, ChartType>(StringComparer.Ordinal)
    {
        ["bar"] = ChartType.Bar, ["bar-stacked"] = ChartType.BarStacked, ["line"] = ChartType.Line, ["area"] = ChartType.Area,
        ["scatter"] = ChartType.Scatter, ["histogram"] = ChartType.Histogram, ["box"] = ChartType.Box, ["pie"] = ChartType.Pie,
        ["donut"] = ChartType.Donut, ["heatmap"] = ChartType.Heatmap, ["kpi"] = ChartType.Kpi, ["table"] = ChartType.Table,
    };

    public static readonly IReadOnlyDictionary<string, Aggregation> Aggregations = new Dictionary<string, Aggregation>(StringComparer.Ordinal)
    {
        ["count"] = Aggregation.Count, ["count_distinct"] = Aggregation.CountDistinct, ["sum"] = Aggregation.Sum,
        ["avg"] = Aggregation.Avg, ["min"] = Aggregation.Min, ["max"] = Aggregation.Max, ["median"] = Aggregation.Median,
        ["p25"] = Aggregation.P25, ["p75"] = Aggregation.P75, ["p90"] = Aggregation.P90, ["p95"] = Aggregation.P95, ["p99"] = Aggregation.P99,
    };

    /// <summary>The fraction each percentile stands for, as SQL literal text (fixed here, never from a spec).</summary>
    public static readonly IReadOnlyDictionary<Aggregation, string> Percentiles = new Dictionary<Aggregation, string>
    {
        [Aggregation.Median] = "0.5", [Aggregation.P25] = "0.25", [Aggregation.P75] = "0.75",
        [Aggregation.P90] = "0.9", [Aggregation.P95] = "0.95", [Aggregation.P99] = "0.99",
    };

    public static readonly IReadOnlyDictionary<string, FilterOp> Ops = new Dictionary<string, FilterOp>(StringComparer.Ordinal)
    {
        ["eq"] = FilterOp.Eq, ["in"] = FilterOp.In, ["range"] = FilterOp.Range, ["null"] = FilterOp.Null, ["not_null"] = FilterOp.NotNull,
        ["last"] = FilterOp.Last,
    };

    public static readonly IReadOnlyDictionary<string, ChartSourceKind> SourceKinds = new Dictionary<string, ChartSourceKind>(StringComparer.Ordinal)
    {
        [ChartSource.SnapshotKind] = ChartSourceKind.Snapshot, [ChartSource.PredictionsKind] = ChartSourceKind.Predictions,
        [ChartSource.RunsKind] = ChartSourceKind.Runs,
    };

    public static readonly IReadOnlyDictionary<string, TimeUnit> Units = new Dictionary<string, TimeUnit>(StringComparer.Ordinal)
    {
        ["day"] = TimeUnit.Day, ["week"] = TimeUnit.Week, ["month"] = TimeUnit.Month,
    };

    /// <summary>Aggregations analysts ask for that this version does not compute: refused by name.</summary>
    public static readonly IReadOnlySet<string> NotYet = new HashSet<string>(StringComparer.Ordinal) { "percentile", "mode", "stddev", "variance" };

    public static string Word<T>(IReadOnlyDictionary<string, T> table, T value) where T : struct, Enum =>
        table.First(p => EqualityComparer<T>.Default.Equals(p.Value, value)).Key;
}
