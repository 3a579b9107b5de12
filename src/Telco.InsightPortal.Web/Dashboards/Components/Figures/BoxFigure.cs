using Plotly.Blazor;
using Plotly.Blazor.Traces;
using Telco.InsightPortal.Data.Dashboards;

namespace Telco.InsightPortal.Web.Dashboards.Components.Figures;

/// <summary>
/// Boxes drawn from the five numbers the query computed per x (and group): min, p25, median, p75, max, in that order
/// (ChartSpecValidator's box measures). Plotly gets them as precomputed q1/median/q3 and fences, never raw points, so
/// the whiskers are the true min and max (not 1.5 IQR) and no row leaves the database.
/// </summary>
internal static class BoxFigure
{
    public static DashboardPlot Build(ChartResult result, ResultColumns columns, int height)
    {
        if (columns.Measures.Count != 5)
            throw new ArgumentException($"a box chart answers 5 measures (min, p25, median, p75, max), not {columns.Measures.Count}.", nameof(result));
        var xColumn = result.Columns[columns.X!.Value];
        // Split on the median column only; the other four sit in the same rows.
        var series = Series.Split(result, columns, [columns.Measures[2]]);
        var traces = series.Select(s => (ITrace)Box(result, columns, s, xColumn.Type)).ToList();
        var layout = PlotLayout.Base(height, legend: columns.Group is not null);
        layout.XAxis = [PlotLayout.X(xColumn)];
        layout.YAxis = [PlotLayout.Y(FieldOf(result.Columns[columns.Measures[2]].Name))];
        if (columns.Group is not null) layout.BoxMode = Plotly.Blazor.LayoutLib.BoxModeEnum.Group;
        var groupField = columns.Group is { } g ? result.Columns[g].Name : null;
        return new DashboardPlot(new UI.Figures.Figure(traces, layout),
            new MarkMap(xColumn.Name, groupField, [.. series.Select(s => new TraceMarks(s.X, s.Grouped, s.Group))]));
    }

    private static Box Box(ChartResult result, ResultColumns columns, Series s, Core.Data.ColumnType xType)
    {
        var rows = result.Rows.Where(r => columns.Group is not { } g || Equals(r[g], s.Group)).ToList();
        List<object> Stat(int k) => [.. rows.Select(r => ValueText.Plot(r[columns.Measures[k]])!)];
        return new Box
        {
            Name = columns.Group is null ? FieldOf(result.Columns[columns.Measures[2]].Name) : ValueText.Label(s.Group),
            X = [.. s.X.Select(v => ValueText.OnAxis(v, xType))],
            LowerFence = Stat(0),
            Q1 = Stat(1),
            Median = Stat(2),
            Q3 = Stat(3),
            UpperFence = Stat(4),
        };
    }

    /// <summary>"median(MonthlyCharges)" → "MonthlyCharges": the boxes show the field, not one of its statistics.</summary>
    private static string FieldOf(string measureName) =>
        measureName.IndexOf('(') is var open and >= 0 && measureName.EndsWith(')') ? measureName[(open + 1)..^1] : measureName;
}
