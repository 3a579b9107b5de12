using Bunit;
using Bunit.TestDoubles;
using Telco.Apps.CellTowerMonitor.Components;
using Telco.InsightPortal.UI;

namespace Telco.Apps.CellTowerMonitor.Tests;

/// <summary>The breakdowns of <see cref="HandWorkedFleet"/>: bars of mean probability, tables with events and observed rates.</summary>
public sealed class TowerBreakdownsTests : ComponentTestContext
{
    [Fact]
    public void EachBreakdownChartsMeanProbabilityRiskiestFirst()
    {
        var fleet = HandWorkedFleet.Fleet();

        var cut = Render<TowerBreakdowns>(p => p.Add(x => x.ByManufacturer, fleet.ByManufacturer).Add(x => x.ByEventType, fleet.ByEventType));

        var charts = cut.FindComponents<Stub<BarChart>>().Select(c => c.Instance.Parameters).ToList();
        Assert.Equal(["TelecomWorld", "NewComm"], charts[0].Get(x => x.Labels));
        Assert.Equal([0.5, 1.0 / 3], charts[0].Get(x => x.Values));
        Assert.Equal(["device error", "power off", "system reboot"], charts[1].Get(x => x.Labels));
        Assert.Equal([0.5, 1.375 / 3, 0.125], charts[1].Get(x => x.Values));
    }

    [Fact]
    public void TheTablesShowEventsMeanProbabilityAndObservedFailureRate()
    {
        var fleet = HandWorkedFleet.Fleet();

        var cut = Render<TowerBreakdowns>(p => p.Add(x => x.ByManufacturer, fleet.ByManufacturer).Add(x => x.ByEventType, fleet.ByEventType));

        Assert.Equal(
            [["TelecomWorld", "3", "0.500", Display.Percent(2.0 / 3)], ["NewComm", "3", "0.333", Display.Percent(0)]],
            Cells(cut, "#breakdown-manufacturer-table"));
        Assert.Equal(["power off", "3", "0.458", Display.Percent(0.5)], Cells(cut, "#breakdown-event-type-table")[1]);
    }

    private static List<List<string>> Cells(IRenderedComponent<TowerBreakdowns> cut, string table) =>
        [.. cut.FindAll($"{table} tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList())];
}
