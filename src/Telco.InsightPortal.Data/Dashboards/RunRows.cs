using System.Globalization;
using Dapper;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Data.Dashboards;

/// <summary>
/// An experiment's active runs as a chart source: one row per run, with the fixed fields below, then each metric key
/// logged in the experiment as <c>metrics.&lt;key&gt;</c> (its latest value, a number) and each param key as
/// <c>params.&lt;key&gt;</c> (text, as MLflow keeps params), the names MLflow's run search uses. A run without the metric
/// or param has null there. Keys reach the SQL as parameters only.
/// </summary>
internal sealed class RunRows : SourceRows
{
    public const string MetricPrefix = "metrics.";
    public const string ParamPrefix = "params.";

    private static readonly (DatasetColumn Field, string Column, bool Millis)[] Fixed =
    [
        (new(0, "run_id", ColumnType.Text, ColumnRole.Id), "r.run_id", false),
        (new(1, "run_name", ColumnType.Text), "r.run_name", false),
        (new(2, "status", ColumnType.Text), "r.status", false),
        (new(3, "start_time", ColumnType.Timestamp, ColumnRole.Timestamp), "r.start_time", true),
        (new(4, "end_time", ColumnType.Timestamp, ColumnRole.Timestamp), "r.end_time", true),
        // Who started the run: a person's name.
        (new(5, "user_id", ColumnType.Text, Pii: true), "r.user_id", false),
    ];

    private readonly long _experimentId;
    private readonly int _firstParam;
    private readonly IReadOnlyList<string> _keys;

    private RunRows(long experimentId, DatasetSchema schema, int firstParam, IReadOnlyList<string> keys) : base(schema)
    {
        _experimentId = experimentId;
        _firstParam = firstParam;
        _keys = keys;
    }

    /// <summary>The experiment's runs, or null when there is no such active experiment.</summary>
    public static async Task<RunRows?> LoadAsync(IConnectionFactory factory, string experiment, CancellationToken ct)
    {
        await using var c = await factory.OpenAsync(ct);
        if (await c.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(ChartSourceSql.ExperimentId, new { Name = experiment }, cancellationToken: ct))
            is not { } id)
            return null;
        var metrics = (await c.QueryAsync<string>(new CommandDefinition(ChartSourceSql.MetricKeys, new { Id = id }, cancellationToken: ct))).AsList();
        var parameters = (await c.QueryAsync<string>(new CommandDefinition(ChartSourceSql.ParamKeys, new { Id = id }, cancellationToken: ct))).AsList();
        var fields = Fixed.Select(f => f.Field).ToList();
        fields.AddRange(metrics.Select((k, i) => new DatasetColumn(Fixed.Length + i, MetricPrefix + k, ColumnType.Real)));
        var firstParam = fields.Count;
        fields.AddRange(parameters.Select((k, i) => new DatasetColumn(firstParam + i, ParamPrefix + k, ColumnType.Text)));
        return new RunRows(id, new DatasetSchema(fields), firstParam, [.. metrics, .. parameters]);
    }

    protected override string Select(DatasetColumn field, StoreProvider provider, List<(string Name, object Value)> parameters)
    {
        if (field.Ordinal < Fixed.Length)
        {
            var f = Fixed[field.Ordinal];
            return f.Millis ? Millis(f.Column, provider) : f.Column;
        }
        var key = Parameter(parameters, "@s_k" + Number(field.Ordinal), _keys[field.Ordinal - Fixed.Length]);
        if (field.Ordinal >= _firstParam) return string.Format(CultureInfo.InvariantCulture, ChartSourceSql.Param, key);
        var metric = string.Format(CultureInfo.InvariantCulture, ChartSourceSql.LatestMetric, key);
        return provider == StoreProvider.Sqlite ? metric : string.Format(CultureInfo.InvariantCulture, ChartSourceSql.PostgresMetric, metric);
    }

    protected override (string Table, string Rows, string Order, string RowOrder) Rows(IReadOnlyList<DatasetColumn> fields,
        List<(string Name, object Value)> parameters)
    {
        parameters.Add(("@s_source", _experimentId));
        return (ChartSourceSql.Runs, ChartSourceSql.RunRows, ChartSourceSql.RunOrder, ChartSourceSql.RunRowOrder);
    }
}
