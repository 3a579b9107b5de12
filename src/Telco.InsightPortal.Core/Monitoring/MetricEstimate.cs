namespace Telco.InsightPortal.Core.Monitoring;

/// <summary>An estimated metric and its 95 % band (value ± 1.96 standard deviations of the realised metric, clamped
/// to [0, 1]).</summary>
public sealed record MetricEstimate(double Value, double Lower, double Upper, double? StandardDeviation)
{
    internal static MetricEstimate? From(double? value, double? standardDeviation)
    {
        if (value is not { } v)
        {
            return null;
        }

        // Too few defined simulated values to measure the spread: say so with the widest band, not a false zero.
        if (standardDeviation is not { } sd)
        {
            return new MetricEstimate(v, 0, 1, null);
        }

        return new MetricEstimate(v, Math.Max(0, v - 1.96 * sd), Math.Min(1, v + 1.96 * sd), sd);
    }

    public bool Contains(double realised) => realised >= Lower && realised <= Upper;
}
