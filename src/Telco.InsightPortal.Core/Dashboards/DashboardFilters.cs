namespace Telco.InsightPortal.Core.Dashboards;

/// <summary>
/// Adds dashboard filters and cross-filters to one chart's spec. A filter applies to a chart only when the chart's
/// source has the field (a filter on Contract leaves a chart over run metrics alone). Values for one field are ORed
/// (a second click on another bar adds its value), different fields are ANDed (a click on another chart narrows).
/// </summary>
public static class DashboardFilters
{
    public static ChartSpec Apply(ChartSpec spec, IReadOnlySet<string> sourceFields, IEnumerable<DashboardFilter> filters)
    {
        var added = filters
            .Where(f => sourceFields.Contains(f.Field))
            .GroupBy(f => f.Field, StringComparer.Ordinal)
            .Select(g => new ChartFilter(g.Key, FilterOp.In, Values: g.SelectMany(f => f.Values).Distinct().Take(ChartSpecLimits.MaxValues).ToList()))
            .ToList();
        return added.Count == 0 ? spec : spec with { Filters = [.. spec.Filters, .. added] };
    }
}
