using System.Collections.Concurrent;
using System.Globalization;
using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Core.Monitoring;
using Telco.InsightPortal.Data.Audit;
using DeploymentStore = Telco.InsightPortal.Data.Deployments.DeploymentStore;
using DeploymentState = Telco.InsightPortal.Data.Deployments.DeploymentState;
using DeploymentTarget = Telco.InsightPortal.Data.Deployments.DeploymentTarget;

namespace Telco.InsightPortal.Data.Monitoring;

/// <summary>
/// Monitoring of one deployment: per-window metrics, drift against the training snapshot, and the check that raises
/// alerts. Used by the API, the pages and the "check drift" job alike. Times are half-open ranges [from, to).
/// </summary>
public sealed class MonitoringService(DeploymentStore deployments, MonitoringStore store, AlertStore alerts, MonitoringOptions options, TimeProvider clock)
{
    public MonitoringOptions Options => options;

    /// <exception cref="PortalException">NotFound for an unknown deployment; Invalid for from ≥ to, a window outside
    /// 1 minute … 31 days, or more than <see cref="MonitoringWindow.MaxWindows"/> windows.</exception>
    public async Task<MetricsReport> MetricsAsync(string deployment, DateTimeOffset from, DateTimeOffset to, TimeSpan window, CancellationToken ct = default)
    {
        var range = Range(from, to, window, MonitoringWindow.MaxWindows);
        var state = await FindAsync(deployment, ct);
        return new MetricsReport(deployment, from, to, window, await WindowsAsync(state, range, ct));
    }

    /// <summary>What the log says of one window: fixed once the window has closed, so kept per (deployment, width, start).</summary>
    private sealed record LogFigures(long Predictions, LatencySummary Latency, EstimatedFigures? Estimated, IReadOnlyList<string> Versions);

    private const int MaxCachedWindows = 200_000;

    private readonly ConcurrentDictionary<(long Deployment, long Width, long Start), LogFigures> _closed = new();

    /// <summary>Traffic and labels are read for the whole range every time (counters and delayed labels keep changing);
    /// the log's own figures only for windows not seen closed before, from the first such window on.</summary>
    private async Task<List<WindowMetrics>> WindowsAsync(DeploymentState state, WindowedRange range, CancellationToken ct)
    {
        var id = state.Deployment.Id;
        var closedBefore = clock.GetUtcNow().ToUnixTimeMilliseconds() - (long)MonitoringStore.ClosedAfter.TotalMilliseconds;
        bool Closed(long w) => range.End(w) <= closedBefore && range.End(w) - range.Start(w) == range.Width;
        var log = new LogFigures?[range.Count];
        var first = -1L;
        for (var w = 0L; w < range.Count; w++)
            if (Closed(w) && _closed.TryGetValue((id, range.Width, range.Start(w)), out var known)) log[w] = known;
        await FromRolledUpHoursAsync(id, range, log, Closed, ct);
        for (var w = 0L; w < range.Count && first < 0; w++)
            if (log[w] is null) first = w;
        if (first >= 0)
        {
            var (histogram, latency, layouts) = await store.LogFiguresAsync(id, new WindowedRange(range.Start(first), range.To, range.Width), ct);
            var versions = layouts.ToDictionary(l => l.Id, l => l.ModelVersion);
            var cells = histogram.ToLookup(r => r.W + first);
            var latencies = latency.ToDictionary(r => r.W + first);
            if (_closed.Count > MaxCachedWindows) _closed.Clear();
            for (var w = first; w < range.Count; w++)
            {
                if (log[w] is not null) continue;
                var here = cells[w].ToList();
                var l = latencies.GetValueOrDefault(w);
                log[w] = new LogFigures(here.Sum(c => c.Count), new LatencySummary((int)Math.Min(int.MaxValue, l?.Count ?? 0), l?.P50, l?.P95, l?.P99), WindowEstimate.From(here),
                    Versions(here, versions));
                if (Closed(w)) _closed[(id, range.Width, range.Start(w))] = log[w]!;
            }
        }
        var minutes = await store.MinutesAsync(id, range, ct);
        var labelled = await LabelledAsync(id, range, ct);
        var counts = minutes.ToDictionary(r => r.W);
        var outcomes = labelled.ToDictionary(r => r.W);
        var result = new List<WindowMetrics>(range.Count);
        string? previous = null;
        for (var w = 0L; w < range.Count; w++)
        {
            var m = counts.GetValueOrDefault(w);
            var f = log[w]!;
            var main = f.Versions.Count > 0 ? f.Versions[0] : null;
            var changed = main is not null && previous is not null && main != previous;
            if (main is not null) previous = main;
            result.Add(new WindowMetrics(
                DateTimeOffset.FromUnixTimeMilliseconds(range.Start(w)), DateTimeOffset.FromUnixTimeMilliseconds(range.End(w)),
                m?.Requests ?? 0, m?.Failed ?? 0, m?.Dropped ?? 0, m is { Requests: > 0 } ? (double)m.Failed / m.Requests : null,
                f.Predictions, f.Latency, Realised(outcomes.GetValueOrDefault(w)), f.Estimated, f.Versions, changed));
        }
        return result;
    }

    /// <summary>Fills the closed windows still empty in <paramref name="log"/> whose every hour the roll-up saved, when the
    /// windows are unions of hours: counts and histograms add up; latency percentiles are the hour's exact ones for
    /// hourly windows and read from the merged buckets (within 1 %) for wider ones.</summary>
    private async Task FromRolledUpHoursAsync(long id, WindowedRange range, LogFigures?[] log, Func<long, bool> closed, CancellationToken ct)
    {
        const long hour = MonitoringStore.HourMs;
        if (range.From % hour != 0 || range.Width % hour != 0) return;
        var last = -1L;
        for (var w = 0L; w < range.Count; w++) if (log[w] is null && closed(w)) last = w;
        if (last < 0) return;
        var hours = await store.LogHours.ReadAsync(id, range.From, range.End(last), ct);
        if (hours.Count == 0) return;
        var versions = (await store.LayoutsAsync(id, ct)).ToDictionary(l => l.Id, l => l.ModelVersion);
        for (var w = 0L; w <= last; w++)
        {
            if (log[w] is not null || !closed(w)) continue;
            var parts = new List<LogHours.Hour>();
            for (var h = range.Start(w); h < range.End(w); h += hour)
                if (hours.TryGetValue(h, out var part)) parts.Add(part);
            if (parts.Count * hour != range.End(w) - range.Start(w)) continue;
            var count = parts.Sum(p => p.Predictions);
            LatencySummary latency;
            if (parts.Count == 1) latency = new LatencySummary((int)Math.Min(int.MaxValue, count), parts[0].P50, parts[0].P95, parts[0].P99);
            else
            {
                var buckets = parts.SelectMany(p => p.Latency).GroupBy(b => b.Key).ToDictionary(g => g.Key, g => g.Sum(b => b.Value));
                latency = new LatencySummary((int)Math.Min(int.MaxValue, count), LatencyBuckets.Percentile(buckets, 0.5), LatencyBuckets.Percentile(buckets, 0.95),
                    LatencyBuckets.Percentile(buckets, 0.99));
            }
            var cells = parts.SelectMany(p => p.Histogram).ToList();
            log[w] = new LogFigures(count, latency, parts.Count == 1 ? parts[0].Estimated : WindowEstimate.From(cells), Versions(cells, versions));
            _closed[(id, range.Width, range.Start(w))] = log[w]!;
        }
    }

    /// <summary>A window's model versions, most predictions first.</summary>
    private static IReadOnlyList<string> Versions(IEnumerable<HistogramRow> cells, IReadOnlyDictionary<long, string> versions) =>
        [.. cells.GroupBy(c => versions.GetValueOrDefault(c.LayoutId, "?")).Select(g => (Version: g.Key, Count: g.Sum(c => c.Count)))
            .OrderByDescending(v => v.Count).ThenBy(v => v.Version, StringComparer.Ordinal).Select(v => v.Version)];

    /// <summary>Drift over [from, to) as one sample, and per window of <paramref name="window"/> when given (the heatmap).</summary>
    /// <exception cref="PortalException">NotFound for an unknown deployment; Invalid for a bad range or window, or more
    /// than <see cref="MonitoringOptions.MaxDriftWindows"/> windows.</exception>
    public async Task<DriftReport> DriftAsync(string deployment, DateTimeOffset from, DateTimeOffset to, TimeSpan? window = null, CancellationToken ct = default)
    {
        var width = window ?? (to - from);
        var range = Range(from, to, width > TimeSpan.Zero ? width : TimeSpan.FromMinutes(1), window is null ? 1 : options.MaxDriftWindows, window is not null);
        var state = await FindAsync(deployment, ct);
        var plan = await PlanAsync(state, ct);
        var thresholds = options.Thresholds;
        var target = plan.Target!;
        if (plan.Reason is { } reason)
            return new DriftReport(deployment, from, to, plan.Target is { } t ? $"{t.Model}/{t.Version}" : null, plan.Target?.SnapshotId, DatasetDrift.From([]), [], window,
                [], reason);
        var (snapshotId, features, layouts) = (plan.SnapshotId, plan.Features, plan.Layouts);
        // Closed hours are read from the roll-up's table (MonitoringStore.HourlyCountsAsync) whenever every window is a
        // union of hours; other windows are counted afresh.
        var hourly = window is null || (range.From % MonitoringStore.HourMs == 0 && range.Width % MonitoringStore.HourMs == 0);
        var counts = hourly
            ? [.. (await store.HourlyCountsAsync(state.Deployment.Id, snapshotId, range.From, range.To, window is null ? Math.Max(1, range.To - range.From) : range.Width,
                    features, layouts, clock.GetUtcNow(), ct))
                .Select(c => c with { W = window is null ? 0 : (c.W - range.From) / range.Width })]
            : await store.WindowCountsAsync(state.Deployment.Id, range, features, layouts, ct);
        var overall = features.Select((f, i) => Compare(f, counts.Where(c => c.F == i), thresholds)).ToList();
        var windows = new List<DriftWindow>();
        if (window is not null)
        {
            var byWindow = counts.ToLookup(c => c.W);
            for (var w = 0L; w < range.Count; w++)
            {
                var here = byWindow[w].ToList();
                windows.Add(new DriftWindow(DateTimeOffset.FromUnixTimeMilliseconds(range.Start(w)), DateTimeOffset.FromUnixTimeMilliseconds(range.End(w)),
                    [.. features.Select((f, i) => Compare(f, here.Where(c => c.F == i), thresholds).Drift)]));
            }
        }
        return new DriftReport(deployment, from, to, $"{target.Model}/{target.Version}", snapshotId, DatasetDrift.From(overall.Select(o => o.Drift)),
            [.. overall.Select(o => o.Distribution)], window, windows, null);
    }

    /// <summary>What drift compares for a deployment: the main target's training snapshot, its features that the logged
    /// inputs carry, and the log's layouts; or why there is nothing to compare.</summary>
    private sealed record DriftPlan(DeploymentTarget? Target, long SnapshotId, IReadOnlyList<ReferenceFeature> Features,
        IReadOnlyList<PredictionLayoutRecord> Layouts, string? Reason);

    private async Task<DriftPlan> PlanAsync(DeploymentState state, CancellationToken ct)
    {
        var target = state.Targets.OrderByDescending(t => t.Weight).FirstOrDefault();
        DriftPlan Nothing(string reason) => new(target, 0, [], [], reason);
        if (target?.SnapshotId is not { } snapshotId) return Nothing("The deployed model version records no training snapshot to compare with.");
        var reference = await store.ReferenceAsync(snapshotId, ct);
        if (reference is null) return Nothing($"The training snapshot {snapshotId} no longer exists.");
        var layouts = await store.LayoutsAsync(state.Deployment.Id, ct);
        var inputs = layouts.SelectMany(l => System.Text.Json.JsonSerializer.Deserialize<string[]>(l.Columns) ?? []).ToHashSet(StringComparer.Ordinal);
        var features = reference.Features.Where(f => inputs.Contains(f.Name) && (f.Kind == FeatureKind.Categorical || f.Bins is not null)).ToList();
        if (features.Count == 0) return Nothing("No input of the logged predictions is a feature of the training snapshot.");
        return new DriftPlan(target, snapshotId, features, layouts, null);
    }

    /// <summary>
    /// Rolls up a deployment's closed hours, up to <paramref name="maxHours"/> of each kind not saved yet and no further
    /// back than <see cref="MonitoringOptions.RollupDays"/>: the log's figures (for metrics) and the input counts
    /// against the training snapshot of the version it serves (for drift; none when there is nothing to compare). The
    /// roll-up service calls it for every deployment; reports read what it saved.
    /// </summary>
    public async Task<RollupResult> RollUpAsync(string deployment, int maxHours = 24 * 7, CancellationToken ct = default)
    {
        var state = await FindAsync(deployment, ct);
        if (await store.Hours.FirstPredictionAsync(state.Deployment.Id, ct) is not { } first) return new RollupResult(0, 0);
        var now = clock.GetUtcNow();
        var from = Math.Max(first, now.AddDays(-options.RollupDays).ToUnixTimeMilliseconds());
        var log = await store.RollUpLogAsync(state.Deployment.Id, from, now, maxHours, ct);
        var plan = await PlanAsync(state, ct);
        if (plan.Reason is not null) return new RollupResult(log, 0);
        if (await store.ReferenceAsync(plan.SnapshotId, ct) is { } reference) await store.SaveReferenceAsync(reference, now, ct);
        return new RollupResult(log, await store.RollUpAsync(state.Deployment.Id, plan.SnapshotId, from, plan.Features, plan.Layouts, now, maxHours, ct));
    }

    /// <summary>
    /// The check the "check drift" job runs: drift and the estimated performance of the deployment over [from, to), and
    /// the error rate from its counters; raises (or updates) an alert per drifted feature (kind "drift", severity from
    /// the PSI thresholds), one when the estimated ROC AUC is under <see cref="MonitoringOptions.EstimatedAucFloor"/>
    /// ("estimated-auc") and one when the error rate is over <see cref="MonitoringOptions.ErrorRateAlert"/>
    /// ("error-rate"), each audited as <paramref name="actor"/> (the system when null).
    /// </summary>
    public async Task<CheckResult> CheckAsync(string deployment, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default, AuditActor? actor = null)
    {
        actor ??= AuditActor.System;
        var drift = await DriftAsync(deployment, from, to, null, ct);
        // The whole range as one window, whatever its length.
        var whole = (await WindowsAsync(await FindAsync(deployment, ct),
            new WindowedRange(from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds(), Math.Max(1, (to - from).Ticks / TimeSpan.TicksPerMillisecond)), ct))[0];
        var estimated = whole.Estimated;
        long requests = whole.Requests, errors = whole.Errors;
        double? errorRate = requests > 0 ? (double)errors / requests : null;
        var raised = new List<AlertRecord>();
        foreach (var f in drift.Verdict.Features.Where(f => f.Status is DriftStatus.Warn or DriftStatus.Alert))
        {
            var severity = f.Status == DriftStatus.Alert ? "alert" : "warn";
            var threshold = f.Status == DriftStatus.Alert ? options.PsiAlert : options.PsiWarn;
            raised.Add(await alerts.RaiseAsync(new NewAlert(deployment, AlertKinds.Drift, f.Name, severity,
                $"Input '{f.Name}' drifted: PSI {F(f.Psi)} (threshold {F(threshold)}), p = {f.PValue:0.###e0}, {f.CurrentCount} values in the window against {f.ReferenceCount} in training.",
                f.Psi, threshold), actor, ct));
        }
        if (estimated?.RocAuc is { } auc && auc.Value < options.EstimatedAucFloor)
        {
            raised.Add(await alerts.RaiseAsync(new NewAlert(deployment, AlertKinds.EstimatedAuc, null, "alert",
                $"Estimated ROC AUC {F(auc.Value)} (95 % band {F(auc.Lower)} … {F(auc.Upper)}) is below the floor {F(options.EstimatedAucFloor)}.",
                auc.Value, options.EstimatedAucFloor), actor, ct));
        }
        if (errorRate is { } rate && rate > options.ErrorRateAlert)
        {
            raised.Add(await alerts.RaiseAsync(new NewAlert(deployment, AlertKinds.ErrorRate, null, "alert",
                $"{rate:P1} of {requests} requests were refused (threshold {options.ErrorRateAlert:P1}).", rate, options.ErrorRateAlert), actor, ct));
        }
        return new CheckResult(drift, estimated, errorRate, raised);
    }

    private readonly ConcurrentDictionary<(long Deployment, long From, long To, long Width), ((long, long) Watermark, IReadOnlyList<LabelledRow> Rows)> _labelled = new();

    /// <summary>Realised figures of a range, read again only when a label was stored since (the page re-reads the same
    /// hour-aligned range on every change of picker).</summary>
    private async Task<IReadOnlyList<LabelledRow>> LabelledAsync(long id, WindowedRange range, CancellationToken ct)
    {
        var key = (id, range.From, range.To, range.Width);
        var watermark = await store.LabelWatermarkAsync(id, ct);
        if (_labelled.TryGetValue(key, out var known) && known.Watermark == watermark) return known.Rows;
        var rows = await store.LabelledAsync(id, range, ct);
        if (_labelled.Count > 1_000) _labelled.Clear();
        _labelled[key] = (watermark, rows);
        return rows;
    }

    private static string F(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "—";

    private static RealisedFigures? Realised(LabelledRow? row)
    {
        if (row is null || row.Labelled == 0) return null;
        var counts = new ConfusionCounts(row.Tp, row.Fp, row.Tn, row.Fn);
        return new RealisedFigures(row.Labelled, counts.Accuracy, counts.Precision, counts.Recall, row.RocAuc);
    }

    private static (FeatureDrift Drift, FeatureDistribution Distribution) Compare(ReferenceFeature feature, IEnumerable<WindowCount> counts, DriftThresholds thresholds)
    {
        if (feature.Kind == FeatureKind.Numeric)
        {
            var bins = feature.Bins!;
            var current = new long[bins.Edges.Count + 1];
            foreach (var c in counts) if (c.B is { } b && b >= 0 && b < current.Length) current[(int)b] += c.N;
            var drift = CountedDrift.Numeric(feature.Name, bins.Edges, bins.DecileEdges, feature.BinCounts!, current, thresholds);
            var labels = bins.Edges.Select(e => "≤ " + e.ToString("G6", CultureInfo.InvariantCulture)).Append("> " + bins.Edges[^1].ToString("G6", CultureInfo.InvariantCulture)).ToList();
            return (drift, new FeatureDistribution(feature.Name, FeatureKind.Numeric, labels, Shares(feature.BinCounts!), Shares(current)));
        }

        var window = counts.GroupBy(c => c.C).ToDictionary(g => g.Key ?? CategoricalDrift.Missing, g => g.Sum(c => c.N), StringComparer.Ordinal);
        var training = feature.Categories!.GroupBy(c => c.Category ?? CategoricalDrift.Missing).ToDictionary(g => g.Key, g => g.Sum(c => c.Count), StringComparer.Ordinal);
        var categories = training.Keys.Union(window.Keys).OrderByDescending(k => training.GetValueOrDefault(k)).ThenBy(k => k, StringComparer.Ordinal).ToList();
        var table = categories.Select(k => new CategoryCount(k, training.GetValueOrDefault(k), window.GetValueOrDefault(k))).ToList();
        return (CountedDrift.Categorical(feature.Name, table, thresholds),
            new FeatureDistribution(feature.Name, FeatureKind.Categorical, categories, Shares(table.Select(t => t.Reference).ToList()), Shares(table.Select(t => t.Current).ToList())));
    }

    private static double[] Shares(IReadOnlyList<long> counts)
    {
        var total = (double)counts.Sum();
        return [.. counts.Select(c => total > 0 ? c / total : 0)];
    }

    private async Task<DeploymentState> FindAsync(string deployment, CancellationToken ct) =>
        await deployments.GetStateAsync(deployment, ct) ?? throw PortalException.NotFound($"Deployment '{deployment}' does not exist.");

    private static WindowedRange Range(DateTimeOffset from, DateTimeOffset to, TimeSpan window, int maxWindows, bool checkWidth = true)
    {
        if (checkWidth && (window < MonitoringWindow.Shortest || window > MonitoringWindow.Longest) && maxWindows > 1)
            throw PortalException.Invalid($"Invalid window: {MonitoringWindow.Describe(window)} is outside 1 minute … 31 days.");
        MonitoringWindow.Count(from, to, window, maxWindows);
        return new WindowedRange(from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds(), (long)window.TotalMilliseconds);
    }
}
