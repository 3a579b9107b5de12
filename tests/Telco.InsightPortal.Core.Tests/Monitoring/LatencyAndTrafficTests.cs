using Telco.InsightPortal.Core.Monitoring;

namespace Telco.InsightPortal.Core.Tests.Monitoring;

public sealed class LatencyAndTrafficTests
{
    [Fact]
    public void PercentilesInterpolateLikePercentileCont()
    {
        // PostgreSQL: percentile_cont(0.95) over 1..10 is at position 0.95·9 = 8.55, between 9 and 10 → 9.55.
        var latencies = Enumerable.Range(1, 10).Select(i => (double)i).Reverse().ToArray();

        var summary = LatencySummary.From(latencies);

        Assert.Equal(10, summary.Count);
        Assert.Equal(5.5, summary.P50!.Value, 12);
        Assert.Equal(9.55, summary.P95!.Value, 12);
        Assert.Equal(9.91, summary.P99!.Value, 12);
        Assert.Equal(1, LatencySummary.Percentile(latencies, 0));
        Assert.Equal(10, LatencySummary.Percentile(latencies, 1));
    }

    [Fact]
    public void OneValueIsEveryPercentileAndAnEmptyWindowHasNone()
    {
        Assert.Equal(new LatencySummary(1, 42, 42, 42), LatencySummary.From([42]));
        Assert.Equal(new LatencySummary(0, null, null, null), LatencySummary.From([]));
    }

    [Fact]
    public void HugeLatenciesDoNotOverflowTheInterpolation()
    {
        var summary = LatencySummary.From([-double.MaxValue, double.MaxValue]);

        Assert.Equal(0, summary.P50!.Value, 12);
    }

    [Fact]
    public void NonFiniteLatenciesAreRefused()
    {
        Assert.Throws<ArgumentException>(() => LatencySummary.From([1, double.NaN]));
        Assert.Throws<ArgumentException>(() => LatencySummary.Percentile([1], 1.5));
    }

    [Fact]
    public void RatesDivideByTheWindow()
    {
        var rates = TrafficRates.From(600, 15, TimeSpan.FromMinutes(5));

        Assert.Equal(2, rates.RequestsPerSecond, 12);
        Assert.Equal(0.05, rates.ErrorsPerSecond, 12);
        Assert.Equal(0.025, rates.ErrorRate!.Value, 12);
        Assert.Null(TrafficRates.From(0, 0, TimeSpan.FromMinutes(1)).ErrorRate);
    }

    [Fact]
    public void ImpossibleCountsOrWindowsAreRefused()
    {
        Assert.Throws<ArgumentException>(() => TrafficRates.From(10, 11, TimeSpan.FromMinutes(1)));
        Assert.Throws<ArgumentException>(() => TrafficRates.From(-1, 0, TimeSpan.FromMinutes(1)));
        Assert.Throws<ArgumentException>(() => TrafficRates.From(10, 1, TimeSpan.Zero));
    }
}
