namespace Telco.InsightPortal.Core.Monitoring;

/// <summary>Drift from counts the database has already grouped, so no sample is ever held in memory: numbers as counts
/// per bin of the reference's quantiles, categories as counts per category.</summary>
/// <remarks>
/// Numbers: the bins are cut at fine quantile edges of the reference (<see cref="NumericBins.FineSteps"/> of them), and
/// PSI merges them into the reference's decile bins (every decile is one of the fine edges), so PSI is what
/// <see cref="NumericDrift"/> computes on the raw values. Kolmogorov–Smirnov is read from the two binned distribution
/// functions at the fine edges only: the largest gap between them there. That is a lower bound of the exact D (the
/// exact supremum may fall inside a bin), short of it by at most the larger share either sample puts in one bin
/// (about 1/<see cref="NumericBins.FineSteps"/> of the reference), and the p-value is the Kolmogorov distribution's
/// for that D with the same effective-n correction.
/// </remarks>
public static class CountedDrift
{
    /// <param name="edges">Strictly increasing fine edges; bin i is (edges[i−1], edges[i]], with open ends.</param>
    /// <param name="decileEdges">The reference's distinct deciles, each one of <paramref name="edges"/>.</param>
    /// <param name="reference">Counts per bin, edges.Count + 1 of them; likewise <paramref name="current"/>.</param>
    public static FeatureDrift Numeric(string name, IReadOnlyList<double> edges, IReadOnlyList<double> decileEdges,
        IReadOnlyList<long> reference, IReadOnlyList<long> current, DriftThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        thresholds ??= DriftThresholds.Default;
        if (reference.Count != edges.Count + 1 || current.Count != edges.Count + 1)
        {
            throw new ArgumentException($"Feature '{name}': {edges.Count} edges need {edges.Count + 1} counts on each side.");
        }

        long n = reference.Sum(), m = current.Sum();
        if (n < thresholds.MinSampleSize || m < thresholds.MinSampleSize)
        {
            return FeatureDrift.Insufficient(name, FeatureKind.Numeric, Clamp(n), Clamp(m), thresholds.MinSampleSize);
        }

        var coarseReference = new long[decileEdges.Count + 1];
        var coarseCurrent = new long[decileEdges.Count + 1];
        var coarse = 0;
        long cumulativeReference = 0, cumulativeCurrent = 0, widest = 0;
        for (var b = 0; b < reference.Count; b++)
        {
            coarseReference[coarse] += reference[b];
            coarseCurrent[coarse] += current[b];
            if (b < edges.Count && coarse < decileEdges.Count && edges[b] >= decileEdges[coarse])
            {
                coarse++;
            }

            cumulativeReference += reference[b];
            cumulativeCurrent += current[b];
            // |F_ref − F_cur| scaled by n·m, compared as integers (as KolmogorovSmirnov.Statistic does).
            widest = Math.Max(widest, Math.Abs(cumulativeReference * m - cumulativeCurrent * n));
        }

        var psi = PopulationStability.Index(coarseReference, coarseCurrent, n, m);
        var d = (double)widest / ((double)n * m);
        var p = KolmogorovSmirnov.PValue(d, Clamp(n), Clamp(m));
        return new FeatureDrift(name, FeatureKind.Numeric, Clamp(n), Clamp(m), psi, d, p, thresholds.Classify(psi, p));
    }

    /// <summary>PSI over every category seen on either side and the chi-square test of homogeneity (sparse categories
    /// pooled), as <see cref="CategoricalDrift"/> computes them from raw values. A null category is
    /// <see cref="CategoricalDrift.Missing"/>.</summary>
    public static FeatureDrift Categorical(string name, IReadOnlyList<CategoryCount> counts, DriftThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(counts);
        thresholds ??= DriftThresholds.Default;
        var table = new Dictionary<string, (long Reference, long Current)>(StringComparer.Ordinal);
        foreach (var c in counts)
        {
            if (c.Reference < 0 || c.Current < 0)
            {
                throw new ArgumentException($"Feature '{name}': category counts cannot be negative.");
            }

            var key = c.Category ?? CategoricalDrift.Missing;
            var cell = table.GetValueOrDefault(key);
            table[key] = (cell.Reference + c.Reference, cell.Current + c.Current);
        }

        var columns = table.Values.ToArray();
        long n = columns.Sum(c => c.Reference), m = columns.Sum(c => c.Current);
        if (n < thresholds.MinSampleSize || m < thresholds.MinSampleSize)
        {
            return FeatureDrift.Insufficient(name, FeatureKind.Categorical, Clamp(n), Clamp(m), thresholds.MinSampleSize);
        }

        var psi = PopulationStability.Index(columns.Select(c => c.Reference).ToArray(), columns.Select(c => c.Current).ToArray(), n, m);
        var (statistic, p) = ChiSquareHomogeneity.Test(columns, thresholds.MinExpectedCount);
        return new FeatureDrift(name, FeatureKind.Categorical, Clamp(n), Clamp(m), psi, statistic, p, thresholds.Classify(psi, p));
    }

    private static int Clamp(long count) => (int)Math.Min(count, int.MaxValue);
}

/// <summary>How often one category occurs in the reference and in the window.</summary>
public readonly record struct CategoryCount(string? Category, long Reference, long Current);

/// <summary>The bins a numeric feature is counted in: fine quantile edges of the reference, deduplicated, and which of
/// them are its deciles.</summary>
public sealed record NumericBins(IReadOnlyList<double> Edges, IReadOnlyList<double> DecileEdges)
{
    /// <summary>Fine edges at every 1/20 of the reference: the deciles are every second one.</summary>
    public const int FineSteps = 20;

    /// <summary>The quantile levels to ask the reference for, in order: 0.05, 0.10, …, 0.95.</summary>
    public static IReadOnlyList<double> Levels { get; } = [.. Enumerable.Range(1, FineSteps - 1).Select(i => (double)i / FineSteps)];

    /// <summary>From the reference's quantiles at <see cref="Levels"/>: equal neighbours collapse into one edge, as the
    /// deciles of <see cref="NumericDrift"/> do.</summary>
    public static NumericBins FromQuantiles(IReadOnlyList<double> quantiles)
    {
        if (quantiles.Count != Levels.Count)
        {
            throw new ArgumentException($"Expected {Levels.Count} quantiles, got {quantiles.Count}.", nameof(quantiles));
        }

        var edges = new List<double>();
        var deciles = new List<double>();
        for (var i = 0; i < quantiles.Count; i++)
        {
            var q = quantiles[i];
            if (edges.Count == 0 || q > edges[^1])
            {
                edges.Add(q);
            }

            if ((i + 1) % 2 == 0 && (deciles.Count == 0 || q > deciles[^1]))
            {
                deciles.Add(q);
            }
        }

        return new NumericBins(edges, deciles);
    }

    /// <summary>The bin a value falls in: the number of edges below it ((e[i−1], e[i]] is bin i).</summary>
    public int BinOf(double value)
    {
        int lo = 0, hi = Edges.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (Edges[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
