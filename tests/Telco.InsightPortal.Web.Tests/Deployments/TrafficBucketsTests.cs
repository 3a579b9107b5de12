using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Web.Deployments.Pages;

namespace Telco.InsightPortal.Web.Tests.Deployments;

public sealed class TrafficBucketsTests
{
    [Fact]
    public void PredictionsFallIntoTheirMinuteWithInterpolatedPercentiles()
    {
        var minute = 60_000L;
        var points = Enumerable.Range(1, 100).Select(i => new LatencyPoint(10 * minute + i, i))
            .Append(new LatencyPoint(12 * minute + 5, 42)).ToList();

        var buckets = TrafficBuckets.Of(points, TimeSpan.FromMinutes(1));

        Assert.Equal([10 * minute, 12 * minute], buckets.Select(b => b.Start.ToUnixTimeMilliseconds()));
        Assert.Equal(100, buckets[0].Rows);
        Assert.Equal(50.5, buckets[0].P50, 9);
        Assert.Equal(95.05, buckets[0].P95, 9);
        Assert.Equal(99.01, buckets[0].P99, 9);
        Assert.Equal((1, 42d, 42d), (buckets[1].Rows, buckets[1].P50, buckets[1].P99));
    }

    [Fact]
    public void AWindowOfADayGetsAboutSixtyBuckets() =>
        Assert.Equal(TimeSpan.FromMinutes(24), TrafficBuckets.WidthFor(TimeSpan.FromDays(1)));
}
