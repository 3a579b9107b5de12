namespace Telco.InsightPortal.Core.Monitoring;

/// <summary>
/// Latencies counted in log-spaced buckets, each 2 % wider than the one before, so hours can be merged into any wider
/// window and its percentiles read back within 1 % (a bucket's geometric middle is at most 1 % from any value in it).
/// Exact percentiles need every value of the window; buckets need a few hundred counts per hour.
/// </summary>
public static class LatencyBuckets
{
    /// <summary>The upper edge of bucket 0 (ms); everything at or below it falls there.</summary>
    public const double Floor = 0.01;

    public const double Growth = 1.02;

    /// <summary>The last bucket holds everything above about 10 minutes.</summary>
    public const int Last = 1_100;

    private static readonly double LogGrowth = Math.Log(Growth);

    /// <summary>Bucket k holds (Floor·Growth^(k−1), Floor·Growth^k].</summary>
    public static int Of(double milliseconds) =>
        !(milliseconds > Floor) ? 0 : (int)Math.Min(Last, Math.Ceiling(Math.Log(milliseconds / Floor) / LogGrowth - 1e-9));

    /// <summary>The bucket's geometric middle: what a percentile that falls in it reads as.</summary>
    public static double Middle(int bucket) => bucket == 0 ? Floor : Floor * Math.Pow(Growth, bucket - 0.5);

    /// <summary>The q-th percentile (q in [0, 1]) of bucketed counts, at the rank percentile_cont would interpolate
    /// from (q·(n − 1), rounded down); null when there are no counts.</summary>
    public static double? Percentile(IReadOnlyDictionary<int, long> counts, double q)
    {
        var n = counts.Values.Sum();
        if (n == 0) return null;
        var rank = (long)Math.Floor(q * (n - 1));
        var seen = 0L;
        foreach (var (bucket, count) in counts.OrderBy(c => c.Key))
        {
            seen += count;
            if (seen > rank) return Middle(bucket);
        }
        return Middle(counts.Keys.Max());
    }
}
