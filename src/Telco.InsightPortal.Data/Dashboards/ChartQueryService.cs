using System.Data.Common;
using Telco.InsightPortal.Core.Dashboards;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Data.Dashboards;

/// <summary>
/// Answers a chart spec over a dataset snapshot: resolves the dataset and the snapshot ("latest" is the dataset's
/// head), validates the spec against the schema (PII refused unless <c>canSeePii</c>), then answers from the cache or
/// runs the one compiled query under the row cap and the timeout. The dataset and snapshot are looked up on every call,
/// so a deleted source stops answering; only the chart query itself is cached.
/// </summary>
public sealed class ChartQueryService(IConnectionFactory factory, DatasetStore datasets, ChartQueryOptions? options = null)
{
    private static readonly ChartQueryOptions Defaults = new();

    private readonly ChartQueryOptions _options = options ?? Defaults;
    private readonly ChartResultCache _cache = new((options ?? Defaults).CacheEntries);
    private long _queries;

    /// <summary>How many chart queries this service has sent to the database (cache hits send none).</summary>
    public long QueriesRun => Interlocked.Read(ref _queries);

    public Task<ChartResult> RunAsync(string specJson, bool canSeePii, CancellationToken ct = default) =>
        RunAsync(ChartSpecParser.Parse(specJson), canSeePii, ct);

    public async Task<ChartResult> RunAsync(ChartSpec spec, bool canSeePii, CancellationToken ct = default)
    {
        var name = spec.Source.Dataset;
        if (DatasetNames.Problem(name) is { } problem) throw new ChartSpecException("source.dataset", problem);
        var dataset = await datasets.GetAsync(name, ct) ?? throw PortalException.NotFound($"There is no dataset '{name}'.");
        var snapshotId = spec.Source.SnapshotId ?? dataset.CurrentSnapshotId
            ?? throw PortalException.NotFound($"Dataset '{name}' has no snapshot yet.");
        var snapshot = await datasets.SnapshotAsync(dataset.Id, snapshotId, ct)
            ?? throw PortalException.NotFound($"Dataset '{name}' has no snapshot {snapshotId}.");
        var chart = ChartSpecValidator.Validate(spec, dataset.Schema, canSeePii);
        var key = new ChartResultCache.Key(snapshot.Id,
            ChartSpecWriter.Hash(spec with { Source = spec.Source with { SnapshotId = snapshot.Id } }), canSeePii);
        if (_cache.TryGet(key, out var cached)) return cached;
        var result = await QueryAsync(dataset, snapshot, chart, ct);
        _cache.Set(key, result);
        return result;
    }

    private async Task<ChartResult> QueryAsync(Dataset dataset, Snapshot snapshot, BoundChart chart, CancellationToken ct)
    {
        var table = new RowTable(dataset.Id, dataset.Schema, factory.Provider);
        var sql = new ChartSql(table, chart, factory.Provider, snapshot.RowStart, snapshot.RowEnd, _options.RowCap);
        // CommandTimeout alone does not stop a running SQLite statement; the linked token does, on both providers.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            await using var connection = await factory.OpenAsync(timeout.Token);
            await using var command = connection.CreateCommand();
            command.CommandText = sql.Text;
            command.CommandTimeout = Math.Max(1, (int)Math.Ceiling(_options.Timeout.TotalSeconds));
            foreach (var (name, value) in sql.Parameters) DatasetStore.AddParameter(command, name, value);
            Interlocked.Increment(ref _queries);
            var rows = new List<object?[]>();
            await using var reader = await command.ExecuteReaderAsync(timeout.Token);
            while (await reader.ReadAsync(timeout.Token)) rows.Add(ReadRow(reader, sql.Columns));
            var truncated = rows.Count > sql.Limit;
            if (truncated) rows.RemoveRange(sql.Limit, rows.Count - sql.Limit);
            return new ChartResult(snapshot.Id, sql.Columns, rows, truncated) { Sql = sql.Text };
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new PortalException(ErrorKind.Unavailable,
                $"The chart query took longer than {_options.Timeout.TotalSeconds:0.#} s; add filters or a coarser bin.");
        }
    }

    /// <summary>Values come back as the column's type on both dialects: PostgreSQL answers SUM and AVG of integers as
    /// numeric, SQLite answers timestamps and time bins as ISO text.</summary>
    private static object?[] ReadRow(DbDataReader reader, IReadOnlyList<ChartColumn> columns)
    {
        var row = new object?[columns.Count];
        for (var i = 0; i < row.Length; i++)
        {
            if (reader.IsDBNull(i)) continue;
            row[i] = columns[i].Type switch
            {
                ColumnType.Integer => Convert.ToInt64(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture),
                ColumnType.Real => Convert.ToDouble(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture),
                ColumnType.Timestamp => RowReader.Timestamp(reader, i),
                _ => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture),
            };
        }
        return row;
    }
}
