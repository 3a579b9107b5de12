namespace Telco.Apps.ChurnExplorer.Tests;

public sealed class RiskBandsTests
{
    [Theory]
    [InlineData(0.0, RiskBand.Low)]
    [InlineData(0.1999, RiskBand.Low)]
    [InlineData(0.2, RiskBand.Medium)]
    [InlineData(0.3999, RiskBand.Medium)]
    [InlineData(0.4, RiskBand.High)]
    [InlineData(1.0, RiskBand.High)]
    public void ABandIncludesItsLowerEdgeAndNotItsUpperOne(double probability, RiskBand band) =>
        Assert.Equal(band, new RiskBands(0.4).BandOf(probability));

    [Fact]
    public void TheEdgesAreHalfTheThresholdAndTheThresholdAscending() => Assert.Equal([0.2, 0.4], new RiskBands(0.4).Edges);

    [Fact]
    public void EachBandsRangeHoldsExactlyItsProbabilities()
    {
        var bands = new RiskBands(0.4);

        Assert.Equal((null, 0.2), bands.Range(RiskBand.Low));
        Assert.Equal((0.2, 0.4), bands.Range(RiskBand.Medium));
        Assert.Equal((0.4, null), bands.Range(RiskBand.High));
        foreach (var p in Enumerable.Range(0, 101).Select(i => i / 100.0))
        {
            var (min, max) = bands.Range(bands.BandOf(p));
            Assert.True((min is null || p >= min) && (max is null || p < max), $"{p} outside its band's range");
        }
    }

    [Fact]
    public void TheStoresCountsMapLowestBandFirst()
    {
        var counts = new RiskBands(0.5).Counts([700, 200, 100]);

        Assert.Equal((700L, 200L, 100L), (counts[RiskBand.Low], counts[RiskBand.Medium], counts[RiskBand.High]));
        Assert.Throws<ArgumentException>(() => new RiskBands(0.5).Counts([1, 2]));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void AThresholdOutsideZeroToOneIsRefused(double threshold) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RiskBands(threshold));
}
