using System.Globalization;
using System.Text.Json;
using Dapper;
using Telco.InsightPortal.Core.Monitoring;
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
public sealed partial class MonitoringStore(IConnectionFactory factory)
{
    /// <summary>Rows logged before migration 0009 took their created_at a moment after their id: key ranges reach this far
    /// past their ends and created_at trims them exactly (as DeploymentStore's windows do).</summary>
    private const long IdSlackMilliseconds = 60_000;

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
