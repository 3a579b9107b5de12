using Telco.InsightPortal.Data.Dashboards;

namespace Telco.InsightPortal.Web.Dashboards.Components.Figures;

/// <summary>One drawn series: a measure's values for one group (or for all rows when there is no group), with the
/// typed x values a click maps back to.</summary>
internal sealed record Series(string Name, int Measure, bool Grouped, object? Group, List<object?> X, List<object?> Y)
{
    /// <summary>Splits rows by measure, then by group value in the order the rows first show each (the query's sort).</summary>
    public static List<Series> Split(ChartResult result, ResultColumns columns, IReadOnlyList<int> measures)
    {
        var x = columns.X!.Value;
        var all = new List<Series>();
        foreach (var m in measures)
        {
            var name = result.Columns[m].Name;
            var byGroup = new Dictionary<GroupKey, Series>();
            foreach (var row in result.Rows)
            {
                var group = columns.Group is { } g ? row[g] : null;
                if (!byGroup.TryGetValue(new GroupKey(group), out var series))
                {
                    var label = columns.Group is null ? name
                        : measures.Count == 1 ? ValueText.Format(group ?? "(missing)")
                        : $"{name} · {ValueText.Format(group ?? "(missing)")}";
                    series = new Series(label, m, columns.Group is not null, group, [], []);
                    byGroup.Add(new GroupKey(group), series);
                    all.Add(series);
                }
                series.X.Add(row[x]);
                series.Y.Add(row[m]);
            }
        }
        return all;
    }

    /// <summary>A dictionary key that admits the missing group (null) as one group of its own.</summary>
    private readonly record struct GroupKey(object? Value);
}
