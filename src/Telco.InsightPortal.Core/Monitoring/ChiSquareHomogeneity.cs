using MathNet.Numerics;

namespace Telco.InsightPortal.Core.Monitoring;

/// <summary>Pearson's chi-square test of homogeneity on a 2×k table: does one categorical distribution describe both
/// samples?</summary>
internal static class ChiSquareHomogeneity
{
    /// <summary>The statistic and its p-value after pooling sparse categories. Expected counts are row total × column
    /// total / N; a category whose expected count is below <paramref name="minExpected"/> in either row joins the pool
    /// "(other)". If the pool itself is still below the minimum it absorbs the smallest remaining category, again and
    /// again, until it is large enough or it is all that is left. With fewer than two columns there is nothing to
    /// compare: the statistic is 0 and the p-value 1.</summary>
    public static (double Statistic, double PValue) Test(IReadOnlyList<(long Reference, long Current)> columns, double minExpected)
    {
        var n1 = columns.Sum(c => c.Reference);
        var n2 = columns.Sum(c => c.Current);
        var total = (double)(n1 + n2);
        double MinExpected((long Reference, long Current) c) => Math.Min(n1, n2) * (c.Reference + c.Current) / total;

        var kept = columns.Where(c => MinExpected(c) >= minExpected).OrderBy(c => c.Reference + c.Current).ToList();
        var pooled = (Reference: 0L, Current: 0L);
        foreach (var c in columns.Where(c => MinExpected(c) < minExpected))
        {
            pooled = (pooled.Reference + c.Reference, pooled.Current + c.Current);
        }

        while (pooled.Reference + pooled.Current > 0 && MinExpected(pooled) < minExpected && kept.Count > 0)
        {
            pooled = (pooled.Reference + kept[0].Reference, pooled.Current + kept[0].Current);
            kept.RemoveAt(0);
        }

        if (pooled.Reference + pooled.Current > 0)
        {
            kept.Add(pooled);
        }

        if (kept.Count < 2)
        {
            return (0, 1);
        }

        var statistic = 0.0;
        foreach (var (reference, current) in kept)
        {
            var share = (reference + current) / total;
            statistic += Square(reference - n1 * share) / (n1 * share) + Square(current - n2 * share) / (n2 * share);
        }

        // The upper regularised gamma is 1 − ChiSquared.CDF(df, x) without the cancellation that turns p-values below
        // 1e-16 into 0: ChiSquared.CDF(k, x) is P(k/2, x/2) by definition.
        var degrees = kept.Count - 1;
        return (statistic, Math.Clamp(SpecialFunctions.GammaUpperRegularized(degrees / 2.0, statistic / 2), 0, 1));
    }

    private static double Square(double x) => x * x;
}
