using Telco.InsightPortal.Core.Monitoring;

namespace Telco.InsightPortal.Data.Monitoring;

/// <summary>Monitoring thresholds, bound from the <c>Monitoring</c> configuration section.</summary>
public sealed record MonitoringOptions
{
    public double PsiWarn { get; init; } = 0.1;
    public double PsiAlert { get; init; } = 0.25;
    public double PValue { get; init; } = 0.01;
    public int MinSampleSize { get; init; } = 30;

    /// <summary>A window's estimated ROC AUC below this raises an "estimated-auc" alert.</summary>
    public double EstimatedAucFloor { get; init; } = 0.7;

    /// <summary>A share of refused requests above this raises an "error-rate" alert.</summary>
    public double ErrorRateAlert { get; init; } = 0.05;

    /// <summary>How many windows one drift heatmap may hold (each window is features × bins of counts).</summary>
    public int MaxDriftWindows { get; init; } = 200;

    /// <summary>How far back the roll-up counts drift per hour; older ranges are counted from the log when asked.</summary>
    public int RollupDays { get; init; } = 35;

    /// <summary>How often the roll-up service looks for newly closed hours.</summary>
    public int RollupSeconds { get; init; } = 60;

    public DriftThresholds Thresholds => new() { PsiWarn = PsiWarn, PsiAlert = PsiAlert, PValue = PValue, MinSampleSize = MinSampleSize };

    public void Validate()
    {
        Thresholds.Validate();
        if (!(EstimatedAucFloor is >= 0 and <= 1)) throw new ArgumentException($"Monitoring:EstimatedAucFloor must lie in [0, 1] (got {EstimatedAucFloor}).");
        if (!(ErrorRateAlert is > 0 and <= 1)) throw new ArgumentException($"Monitoring:ErrorRateAlert must lie in (0, 1] (got {ErrorRateAlert}).");
        if (RollupDays is < 1 or > 400) throw new ArgumentException($"Monitoring:RollupDays must lie in 1 … 400 (got {RollupDays}).");
        if (RollupSeconds is < 1 or > 86_400) throw new ArgumentException($"Monitoring:RollupSeconds must lie in 1 … 86400 (got {RollupSeconds}).");
        if (MaxDriftWindows is < 1 or > 2_000) throw new ArgumentException($"Monitoring:MaxDriftWindows must lie in 1 … 2000 (got {MaxDriftWindows}).");
    }
}

/// <summary>Metrics of a deployment over a range, window by window.</summary>
public sealed record MetricsReport(string Deployment, DateTimeOffset From, DateTimeOffset To, TimeSpan Window, IReadOnlyList<WindowMetrics> Windows);

/// <summary>One window: traffic and refusals from the per-minute counters, latency and versions from the log, realised
/// metrics from the predictions whose labels arrived, estimated ones (CBPE) from every prediction's probability.
/// <see cref="VersionChanged"/> is true when the window's main model version differs from the previous window's that
/// had traffic.</summary>
public sealed record WindowMetrics(
    DateTimeOffset Start, DateTimeOffset End, long Requests, long Errors, long Dropped, double? ErrorRate, long Predictions,
    LatencySummary Latency, RealisedFigures? Realised, EstimatedFigures? Estimated, IReadOnlyList<string> ModelVersions, bool VersionChanged);

public sealed record RealisedFigures(long Labelled, double? Accuracy, double? Precision, double? Recall, double? RocAuc);

/// <summary>Estimates with their 95 % bands; a metric is null when it is undefined for the window.</summary>
public sealed record EstimatedFigures(long Predictions, MetricEstimate? Accuracy, MetricEstimate? Precision, MetricEstimate? Recall, MetricEstimate? RocAuc);

/// <summary>Drift of a deployment's logged inputs over a range against the training snapshot of the model version it
/// serves (its main target). <see cref="Reason"/> says why there is nothing to judge when that is so.</summary>
public sealed record DriftReport(
    string Deployment, DateTimeOffset From, DateTimeOffset To, string? ModelVersion, long? SnapshotId, DatasetDrift Verdict,
    IReadOnlyList<FeatureDistribution> Distributions, TimeSpan? Window, IReadOnlyList<DriftWindow> Windows, string? Reason);

/// <summary>One heatmap column: the features' drift in one window.</summary>
public sealed record DriftWindow(DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<FeatureDrift> Features);

/// <summary>A feature's training and window distributions over the same bins (numbers: the reference's quantile bins,
/// labelled by their upper edge; categories: each category), as shares.</summary>
public sealed record FeatureDistribution(string Feature, FeatureKind Kind, IReadOnlyList<string> Bins, IReadOnlyList<double> Training, IReadOnlyList<double> Window);

/// <summary>What a check found and which alerts it raised or updated.</summary>
public sealed record CheckResult(DriftReport Drift, EstimatedFigures? Estimated, double? ErrorRate, IReadOnlyList<AlertRecord> Alerts);

/// <summary>How many closed hours one roll-up pass saved: the log's figures, and drift counts.</summary>
public sealed record RollupResult(int LogHours, int DriftHours)
{
    public int Total => LogHours + DriftHours;
}
