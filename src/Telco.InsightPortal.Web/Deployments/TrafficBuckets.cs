using Telco.InsightPortal.Data.Deployments;

namespace Telco.InsightPortal.Web.Deployments;

/// <summary>One time bucket of the prediction log: rows scored and latency percentiles (ms).</summary>
public sealed record TrafficBucket(DateTimeOffset Start, int Rows, double P50, double P95, double P99);

/// <summary>Buckets logged predictions by time for the deployment page's charts. Percentiles are exact per bucket
/// (sorted in memory), which SQLite cannot compute in SQL; the window and the row limit keep the read bounded.</summary>
public static class TrafficBuckets
{
    public static IReadOnlyList<TrafficBucket> Of(IReadOnlyList<LatencyPoint> points, TimeSpan width)
    {
        var ms = (long)width.TotalMilliseconds;
        return [.. points.GroupBy(p => p.CreatedAt / ms).OrderBy(g => g.Key).Select(g =>
        {
            var sorted = g.Select(p => p.LatencyMs).Order().ToArray();
            return new TrafficBucket(DateTimeOffset.FromUnixTimeMilliseconds(g.Key * ms), sorted.Length,
                DeploymentSummaries.Percentile(sorted, 0.50)!.Value, DeploymentSummaries.Percentile(sorted, 0.95)!.Value, DeploymentSummaries.Percentile(sorted, 0.99)!.Value);
        })];
    }

    /// <summary>A bucket width giving about 60 points over the window, at least a minute.</summary>
    public static TimeSpan WidthFor(TimeSpan window) => TimeSpan.FromMinutes(Math.Max(1, Math.Ceiling(window.TotalMinutes / 60)));
}
