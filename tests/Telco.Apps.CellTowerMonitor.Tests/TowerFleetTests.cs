namespace Telco.Apps.CellTowerMonitor.Tests;

/// <summary>The fleet's aggregates against <see cref="HandWorkedFleet"/>.</summary>
public sealed class TowerFleetTests
{
    private const int Precision = 12;

    [Fact]
    public void TowersAreRankedByMeanProbabilityWithTiesByIdAndEventsWithoutATowerAreLeftOut()
    {
        var fleet = HandWorkedFleet.Fleet();

        Assert.Equal(["0xa", "0xc", "0xb"], fleet.Towers.Select(t => t.DeviceId));
        Assert.Equal([1, 2, 3], fleet.Towers.Select(t => t.Rank));
        Assert.Equal(6, fleet.Events);
        Assert.Equal(1, fleet.WithoutTower);
    }

    [Fact]
    public void ATowersSummaryIsTheHandWorkedOne()
    {
        var a = HandWorkedFleet.Fleet().Find("0xa")!;

        Assert.Equal(("TelecomWorld", 3), (a.Manufacturer, a.Events));
        Assert.Equal(-83.1, a.Longitude!.Value, Precision);
        Assert.Equal(51.1, a.Latitude!.Value, Precision);
        Assert.Equal((0.5, 0.75, 0.75, 6L), (a.MeanProbability, a.MaxProbability, a.LatestProbability, a.LatestRowId));
        Assert.Equal(2.0 / 3, a.ObservedFailureRate!.Value, Precision);
        Assert.Equal([40.0, 50, 30, 60], CellTowerColumns.Readings.Select(c => a.MeanSignals[c]!.Value));
        Assert.Equal(0.45, a.MeanSignals["signal_score"]!.Value, Precision);
    }

    [Fact]
    public void TheLatestEventIsTheHighestRowIdWhateverOrderTheRowsCameIn()
    {
        var fleet = TowerFleet.Build(HandWorkedFleet.Rows().Reverse());

        var b = fleet.Find("0xb")!;
        Assert.Equal((3L, 0.125), (b.LatestRowId, b.LatestProbability));
        Assert.Equal([2L, 3], fleet.EventsOf("0xb").Select(e => e.RowId));
        Assert.Equal([1L, 4, 6], fleet.EventsOf("0xa").Select(e => e.RowId));
    }

    [Fact]
    public void AMissingLabelStaysOutOfTheObservedRateAndAMissingPositionLeavesNone()
    {
        var fleet = HandWorkedFleet.Fleet();

        var b = fleet.Find("0xb")!;
        var c = fleet.Find("0xc")!;
        Assert.Equal((0.25, 0.375, 0.0), (b.MeanProbability, b.MaxProbability, b.ObservedFailureRate));
        Assert.Equal((null, null), (c.Longitude, c.Latitude));
    }

    [Fact]
    public void BreakdownsByManufacturerAndEventTypeAreRiskiestFirst()
    {
        var fleet = HandWorkedFleet.Fleet();

        Assert.Equal([("TelecomWorld", 3), ("NewComm", 3)], fleet.ByManufacturer.Select(s => (s.Name, s.Events)));
        Assert.Equal(1.0 / 3, fleet.ByManufacturer[1].MeanProbability, Precision);
        Assert.Equal([2.0 / 3, 0.0], fleet.ByManufacturer.Select(s => s.ObservedFailureRate!.Value));
        Assert.Equal(["device error", "power off", "system reboot"], fleet.ByEventType.Select(s => s.Name));
        Assert.Equal([2, 3, 1], fleet.ByEventType.Select(s => s.Events));
        Assert.Equal([0.5, 1.375 / 3, 0.125], fleet.ByEventType.Select(s => s.MeanProbability));
        Assert.Equal([0.5, 0.5, 0.0], fleet.ByEventType.Select(s => s.ObservedFailureRate!.Value));
    }

    [Fact]
    public void NoRowsGiveAnEmptyFleetAndAnUnknownTowerHasNoEvents()
    {
        var fleet = TowerFleet.Build([]);

        Assert.Empty(fleet.Towers);
        Assert.Empty(fleet.ByManufacturer);
        Assert.Null(fleet.Find("0xa"));
        Assert.Empty(fleet.EventsOf("0xa"));
    }

    [Fact]
    public void AMissingManufacturerOrEventTypeIsCountedAsUnknown()
    {
        var fleet = TowerFleet.Build(new EventRows().Add(1, "t", "", "", 0, 0, 0.5, 0).Build());

        Assert.Equal(TowerFleet.Unknown, fleet.ByManufacturer.Single().Name);
        Assert.Equal(TowerFleet.Unknown, fleet.ByEventType.Single().Name);
        Assert.Equal(TowerFleet.Unknown, fleet.Towers.Single().Manufacturer);
    }
}
