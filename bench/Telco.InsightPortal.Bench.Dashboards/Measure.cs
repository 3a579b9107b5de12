namespace Telco.InsightPortal.Bench.Dashboards;

/// <summary>The same shape as the other benches' own Measure.cs (each bench keeps its copy; there is no shared
/// bench library), with only the part this one needs: percentiles of samples taken one call at a time.</summary>
internal static class Measure
{
    /// <summary>The value below which <paramref name="percent"/> % of the samples fall (nearest rank).</summary>
    public static double Percentile(IReadOnlyList<double> samples, double percent)
    {
        var sorted = samples.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    public static double Median(IReadOnlyList<double> samples) => Percentile(samples, 50);

    public static double Ms(long ticks) => ticks * 1000.0 / System.Diagnostics.Stopwatch.Frequency;
}
