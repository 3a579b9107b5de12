using Telco.InsightPortal.Data.Deployments;

namespace Telco.InsightPortal.Web.Deployments.Pages;

/// <summary>One time bucket of the prediction log: rows scored and latency percentiles (ms).</summary>
public sealed record TrafficBucket(DateTimeOffset Start, int Rows, double P50, double P95, double P99);

/// <summary>Buckets logged predictions by time for the deployment page's charts. Percentiles are interpolated per bucket
/// as the store interpolates the page's figures (PostgreSQL's percentile_cont); the window and the row limit keep the
/// read bounded.</summary>
public static class TrafficBuckets
{
    public static IReadOnlyList<TrafficBucket> Of(IReadOnlyList<LatencyPoint> points, TimeSpan width)
    {
        var ms = (long)width.TotalMilliseconds;
        return [.. points.GroupBy(p => p.CreatedAt / ms).OrderBy(g => g.Key).Select(g =>
        {
            var sorted = g.Select(p => p.LatencyMs).Order().ToArray();
            return new TrafficBucket(DateTimeOffset.FromUnixTimeMilliseconds(g.Key * ms), sorted.Length,
                Interpolated(sorted, 0.50), Interpolated(sorted, 0.95), Interpolated(sorted, 0.99));
        })];
    }

    /// <summary>The q-quantile of a non-empty sorted array, between the two nearest ranks: lo + (hi − lo) × fraction.</summary>
    public static double Interpolated(double[] sorted, double q)
    {
        var h = q * (sorted.Length - 1);
        var lo = (int)Math.Floor(h);
        return lo + 1 < sorted.Length ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
    }

    /// <summary>A bucket width giving about 60 points over the window, at least a minute.</summary>
    public static TimeSpan WidthFor(TimeSpan window) => TimeSpan.FromMinutes(Math.Max(1, Math.Ceiling(window.TotalMinutes / 60)));
}
