using Bunit;
using Telco.Apps.ChurnExplorer.Components;

namespace Telco.Apps.ChurnExplorer.Tests;

public sealed class RiskBandSummaryTests : ExplorerTestContext
{
    [Fact]
    public void EachBandShowsItsCountFromTheStoresLowestFirstCounts()
    {
        var cut = Render<RiskBandSummary>(p => p.Add(x => x.Bands, new RiskBands(0.5)).Add(x => x.BandCounts, [4200L, 1300, 1532]));

        Assert.Contains($"High risk ({0.5:P0} or more): 1,532", cut.Find("#risk-band-high").TextContent);
        Assert.Contains($"Medium risk ({0.25:P0} to {0.5:P0}): 1,300", cut.Find("#risk-band-medium").TextContent);
        Assert.Contains($"Low risk (under {0.25:P0}): 4,200", cut.Find("#risk-band-low").TextContent);
    }

    [Fact]
    public void ClickingAChipSendsItsBandAndTheSelectedOneIsPressed()
    {
        RiskBand? clicked = null;
        var cut = Render<RiskBandSummary>(p => p
            .Add(x => x.Bands, new RiskBands(0.5))
            .Add(x => x.BandCounts, [1L, 2, 3])
            .Add(x => x.Selected, RiskBand.High)
            .Add(x => x.OnSelect, b => clicked = b));

        cut.Find("#risk-band-medium").Click();

        Assert.Equal(RiskBand.Medium, clicked);
        Assert.Equal("true", cut.Find("#risk-band-high").GetAttribute("aria-pressed"));
        Assert.Equal("false", cut.Find("#risk-band-medium").GetAttribute("aria-pressed"));
    }
}
