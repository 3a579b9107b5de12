namespace Telco.InsightPortal.Core.Monitoring;

/// <summary>Latency percentiles of a window, interpolated like PostgreSQL's <c>percentile_cont</c>, so the numbers
/// match a query over the same rows. Null when the window is empty.</summary>
public sealed record LatencySummary(int Count, double? P50, double? P95, double? P99)
{
    /// <exception cref="ArgumentException">A latency is NaN or infinite, or there are more than
    /// <see cref="MonitoringLimits.MaxSampleSize"/>.</exception>
    public static LatencySummary From(IReadOnlyList<double> latencies)
    {
        var sorted = SampleGuard.FiniteCopy(latencies, "latency", nameof(latencies));
        if (sorted.Length == 0)
        {
            return new LatencySummary(0, null, null, null);
        }

        Array.Sort(sorted);
        return new LatencySummary(sorted.Length, Quantiles.Continuous(sorted, 0.50), Quantiles.Continuous(sorted, 0.95), Quantiles.Continuous(sorted, 0.99));
    }

    /// <summary>One continuous percentile, q in [0, 1]; null for an empty window.</summary>
    public static double? Percentile(IReadOnlyList<double> values, double q)
    {
        if (!(q >= 0 && q <= 1))
        {
            throw new ArgumentException($"The percentile must lie in [0, 1] (got {q}).", nameof(q));
        }

        var sorted = SampleGuard.FiniteCopy(values, "latency", nameof(values));
        if (sorted.Length == 0)
        {
            return null;
        }

        Array.Sort(sorted);
        return Quantiles.Continuous(sorted, q);
    }
}
