using System.Text.RegularExpressions;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Data.Datasets;

namespace Telco.InsightPortal.Bench.Dashboards;

/// <summary>One chart of the dashboard: its spec, as a saved dashboard would hold it, and the same aggregate written by
/// hand in SQL (<see cref="PostgresSql"/> where the dialects part). Hand SQL names fields as <c>{Field}</c> and the
/// table as <c>{t}</c>, resolved through the schema the way the engine resolves them, since the physical names
/// (<c>ds_N</c>, <c>c{ordinal}</c>) are only known after the ingest.</summary>
internal sealed partial record DashboardChart(string Name, string Spec, string Sql, string? PostgresSql = null)
{
    public string HandSql(RowTable table, bool postgres) =>
        Token().Replace(postgres && PostgresSql is not null ? PostgresSql : Sql, m => m.Groups[1].Value == "t"
            ? table.Name
            : RowTable.ColumnName(table.Schema.Columns.Single(c => c.Name == m.Groups[1].Value).Ordinal));

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Token();
}

/// <summary>The six charts a "Churn overview" dashboard shows. The hand SQL answers the same rows, in the same order,
/// over the same snapshot range (the table holds every snapshot's rows, so a hand query needs the range too).</summary>
internal static class DashboardCharts
{
    public const string Dataset = "telco";

    public static readonly IReadOnlyList<DashboardChart> All =
    [
        new("churn by contract (stacked bar)",
            Spec("""{"type": "bar-stacked", "x": {"field": "Contract"}, "group": "Churn", "measures": [{"agg": "count"}]}"""),
            """
            SELECT {Contract}, {Churn}, COUNT(*) FROM {t}
            WHERE _row_id >= @from AND _row_id < @to
            GROUP BY {Contract}, {Churn} ORDER BY 1, 2
            """),
        new("tenure histogram by churn",
            Spec("""{"type": "histogram", "x": {"field": "tenure", "bin": {"width": 6}}, "group": "Churn"}"""),
            """
            SELECT ({tenure} / 6) * 6 AS bin, {Churn}, COUNT(*) FROM {t}
            WHERE _row_id >= @from AND _row_id < @to
            GROUP BY bin, {Churn} ORDER BY 1, 2
            """),
        new("monthly charges by internet (box)",
            Spec("""{"type": "box", "x": {"field": "InternetService"}, "measures": [{"field": "MonthlyCharges", "agg": "median"}]}"""),
            // SQLite has no percentile function: rank once per group, pick the two ranks around (n - 1) * p, interpolate.
            """
            WITH ranked AS (
                SELECT {InternetService} AS x, {MonthlyCharges} AS v,
                       ROW_NUMBER() OVER (PARTITION BY {InternetService} ORDER BY {MonthlyCharges}) AS r,
                       COUNT(*) OVER (PARTITION BY {InternetService}) AS n
                FROM {t} WHERE _row_id >= @from AND _row_id < @to AND {MonthlyCharges} IS NOT NULL
            ), marked AS (
                SELECT x, v, r, (n - 1) * 0.25 AS h1, (n - 1) * 0.5 AS h2, (n - 1) * 0.75 AS h3 FROM ranked
            )
            SELECT x, MIN(v),
                   MAX(CASE WHEN r = CAST(h1 AS INTEGER) + 1 THEN v END) + (MAX(h1) - CAST(MAX(h1) AS INTEGER))
                     * (MAX(CASE WHEN r = CAST(h1 AS INTEGER) + 2 THEN v END) - MAX(CASE WHEN r = CAST(h1 AS INTEGER) + 1 THEN v END)),
                   MAX(CASE WHEN r = CAST(h2 AS INTEGER) + 1 THEN v END) + (MAX(h2) - CAST(MAX(h2) AS INTEGER))
                     * (MAX(CASE WHEN r = CAST(h2 AS INTEGER) + 2 THEN v END) - MAX(CASE WHEN r = CAST(h2 AS INTEGER) + 1 THEN v END)),
                   MAX(CASE WHEN r = CAST(h3 AS INTEGER) + 1 THEN v END) + (MAX(h3) - CAST(MAX(h3) AS INTEGER))
                     * (MAX(CASE WHEN r = CAST(h3 AS INTEGER) + 2 THEN v END) - MAX(CASE WHEN r = CAST(h3 AS INTEGER) + 1 THEN v END)),
                   MAX(v)
            FROM marked GROUP BY x ORDER BY x
            """,
            """
            SELECT {InternetService}, MIN({MonthlyCharges}),
                   percentile_cont(0.25) WITHIN GROUP (ORDER BY {MonthlyCharges}),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY {MonthlyCharges}),
                   percentile_cont(0.75) WITHIN GROUP (ORDER BY {MonthlyCharges}),
                   MAX({MonthlyCharges})
            FROM {t} WHERE _row_id >= @from AND _row_id < @to
            GROUP BY 1 ORDER BY 1
            """),
        new("count by payment method (pie)",
            Spec("""{"type": "pie", "x": {"field": "PaymentMethod"}, "measures": [{"agg": "count"}]}"""),
            """
            SELECT {PaymentMethod}, COUNT(*) FROM {t}
            WHERE _row_id >= @from AND _row_id < @to
            GROUP BY 1 ORDER BY 1
            """),
        new("KPI: customers, avg monthly charges",
            Spec("""{"type": "kpi", "measures": [{"agg": "count"}, {"field": "MonthlyCharges", "agg": "avg"}]}"""),
            """
            SELECT COUNT(*), AVG({MonthlyCharges}) FROM {t}
            WHERE _row_id >= @from AND _row_id < @to
            """),
        new("churners: contract × internet (heatmap)",
            Spec("""{"type": "heatmap", "x": {"field": "Contract"}, "group": "InternetService", "measures": [{"agg": "count"}], "filters": [{"field": "Churn", "op": "eq", "value": "Yes"}]}"""),
            """
            SELECT {Contract}, {InternetService}, COUNT(*) FROM {t}
            WHERE _row_id >= @from AND _row_id < @to AND {Churn} = @churn
            GROUP BY 1, 2 ORDER BY 1, 2
            """),
    ];

    /// <summary>The hand SQL's parameters: the snapshot's range and the heatmap's filter value.</summary>
    public static object Parameters(Snapshot snapshot) => new { from = snapshot.RowStart, to = snapshot.RowEnd, churn = "Yes" };

    private static string Spec(string body) =>
        $$"""{"version": 1, "source": {"kind": "snapshot", "dataset": "{{Dataset}}", "snapshot": "latest"}, {{body[1..]}}""";
}
