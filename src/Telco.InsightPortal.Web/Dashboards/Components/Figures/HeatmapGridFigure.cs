using Plotly.Blazor.Traces;
using Telco.InsightPortal.Data.Dashboards;

namespace Telco.InsightPortal.Web.Dashboards.Components.Figures;

/// <summary>x across, the group down, the measure as colour; a pair with no rows is an empty cell, not a zero.</summary>
internal static class HeatmapGridFigure
{
    public static DashboardPlot Build(ChartResult result, ResultColumns columns, int height)
    {
        int x = columns.X!.Value, g = columns.Group!.Value, m = columns.Measures[0];
        var xs = Distinct(result.Rows.Select(r => r[x]));
        var gs = Distinct(result.Rows.Select(r => r[g]));
        var z = gs.Select(_ => new object?[xs.Count]).ToList();
        foreach (var row in result.Rows) z[gs.IndexOf(row[g])][xs.IndexOf(row[x])] = ValueText.Number(row[m]);
        var heatmap = new HeatMap
        {
            X = [.. xs.Select(v => (object)ValueText.Label(v))],
            Y = [.. gs.Select(v => (object)ValueText.Label(v))],
            Z = [.. z.Select(r => (object)r.ToList())],
            ColorScale = "Blues",
            // Plotly's Blues runs dark to light; reversed, more is darker.
            ReverseScale = true,
            HoverOnGaps = false,
        };
        var layout = PlotLayout.Base(height, legend: false);
        layout.XAxis = [PlotLayout.X(result.Columns[x] with { Type = Core.Data.ColumnType.Text })];
        layout.YAxis = [PlotLayout.Y(result.Columns[g].Name, category: true)];
        return new DashboardPlot(new UI.Figures.Figure([heatmap], layout),
            new MarkMap(result.Columns[x].Name, result.Columns[g].Name, [new TraceMarks(xs, Rows: gs)]));
    }

    /// <summary>Values in first-seen order; null counts as a value (a missing group is a row of its own).</summary>
    private static List<object?> Distinct(IEnumerable<object?> values)
    {
        var list = new List<object?>();
        foreach (var v in values) if (!list.Contains(v)) list.Add(v);
        return list;
    }
}
