using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Dapper;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Core.Monitoring;
using Telco.InsightPortal.Data.Datasets;

namespace Telco.InsightPortal.Data.Monitoring;

/// <summary>The training side of drift: a snapshot's features counted once (per bin or category) and kept, in memory
/// and, once the roll-up saved it, in the database.</summary>
public sealed partial class MonitoringStore
{
    private readonly ConcurrentDictionary<long, Task<TrainingReference?>> _references = new();

    /// <summary>The training snapshot's features, counted once per snapshot id and kept (in memory, and in the
    /// database once the roll-up has saved them). Null when the snapshot does not exist. Features are the dataset's columns in the Feature role typed as numbers (Integer, Real) or text.</summary>
    public Task<TrainingReference?> ReferenceAsync(long snapshotId, CancellationToken ct = default)
    {
        var task = _references.GetOrAdd(snapshotId, id => LoadReferenceAsync(id, CancellationToken.None));
        // A failed load must not be kept: the next call tries again.
        if (task.IsFaulted || task.IsCanceled) _references.TryRemove(new KeyValuePair<long, Task<TrainingReference?>>(snapshotId, task));
        return task.WaitAsync(ct);
    }

    /// <summary>Saves the snapshot's reference for every later process (a no-op when saved already): the roll-up calls it,
    /// so reads never write.</summary>
    public async Task SaveReferenceAsync(TrainingReference reference, DateTimeOffset now, CancellationToken ct = default)
    {
        if (_savedReferences.ContainsKey(reference.SnapshotId)) return;
        await using var c = await factory.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(MonitoringSql.SaveReference,
            new { reference.SnapshotId, Reference = ReferenceJson.Write(reference), At = now.ToUnixTimeMilliseconds() }, cancellationToken: ct));
        _savedReferences[reference.SnapshotId] = true;
    }

    private readonly ConcurrentDictionary<long, bool> _savedReferences = new();

    private async Task<TrainingReference?> LoadReferenceAsync(long snapshotId, CancellationToken ct)
    {
        try
        {
            await using var c = await factory.OpenAsync(ct);
            if (await c.QuerySingleOrDefaultAsync<string>(new CommandDefinition(MonitoringSql.StoredReference, new { Id = snapshotId }, cancellationToken: ct))
                is { } stored)
                return ReferenceJson.Read(stored);
            var snapshot = await c.QuerySingleOrDefaultAsync<(long DatasetId, long RowStart, long RowEnd)>(
                new CommandDefinition(MonitoringSql.Snapshot, new { Id = snapshotId }, cancellationToken: ct));
            if (snapshot.DatasetId == 0) return null;
            var columns = (await c.QueryAsync<ColumnRow>(new CommandDefinition(DatasetSql.ListColumns, new { snapshot.DatasetId }, cancellationToken: ct)))
                .Select(r => r.ToColumn()).Where(col => col.Role == ColumnRole.Feature && col.Type != ColumnType.Timestamp).ToList();
            var features = new List<ReferenceFeature>();
            foreach (var column in columns)
            {
                features.Add(column.Type == ColumnType.Text
                    ? await ReferenceCategoriesAsync(c, snapshot.DatasetId, column, snapshot.RowStart, snapshot.RowEnd, ct)
                    : await ReferenceNumbersAsync(c, snapshot.DatasetId, column, snapshot.RowStart, snapshot.RowEnd, ct));
            }
            return new TrainingReference(snapshotId, snapshot.DatasetId, snapshot.RowEnd - snapshot.RowStart, features);
        }
        catch
        {
            _references.TryRemove(snapshotId, out _);
            throw;
        }
    }

    private static async Task<ReferenceFeature> ReferenceCategoriesAsync(DbConnection c, long datasetId, DatasetColumn column, long rowStart, long rowEnd,
        CancellationToken ct)
    {
        var rows = await c.QueryAsync<(string? C, long N)>(new CommandDefinition(MonitoringSql.ReferenceCategories(datasetId, column.Ordinal),
            new { RowStart = rowStart, RowEnd = rowEnd }, cancellationToken: ct));
        return new ReferenceFeature(column.Name, FeatureKind.Categorical, column.Ordinal, null, null, [.. rows.Select(r => (r.C, r.N))]);
    }

    private async Task<ReferenceFeature> ReferenceNumbersAsync(DbConnection c, long datasetId, DatasetColumn column, long rowStart, long rowEnd,
        CancellationToken ct)
    {
        var n = await c.ExecuteScalarAsync<long>(new CommandDefinition(MonitoringSql.ReferenceCount(datasetId, column.Ordinal), new { RowStart = rowStart, RowEnd = rowEnd }, cancellationToken: ct));
        if (n == 0) return new ReferenceFeature(column.Name, FeatureKind.Numeric, column.Ordinal, null, [], null);
        // Quantiles as percentile_cont computes them: position q·(n − 1), between the two nearest ranks.
        var positions = NumericBins.Levels.Select(q => q * (n - 1)).ToArray();
        var ranks = positions.SelectMany(h => new[] { (long)Math.Floor(h), Math.Min(n - 1, (long)Math.Floor(h) + 1) }).Distinct().ToArray();
        var values = (await c.QueryAsync<(long I, double V)>(new CommandDefinition(MonitoringSql.ReferenceRanks(Provider, datasetId, column.Ordinal),
            new { RowStart = rowStart, RowEnd = rowEnd, Ranks = ranks }, cancellationToken: ct))).ToDictionary(r => r.I, r => r.V);
        var quantiles = positions.Select(h =>
        {
            var lo = (long)Math.Floor(h);
            var fraction = h - lo;
            var (a, b) = (values[lo], values[Math.Min(n - 1, lo + 1)]);
            return fraction == 0 || a == b ? a : a * (1 - fraction) + b * fraction;
        }).ToList();
        var bins = NumericBins.FromQuantiles(quantiles);
        var parameters = new DynamicParameters(new { RowStart = rowStart, RowEnd = rowEnd });
        for (var i = 0; i < bins.Edges.Count; i++) parameters.Add("e" + i.ToString(CultureInfo.InvariantCulture), bins.Edges[i]);
        var counts = new long[bins.Edges.Count + 1];
        foreach (var (b, count) in await c.QueryAsync<(int B, long N)>(new CommandDefinition(
                     MonitoringSql.ReferenceBins(datasetId, column.Ordinal, bins.Edges.Count), parameters, cancellationToken: ct)))
            counts[b] = count;
        return new ReferenceFeature(column.Name, FeatureKind.Numeric, column.Ordinal, bins, counts, null);
    }
}
