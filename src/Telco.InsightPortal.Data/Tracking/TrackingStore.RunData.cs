using System.Data.Common;
using Dapper;

namespace Telco.InsightPortal.Data.Tracking;

public sealed partial class TrackingStore
{
    public Task LogMetricAsync(string runId, TrackingMetric metric, CancellationToken ct = default) =>
        LogBatchAsync(runId, [metric], [], [], ct);

    public Task LogParamAsync(string runId, TrackingParam param, CancellationToken ct = default) =>
        LogBatchAsync(runId, [], [param], [], ct);

    public Task SetTagAsync(string runId, TrackingTag tag, CancellationToken ct = default) =>
        LogBatchAsync(runId, [], [], [tag], ct);

    public Task DeleteTagAsync(string runId, string key, CancellationToken ct = default) =>
        _db.WriteAsync<bool>(null, async (c, tx) =>
        {
            await RequireActiveRunAsync(c, tx, runId, ct);
            if (await c.ExecuteAsync(new CommandDefinition(TrackingSql.DeleteTag, new { RunId = runId, Key = key }, tx, cancellationToken: ct)) == 0)
                throw TrackingException.NotFound($"No tag with name: {key} in run with id {runId}");
            return (true, null);
        }, ct);

    /// <summary>All or nothing: a param that conflicts with its logged value rejects the whole batch.</summary>
    public Task LogBatchAsync(string runId, IReadOnlyList<TrackingMetric> metrics, IReadOnlyList<TrackingParam> parameters,
        IReadOnlyList<TrackingTag> tags, CancellationToken ct = default)
    {
        CheckBatch(metrics, parameters, tags);
        return _db.WriteAsync<bool>(null, async (c, tx) =>
        {
            await RequireActiveRunAsync(c, tx, runId, ct);
            foreach (var param in parameters) await LogParamAsync(c, tx, runId, param, ct);
            var metricRows = metrics.Select(m => new { RunId = runId, m.Key, Value = ToStored(m.Value), m.Timestamp, m.Step }).ToList();
            await c.ExecuteAsync(new CommandDefinition(TrackingSql.InsertMetric, metricRows, tx, cancellationToken: ct));
            await c.ExecuteAsync(new CommandDefinition(TrackingSql.UpsertLatestMetric, metricRows, tx, cancellationToken: ct));
            await c.ExecuteAsync(new CommandDefinition(TrackingSql.UpsertTag, tags.Select(t => new { RunId = runId, t.Key, t.Value }), tx, cancellationToken: ct));
            return (true, null);
        }, ct);
    }

    public Task<MetricPage> GetMetricHistoryAsync(string runId, string metricKey, int? maxResults, string? pageToken, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(metricKey)) throw TrackingException.Invalid("Missing value for required parameter 'metric_key'.");
        var limit = Limit(maxResults ?? MaxResultsLimit, MaxResultsLimit);
        var offset = PageToken.Decode(pageToken);
        return _db.ReadAsync(async c =>
        {
            await RequireRunAsync(c, null, runId, ct);
            var rows = (await c.QueryAsync<(string Key, double? Value, long Timestamp, long Step)>(new CommandDefinition(TrackingSql.MetricHistory,
                new { RunId = runId, Key = metricKey, Limit = limit + 1, Offset = offset }, cancellationToken: ct)))
                .Select(m => new TrackingMetric(m.Key, FromStored(m.Value), m.Timestamp, m.Step)).ToList();
            return new MetricPage(rows.Take(limit).ToList(), NextToken(rows.Count, limit, offset));
        }, ct);
    }

    // NaN is stored as NULL: SQLite cannot hold NaN, and PostgreSQL keeps the same representation so both read alike.
    private static double? ToStored(double value) => double.IsNaN(value) ? null : value;

    private static double FromStored(double? value) => value ?? double.NaN;

    private static async Task LogParamAsync(DbConnection c, DbTransaction tx, string runId, TrackingParam param, CancellationToken ct)
    {
        var row = new { RunId = runId, param.Key, param.Value };
        await c.ExecuteAsync(new CommandDefinition(TrackingSql.InsertParam, row, tx, cancellationToken: ct));
        var logged = await c.ExecuteScalarAsync<string>(new CommandDefinition(TrackingSql.GetParam, row, tx, cancellationToken: ct));
        if (logged != param.Value)
            throw TrackingException.Invalid($"Changing param values is not allowed. Param with key='{param.Key}' was already logged with " +
                $"value='{logged}' for run ID='{runId}'. Attempted logging new value '{param.Value}'.");
    }

    private static void CheckBatch(IReadOnlyList<TrackingMetric> metrics, IReadOnlyList<TrackingParam> parameters, IReadOnlyList<TrackingTag> tags)
    {
        if (metrics.Count > MaxBatchMetrics || parameters.Count > MaxBatchParams || tags.Count > MaxBatchTags
            || metrics.Count + parameters.Count + tags.Count > MaxBatchTotal)
            throw TrackingException.Invalid($"A batch logging request can contain at most {MaxBatchMetrics} metrics, {MaxBatchParams} params, " +
                $"{MaxBatchTags} tags and {MaxBatchTotal} items in total; got {metrics.Count} metrics, {parameters.Count} params and {tags.Count} tags.");
        foreach (var m in metrics) CheckKey(m.Key, "metric");
        foreach (var p in parameters)
        {
            CheckKey(p.Key, "param");
            CheckValue(p.Key, p.Value, MaxParamValueLength, "param");
        }
        foreach (var t in tags)
        {
            CheckKey(t.Key, "tag");
            CheckValue(t.Key, t.Value, MaxTagValueLength, "tag");
        }
        // Within one batch the same param twice with different values is as much a change as across batches.
        var conflict = parameters.GroupBy(p => p.Key).FirstOrDefault(g => g.Select(p => p.Value).Distinct().Count() > 1);
        if (conflict is not null)
            throw TrackingException.Invalid($"Duplicate parameter keys with different values in the batch: '{conflict.Key}'.");
    }
}
