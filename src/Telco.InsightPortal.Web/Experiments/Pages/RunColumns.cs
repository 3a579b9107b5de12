using Telco.InsightPortal.Data.Tracking;

namespace Telco.InsightPortal.Web.Experiments.Pages;

/// <summary>
/// The metric, param and tag columns of a runs table, named as in MLflow's filter syntax (<c>metrics.roc_auc</c>,
/// <c>params.trainer</c>, <c>tags.dataset</c>) so a column is also its sort key. Kept in the page's URL
/// (<c>?cols=</c>, comma-separated) and in the browser's storage per experiment.
/// </summary>
public static class RunColumns
{
    public const string Metrics = "metrics.";
    public const string Params = "params.";
    public const string Tags = "tags.";
    public const int MaxColumns = 40;

    public static readonly IReadOnlyList<string> Default = ["metrics.roc_auc", "metrics.pr_auc", "metrics.f1"];

    public static string StorageKey(long experimentId) => $"telco.runs.columns.{experimentId}";

    /// <summary>The columns a query string names; anything that is not a metric, param or tag is dropped.
    /// Keys with a comma cannot be listed (the separator), which MLflow's own UI shares.</summary>
    public static IReadOnlyList<string> Parse(string? text)
    {
        if (text is null) return Default;
        return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(c => Entity(c) is not null && c.Length - Entity(c)!.Length is > 0 and <= TrackingStore.MaxKeyLength)
            .Distinct(StringComparer.Ordinal).Take(MaxColumns).ToList();
    }

    public static string Format(IEnumerable<string> columns) => string.Join(',', columns);

    public static string? Entity(string column) =>
        column.StartsWith(Metrics, StringComparison.Ordinal) ? Metrics
        : column.StartsWith(Params, StringComparison.Ordinal) ? Params
        : column.StartsWith(Tags, StringComparison.Ordinal) ? Tags
        : null;

    public static string Key(string column) => column[Entity(column)!.Length..];

    /// <summary>The columns the runs on a page could show, plus those chosen; the portal's bookkeeping tags
    /// (artifact hashes, MLflow's run name) are left out.</summary>
    public static IReadOnlyList<string> Available(IEnumerable<Run> runs, IEnumerable<string> chosen) =>
        runs.SelectMany(r => r.Metrics.Select(m => Metrics + m.Key)
                .Concat(r.Params.Select(p => Params + p.Key))
                .Concat(r.Tags.Where(t => !t.Key.StartsWith("artifact.", StringComparison.Ordinal) && t.Key != TrackingStore.RunNameTag).Select(t => Tags + t.Key)))
            .Concat(chosen)
            .Where(c => !c.Contains(','))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    public static string Text(Run run, string column) => Entity(column) switch
    {
        Metrics => RunView.MetricText(run, Key(column)),
        Params => run.Params.FirstOrDefault(p => p.Key == Key(column))?.Value ?? "—",
        Tags => RunView.Tag(run, Key(column)) ?? "—",
        _ => "—",
    };

    /// <summary>Clicking a column sorts by it, best first for metrics (descending), then flips.</summary>
    public static string NextOrder(string column, string currentOrder) =>
        currentOrder == column + " DESC" ? column + " ASC"
        : currentOrder == column + " ASC" ? column + " DESC"
        : column + (Entity(column) == Metrics && column != "metrics.log_loss" ? " DESC" : " ASC");
}
