namespace Telco.Apps.CellTowerMonitor.Tests;

/// <summary>Bands follow the saved threshold: High from it, Watch from half of it, Low below.</summary>
public sealed class RiskBandsTests
{
    [Theory]
    [InlineData(0.5, 0.5, RiskBand.High)]
    [InlineData(0.5, 0.49, RiskBand.Watch)]
    [InlineData(0.5, 0.25, RiskBand.Watch)]
    [InlineData(0.5, 0.24, RiskBand.Low)]
    [InlineData(0.3, 0.35, RiskBand.High)]
    [InlineData(0.8, 0.5, RiskBand.Watch)]
    [InlineData(0.8, 0.39, RiskBand.Low)]
    public void ABandIsReadAgainstTheThreshold(double threshold, double probability, RiskBand band) =>
        Assert.Equal(band, new RiskBands(threshold).Of(probability));

    [Fact]
    public void TheMapsColourScaleChangesHueExactlyAtTheBandEdges()
    {
        var scale = new RiskBands(0.4).ColourScale();

        Assert.Equal([0, 0.2, 0.2, 0.4, 0.4, 1], scale.Select(s => s.At));
        Assert.Equal(scale.Select(s => s.At).Order(), scale.Select(s => s.At));
    }
}
