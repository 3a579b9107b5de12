using System.Globalization;
using Dapper;
using Telco.InsightPortal.Core.Dashboards;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Data.Dashboards;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Bench.Dashboards;

/// <summary>Runs one chart both ways over the same connection factory (so both pay the same connection open and
/// pragmas): through the engine, as the chart API does (spec text in, rows out), and as hand SQL through Dapper.</summary>
internal sealed class ChartRunner(IConnectionFactory factory, Dataset dataset, Snapshot snapshot)
{
    private readonly DatasetStore _datasets = new(factory);
    private readonly RowTable _table = new(dataset.Id, dataset.Schema, factory.Provider);
    private readonly bool _postgres = factory.Provider == StoreProvider.Postgres;

    /// <summary>A service of its own, as after a restart: nothing cached, so the chart query runs.</summary>
    public ChartQueryService NewService() => new(factory, _datasets);

    public async Task<IReadOnlyList<object?[]>> EngineAsync(ChartQueryService service, DashboardChart chart) =>
        (await service.RunAsync(chart.Spec, canSeePii: false)).Rows;

    public async Task<IReadOnlyList<object?[]>> HandAsync(DashboardChart chart)
    {
        await using var connection = await factory.OpenAsync();
        await using var reader = await connection.ExecuteReaderAsync(
            new CommandDefinition(chart.HandSql(_table, _postgres), DashboardCharts.Parameters(snapshot)));
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            reader.GetValues(row!);
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>Null when both answers hold the same rows in the same order (numbers to 1e-9, relative), else what
    /// differs: a baseline that answers another question would make the ratio meaningless.</summary>
    public static string? Difference(IReadOnlyList<object?[]> engine, IReadOnlyList<object?[]> hand)
    {
        if (engine.Count != hand.Count) return $"{engine.Count} rows vs {hand.Count}";
        for (var r = 0; r < engine.Count; r++)
            for (var c = 0; c < engine[r].Length; c++)
                if (!Same(engine[r][c], hand[r][c])) return $"row {r}, column {c}: {engine[r][c]} vs {hand[r][c]}";
        return null;
    }

    private static bool Same(object? a, object? b)
    {
        if (a is null || b is null || a is DBNull || b is DBNull) return (a is null or DBNull) == (b is null or DBNull);
        if (a is string || b is string) return Equals(Convert.ToString(a, CultureInfo.InvariantCulture), Convert.ToString(b, CultureInfo.InvariantCulture));
        var x = Convert.ToDouble(a, CultureInfo.InvariantCulture);
        var y = Convert.ToDouble(b, CultureInfo.InvariantCulture);
        return Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Abs(x));
    }

    /// <summary>The engine's SQL (compiled here as ChartQueryService compiles it) and the hand SQL, each with its
    /// plan: EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL.</summary>
    public async Task<string> PlansAsync(DashboardChart chart)
    {
        var bound = ChartSpecValidator.Validate(ChartSpecParser.Parse(chart.Spec), dataset.Schema, canSeePii: false);
        var sql = new ChartSql(_table, bound, factory.Provider, snapshot.RowStart, snapshot.RowEnd, new ChartQueryOptions().RowCap);
        var engineParameters = new DynamicParameters();
        foreach (var (name, value) in sql.Parameters) engineParameters.Add(name, value);
        var hand = chart.HandSql(_table, _postgres);
        return $"""
            -- engine
            {sql.Text}
            {await PlanAsync(sql.Text, engineParameters)}
            -- hand
            {hand}
            {await PlanAsync(hand, DashboardCharts.Parameters(snapshot))}
            """;
    }

    private async Task<string> PlanAsync(string sql, object parameters)
    {
        await using var connection = await factory.OpenAsync();
        var explain = (_postgres ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + sql;
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(explain, parameters));
        var lines = new List<string>();
        // SQLite answers (id, parent, notused, detail); PostgreSQL one text column.
        while (await reader.ReadAsync()) lines.Add("   " + reader.GetString(reader.FieldCount - 1));
        return string.Join('\n', lines);
    }
}
