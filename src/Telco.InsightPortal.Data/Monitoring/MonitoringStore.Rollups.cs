using Dapper;
using Telco.InsightPortal.Core.Monitoring;
using Telco.InsightPortal.Data.Deployments;

namespace Telco.InsightPortal.Data.Monitoring;

/// <summary>The hourly roll-ups and the reads that use them: closed hours are counted once into
/// <see cref="DriftHours"/> and <see cref="LogHours"/>, and reports sum what was saved and count from the log only what
/// was not.</summary>
public sealed partial class MonitoringStore
{
    /// <summary>
    /// Like <see cref="WindowCountsAsync"/>, but incremental: counts per window of <paramref name="width"/> (a whole number
    /// of hours) from <paramref name="from"/>, W being the window's start in ms. Closed hours the roll-up saved are summed
    /// in the database (<see cref="DriftHours"/>); the rest is counted from the log (closed hours not rolled up yet, in
    /// one query, and the open or partial hours at the ends). <paramref name="features"/> are the reference's features
    /// of <paramref name="snapshotId"/>; saved counts are matched to them by name. Reading never writes: only
    /// <see cref="RollUpAsync"/> fills the table.
    /// </summary>
    public async Task<IReadOnlyList<WindowCount>> HourlyCountsAsync(long deploymentId, long snapshotId, long from, long to, long width,
        IReadOnlyList<ReferenceFeature> features, IReadOnlyList<PredictionLayoutRecord> layouts, DateTimeOffset now, CancellationToken ct = default)
    {
        var result = new List<WindowCount>();
        // Counts tagged with their hour's start go into the window holding that hour.
        IEnumerable<WindowCount> Windowed(IEnumerable<WindowCount> hourly) => hourly.Select(c => c with { W = from + (c.W - from) / width * width });
        var closedBefore = now.ToUnixTimeMilliseconds() - (long)ClosedAfter.TotalMilliseconds;
        var firstHour = Ceiling(from, HourMs) * HourMs;
        if (from < Math.Min(firstHour, to))
            result.AddRange(Windowed(Tag(await WindowCountsAsync(deploymentId, new WindowedRange(from, Math.Min(firstHour, to), HourMs), features, layouts, ct), from, HourMs)));
        var lastClosed = firstHour;
        while (lastClosed + HourMs <= to && lastClosed + HourMs <= closedBefore) lastClosed += HourMs;
        if (lastClosed > firstHour)
        {
            var (counted, persisted) = await _hours.ReadAsync(deploymentId, snapshotId, firstHour, lastClosed, from, width, ct);
            var index = features.Select((f, i) => (f.Name, i)).ToDictionary(f => f.Name, f => f.i, StringComparer.Ordinal);
            result.AddRange(persisted.Where(p => index.ContainsKey(p.Feature))
                .Select(p => new WindowCount { F = index[p.Feature], W = p.Hour, B = p.B, C = p.C, N = p.N }));
            var missing = new List<long>();
            for (var h = firstHour; h < lastClosed; h += HourMs) if (!counted.Contains(h)) missing.Add(h);
            if (missing.Count > 0)
            {
                var live = (await CountHoursAsync(deploymentId, missing, features, layouts, ct)).ToLookup(c => c.W);
                foreach (var h in missing) result.AddRange(Windowed(live[h]));
            }
        }
        if (lastClosed < to && lastClosed >= firstHour)
            result.AddRange(Windowed(Tag(await WindowCountsAsync(deploymentId, new WindowedRange(lastClosed, to, HourMs), features, layouts, ct), lastClosed, HourMs)));
        return result;
    }

    /// <summary>
    /// The roll-up: counts up to <paramref name="maxHours"/> closed hours from <paramref name="from"/> on that are not in
    /// the table yet and saves them, a day's worth per query and transaction. Returns how many hours it saved (0: up
    /// to date). Several instances may run it at once: an hour is saved by whoever marks it first.
    /// </summary>
    public async Task<int> RollUpAsync(long deploymentId, long snapshotId, long from, IReadOnlyList<ReferenceFeature> features,
        IReadOnlyList<PredictionLayoutRecord> layouts, DateTimeOffset now, int maxHours, CancellationToken ct = default)
    {
        if (features.Count == 0) return 0;
        var missing = await UnsavedHoursAsync(from, now, maxHours, (first, last) => _hours.CountedAsync(deploymentId, snapshotId, first, last, ct));
        var saved = 0;
        foreach (var day in missing.Chunk(24))
        {
            var counts = (await CountHoursAsync(deploymentId, day, features, layouts, ct))
                .Select(c => new DriftHours.HourCount { Feature = features[c.F].Name, Hour = c.W, B = c.B, C = c.C, N = c.N })
                .ToLookup(c => c.Hour);
            saved += await _hours.SaveAsync(deploymentId, snapshotId, day, counts, now, ct);
        }
        return saved;
    }

    /// <summary>
    /// The metrics roll-up: saves the log's figures (<see cref="LogHours"/>) of up to <paramref name="maxHours"/> closed
    /// hours from <paramref name="from"/> on that are not saved yet, a day per pass: the probability histogram in SQL,
    /// the latencies streamed once into buckets and exact hourly percentiles. Returns how many hours it saved.
    /// </summary>
    public async Task<int> RollUpLogAsync(long deploymentId, long from, DateTimeOffset now, int maxHours, CancellationToken ct = default)
    {
        var missing = await UnsavedHoursAsync(from, now, maxHours, (first, last) => LogHours.CountedAsync(deploymentId, first, last, ct));
        var saved = 0;
        foreach (var day in missing.Chunk(24))
        {
            var range = new WindowedRange(day[0], day[^1] + HourMs, HourMs);
            var p = LogParameters(deploymentId, range);
            Dictionary<long, List<HistogramRow>> cells;
            var latencies = new Dictionary<long, List<double>>();
            await using (var c = await factory.OpenAsync(ct))
            {
                cells = (await c.QueryAsync<HistogramRow>(new CommandDefinition(MonitoringSql.Histogram(Provider), p, commandTimeout: 300, cancellationToken: ct)))
                    .GroupBy(r => r.W).ToDictionary(g => g.Key, g => g.ToList());
                await using var reader = await c.ExecuteReaderAsync(new CommandDefinition(MonitoringSql.Latencies, p, commandTimeout: 300, cancellationToken: ct));
                while (await reader.ReadAsync(ct))
                {
                    var w = reader.GetInt64(0);
                    if (!latencies.TryGetValue(w, out var list)) latencies[w] = list = [];
                    list.Add(reader.GetDouble(1));
                }
            }
            var hours = day.Select(h =>
            {
                var w = (h - range.From) / HourMs;
                var values = latencies.GetValueOrDefault(w) ?? [];
                var buckets = values.GroupBy(LatencyBuckets.Of).ToDictionary(g => g.Key, g => (long)g.Count());
                // Past the in-memory sample bound (278 requests a second for the hour) the exact figures give way to the buckets'.
                var summary = values.Count <= MonitoringLimits.MaxSampleSize ? Core.Monitoring.LatencySummary.From(values)
                    : new Core.Monitoring.LatencySummary(values.Count, LatencyBuckets.Percentile(buckets, 0.5), LatencyBuckets.Percentile(buckets, 0.95),
                        LatencyBuckets.Percentile(buckets, 0.99));
                return new LogHours.Hour(h, cells.GetValueOrDefault(w)?.Sum(r => r.Count) ?? 0, summary.P50, summary.P95, summary.P99,
                    buckets, cells.GetValueOrDefault(w) ?? [], WindowEstimate.From(cells.GetValueOrDefault(w) ?? []));
            }).ToList();
            saved += await LogHours.SaveAsync(deploymentId, hours, now, ct);
        }
        return saved;
    }

    /// <summary>Up to <paramref name="maxHours"/> closed hours from <paramref name="from"/>'s hour on that
    /// <paramref name="saved"/> (the hours a roll-up table holds in [first, last)) does not list, oldest first: what both
    /// roll-ups count next.</summary>
    private static async Task<List<long>> UnsavedHoursAsync(long from, DateTimeOffset now, int maxHours, Func<long, long, Task<HashSet<long>>> saved)
    {
        var firstHour = from / HourMs * HourMs;
        var lastClosed = (now.ToUnixTimeMilliseconds() - (long)ClosedAfter.TotalMilliseconds) / HourMs * HourMs;
        var missing = new List<long>();
        if (lastClosed <= firstHour) return missing;
        var counted = await saved(firstHour, lastClosed);
        for (var h = firstHour; h < lastClosed && missing.Count < maxHours; h += HourMs) if (!counted.Contains(h)) missing.Add(h);
        return missing;
    }

    /// <summary>Counts of the given ascending hours in one query over their span (hours between them that are not
    /// asked for are counted too and dropped).</summary>
    private async Task<IEnumerable<WindowCount>> CountHoursAsync(long deploymentId, IReadOnlyList<long> hours, IReadOnlyList<ReferenceFeature> features,
        IReadOnlyList<PredictionLayoutRecord> layouts, CancellationToken ct)
    {
        var asked = hours.ToHashSet();
        var counts = await WindowCountsAsync(deploymentId, new WindowedRange(hours[0], hours[^1] + HourMs, HourMs), features, layouts, ct);
        return Tag(counts, hours[0], HourMs).Where(c => asked.Contains(c.W));
    }
}
