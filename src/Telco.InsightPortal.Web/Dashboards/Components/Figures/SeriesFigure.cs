using Plotly.Blazor;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;
using Telco.InsightPortal.Core.Dashboards;
using Telco.InsightPortal.Data.Dashboards;

namespace Telco.InsightPortal.Web.Dashboards.Components.Figures;

/// <summary>Bars (grouped or stacked), lines, areas, scatter and histograms: one trace per measure and group value.</summary>
internal static class SeriesFigure
{
    public static DashboardPlot Build(ChartSpec spec, ChartResult result, ResultColumns columns, int height)
    {
        var xColumn = result.Columns[columns.X!.Value];
        var series = Series.Split(result, columns, columns.Measures);
        var layout = PlotLayout.Base(height, legend: series.Count > 1);
        layout.XAxis = [PlotLayout.X(xColumn)];
        layout.YAxis = [PlotLayout.Y(columns.Measures.Count == 1 ? result.Columns[columns.Measures[0]].Name : null)];
        layout.BarMode = spec.Type is ChartType.BarStacked or ChartType.Histogram ? Plotly.Blazor.LayoutLib.BarModeEnum.Stack : Plotly.Blazor.LayoutLib.BarModeEnum.Group;
        // Histogram bins touch: a gap would read as an empty range between them.
        if (spec.Type == ChartType.Histogram) layout.BarGap = 0;
        var traces = series.Select(s => Trace(spec, s, xColumn.Type)).ToList();
        var groupField = columns.Group is { } g ? result.Columns[g].Name : null;
        var marks = new MarkMap(xColumn.Name, groupField, [.. series.Select(s => new TraceMarks(s.X, s.Grouped, s.Group))]);
        return new DashboardPlot(new UI.Figures.Figure(traces, layout), marks);
    }

    private static ITrace Trace(ChartSpec spec, Series s, Core.Data.ColumnType xType)
    {
        var name = ValueText.Label(s.Name);
        var x = s.X.Select(v => ValueText.OnAxis(v, xType)).ToList();
        var y = s.Y.Select(ValueText.Plot).ToList();
        return spec.Type switch
        {
            ChartType.Bar or ChartType.BarStacked => new Bar { Name = name, X = x, Y = y },
            ChartType.Histogram => Histogram(spec.X?.Bin?.Width ?? 1, name, s),
            ChartType.Line => new Scatter { Name = name, X = x, Y = y, Mode = ModeFlag.Lines | ModeFlag.Markers },
            ChartType.Area => new Scatter { Name = name, X = x, Y = y, Mode = ModeFlag.Lines, Fill = FillEnum.ToZeroY },
            ChartType.Scatter => new Scatter { Name = name, X = x, Y = y, Mode = ModeFlag.Markers },
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Type, "not a series chart"),
        };
    }

    /// <summary>Each bar spans its bin, [start, start + width), rather than centring on the start the query answers.</summary>
    private static Bar Histogram(double width, string name, Series s) => new()
    {
        Name = name,
        X = [.. s.X],
        Y = [.. s.Y],
        Offset = 0,
        Width = (decimal)width,
        HoverTextArray = [.. s.X.Zip(s.Y, (x, y) => Bin(x, width) + ": " + ValueText.Format(y))],
        HoverTemplate = "%{hovertext}<extra></extra>",
    };

    private static string Bin(object? start, double width) => ValueText.Number(start) is { } a
        ? $"{ValueText.Format(a)} – {ValueText.Format(a + width)}"
        : ValueText.Format(start);
}
