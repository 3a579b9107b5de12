using System.Globalization;
using MudBlazor;
using Telco.InsightPortal.Data.Tracking;

namespace Telco.InsightPortal.Web.Experiments.Pages;

/// <summary>How runs read in tables: the latest value of a metric, tags by key, times and durations.</summary>
public static class RunView
{
    public static readonly IReadOnlyList<string> HeadlineMetrics = ["roc_auc", "pr_auc", "f1"];

    public static double? Metric(Run run, string key) =>
        run.Metrics.Where(m => m.Key == key).OrderByDescending(m => m.Step).ThenByDescending(m => m.Timestamp)
            .Select(m => (double?)m.Value).FirstOrDefault();

    public static string MetricText(Run run, string key) => Metric(run, key) is { } v ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "—";

    public static string? Tag(Run run, string key) => run.Tags.FirstOrDefault(t => t.Key == key)?.Value;

    public static string Trainer(Run run) =>
        Tag(run, "trainer") ?? run.Params.FirstOrDefault(p => p.Key == "trainer")?.Value ?? "—";

    public static string DatasetAtSnapshot(Run run) =>
        Tag(run, "dataset") is { } d ? Tag(run, "snapshot_id") is { Length: > 0 } s ? $"{d}@{s}" : d : "—";

    public static string User(Run run) => run.Info.UserId is { Length: > 0 } u ? u : Tag(run, "mlflow.user") ?? "—";

    public static string Time(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Duration(RunInfo info)
    {
        if (info.EndTime is not { } end) return info.Status is "RUNNING" ? "running" : "—";
        return Span(TimeSpan.FromMilliseconds(Math.Max(0, end - info.StartTime)));
    }

    public static string Span(TimeSpan span)
    {
        if (span < TimeSpan.Zero) span = TimeSpan.Zero;
        return span.TotalHours >= 1 ? $"{(int)span.TotalHours}h {span.Minutes}m"
            : span.TotalMinutes >= 1 ? $"{span.Minutes}m {span.Seconds}s"
            : $"{span.TotalSeconds:0.0}s";
    }

    public static bool IsActive(string status) => status is "RUNNING" or "SCHEDULED";

    public static Color StatusColor(string status) => status switch
    {
        "FINISHED" => Color.Success,
        "FAILED" => Color.Error,
        "KILLED" => Color.Warning,
        "RUNNING" => Color.Info,
        _ => Color.Default,
    };
}
