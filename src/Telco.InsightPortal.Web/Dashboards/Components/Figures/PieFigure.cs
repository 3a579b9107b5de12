using Plotly.Blazor.Traces;
using Telco.InsightPortal.Data.Dashboards;

namespace Telco.InsightPortal.Web.Dashboards.Components.Figures;

/// <summary>A pie, or a donut (a pie with a hole): one slice per x value, in the query's order.</summary>
internal static class PieFigure
{
    public const decimal DonutHole = 0.5m;

    public static DashboardPlot Build(ChartResult result, ResultColumns columns, bool donut, int height)
    {
        var x = columns.X!.Value;
        var measure = columns.Measures[0];
        var pie = new Pie
        {
            Labels = [.. result.Rows.Select(r => (object)ValueText.Label(r[x]))],
            Values = [.. result.Rows.Select(r => ValueText.Number(r[measure]) is { } v ? (object)v : 0d)],
            Hole = donut ? DonutHole : null,
            // Keep the query's order (its sort) rather than Plotly's largest-first.
            Sort = false,
        };
        var layout = PlotLayout.Base(height, legend: true);
        layout.Margin = new Plotly.Blazor.LayoutLib.Margin { L = 10, R = 10, T = 10, B = 10 };
        return new DashboardPlot(new UI.Figures.Figure([pie], layout),
            new MarkMap(result.Columns[x].Name, null, [new TraceMarks([.. result.Rows.Select(r => r[x])])]));
    }
}
