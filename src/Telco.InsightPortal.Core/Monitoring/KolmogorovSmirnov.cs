namespace Telco.InsightPortal.Core.Monitoring;

/// <summary>The two-sample Kolmogorov–Smirnov test: D = sup |F_ref(x) − F_cur(x)| and its asymptotic p-value.</summary>
internal static class KolmogorovSmirnov
{
    /// <summary>D, exactly: both empirical distribution functions are stepped past every copy of a value before they
    /// are compared, so ties never open a gap that is not there, and the gap is compared as the integer |i·m − j·n|
    /// (at most 10¹², well inside a long) before one division.</summary>
    public static double Statistic(double[] sortedReference, double[] sortedCurrent)
    {
        long n = sortedReference.Length, m = sortedCurrent.Length;
        int i = 0, j = 0;
        long widest = 0;
        while (i < n && j < m)
        {
            var x = Math.Min(sortedReference[i], sortedCurrent[j]);
            while (i < n && sortedReference[i] == x)
            {
                i++;
            }

            while (j < m && sortedCurrent[j] == x)
            {
                j++;
            }

            widest = Math.Max(widest, Math.Abs(i * m - j * n));
        }

        // Once one sample is exhausted its function is 1 and the other's only climbs towards 1: no wider gap follows.
        return (double)widest / (n * m);
    }

    /// <summary>P(D ≥ d) under the null, from the Kolmogorov distribution with Stephens' effective-n correction
    /// (Numerical Recipes §14.3): λ = (√nₑ + 0.12 + 0.11/√nₑ)·d with nₑ = n·m/(n + m), and p = Q(λ).</summary>
    public static double PValue(double d, int n, int m)
    {
        var root = Math.Sqrt((double)n * m / (n + m));
        return Survival((root + 0.12 + 0.11 / root) * d);
    }

    /// <summary>Q(λ) = 2 Σ_{k≥1} (−1)^{k−1} e^{−2k²λ²}, the Kolmogorov survival function. That series crawls for small
    /// λ, so below 1.18 the Jacobi-theta form of the same function is used instead:
    /// Q(λ) = 1 − (√(2π)/λ) Σ_{k≥1} e^{−(2k−1)²π²/(8λ²)}; each converges to double precision in a few terms there.</summary>
    public static double Survival(double lambda)
    {
        if (lambda <= 0)
        {
            return 1;
        }

        if (lambda < 1.18)
        {
            var w = Math.PI * Math.PI / (8 * lambda * lambda);
            var cdf = 0.0;
            for (var k = 1; k <= 20; k++)
            {
                var odd = 2 * k - 1;
                cdf += Math.Exp(-odd * odd * w);
            }

            return Math.Clamp(1 - Math.Sqrt(2 * Math.PI) / lambda * cdf, 0, 1);
        }

        var sum = 0.0;
        var sign = 1.0;
        for (var k = 1; k <= 100; k++)
        {
            var term = Math.Exp(-2.0 * k * k * lambda * lambda);
            sum += sign * term;
            if (term < 1e-17)
            {
                break;
            }

            sign = -sign;
        }

        return Math.Clamp(2 * sum, 0, 1);
    }
}
