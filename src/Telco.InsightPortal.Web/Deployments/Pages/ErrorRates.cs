using Telco.InsightPortal.Data.Deployments;

namespace Telco.InsightPortal.Web.Deployments.Pages;

/// <summary>One time bucket of a deployment's request counters: requests, how many failed, error rate (%), drops.</summary>
public sealed record ErrorBucket(DateTimeOffset Start, long Requests, long Failed, double ErrorRatePercent, long Dropped);

/// <summary>Sums the per-minute counters the log writer keeps into buckets for the error-rate chart.</summary>
public static class ErrorRates
{
    public static IReadOnlyList<ErrorBucket> Of(IReadOnlyList<MinuteCounts> minutes, TimeSpan width)
    {
        var perBucket = Math.Max(1, (long)width.TotalMinutes);
        return [.. minutes.GroupBy(m => m.Minute / perBucket).OrderBy(g => g.Key).Select(g =>
        {
            long requests = g.Sum(m => m.Requests), failed = g.Sum(m => m.Failed);
            return new ErrorBucket(DateTimeOffset.FromUnixTimeMilliseconds(g.Key * perBucket * 60_000), requests, failed,
                requests == 0 ? 0 : 100.0 * failed / requests, g.Sum(m => m.Dropped));
        })];
    }
}
