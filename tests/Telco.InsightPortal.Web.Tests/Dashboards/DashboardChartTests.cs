using Bunit;
using Plotly.Blazor;
using Plotly.Blazor.Interop;
using Telco.InsightPortal.Core.Dashboards;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Data.Dashboards;
using Telco.InsightPortal.Web.Dashboards.Components;
using Telco.InsightPortal.Web.Dashboards.Export;

namespace Telco.InsightPortal.Web.Tests.Dashboards;

/// <summary>A chart tile as a user meets it: empty and cut answers said plainly, KPIs and tables as text, user text never
/// markup, a click that filters and then offers the rows, and both downloads.</summary>
public sealed class DashboardChartTests : PortalTestContext
{
    private const string PlotlyModule = "./_content/Plotly.Blazor/plotly-interop-7.2.0.js";

    private static readonly ChartResult CountByContract = new ResultBuilder().X("Contract").Measure("count")
        .Row("One year", 1473L).Row("Two year", 1695L).Build();

    private IRenderedComponent<DashboardChart> Chart(ChartSpec spec, ChartResult result, Action<ChartMark>? onMark = null, Action<ChartMark>? onDrill = null) =>
        Render<DashboardChart>(p =>
        {
            p.Add(c => c.Spec, spec).Add(c => c.Result, result);
            if (onMark is not null) p.Add(c => c.OnMark, onMark);
            if (onDrill is not null) p.Add(c => c.OnDrill, onDrill);
        });

    [Fact]
    public void AnEmptyAnswerSaysNoRowsMatchTheFiltersAndDrawsNoPlot()
    {
        var cut = Chart(Specs.Of(ChartType.Bar), new ResultBuilder().X("Contract").Measure("count").Build());

        Assert.Contains("No rows match the filters", cut.Markup);
        Assert.Empty(cut.FindComponents<PlotlyChart>());
    }

    [Fact]
    public void ACutAnswerSaysMoreRowsMatched()
    {
        var cut = Chart(Specs.Of(ChartType.Bar), new ResultBuilder().X("Contract").Measure("count").Row("One year", 1L).Truncated().Build());

        Assert.Contains("Showing the first 1 rows; more matched", cut.Find(".dash-truncated").TextContent);
    }

    [Fact]
    public void AKpiShowsItsValuePreviousAndChangeAsTextWithoutPlotly()
    {
        var result = new ResultBuilder().Measure("count").Previous("count").Row(7043L, 6260L).Build();

        var cut = Chart(Specs.Of(ChartType.Kpi, x: null, title: "Customers"), result);

        Assert.Equal("7,043", cut.Find(".dash-kpi-value").TextContent);
        Assert.Contains("+12.5 %", cut.Find(".dash-kpi-up").TextContent);
        Assert.Contains("(previous 6,260)", cut.Find(".dash-kpi-change").TextContent);
        Assert.Empty(cut.FindComponents<PlotlyChart>());
    }

    [Fact]
    public void ATableFormatsNumbersAndDatesInvariantAndPagesTenRowsAtATime()
    {
        var builder = new ResultBuilder().Field("customerID").Field("TotalCharges", ColumnType.Real).Field("signup", ColumnType.Timestamp);
        for (var i = 0; i < 25; i++) builder.Row($"c{i}", 1234.5 + i, new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(i));

        var cut = Chart(Specs.Of(ChartType.Table, x: null), builder.Build());

        var rows = cut.FindAll("tbody tr");
        Assert.Equal(10, rows.Count);
        Assert.Equal(["c0", "1,234.5", "2024-01-01"], rows[0].QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
    }

    [Fact]
    public void TheTitleAndValuesAreShownAsTypedNeverAsMarkup()
    {
        const string title = "<img src=x onerror=alert(1)>";
        var result = new ResultBuilder().Field("<b>name</b>").Row("<script>alert(1)</script>").Build();

        var cut = Chart(Specs.Of(ChartType.Table, x: null, title: title), result);

        Assert.Equal(title, cut.Find(".dash-chart-title").TextContent);
        Assert.Empty(cut.FindAll(".dash-chart img"));
        Assert.Empty(cut.FindAll(".dash-chart script"));
        Assert.Empty(cut.FindAll(".dash-chart th b"));
        Assert.Contains("<script>alert(1)</script>", cut.Find("tbody td").TextContent);
    }

    [Fact]
    public void ClickingABarRaisesTheMarkAndOffersItsRowsWhichRaisesTheDrill()
    {
        var marks = new List<ChartMark>();
        var drills = new List<ChartMark>();
        var cut = Chart(Specs.Of(ChartType.Bar), CountByContract, marks.Add, drills.Add);
        Assert.Empty(cut.FindAll(".dash-drill"));

        var plotly = cut.FindComponent<PlotlyChart>().Instance;
        cut.InvokeAsync(() => plotly.ClickAction([new EventDataPoint { TraceIndex = 0, PointIndex = 1, PointNumber = 1 }]));
        cut.WaitForAssertion(() => Assert.Equal([new ChartMark("Contract", "Two year", false)], marks));
        cut.WaitForAssertion(() => Assert.Contains("Rows for Contract = Two year", cut.Find(".dash-drill").TextContent));
        cut.Find(".dash-drill").Click();

        Assert.Equal(marks, drills);
    }

    [Fact]
    public void ANewAnswerForgetsTheClickedMarkWhoseBarMayBeGone()
    {
        var cut = Chart(Specs.Of(ChartType.Bar), CountByContract, _ => { }, _ => { });
        var plotly = cut.FindComponent<PlotlyChart>().Instance;
        cut.InvokeAsync(() => plotly.ClickAction([new EventDataPoint { TraceIndex = 0, PointIndex = 0, PointNumber = 0 }]));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".dash-drill")));

        cut.Render(p => p.Add(c => c.Result, new ResultBuilder().X("Contract").Measure("count").Row("Two year", 9L).Build()));

        Assert.Empty(cut.FindAll(".dash-drill"));
    }

    [Fact]
    public void TheDashboardDecidesWhetherMarksAreAdditive()
    {
        var marks = new List<ChartMark>();
        var cut = Render<DashboardChart>(p => p.Add(c => c.Spec, Specs.Of(ChartType.Pie)).Add(c => c.Result, CountByContract)
            .Add(c => c.Additive, true).Add(c => c.OnMark, marks.Add));

        var plotly = cut.FindComponent<PlotlyChart>().Instance;
        cut.InvokeAsync(() => plotly.ClickAction([new EventDataPoint { TraceIndex = 0, PointNumber = 0 }]));

        cut.WaitForAssertion(() => Assert.True(Assert.Single(marks).Additive));
    }

    [Fact]
    public void TheCsvButtonSavesTheRowsAsAFileNamedAfterTheTitle()
    {
        var module = JSInterop.SetupModule(BrowserDownload.Module);
        module.SetupVoid("saveFile", _ => true).SetVoidResult();
        var cut = Chart(Specs.Of(ChartType.Bar, title: "Customers by contract"), CountByContract);

        cut.Find(".dash-csv").Click();

        var call = module.VerifyInvoke("saveFile");
        Assert.Equal("customers-by-contract.csv", call.Arguments[0]);
    }

    [Fact]
    public void ThePngButtonAsksPlotlyToDownloadTheChartAsAnImage()
    {
        var plotly = JSInterop.SetupModule(PlotlyModule);
        plotly.Mode = JSRuntimeMode.Loose;
        var cut = Chart(Specs.Of(ChartType.Bar, title: "Customers by contract"), CountByContract);

        cut.Find(".dash-png").Click();

        var call = plotly.VerifyInvoke("downloadImage");
        Assert.Equal("customers-by-contract", call.Arguments[^1]);
    }
}
