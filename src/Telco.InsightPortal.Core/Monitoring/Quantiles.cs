namespace Telco.InsightPortal.Core.Monitoring;

/// <summary>Continuous quantiles as PostgreSQL's <c>percentile_cont</c> computes them: position q·(n − 1) in the sorted
/// values, linear interpolation between the two neighbours (Hyndman–Fan type 7, also NumPy's default).</summary>
internal static class Quantiles
{
    public static double Continuous(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var fraction = position - lower;
        if (fraction == 0 || lower + 1 >= sorted.Length)
        {
            return sorted[lower];
        }

        var (a, b) = (sorted[lower], sorted[lower + 1]);
        // Weighted sum rather than a + f·(b − a): b − a overflows to infinity for values near ±double.MaxValue.
        return a == b ? a : a * (1 - fraction) + b * fraction;
    }
}
