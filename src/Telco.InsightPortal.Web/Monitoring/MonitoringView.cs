using System.Globalization;
using Telco.InsightPortal.Core.Monitoring;
using Telco.InsightPortal.Data.Monitoring;
using Telco.InsightPortal.UI;

namespace Telco.InsightPortal.Web.Monitoring;

/// <summary>What the monitoring page draws, built from the service's reports without a browser: the x axis is hours
/// before the range's end, so the newest window sits at 0.</summary>
public static class MonitoringView
{
    /// <summary>The ranges and windows the pickers offer (the API takes any).</summary>
    public static readonly IReadOnlyList<(string Label, TimeSpan Span)> Ranges =
        [("Last 6 hours", TimeSpan.FromHours(6)), ("Last 24 hours", TimeSpan.FromDays(1)), ("Last 7 days", TimeSpan.FromDays(7)), ("Last 30 days", TimeSpan.FromDays(30))];

    public static readonly IReadOnlyList<(string Label, string Window)> Windows =
        [("15 minutes", "15m"), ("Hour", "hour"), ("6 hours", "6h"), ("Day", "day")];

    public static double X(MetricsReport report, WindowMetrics w) => -(report.To - w.Start).TotalHours;

    public static IReadOnlyList<ChartSeries> Traffic(MetricsReport r) =>
        [new("requests", Xs(r), [.. r.Windows.Select(w => (double)w.Requests)]), new("refused", Xs(r), [.. r.Windows.Select(w => (double)w.Errors)])];

    public static IReadOnlyList<ChartSeries> ErrorRate(MetricsReport r) =>
        [new("refused %", Xs(r), [.. r.Windows.Select(w => (w.ErrorRate ?? 0) * 100)])];

    public static IReadOnlyList<ChartSeries> Latency(MetricsReport r)
    {
        var with = r.Windows.Where(w => w.Latency.Count > 0).ToList();
        List<double> x = [.. with.Select(w => X(r, w))];
        return [new("p50", x, [.. with.Select(w => w.Latency.P50!.Value)]), new("p95", x, [.. with.Select(w => w.Latency.P95!.Value)]),
            new("p99", x, [.. with.Select(w => w.Latency.P99!.Value)])];
    }

    /// <summary>Realised ROC AUC where labels arrived, the estimate and its band everywhere there was traffic, and a
    /// dashed vertical line where the model version changed.</summary>
    public static IReadOnlyList<ChartSeries> Performance(MetricsReport r)
    {
        var realised = r.Windows.Where(w => w.Realised?.RocAuc is not null).ToList();
        var estimated = r.Windows.Where(w => w.Estimated?.RocAuc is not null).ToList();
        List<double> ex = [.. estimated.Select(w => X(r, w))];
        var series = new List<ChartSeries>
        {
            new("realised ROC AUC", [.. realised.Select(w => X(r, w))], [.. realised.Select(w => w.Realised!.RocAuc!.Value)]),
            new("estimated ROC AUC", ex, [.. estimated.Select(w => w.Estimated!.RocAuc!.Value)]),
            new("estimate lower", ex, [.. estimated.Select(w => w.Estimated!.RocAuc!.Lower)], Dashed: true),
            new("estimate upper", ex, [.. estimated.Select(w => w.Estimated!.RocAuc!.Upper)], Dashed: true),
        };
        foreach (var w in r.Windows.Where(w => w.VersionChanged))
            series.Add(new($"version {w.ModelVersions[0]}", [X(r, w), X(r, w)], [0, 1], Dashed: true));
        return series;
    }

    public static IReadOnlyList<string> WindowLabels(DriftReport r) =>
        [.. r.Windows.Select(w => w.Start.UtcDateTime.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture))];

    /// <summary>PSI per feature (rows) and window (columns); a cell that could not be judged is −0.1, below every PSI,
    /// so it reads as "no colour" rather than "no drift".</summary>
    public static IReadOnlyList<IReadOnlyList<double>> PsiGrid(DriftReport r) =>
        [.. r.Verdict.Features.Select((_, f) => (IReadOnlyList<double>)[.. r.Windows.Select(w => w.Features[f].Psi ?? double.NaN)])];

    public static string Number(double? value, string format = "0.000") => value?.ToString(format, CultureInfo.InvariantCulture) ?? "—";

    public static string StatusText(DriftStatus status) => status.ToString().ToLowerInvariant();

    public static MudBlazor.Color StatusColor(DriftStatus status) => status switch
    {
        DriftStatus.Alert => MudBlazor.Color.Error,
        DriftStatus.Warn => MudBlazor.Color.Warning,
        DriftStatus.Ok => MudBlazor.Color.Success,
        _ => MudBlazor.Color.Default,
    };

    private static List<double> Xs(MetricsReport r) => [.. r.Windows.Select(w => X(r, w))];
}
