namespace Telco.InsightPortal.Core.Dashboards;

/// <summary>
/// Adds dashboard filters and cross-filter pieces to one chart's spec. A filter applies to a chart only when the
/// chart's source has the field (a filter on Contract leaves a chart over run metrics alone). Values for one field are
/// ORed (a second click on another bar adds its value), different fields are ANDed (a click on another chart narrows).
/// Ranges (clicked bins of a histogram or a time axis) on one field merge into the range that covers them all, since a
/// spec's filters can only be ANDed.
/// </summary>
public static class DashboardFilters
{
    /// <summary>A dashboard filter as the piece it adds to a chart.</summary>
    public static ChartFilter Piece(DashboardFilter filter) => new(filter.Field, FilterOp.In, Values: filter.Values);

    /// <summary>Each piece is an <see cref="FilterOp.In"/> or a <see cref="FilterOp.Range"/> filter.</summary>
    public static ChartSpec Apply(ChartSpec spec, IReadOnlySet<string> sourceFields, IEnumerable<ChartFilter> pieces)
    {
        var added = new List<ChartFilter>();
        foreach (var field in pieces.Where(f => sourceFields.Contains(f.Field)).GroupBy(f => f.Field, StringComparer.OrdinalIgnoreCase))
        {
            var values = field.Where(f => f.Op == FilterOp.In).SelectMany(f => f.Values ?? []).Distinct().Take(ChartSpecLimits.MaxValues).ToList();
            if (values.Count > 0) added.Add(new ChartFilter(field.Key, FilterOp.In, Values: values));
            var ranges = field.Where(f => f.Op == FilterOp.Range).ToList();
            if (ranges.Count > 0)
                added.Add(new ChartFilter(field.Key, FilterOp.Range, Min: Least(ranges.Select(r => r.Min)), Max: Greatest(ranges.Select(r => r.Max))));
        }
        return added.Count == 0 ? spec : spec with { Filters = [.. spec.Filters, .. added] };
    }

    private static object? Least(IEnumerable<object?> values) => values.Any(v => v is null) ? null : values.OrderBy(Key).First();

    private static object? Greatest(IEnumerable<object?> values) => values.Any(v => v is null) ? null : values.OrderByDescending(Key).First();

    /// <summary>Bounds are numbers or ISO timestamps (text that orders as time).</summary>
    private static IComparable Key(object? value) => value switch
    {
        long l => (double)l,
        double d => d,
        _ => new ComparableText(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""),
    };

    private sealed record ComparableText(string Text) : IComparable
    {
        public int CompareTo(object? other) => string.CompareOrdinal(Text, (other as ComparableText)?.Text);
    }
}
