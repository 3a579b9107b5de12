using Bunit;
using Telco.Apps.CellTowerMonitor.Components;

namespace Telco.Apps.CellTowerMonitor.Tests;

/// <summary>The ranked table of <see cref="HandWorkedFleet"/>: order, figures, bands, opening a tower, paging and sorting.</summary>
public sealed class TowerRankingTests : ComponentTestContext
{
    [Fact]
    public void TowersAreListedRiskiestFirstWithTheirFiguresAndBands()
    {
        var cut = Render<TowerRanking>(p => p.Add(x => x.Towers, HandWorkedFleet.Fleet().Towers).Add(x => x.Bands, HandWorkedFleet.Bands));

        Assert.Equal(["0xa", "0xc", "0xb"], cut.FindAll("td[id^=tower-row-]").Select(td => td.TextContent.Trim()));
        Assert.Equal(["High", "High", "Watch"], cut.FindAll("[data-testid=risk-band]").Select(c => c.TextContent.Trim()));
        var first = cut.Find("#tower-row-0xa").ParentElement!.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).Take(7);
        Assert.Equal(["1", "0xa", "TelecomWorld", "3", "0.500", "0.750", Display.Percent(2.0 / 3)], first);
    }

    [Fact]
    public void ATowersButtonOpensItOnceAndARowClickToo()
    {
        var opened = new List<string>();
        var cut = Render<TowerRanking>(p => p.Add(x => x.Towers, HandWorkedFleet.Fleet().Towers).Add(x => x.Bands, HandWorkedFleet.Bands)
            .Add(x => x.Selected, (TowerSummary t) => opened.Add(t.DeviceId)));

        cut.Find("#tower-open-0xb").Click();
        cut.Find("#tower-row-0xc").Click();

        Assert.Equal(["0xb", "0xc"], opened);
    }

    [Fact]
    public void AManyTowerFleetIsPagedAndSortableByEvents()
    {
        var rows = new EventRows();
        for (var i = 0; i < 12; i++)
            for (var e = 0; e <= i; e++) rows.Add(i * 100 + e, $"t{i:00}", "NewComm", "power off", -83, 51, i / 20.0, 0);
        var cut = Render<TowerRanking>(p => p.Add(x => x.Towers, TowerFleet.Build(rows.Build()).Towers).Add(x => x.Bands, HandWorkedFleet.Bands));

        Assert.Equal(10, cut.FindAll("td[id^=tower-row-]").Count);
        cut.FindAll("th .mud-table-sort-label").Single(h => h.TextContent.Contains("Events")).Click();

        Assert.Equal("t00", cut.FindAll("td[id^=tower-row-]")[0].TextContent.Trim());
    }

    [Fact]
    public void ADeviceIdIsShownAsTextAndItsElementIdIsSanitised()
    {
        const string hostile = "\"><img src=x onerror=alert(1)>";
        var fleet = TowerFleet.Build(new EventRows().Add(1, hostile, "<b>NewComm</b>", "power off", -83, 51, 0.5, 0).Build());

        var cut = Render<TowerRanking>(p => p.Add(x => x.Towers, fleet.Towers).Add(x => x.Bands, HandWorkedFleet.Bands));

        Assert.Empty(cut.FindAll("img"));
        Assert.Empty(cut.FindAll("td b"));
        var cell = cut.Find("td[id^=tower-row-]");
        Assert.Equal(ElementIds.TowerRow(hostile), cell.Id);
        Assert.Equal(hostile, cell.TextContent.Trim());
    }
}
