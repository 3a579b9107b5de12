using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Telco.InsightPortal.Core.Dashboards;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Web.Dashboards.Components.Figures;

namespace Telco.InsightPortal.Web.Tests.Dashboards;

/// <summary>Each plotted chart type becomes the Plotly figure it should, read as data without a browser.</summary>
public sealed class DashboardFigureTests
{
    private static readonly Telco.InsightPortal.Data.Dashboards.ChartResult CountByContract = new ResultBuilder()
        .X("Contract").Measure("count").Row("Month-to-month", 3875L).Row("One year", 1473L).Row("Two year", 1695L).Build();

    private static readonly Telco.InsightPortal.Data.Dashboards.ChartResult CountByContractAndChurn = new ResultBuilder()
        .X("Contract").Group("Churn").Measure("count")
        .Row("Month-to-month", "No", 2220L).Row("Month-to-month", "Yes", 1655L).Row("One year", "No", 1307L).Row("One year", "Yes", 166L)
        .Build();

    [Fact]
    public void ABarChartWithoutAGroupIsOneBarTraceOnACategoryAxis()
    {
        var plot = DashboardFigure.Build(Specs.Of(ChartType.Bar), CountByContract, 300);

        var bar = Assert.IsType<Bar>(Assert.Single(plot.Figure.Data));
        Assert.Equal(["Month-to-month", "One year", "Two year"], bar.X.Cast<string>());
        Assert.Equal([3875L, 1473L, 1695L], bar.Y.Cast<long>());
        Assert.Equal(Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Category, plot.Figure.Layout.XAxis.Single().Type);
        Assert.Equal(300, plot.Figure.Layout.Height);
    }

    [Fact]
    public void AGroupedBarChartHasOneTraceForEachGroupValueSideBySide()
    {
        var plot = DashboardFigure.Build(Specs.Of(ChartType.Bar, group: "Churn"), CountByContractAndChurn, 300);

        var bars = plot.Figure.Data.Cast<Bar>().ToList();
        Assert.Equal(["No", "Yes"], bars.Select(b => b.Name));
        Assert.Equal([2220L, 1307L], bars[0].Y.Cast<long>());
        Assert.Equal(BarModeEnum.Group, plot.Figure.Layout.BarMode);
        Assert.True(plot.Figure.Layout.ShowLegend);
    }

    [Fact]
    public void AStackedBarChartStacksItsGroupTraces()
    {
        var plot = DashboardFigure.Build(Specs.Of(ChartType.BarStacked, group: "Churn"), CountByContractAndChurn, 300);

        Assert.Equal(2, plot.Figure.Data.Count);
        Assert.Equal(BarModeEnum.Stack, plot.Figure.Layout.BarMode);
    }

    [Fact]
    public void ALineOverMonthsHasDateTextAndADateAxis()
    {
        var result = new ResultBuilder().X("signup", ColumnType.Timestamp).Measure("count")
            .Row(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), 10L).Row(new DateTimeOffset(2024, 2, 1, 0, 0, 0, TimeSpan.Zero), 12L).Build();

        var line = Assert.IsType<Scatter>(DashboardFigure.Build(Specs.Of(ChartType.Line, x: "signup"), result, 300).Figure.Data.Single());

        Assert.Equal(["2024-01-01", "2024-02-01"], line.X.Cast<string>());
        Assert.Equal(Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines | Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers, line.Mode);
    }

    [Fact]
    public void AnAreaIsALineFilledToZeroAndAScatterIsMarkersOnly()
    {
        var area = (Scatter)DashboardFigure.Build(Specs.Of(ChartType.Area), CountByContract, 300).Figure.Data.Single();
        var scatter = (Scatter)DashboardFigure.Build(Specs.Of(ChartType.Scatter), CountByContract, 300).Figure.Data.Single();

        Assert.Equal(Plotly.Blazor.Traces.ScatterLib.FillEnum.ToZeroY, area.Fill);
        Assert.Equal(Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers, scatter.Mode);
        Assert.Null(scatter.Fill);
    }

    [Fact]
    public void AHistogramsBarsSpanTheirBinsWithNoGap()
    {
        var result = new ResultBuilder().X("tenure", ColumnType.Real).Measure("count").Row(0d, 5L).Row(10d, 7L).Build();

        var plot = DashboardFigure.Build(Specs.Of(ChartType.Histogram, x: "tenure", binWidth: 10), result, 300);

        var bar = Assert.IsType<Bar>(plot.Figure.Data.Single());
        Assert.Equal((0m, 10m), (bar.Offset, bar.Width));
        Assert.Equal(0m, plot.Figure.Layout.BarGap);
        Assert.Equal(["0 – 10: 5", "10 – 20: 7"], bar.HoverTextArray);
    }

    [Fact]
    public void ABoxIsDrawnFromTheQuartilesTheQueryComputedNotFromRawPoints()
    {
        var result = new ResultBuilder().X("Contract").Measure("min(MonthlyCharges)", ColumnType.Real).Measure("p25(MonthlyCharges)", ColumnType.Real)
            .Measure("median(MonthlyCharges)", ColumnType.Real).Measure("p75(MonthlyCharges)", ColumnType.Real).Measure("max(MonthlyCharges)", ColumnType.Real)
            .Row("One year", 18.25, 35.0, 64.85, 90.0, 118.6).Row("Two year", 18.4, 25.0, 64.35, 95.0, 118.75).Build();

        var box = Assert.IsType<Box>(DashboardFigure.Build(Specs.Of(ChartType.Box, measures: new ChartMeasure(Aggregation.Median, "MonthlyCharges")), result, 300)
            .Figure.Data.Single());

        Assert.Equal([18.25, 18.4], box.LowerFence.Cast<double>());
        Assert.Equal([35.0, 25.0], box.Q1.Cast<double>());
        Assert.Equal([64.85, 64.35], box.Median.Cast<double>());
        Assert.Equal([90.0, 95.0], box.Q3.Cast<double>());
        Assert.Equal([118.6, 118.75], box.UpperFence.Cast<double>());
        Assert.Null(box.Y);
        Assert.Equal("MonthlyCharges", box.Name);
    }

    [Fact]
    public void APieKeepsTheQueryOrderAndADonutHasAHole()
    {
        var pie = (Pie)DashboardFigure.Build(Specs.Of(ChartType.Pie), CountByContract, 300).Figure.Data.Single();
        var donut = (Pie)DashboardFigure.Build(Specs.Of(ChartType.Donut), CountByContract, 300).Figure.Data.Single();

        Assert.Equal(["Month-to-month", "One year", "Two year"], pie.Labels.Cast<string>());
        Assert.Equal([3875d, 1473d, 1695d], pie.Values.Cast<double>());
        Assert.Equal((false, (decimal?)null), (pie.Sort, pie.Hole));
        Assert.Equal(PieFigure.DonutHole, donut.Hole);
    }

    [Fact]
    public void AHeatmapPutsXAcrossTheGroupDownAndLeavesMissingPairsEmpty()
    {
        var result = new ResultBuilder().X("Contract").Group("Churn").Measure("count")
            .Row("Month-to-month", "No", 2220L).Row("Month-to-month", "Yes", 1655L).Row("One year", "No", 1307L).Build();

        var heatmap = Assert.IsType<HeatMap>(DashboardFigure.Build(Specs.Of(ChartType.Heatmap, group: "Churn"), result, 300).Figure.Data.Single());

        Assert.Equal(["Month-to-month", "One year"], heatmap.X.Cast<string>());
        Assert.Equal(["No", "Yes"], heatmap.Y.Cast<string>());
        var z = heatmap.Z.Cast<List<object?>>().ToList();
        Assert.Equal([2220d, 1307d], z[0].Cast<double>());
        Assert.Equal(1655d, z[1][0]);
        Assert.Null(z[1][1]);
    }

    [Fact]
    public void CategoryValuesAndFieldNamesReachPlotlyEscapedSoTheyShowAsTyped()
    {
        var result = new ResultBuilder().X("<b>plan</b>").Measure("count").Row("<a href=\"javascript:alert(1)\">x</a>", 1L).Row(null, 2L).Build();

        var plot = DashboardFigure.Build(Specs.Of(ChartType.Bar, x: "<b>plan</b>"), result, 300);

        var bar = (Bar)plot.Figure.Data.Single();
        Assert.Equal(["&lt;a href=\"javascript:alert(1)\"&gt;x&lt;/a&gt;", "(missing)"], bar.X.Cast<string>());
        Assert.Equal("&lt;b&gt;plan&lt;/b&gt;", plot.Figure.Layout.XAxis.Single().Title.Text);
    }

    [Theory]
    [InlineData(ChartType.Kpi)]
    [InlineData(ChartType.Table)]
    public void KpisAndTablesAreNotPlotted(ChartType type)
    {
        Assert.False(DashboardFigure.IsPlotted(type));
        Assert.Throws<ArgumentException>(() => DashboardFigure.Build(Specs.Of(type, x: null), CountByContract, 300));
    }
}
