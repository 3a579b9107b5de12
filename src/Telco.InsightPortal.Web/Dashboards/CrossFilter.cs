using System.Globalization;
using Telco.InsightPortal.Core.Dashboards;
using Telco.InsightPortal.Web.Dashboards.Components;

namespace Telco.InsightPortal.Web.Dashboards;

/// <summary>A piece of the active cross-filter: a value (or a bin) clicked on chart <see cref="ChartId"/>. It filters
/// every other chart whose source has the field; each piece is a chip that removes it.</summary>
public sealed record CrossFilter(string ChartId, string Label, ChartFilter Filter);

/// <summary>
/// Clicks into cross-filter pieces. A click always adds (the Metabase request: a second click must not replace the
/// first); clicking the same value again adds nothing. A binned mark filters to its bin as a range.
/// </summary>
public static class CrossFilters
{
    public static List<CrossFilter> Add(IReadOnlyList<CrossFilter> active, string chartId, ChartSpec spec, ChartMark mark)
    {
        var next = active.ToList();
        foreach (var (field, value) in mark.Values.Select(v => (v.Field, v.Value)))
        {
            if (value is null) continue;
            var bin = field == spec.X?.Field ? spec.X.Bin : null;
            var filter = bin is null ? new ChartFilter(field, FilterOp.In, Values: [Scalar(value)]) : Range(field, value, bin);
            if (next.Any(c => Same(c.Filter, filter))) continue;
            next.Add(new CrossFilter(chartId, Label(filter), filter));
        }
        return next;
    }

    private static bool Same(ChartFilter a, ChartFilter b) =>
        a.Field == b.Field && a.Op == b.Op && Equals(a.Min, b.Min) && Equals(a.Max, b.Max) && (a.Values ?? []).SequenceEqual(b.Values ?? []);

    /// <summary>A bin [start, start + width): the upper bound is inclusive in a spec, so it stops just short of the next bin.</summary>
    private static ChartFilter Range(string field, object start, ChartBin bin)
    {
        if (bin.Width is { } width && start is long or double)
        {
            var from = Convert.ToDouble(start, CultureInfo.InvariantCulture);
            return new ChartFilter(field, FilterOp.Range, Min: from, Max: from + width - width * 1e-9);
        }
        var at = start is DateTimeOffset t ? t : DateTimeOffset.Parse(Convert.ToString(start, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture);
        var end = bin.Unit switch { TimeUnit.Day => at.AddDays(1), TimeUnit.Week => at.AddDays(7), _ => at.AddMonths(1) };
        return new ChartFilter(field, FilterOp.Range, Min: Iso(at), Max: Iso(end.AddMilliseconds(-1)));
    }

    private static object Scalar(object value) => value switch
    {
        DateTimeOffset t => Iso(t),
        int i => (long)i,
        _ => value,
    };

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Label(ChartFilter f) => f.Op == FilterOp.In
        ? $"{f.Field} = {DashboardWords.Value(f.Values![0])}"
        : $"{f.Field} {DashboardWords.Value(f.Min)} – {DashboardWords.Value(f.Max)}";
}
