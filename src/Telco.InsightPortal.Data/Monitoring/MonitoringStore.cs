using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Core.Monitoring;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Data.Monitoring;

/// <summary>
/// Reads what monitoring shows, aggregated in the database: per-window traffic, latency percentiles, realised metrics
/// and probability histograms of a deployment's log, and per-feature counts of a training snapshot and of a range of
/// logged inputs. Nothing here returns rows of the log or of a snapshot: every answer is a count per window and bin.
/// Reading never writes (the hourly drift counts are saved by <see cref="RollUpAsync"/>, which the roll-up service
/// calls); the training side is kept in memory per snapshot id (snapshots are immutable).
/// </summary>
public sealed class MonitoringStore(IConnectionFactory factory)
{
    /// <summary>Rows logged before migration 0009 took their created_at a moment after their id: key ranges reach this far
    /// past their ends and created_at trims them exactly (as DeploymentStore's windows do).</summary>
    private const long IdSlackMilliseconds = 60_000;

    private readonly ConcurrentDictionary<long, Task<TrainingReference?>> _references = new();

    /// <summary>Input counts of closed hours: the log only ever grows at its newest end, so an hour that ended more than
    /// <see cref="ClosedAfter"/> ago never changes again and is counted once, by the roll-up.</summary>
    private readonly DriftHours _hours = new(factory);

    public DriftHours Hours => _hours;

    /// <summary>The log's figures per closed hour, saved by <see cref="RollUpLogAsync"/>.</summary>
    public LogHours LogHours { get; } = new(factory);

    public const long HourMs = 3_600_000;

    /// <summary>How long after its end an hour is taken as closed: the log writer commits within a second or so.</summary>
    public static readonly TimeSpan ClosedAfter = TimeSpan.FromMinutes(5);

    public StoreProvider Provider => factory.Provider;

    public async Task<IReadOnlyList<PredictionLayoutRecord>> LayoutsAsync(long deploymentId, CancellationToken ct = default)
    {
        await using var c = await factory.OpenAsync(ct);
        return (await c.QueryAsync<PredictionLayoutRecord>(new CommandDefinition(MonitoringSql.Layouts, new { Id = deploymentId }, cancellationToken: ct))).AsList();
    }

    /// <summary>Per-window figures of the deployment over <paramref name="range"/>: four grouped queries on one connection.</summary>
    public async Task<MetricRows> MetricsAsync(long deploymentId, WindowedRange range, CancellationToken ct = default)
    {
        var (histogram, latency, layouts) = await LogFiguresAsync(deploymentId, range, ct);
        var (minutes, labelled) = await OutcomeFiguresAsync(deploymentId, range, ct);
        return new MetricRows(minutes, histogram, labelled, latency, layouts);
    }

    /// <summary>What the log itself says per window (probability histogram, latency percentiles) and the layouts: fixed
    /// once a window has closed.</summary>
    public async Task<(IReadOnlyList<HistogramRow> Histogram, IReadOnlyList<LatencyRow> Latency, IReadOnlyList<PredictionLayoutRecord> Layouts)> LogFiguresAsync(
        long deploymentId, WindowedRange range, CancellationToken ct = default)
    {
        var p = LogParameters(deploymentId, range);
        await using var c = await factory.OpenAsync(ct);
        var histogram = await c.QueryAsync<HistogramRow>(new CommandDefinition(MonitoringSql.Histogram(Provider), p, commandTimeout: 300, cancellationToken: ct));
        var latency = await c.QueryAsync<LatencyRow>(new CommandDefinition(MonitoringSql.Latency(Provider), p, commandTimeout: 300, cancellationToken: ct));
        var layouts = await c.QueryAsync<PredictionLayoutRecord>(new CommandDefinition(MonitoringSql.Layouts, new { Id = deploymentId }, cancellationToken: ct));
        return (histogram.AsList(), latency.AsList(), layouts.AsList());
    }

    /// <summary>What keeps changing after a window closed: serving's per-minute counters and the delayed labels.</summary>
    public async Task<(IReadOnlyList<MinuteRow> Minutes, IReadOnlyList<LabelledRow> Labelled)> OutcomeFiguresAsync(long deploymentId, WindowedRange range,
        CancellationToken ct = default) =>
        (await MinutesAsync(deploymentId, range, ct), await LabelledAsync(deploymentId, range, ct));

    public async Task<IReadOnlyList<MinuteRow>> MinutesAsync(long deploymentId, WindowedRange range, CancellationToken ct = default)
    {
        await using var c = await factory.OpenAsync(ct);
        return (await c.QueryAsync<MinuteRow>(new CommandDefinition(MonitoringSql.Minutes, LogParameters(deploymentId, range), cancellationToken: ct))).AsList();
    }

    public async Task<IReadOnlyList<LabelledRow>> LabelledAsync(long deploymentId, WindowedRange range, CancellationToken ct = default)
    {
        await using var c = await factory.OpenAsync(ct);
        return (await c.QueryAsync<LabelledRow>(new CommandDefinition(MonitoringSql.Labelled(Provider), LogParameters(deploymentId, range), commandTimeout: 300,
            cancellationToken: ct))).AsList();
    }

    /// <summary>How many delayed labels the deployment has and when the newest was stored: every new or replaced label
    /// moves one of the two, so equal watermarks mean equal realised figures.</summary>
    public async Task<(long Count, long Newest)> LabelWatermarkAsync(long deploymentId, CancellationToken ct = default)
    {
        await using var c = await factory.OpenAsync(ct);
        return await c.QuerySingleAsync<(long Count, long Newest)>(new CommandDefinition(MonitoringSql.LabelWatermark, new { Id = deploymentId }, cancellationToken: ct));
    }

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

    /// <summary>Counts per window, feature and bin or category of the deployment's logged inputs over
    /// <paramref name="range"/>, for the features of <paramref name="reference"/> that at least one layout carries
    /// (each found by name in each layout). One statement; no row of the log leaves the database.</summary>
    public async Task<IReadOnlyList<WindowCount>> WindowCountsAsync(long deploymentId, WindowedRange range, IReadOnlyList<ReferenceFeature> features,
        IReadOnlyList<PredictionLayoutRecord> layouts, CancellationToken ct = default)
    {
        if (features.Count == 0 || layouts.Count == 0) return [];
        var names = layouts.Select(l => JsonSerializer.Deserialize<string[]>(l.Columns) ?? []).ToList();
        var planned = features.Select(f => new PlannedFeature(
            f.Kind == FeatureKind.Numeric ? f.Bins?.Edges.Count ?? 0 : null,
            [.. names.Select(n => Array.IndexOf(n, f.Name))])).ToList();
        var parameters = new DynamicParameters(LogParameters(deploymentId, range));
        for (var k = 0; k < layouts.Count; k++) parameters.Add("l" + k.ToString(CultureInfo.InvariantCulture), layouts[k].Id);
        for (var f = 0; f < features.Count; f++)
        {
            if (features[f].Bins is not { } bins) continue;
            for (var e = 0; e < bins.Edges.Count; e++)
                parameters.Add($"f{f.ToString(CultureInfo.InvariantCulture)}e{e.ToString(CultureInfo.InvariantCulture)}", bins.Edges[e]);
        }
        await using var c = await factory.OpenAsync(ct);
        var sql = MonitoringSql.WindowCounts(Provider, planned, layouts.Count);
        return (await c.QueryAsync<WindowCount>(new CommandDefinition(sql, parameters, commandTimeout: 300, cancellationToken: ct))).AsList();
    }

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

    // Window numbers of a query become bucket starts (ms), so buckets from different queries line up.
    private static IEnumerable<WindowCount> Tag(IEnumerable<WindowCount> counts, long from, long width) => counts.Select(c => c with { W = from + c.W * width });

    private object LogParameters(long deploymentId, WindowedRange range) => new
    {
        Id = deploymentId, range.From, range.To, range.Width,
        FromMinute = Ceiling(range.From, 60_000), ToMinute = Ceiling(range.To, 60_000),
        FromKey = PredictionIds.ToStore(PredictionIds.Bound(Math.Max(0, range.From - IdSlackMilliseconds)), Provider),
        ToKey = PredictionIds.ToStore(PredictionIds.Bound(range.To > long.MaxValue - IdSlackMilliseconds ? long.MaxValue : range.To + IdSlackMilliseconds), Provider),
    };

    private static long Ceiling(long value, long unit) => value / unit + (value % unit > 0 ? 1 : 0);
}
