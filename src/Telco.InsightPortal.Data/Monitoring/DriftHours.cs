using Dapper;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Data.Monitoring;

/// <summary>
/// Drift counts of closed hours, kept in the database (migration 0018): written once per (deployment, training
/// snapshot, hour) by the roll-up, read by every drift report. Counts are stored by feature name, so a report maps them
/// onto whichever feature list it plans with.
/// </summary>
public sealed class DriftHours(IConnectionFactory factory)
{
    /// <summary>One persisted count: <see cref="Hour"/> is the bucket's start (ms).</summary>
    public sealed record HourCount
    {
        public string Feature { get; init; } = "";
        public long Hour { get; init; }
        // long: SQLite hands back an Int64 and PostgreSQL an int4 for the same column.
        public long? B { get; init; }
        public string? C { get; init; }
        public long N { get; init; }
    }

    /// <summary>The counted hours of [from, to).</summary>
    public async Task<HashSet<long>> CountedAsync(long deploymentId, long snapshotId, long from, long to, CancellationToken ct = default)
    {
        await using var c = await factory.OpenAsync(ct);
        return (await c.QueryAsync<long>(new CommandDefinition(DriftHoursSql.CountedHours,
            new { Id = deploymentId, Snapshot = snapshotId, From = from, To = to }, cancellationToken: ct))).ToHashSet();
    }

    /// <summary>The counted hours of [from, to) and their counts summed per window of <paramref name="width"/> from
    /// <paramref name="origin"/> (each count's Hour is its window's start).</summary>
    public async Task<(HashSet<long> Hours, IReadOnlyList<HourCount> Counts)> ReadAsync(long deploymentId, long snapshotId, long from, long to, long origin,
        long width, CancellationToken ct = default)
    {
        var p = new { Id = deploymentId, Snapshot = snapshotId, From = from, To = to, Origin = origin, Width = width };
        await using var c = await factory.OpenAsync(ct);
        var hours = (await c.QueryAsync<long>(new CommandDefinition(DriftHoursSql.CountedHours, p, cancellationToken: ct))).ToHashSet();
        if (hours.Count == 0) return (hours, []);
        var counts = await c.QueryAsync<HourCount>(new CommandDefinition(DriftHoursSql.Counts, p, commandTimeout: 300, cancellationToken: ct));
        return (hours, counts.AsList());
    }

    /// <summary>Saves the counts of whole hours, each with its mark, in one transaction; an hour someone else marked
    /// first is skipped whole. Returns how many hours this call saved.</summary>
    public async Task<int> SaveAsync(long deploymentId, long snapshotId, IReadOnlyList<long> hours, ILookup<long, HourCount> counts, DateTimeOffset now,
        CancellationToken ct = default)
    {
        await using var c = await factory.OpenAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var saved = 0;
        foreach (var hour in hours)
        {
            var marked = await c.ExecuteAsync(new CommandDefinition(DriftHoursSql.Mark,
                new { Id = deploymentId, Snapshot = snapshotId, Hour = hour, At = now.ToUnixTimeMilliseconds() }, tx, cancellationToken: ct));
            if (marked == 0) continue;
            saved++;
            await c.ExecuteAsync(new CommandDefinition(DriftHoursSql.Insert,
                counts[hour].Select(h => new { Id = deploymentId, Snapshot = snapshotId, h.Hour, h.Feature, h.B, h.C, h.N }), tx, cancellationToken: ct));
        }
        await tx.CommitAsync(ct);
        return saved;
    }

    /// <summary>When the deployment's first prediction was logged (ms), or null when it has none.</summary>
    public async Task<long?> FirstPredictionAsync(long deploymentId, CancellationToken ct = default)
    {
        await using var c = await factory.OpenAsync(ct);
        var first = await c.ExecuteScalarAsync<object?>(new CommandDefinition(DriftHoursSql.FirstPrediction, new { Id = deploymentId }, cancellationToken: ct));
        return first is null or DBNull ? null : PredictionIds.Milliseconds(PredictionIds.FromStore(first));
    }
}
