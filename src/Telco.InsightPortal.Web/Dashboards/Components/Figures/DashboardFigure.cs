using Telco.InsightPortal.Core.Dashboards;
using Telco.InsightPortal.Data.Dashboards;

namespace Telco.InsightPortal.Web.Dashboards.Components.Figures;

/// <summary>
/// A chart spec and its answer → the Plotly figure, with no browser: every plotted chart type is built here and tested
/// as data. KPI and table charts are not plotted (DashboardChart shows them as text), so they are refused.
/// </summary>
public static class DashboardFigure
{
    public static bool IsPlotted(ChartType type) => type is not (ChartType.Kpi or ChartType.Table);

    public static DashboardPlot Build(ChartSpec spec, ChartResult result, int height)
    {
        if (!IsPlotted(spec.Type)) throw new ArgumentException($"a {spec.Type} chart is not plotted.", nameof(spec));
        var columns = ResultColumns.Of(result);
        if (columns.X is null || columns.Measures.Count == 0)
            throw new ArgumentException("a plotted chart's result has an x column and at least one measure.", nameof(result));
        return spec.Type switch
        {
            ChartType.Box => BoxFigure.Build(result, columns, height),
            ChartType.Pie => PieFigure.Build(result, columns, donut: false, height),
            ChartType.Donut => PieFigure.Build(result, columns, donut: true, height),
            ChartType.Heatmap when columns.Group is not null => HeatmapGridFigure.Build(result, columns, height),
            ChartType.Heatmap => throw new ArgumentException("a heatmap's result has a group column.", nameof(result)),
            _ => SeriesFigure.Build(spec, result, columns, height),
        };
    }
}
