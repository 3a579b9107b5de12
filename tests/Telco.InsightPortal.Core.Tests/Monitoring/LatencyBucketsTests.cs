using Telco.InsightPortal.Core.Monitoring;

namespace Telco.InsightPortal.Core.Tests.Monitoring;

/// <summary>Merged hourly latency buckets read back percentiles within the promised 1 % of the exact ones.</summary>
public sealed class LatencyBucketsTests
{
    [Fact]
    public void PercentilesOfMergedBucketsAreWithinOnePercentOfTheExactOnes()
    {
        var random = new Random(3);
        // A long-tailed latency: mostly 2–20 ms, some up to 2 s.
        var values = Enumerable.Range(0, 50_000).Select(_ => random.NextDouble() < 0.97 ? 2 + random.NextDouble() * 18 : 20 + random.NextDouble() * 1980).ToList();
        var counts = new Dictionary<int, long>();
        // Hour by hour, then merged, as a day window reads them.
        foreach (var hour in values.Chunk(2_000))
            foreach (var g in hour.GroupBy(LatencyBuckets.Of))
                counts[g.Key] = counts.GetValueOrDefault(g.Key) + g.Count();

        foreach (var q in new[] { 0.5, 0.95, 0.99 })
        {
            var exact = LatencySummary.Percentile(values, q)!.Value;
            var read = LatencyBuckets.Percentile(counts, q)!.Value;
            Assert.InRange(read / exact, 0.985, 1.015);
        }
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(-5, 0)]
    [InlineData(double.NaN, 0)]
    [InlineData(0.01, 0)]
    [InlineData(1e12, LatencyBuckets.Last)]
    public void OddLatenciesFallInTheEndBuckets(double ms, int bucket) => Assert.Equal(bucket, LatencyBuckets.Of(ms));

    [Fact]
    public void EveryValueIsWithinOnePercentOfItsBucketsMiddle()
    {
        foreach (var ms in new[] { 0.02, 0.5, 1, 3.3, 17, 250, 4_000, 60_000 })
            Assert.InRange(LatencyBuckets.Middle(LatencyBuckets.Of(ms)) / ms, 0.99, 1.0101);
        Assert.Null(LatencyBuckets.Percentile(new Dictionary<int, long>(), 0.5));
    }
}
