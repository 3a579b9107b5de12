using Telco.InsightPortal.Core.Monitoring;
using Telco.InsightPortal.Data.Monitoring;

namespace Telco.InsightPortal.Web.Monitoring.Api;

/// <summary><c>GET …/drift</c>: the dataset verdict, each feature's drift, and the heatmap's windows when asked for.</summary>
public sealed record DriftResponse(
    string Deployment, DateTimeOffset From, DateTimeOffset To, string? ModelVersion, long? SnapshotId, string Verdict,
    IReadOnlyDictionary<string, int> Counts, string? Reason, IReadOnlyList<FeatureDriftItem> Features, IReadOnlyList<DriftWindowItem>? Windows)
{
    public static DriftResponse Of(DriftReport r) => new(
        r.Deployment, r.From, r.To, r.ModelVersion, r.SnapshotId, Name(r.Verdict.Worst),
        r.Verdict.Counts.ToDictionary(c => Name(c.Key), c => c.Value), r.Reason,
        [.. r.Verdict.Features.Select(FeatureDriftItem.Of)],
        r.Window is null ? null : [.. r.Windows.Select(w => new DriftWindowItem(w.Start, w.End, [.. w.Features.Select(FeatureDriftItem.Of)]))]);

    public static string Name(DriftStatus status) => status.ToString().ToLowerInvariant();
}

/// <summary>One feature: <c>test</c> says which statistic <c>statistic</c> is (Kolmogorov–Smirnov D for numbers,
/// chi-square for categories).</summary>
public sealed record FeatureDriftItem(string Name, string Kind, string Test, double? Psi, double? Statistic, double? PValue,
    int TrainingCount, int WindowCount, string Status, string? Reason)
{
    public static FeatureDriftItem Of(FeatureDrift f) => new(f.Name, f.Kind == FeatureKind.Numeric ? "numeric" : "categorical",
        f.Kind == FeatureKind.Numeric ? "ks" : "chi2", f.Psi, f.Statistic, f.PValue, f.ReferenceCount, f.CurrentCount, DriftResponse.Name(f.Status), f.Reason);
}

public sealed record DriftWindowItem(DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<FeatureDriftItem> Features);

/// <summary><c>GET …/metrics</c>.</summary>
public sealed record MetricsResponse(string Deployment, DateTimeOffset From, DateTimeOffset To, string Window, double WindowSeconds, IReadOnlyList<WindowMetrics> Windows)
{
    public static MetricsResponse Of(MetricsReport r) =>
        new(r.Deployment, r.From, r.To, MonitoringWindow.Describe(r.Window), r.Window.TotalSeconds, r.Windows);
}

public sealed record AlertItem(long Id, string Deployment, string Kind, string? Feature, string Severity, string Status, string Message, double? Value,
    double? Threshold, DateTimeOffset OpenedAt, DateTimeOffset UpdatedAt, string? AcknowledgedBy, DateTimeOffset? AcknowledgedAt, string? ResolvedBy,
    DateTimeOffset? ResolvedAt)
{
    public static AlertItem Of(AlertRecord a) => new(a.Id, a.Deployment, a.Kind, a.Feature, a.Severity, a.Status, a.Message, a.Value, a.Threshold,
        Time(a.OpenedAt), Time(a.UpdatedAt), a.AcknowledgedBy, a.AcknowledgedAt is { } k ? Time(k) : null, a.ResolvedBy, a.ResolvedAt is { } r ? Time(r) : null);

    private static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}

/// <summary>A page of alerts; pass <c>nextBefore</c> as <c>before</c> for the next one.</summary>
public sealed record AlertPageResponse(IReadOnlyList<AlertItem> Alerts, long? NextBefore);
