using System.Text.Json;
using Plotly.Blazor.Interop;
using Telco.InsightPortal.Core.Dashboards;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Web.Dashboards.Components;
using Telco.InsightPortal.Web.Dashboards.Components.Figures;

namespace Telco.InsightPortal.Web.Tests.Dashboards;

/// <summary>A click maps back to the result's own typed values, through the trace and point Plotly reports.</summary>
public sealed class ChartMarksTests
{
    private static EventDataPoint Point(int trace, object? index) => new() { TraceIndex = trace, PointIndex = index, PointNumber = index };

    [Fact]
    public void ClickingABarNamesTheXFieldAndItsValue()
    {
        var result = new ResultBuilder().X("Contract").Measure("count").Row("One year", 1L).Row("Two year", 2L).Build();
        var plot = DashboardFigure.Build(Specs.Of(ChartType.Bar), result, 300);

        var mark = ChartMarks.From(plot.Marks, Point(0, 1), additive: false);

        Assert.Equal(new ChartMark("Contract", "Two year", false), mark);
        Assert.Equal([new MarkedValue("Contract", "Two year")], mark!.Values);
    }

    [Fact]
    public void ClickingAGroupSeriesAlsoGivesTheGroupFieldAndValue()
    {
        var result = new ResultBuilder().X("Contract").Group("SeniorCitizen", ColumnType.Integer).Measure("count")
            .Row("One year", 0L, 5L).Row("One year", 1L, 6L).Row("Two year", 1L, 7L).Build();
        var plot = DashboardFigure.Build(Specs.Of(ChartType.Bar, group: "SeniorCitizen"), result, 300);

        var mark = ChartMarks.From(plot.Marks, Point(1, 1), additive: true);

        Assert.Equal([new MarkedValue("Contract", "Two year"), new MarkedValue("SeniorCitizen", 1L)], mark!.Values);
        Assert.True(mark.Additive);
    }

    [Fact]
    public void ATimestampMarkCarriesTheInstantNotPlotlysDateText()
    {
        var month = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var result = new ResultBuilder().X("signup", ColumnType.Timestamp).Measure("count").Row(month, 4L).Build();
        var plot = DashboardFigure.Build(Specs.Of(ChartType.Line, x: "signup"), result, 300);

        var index = JsonDocument.Parse("0").RootElement;
        var mark = ChartMarks.From(plot.Marks, new EventDataPoint { TraceIndex = 0, PointIndex = index, PointNumber = index }, false);

        Assert.Equal(month, mark!.Value);
    }

    [Fact]
    public void AHeatmapCellNamesBothItsColumnAndItsRow()
    {
        var result = new ResultBuilder().X("Contract").Group("Churn").Measure("count")
            .Row("One year", "No", 1L).Row("Two year", "Yes", 2L).Build();
        var plot = DashboardFigure.Build(Specs.Of(ChartType.Heatmap, group: "Churn"), result, 300);

        // Plotly reports a heatmap cell as [row, column].
        var mark = ChartMarks.From(plot.Marks, Point(0, JsonDocument.Parse("[1, 0]").RootElement), false);

        Assert.Equal([new MarkedValue("Contract", "One year"), new MarkedValue("Churn", "Yes")], mark!.Values);
    }

    [Fact]
    public void APieSliceIsFoundByItsPointNumber()
    {
        var result = new ResultBuilder().X("Contract").Measure("count").Row("One year", 1L).Row("Two year", 2L).Build();
        var plot = DashboardFigure.Build(Specs.Of(ChartType.Donut), result, 300);

        var mark = ChartMarks.From(plot.Marks, new EventDataPoint { TraceIndex = 0, PointNumber = 0 }, false);

        Assert.Equal("One year", mark!.Value);
        Assert.Null(mark.Group);
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(3, 0)]
    [InlineData(-1, 0)]
    public void APointOutsideTheFigureMarksNothing(int trace, int index)
    {
        var result = new ResultBuilder().X("Contract").Measure("count").Row("One year", 1L).Build();
        var plot = DashboardFigure.Build(Specs.Of(ChartType.Bar), result, 300);

        Assert.Null(ChartMarks.From(plot.Marks, Point(trace, index), false));
    }
}
