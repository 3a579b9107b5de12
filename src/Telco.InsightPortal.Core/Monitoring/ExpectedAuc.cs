namespace Telco.InsightPortal.Core.Monitoring;

/// <summary>The ROC AUC to expect when label i is drawn from Bernoulli(pᵢ) and the score is pᵢ itself.</summary>
/// <remarks>
/// A pair (i, j) counts 1 towards the AUC when i is positive, j negative and pᵢ &gt; pⱼ, and ½ when pᵢ = pⱼ; it is a
/// positive–negative pair with probability pᵢ(1 − pⱼ). The estimate is the ratio of expectations
/// <code>
///   E[AUC] ≈ Σ_{i≠j} pᵢ(1 − pⱼ)·(1[pᵢ &gt; pⱼ] + ½·1[pᵢ = pⱼ])  /  Σ_{i≠j} pᵢ(1 − pⱼ)
/// </code>
/// (the expectation of a ratio is not the ratio of expectations; the gap shrinks as 1/n). The denominator is
/// E[P·N] = E[P]·E[N] − Σ pᵢ(1 − pᵢ), the expected number of positive–negative pairs, rather than E[P]·E[N]: with it,
/// a window of equal probabilities gets exactly 0.5. Sorting once makes it O(n log n): walking the distinct values
/// upwards, a group of g copies of v adds v·g·(Σ (1 − pⱼ) over smaller values) + ½·v(1 − v)·g(g − 1).
/// </remarks>
internal static class ExpectedAuc
{
    /// <summary>Null when no pair can be positive–negative (every p is 0, every p is 1, or fewer than two values).</summary>
    public static double? Of(double[] probabilities)
    {
        var p = (double[])probabilities.Clone();
        Array.Sort(p);
        double concordant = 0, negativesBelow = 0, positives = 0, negatives = 0, selfPairs = 0;
        for (var start = 0; start < p.Length;)
        {
            var end = start;
            while (end + 1 < p.Length && p[end + 1] == p[start])
            {
                end++;
            }

            var v = p[start];
            double g = end - start + 1;
            concordant += v * g * negativesBelow + 0.5 * v * (1 - v) * g * (g - 1);
            negativesBelow += (1 - v) * g;
            positives += v * g;
            negatives += (1 - v) * g;
            selfPairs += v * (1 - v) * g;
            start = end + 1;
        }

        var pairs = positives * negatives - selfPairs;
        // Rounding can leave a hair of "pairs" where there are none; a relative floor keeps the ratio meaningful.
        return pairs > 1e-12 * Math.Max(1, positives * negatives) ? Math.Clamp(concordant / pairs, 0, 1) : null;
    }
}
