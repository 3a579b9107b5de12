using System.Data.Common;
using Telco.InsightPortal.Core.Dashboards;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Data.Dashboards;

/// <summary>
/// Answers a chart spec. Over a dataset snapshot: resolves the dataset and the snapshot ("latest" is the dataset's
/// head), validates the spec against the schema (PII refused unless <c>canSeePii</c>), then answers from the cache or
/// runs the one compiled query under the row cap and the timeout. Over a deployment's prediction log or an experiment's
/// runs: resolves the source's fields on every call and always queries, because both grow as they are written. The
/// source is looked up on every call, so a deleted one stops answering; only a snapshot's chart query is cached, and a
/// chart with a relative window only within the minute its window was computed in. A KPI comparison costs one more
/// query, over the previous snapshot or the earlier window.
/// </summary>
public sealed class ChartQueryService(IConnectionFactory factory, DatasetStore datasets, ChartQueryOptions? options = null, TimeProvider? clock = null)
{
    private static readonly ChartQueryOptions Defaults = new();

    private readonly ChartQueryOptions _options = options ?? Defaults;
    private readonly ChartResultCache _cache = new((options ?? Defaults).CacheEntries);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private long _queries;

    /// <summary>How many chart queries this service has sent to the database (cache hits send none).</summary>
    public long QueriesRun => Interlocked.Read(ref _queries);

    public Task<ChartResult> RunAsync(string specJson, bool canSeePii, CancellationToken ct = default) =>
        RunAsync(ChartSpecParser.Parse(specJson), canSeePii, ct);

    public Task<ChartResult> RunAsync(ChartSpec spec, bool canSeePii, CancellationToken ct = default) =>
        spec.Source.IsSnapshot ? SnapshotChartAsync(spec, canSeePii, ct) : LiveChartAsync(spec, canSeePii, ct);

    /// <summary>The fields a chart over <paramref name="source"/> may name, in the source's order; personal data only
    /// for a caller who may see it.</summary>
    public async Task<IReadOnlyList<SourceField>> FieldsAsync(ChartSource source, bool canSeePii, CancellationToken ct = default)
    {
        var schema = source.IsSnapshot ? (await DatasetAsync(source, ct)).Schema : (await RowsAsync(source, ct)).Schema;
        return [.. schema.Columns.Where(c => canSeePii || !c.Pii).Select(SourceField.Of)];
    }

    private async Task<ChartResult> SnapshotChartAsync(ChartSpec spec, bool canSeePii, CancellationToken ct)
    {
        var dataset = await DatasetAsync(spec.Source, ct);
        var name = dataset.Name;
        var snapshotId = spec.Source.SnapshotId ?? dataset.CurrentSnapshotId
            ?? throw PortalException.NotFound($"Dataset '{name}' has no snapshot yet.");
        var snapshot = await datasets.SnapshotAsync(dataset.Id, snapshotId, ct)
            ?? throw PortalException.NotFound($"Dataset '{name}' has no snapshot {snapshotId}.");
        var chart = ChartSpecValidator.Validate(spec, dataset.Schema, canSeePii, _clock);
        var key = new ChartResultCache.Key(snapshot.Id,
            ChartSpecWriter.Hash(spec with { Source = spec.Source with { SnapshotId = snapshot.Id } }), canSeePii, chart.Now);
        if (_cache.TryGet(key, out var cached)) return cached;
        var table = new RowTable(dataset.Id, dataset.Schema, factory.Provider);
        var result = await QueryAsync(ChartFrom.Snapshot(table, snapshot.RowStart, snapshot.RowEnd), chart, snapshot.Id, ct);
        if (chart.Compare is { PreviousSnapshot: true })
        {
            // Snapshot ids grow, so the one before is the dataset's largest smaller id; the answer is fixed once made.
            var previous = (await datasets.SnapshotsAsync(dataset.Id, ct)).Where(s => s.Id < snapshot.Id).MaxBy(s => s.Id);
            var earlier = previous is null ? null
                : await QueryAsync(ChartFrom.Snapshot(table, previous.RowStart, previous.RowEnd), chart with { Compare = null }, previous.Id, ct);
            result = WithPrevious(result, earlier);
        }
        else if (chart.Compare is { } period)
            result = WithPrevious(result, await QueryAsync(ChartFrom.Snapshot(table, snapshot.RowStart, snapshot.RowEnd),
                chart with { Filters = period.Filters, Compare = null }, snapshot.Id, ct));
        _cache.Set(key, result);
        return result;
    }

    private async Task<ChartResult> LiveChartAsync(ChartSpec spec, bool canSeePii, CancellationToken ct)
    {
        var rows = await RowsAsync(spec.Source, ct);
        var chart = ChartSpecValidator.Validate(spec, rows.Schema, canSeePii, _clock);
        var result = await QueryAsync(rows.From(chart, factory.Provider), chart, null, ct);
        if (chart.Compare is { } period)
        {
            var earlier = chart with { Filters = period.Filters, Compare = null };
            result = WithPrevious(result, await QueryAsync(rows.From(earlier, factory.Provider), earlier, null, ct));
        }
        return result;
    }

    private async Task<Dataset> DatasetAsync(ChartSource source, CancellationToken ct)
    {
        var name = source.Dataset;
        if (DatasetNames.Problem(name) is { } problem) throw new ChartSpecException("source.dataset", problem);
        return await datasets.GetAsync(name, ct) ?? throw PortalException.NotFound($"There is no dataset '{name}'.");
    }

    private async Task<SourceRows> RowsAsync(ChartSource source, CancellationToken ct) => source.Kind switch
    {
        ChartSourceKind.Predictions => await PredictionLogRows.LoadAsync(factory, datasets, source.Deployment!, ct)
            ?? throw PortalException.NotFound($"There is no deployment '{source.Deployment}'."),
        _ => await RunRows.LoadAsync(factory, source.Experiment!, ct)
            ?? throw PortalException.NotFound($"There is no experiment '{source.Experiment}'."),
    };

    /// <summary>A KPI's answer with the comparison's measures after its own, in the same order, role "previous"; null
    /// values when there is nothing to compare with.</summary>
    private static ChartResult WithPrevious(ChartResult current, ChartResult? earlier)
    {
        var columns = current.Columns.Concat(current.Columns.Select(c => c with { Name = c.Name + " (previous)", Role = ChartColumn.Previous })).ToList();
        var row = current.Rows[0].Concat(earlier?.Rows[0] ?? new object?[current.Columns.Count]).ToArray();
        return current with { Columns = columns, Rows = [row] };
    }

    private async Task<ChartResult> QueryAsync(ChartFrom from, BoundChart chart, long? snapshotId, CancellationToken ct)
    {
        var sql = new ChartSql(from, chart, factory.Provider, _options.RowCap);
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
            return new ChartResult(snapshotId, sql.Columns, rows, truncated) { Sql = sql.Text };
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
