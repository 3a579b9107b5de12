using Bunit;
using Bunit.TestDoubles;
using Telco.Apps.CellTowerMonitor.Components;
using Telco.InsightPortal.Apps;
using Telco.InsightPortal.UI;

namespace Telco.Apps.CellTowerMonitor.Tests;

/// <summary>Tower 0xa of <see cref="HandWorkedFleet"/> up close: its events in order and its latest event explained.</summary>
public sealed class TowerDrillDownTests : ComponentTestContext
{
    [Fact]
    public void SignalsAndProbabilitiesAreDrawnEventByEventOldestFirst()
    {
        var cut = RenderTower(explanation: null, problem: null);

        var charts = cut.FindComponents<Stub<LineChart>>().Select(c => c.Instance.Parameters.Get(x => x.Series)).ToList();
        var signal1 = charts[0].Single(s => s.Name == "iot_signal_1");
        Assert.Equal([1.0, 2, 3], signal1.X);
        Assert.Equal([50.0, 30, 40], signal1.Y);
        Assert.Equal(["iot_signal_1", "iot_signal_2", "iot_signal_3", "iot_signal_4"], charts[0].Select(s => s.Name));
        Assert.Equal([0.25, 0.5, 0.75], charts[1].Single(s => s.Name == "Failure probability").Y);
        Assert.Equal([0.5, 0.5], charts[1].Single(s => s.Name == "Threshold").Y);
        Assert.Contains("mean probability 0.500 (High risk)", cut.Find("#tower-drill-down-summary").TextContent);
        Assert.Contains("latest 0.750", cut.Find("#tower-drill-down-summary").TextContent);
    }

    [Fact]
    public void TheLatestEventsLargestContributionsAreChartedBySize()
    {
        var contributions = Enumerable.Range(1, 10).Select(i => new AppContribution($"c{i}", i % 2 == 0 ? i / 100.0 : -i / 100.0)).ToList();

        var cut = RenderTower(new AppExplanation(0.75, contributions), problem: null);

        var bars = cut.FindComponent<Stub<BarChart>>().Instance.Parameters;
        Assert.Equal(["c10", "c9", "c8", "c7", "c6", "c5", "c4", "c3"], bars.Get(x => x.Labels));
        Assert.Equal([0.1, -0.09, 0.08, -0.07, 0.06, -0.05, 0.04, -0.03], bars.Get(x => x.Values));
        Assert.Contains("event 6 with probability 0.750", cut.Find("#tower-explanation-summary").TextContent);
    }

    [Fact]
    public void AnExplanationThatFailedIsSaidInWordsAndOneAskedForShowsProgress()
    {
        var failed = RenderTower(explanation: null, problem: "Deployment cell-tower-failure is stopped.");
        var waiting = RenderTower(explanation: null, problem: null);

        Assert.Equal("Deployment cell-tower-failure is stopped.", failed.Find("#tower-explanation-problem").TextContent.Trim());
        Assert.Empty(failed.FindComponents<Stub<BarChart>>());
        Assert.NotNull(waiting.Find("#tower-explanation-loading"));
    }

    [Fact]
    public void CloseIsReported()
    {
        var closed = false;
        var cut = RenderTower(null, null, () => closed = true);

        cut.Find("#tower-drill-down-close").Click();

        Assert.True(closed);
    }

    private IRenderedComponent<TowerDrillDown> RenderTower(AppExplanation? explanation, string? problem, Action? closed = null)
    {
        var fleet = HandWorkedFleet.Fleet();
        return Render<TowerDrillDown>(p => p
            .Add(x => x.Tower, fleet.Find("0xa")!)
            .Add(x => x.Events, fleet.EventsOf("0xa"))
            .Add(x => x.Bands, HandWorkedFleet.Bands)
            .Add(x => x.Explanation, explanation)
            .Add(x => x.ExplanationProblem, problem)
            .Add(x => x.Closed, closed ?? (() => { })));
    }
}
