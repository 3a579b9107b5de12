using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using Telco.Apps.CellTowerMonitor.Pages;
using Telco.InsightPortal.Apps;
using Telco.InsightPortal.UI;

namespace Telco.Apps.CellTowerMonitor.Tests;

/// <summary>
/// The page against an in-memory host serving <see cref="HandWorkedFleet"/>: binding, loading, the scoring and cache
/// notes, an unavailable deployment, and a tower's drill-down with its latest event explained.
/// </summary>
public sealed class CellTowerMonitorPageTests : ComponentTestContext
{
    private readonly FakeAppHost _host = new();

    public CellTowerMonitorPageTests()
    {
        Services.AddSingleton<IAppHost>(_host);
        // The snapshot select and the table's page-size select open popovers.
        Render<MudBlazor.MudPopoverProvider>();
    }

    [Fact]
    public void AnUnboundAppSaysSoInWords()
    {
        _host.Deployment = null;

        var cut = Render<CellTowerMonitorPage>();

        Assert.Contains("not bound to a deployment", cut.Find("#ctm-problem").TextContent);
        Assert.Empty(_host.Queries);
    }

    [Fact]
    public void TheNewestSnapshotIsReadAndTheFleetIsShownWithTheSavedThreshold()
    {
        _host.Deployment = _host.Deployment! with { Versions = [_host.Deployment.Versions[0] with { Decision = new AppDecision(0.4, 1, 1, 1, 1) }] };
        _host.Snapshots = [new(11, "cell-towers", 2, 7, DateTimeOffset.UnixEpoch), new(10, "cell-towers", 1, 3, DateTimeOffset.UnixEpoch)];

        var cut = Render<CellTowerMonitorPage>();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("td[id^=tower-row-]").Count));
        Assert.Equal(11, _host.Queries.Single().Snapshot);
        Assert.Contains("threshold 0.400", cut.Find("#ctm-source").TextContent);
        Assert.Equal(0.4, cut.FindComponent<Stub<ScatterChart>>().Instance.Parameters.Get(x => x.ColourScale)![3].At);
        Assert.Contains("1 event(s) name no tower", cut.Find("#ctm-without-tower").TextContent);
        Assert.Empty(cut.FindAll("#ctm-scoring"));
    }

    [Fact]
    public void ScoringUnderWayAndTheCacheTimeAreSaid()
    {
        _host.Scored = 4;
        _host.ScoredAt = new DateTimeOffset(2026, 12, 6, 9, 30, 0, TimeSpan.Zero);

        var cut = Render<CellTowerMonitorPage>();

        cut.WaitForAssertion(() => Assert.Contains("4 of 7 events scored — scoring continues in the background", cut.Find("#ctm-scoring").TextContent));
        Assert.Contains("Scores cached at 2026-12-06 09:30 UTC", cut.Find("#ctm-scored-at").TextContent);
    }

    [Fact]
    public void ACappedReadSaysHowManyEventsItShows()
    {
        var cut = Render<CellTowerMonitorPage>(p => p.Add(x => x.Cap, 3));

        cut.WaitForAssertion(() => Assert.Contains("Showing the first 3 of 7 events", cut.Find("#ctm-capped").TextContent));
    }

    [Fact]
    public void AnUnavailableDeploymentIsSaidAndRefreshLoadsOnceItAnswers()
    {
        _host.Unavailable = "Deployment cell-tower-failure is stopped: start it on the Deployments page.";

        var cut = Render<CellTowerMonitorPage>();
        cut.WaitForAssertion(() => Assert.Contains("is stopped", cut.Find("#ctm-unavailable").TextContent));
        _host.Unavailable = null;
        cut.Find("#ctm-refresh").Click();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("td[id^=tower-row-]").Count));
        Assert.Empty(cut.FindAll("#ctm-unavailable"));
    }

    [Fact]
    public void OpeningATowerExplainsItsLatestEventWithoutTheLabel()
    {
        var cut = Render<CellTowerMonitorPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#tower-open-0xa")));

        cut.Find("#tower-open-0xa").Click();

        cut.WaitForAssertion(() => Assert.Contains("Tower 0xa", cut.Find("#tower-drill-down-title").TextContent));
        var sent = Assert.Single(_host.Explained);
        Assert.Equal(-83.1, sent["longitude"]);
        Assert.DoesNotContain("cell_tower_failure", sent.Keys);
        cut.WaitForAssertion(() => Assert.Equal(["iot_signal_1", "event_type", "iot_signal_3"],
            cut.FindComponent<Components.TowerDrillDown>().FindComponent<Stub<BarChart>>().Instance.Parameters.Get(x => x.Labels)));
    }

    [Fact]
    public void AnExplanationTheDeploymentCannotGiveIsSaidWhileTheTowerStaysOpen()
    {
        var cut = Render<CellTowerMonitorPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#tower-open-0xb")));
        _host.Unavailable = "Deployment cell-tower-failure is not answering in time.";

        cut.Find("#tower-open-0xb").Click();

        cut.WaitForAssertion(() => Assert.Contains("not answering in time", cut.Find("#tower-explanation-problem").TextContent));
        Assert.Contains("Tower 0xb", cut.Find("#tower-drill-down-title").TextContent);
        Assert.Equal(3, cut.FindAll("td[id^=tower-row-]").Count);
    }

    [Fact]
    public async Task ChoosingAnotherSnapshotReadsItsEventsAndClosesTheOpenTower()
    {
        _host.Snapshots = [new(11, "cell-towers", 2, 7, DateTimeOffset.UnixEpoch), new(10, "cell-towers", 1, 1, DateTimeOffset.UnixEpoch)];
        _host.RowsBySnapshot[10] = new EventRows().Add(1, "0xd", "GoodConnect", "battery 5%", -83, 51, 0.1, 0).Build();
        var cut = Render<CellTowerMonitorPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#tower-open-0xa")));
        cut.Find("#tower-open-0xa").Click();

        var select = cut.FindComponent<MudBlazor.MudSelect<long>>();
        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(10));

        cut.WaitForAssertion(() => Assert.Equal(["0xd"], cut.FindAll("td[id^=tower-row-]").Select(td => td.TextContent.Trim())));
        Assert.Equal(10, _host.Queries.Last().Snapshot);
        Assert.Empty(cut.FindAll("#tower-drill-down"));
    }

    [Fact]
    public void ARefreshTheDeploymentCannotAnswerKeepsWhatWasLoaded()
    {
        var cut = Render<CellTowerMonitorPage>();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("td[id^=tower-row-]").Count));
        _host.Unavailable = "Deployment cell-tower-failure is failing: 5 of the last 10 calls errored.";

        cut.Find("#ctm-refresh").Click();

        cut.WaitForAssertion(() => Assert.Contains("is failing", cut.Find("#ctm-unavailable").TextContent));
        Assert.Equal(3, cut.FindAll("td[id^=tower-row-]").Count);
        Assert.False(cut.Find("#ctm-refresh").HasAttribute("disabled"));
    }

    [Fact]
    public void ARefreshKeepsTheOpenTowerAndAsksAgainForAnExplanationThatFailed()
    {
        var cut = Render<CellTowerMonitorPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#tower-open-0xa")));
        _host.Unavailable = "Deployment cell-tower-failure is stopped.";
        cut.Find("#tower-open-0xa").Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#tower-explanation-problem")));
        _host.Unavailable = null;

        cut.Find("#ctm-refresh").Click();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#tower-explanation-summary")));
        Assert.Contains("Tower 0xa", cut.Find("#tower-drill-down-title").TextContent);
        Assert.Single(_host.Explained);
    }
}
