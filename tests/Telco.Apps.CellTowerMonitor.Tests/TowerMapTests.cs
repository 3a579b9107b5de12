using Bunit;
using Bunit.TestDoubles;
using Telco.Apps.CellTowerMonitor.Components;
using Telco.InsightPortal.UI;

namespace Telco.Apps.CellTowerMonitor.Tests;

/// <summary>The map of <see cref="HandWorkedFleet"/>: the placed towers, coloured by mean probability, sized by events.</summary>
public sealed class TowerMapTests : ComponentTestContext
{
    [Fact]
    public void PlacedTowersAreMarkedAtTheirMeanPositionColouredByMeanProbabilityAndSizedByEvents()
    {
        var cut = Render<TowerMap>(p => p.Add(x => x.Towers, HandWorkedFleet.Fleet().Towers).Add(x => x.Bands, HandWorkedFleet.Bands));

        var points = Chart(cut).Get(x => x.Points);
        Assert.Equal(["0xa", "0xb"], points.Select(p => p.Label.Split(' ')[1]));
        Assert.Equal([0.5, 0.25], points.Select(p => p.Colour));
        Assert.Equal([3.0, 2], points.Select(p => p.Size));
        Assert.Equal((-83.1, 51.1), (Math.Round(points[0].X, 9), Math.Round(points[0].Y, 9)));
        Assert.Contains("0.500", points[0].Label);
    }

    [Fact]
    public void TheAxesKeepDistancesTrueAtTheFleetsLatitudeAndTheColoursFollowTheThreshold()
    {
        var bands = new RiskBands(0.4);

        var cut = Render<TowerMap>(p => p.Add(x => x.Towers, HandWorkedFleet.Fleet().Towers).Add(x => x.Bands, bands));

        var chart = Chart(cut);
        var meanLatitude = (51.1 + 52.0) / 2;
        Assert.Equal(1 / Math.Cos(meanLatitude * Math.PI / 180), chart.Get(x => x.YScaleRatio)!.Value, 9);
        Assert.Equal(bands.ColourScale(), chart.Get(x => x.ColourScale));
        Assert.Contains("threshold 0.400", cut.Find("#tower-map-legend").TextContent);
    }

    [Fact]
    public void ATowerWithoutAPositionIsSaidNotToBeOnTheMap()
    {
        var cut = Render<TowerMap>(p => p.Add(x => x.Towers, HandWorkedFleet.Fleet().Towers).Add(x => x.Bands, HandWorkedFleet.Bands));

        Assert.Contains("1 tower(s) reported no position", cut.Find("#tower-map-unplaced").TextContent);
    }

    [Fact]
    public async Task ClickingAMarkerOpensItsTower()
    {
        TowerSummary? opened = null;
        var cut = Render<TowerMap>(p => p.Add(x => x.Towers, HandWorkedFleet.Fleet().Towers).Add(x => x.Bands, HandWorkedFleet.Bands)
            .Add(x => x.Selected, (TowerSummary t) => opened = t));

        await cut.InvokeAsync(() => Chart(cut).Get(x => x.PointClicked).InvokeAsync(1));

        Assert.Equal("0xb", opened?.DeviceId);
    }

    private static CapturedParameterView<ScatterChart> Chart(IRenderedComponent<TowerMap> cut) =>
        cut.FindComponent<Stub<ScatterChart>>().Instance.Parameters;
}
