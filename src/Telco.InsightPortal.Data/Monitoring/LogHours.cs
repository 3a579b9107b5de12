using System.Text.Json;
using Dapper;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Data.Monitoring;

/// <summary>
/// What the prediction log says of each closed hour (migration 0018), written once by the roll-up and read by the
/// metrics of any window that is a union of hours: the count, exact latency percentiles of the hour, latencies in
/// <see cref="Core.Monitoring.LatencyBuckets"/> (for wider windows), the probability histogram the estimates use and
/// the hour's own estimate (its bands are simulated: the costly part of a month of hourly windows).
/// </summary>
public sealed class LogHours(IConnectionFactory factory)
{
    public sealed record Hour(long Start, long Predictions, double? P50, double? P95, double? P99, IReadOnlyDictionary<int, long> Latency,
        IReadOnlyList<HistogramRow> Histogram, EstimatedFigures? Estimated);

    private sealed record Row
    {
        public long Hour { get; init; }
        public long Predictions { get; init; }
        public double? P50 { get; init; }
        public double? P95 { get; init; }
        public double? P99 { get; init; }
        public string Latency { get; init; } = "[]";
        public string Histogram { get; init; } = "[]";
        public string? Estimate { get; init; }
    }

    public async Task<HashSet<long>> CountedAsync(long deploymentId, long from, long to, CancellationToken ct = default)
    {
        await using var c = await factory.OpenAsync(ct);
        return (await c.QueryAsync<long>(new CommandDefinition(LogHoursSql.Counted, new { Id = deploymentId, From = from, To = to }, cancellationToken: ct))).ToHashSet();
    }

    /// <summary>The counted hours of [from, to), by start.</summary>
    public async Task<Dictionary<long, Hour>> ReadAsync(long deploymentId, long from, long to, CancellationToken ct = default)
    {
        await using var c = await factory.OpenAsync(ct);
        var rows = await c.QueryAsync<Row>(new CommandDefinition(LogHoursSql.Read, new { Id = deploymentId, From = from, To = to }, cancellationToken: ct));
        return rows.ToDictionary(r => r.Hour, r => new Hour(r.Hour, r.Predictions, r.P50, r.P95, r.P99,
            (JsonSerializer.Deserialize<long[][]>(r.Latency) ?? []).ToDictionary(b => (int)b[0], b => b[1]),
            [.. (JsonSerializer.Deserialize<double[][]>(r.Histogram) ?? []).Select(h => new HistogramRow
            {
                W = 0, LayoutId = (long)h[0], Bin = (int)h[1], Predicted = (int)h[2], Count = (long)h[3], Sum = h[4], Squares = h[5],
            })], r.Estimate is null ? null : JsonSerializer.Deserialize<EstimatedFigures>(r.Estimate)));
    }

    /// <summary>Saves hours in one transaction; an hour already saved (by another instance) is left as it is.</summary>
    public async Task<int> SaveAsync(long deploymentId, IReadOnlyList<Hour> hours, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var c = await factory.OpenAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var saved = 0;
        foreach (var h in hours)
        {
            saved += await c.ExecuteAsync(new CommandDefinition(LogHoursSql.Insert, new
            {
                Id = deploymentId, Hour = h.Start, At = now.ToUnixTimeMilliseconds(), h.Predictions, h.P50, h.P95, h.P99,
                Latency = JsonSerializer.Serialize(h.Latency.OrderBy(b => b.Key).Select(b => new[] { b.Key, b.Value })),
                Histogram = JsonSerializer.Serialize(h.Histogram.Select(r => new[] { r.LayoutId, r.Bin, r.Predicted, r.Count, r.Sum, r.Squares })),
                Estimate = h.Estimated is null ? null : JsonSerializer.Serialize(h.Estimated),
            }, tx, cancellationToken: ct));
        }
        await tx.CommitAsync(ct);
        return saved;
    }
}
