namespace Telco.Apps.ChurnExplorer;

/// <summary>
/// Risk bands from the decision threshold t: High at or above t (the model says act), Medium from t/2 to t (worth a
/// look), Low below t/2. Each band includes its lower edge and excludes its upper one, as the store's band counts do.
/// </summary>
public sealed class RiskBands
{
    public RiskBands(double threshold)
    {
        if (threshold is <= 0 or >= 1 || double.IsNaN(threshold))
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must be between 0 and 1 (exclusive).");
        Threshold = threshold;
        Edges = [threshold / 2, threshold];
    }

    public double Threshold { get; }

    /// <summary>The edges between the bands, ascending: <see cref="Telco.InsightPortal.Apps.AppRowQuery.Bands"/>.</summary>
    public IReadOnlyList<double> Edges { get; }

    public RiskBand BandOf(double probability) =>
        probability >= Threshold ? RiskBand.High : probability >= Threshold / 2 ? RiskBand.Medium : RiskBand.Low;

    /// <summary>The band's probabilities, for <see cref="Telco.InsightPortal.Apps.AppRowQuery.MinProbability"/> (inclusive)
    /// and <see cref="Telco.InsightPortal.Apps.AppRowQuery.MaxProbability"/> (exclusive); null where the band is open.</summary>
    public (double? Min, double? Max) Range(RiskBand band) => band switch
    {
        RiskBand.Low => (null, Threshold / 2),
        RiskBand.Medium => (Threshold / 2, Threshold),
        RiskBand.High => (Threshold, null),
        _ => throw new ArgumentOutOfRangeException(nameof(band), band, null),
    };

    /// <summary>The store's counts between <see cref="Edges"/> (one more than the edges, lowest band first) by band.</summary>
    public IReadOnlyDictionary<RiskBand, long> Counts(IReadOnlyList<long> bandCounts)
    {
        if (bandCounts.Count != Edges.Count + 1)
            throw new ArgumentException($"Expected {Edges.Count + 1} band counts, got {bandCounts.Count}.", nameof(bandCounts));
        return new Dictionary<RiskBand, long>
        {
            [RiskBand.Low] = bandCounts[0],
            [RiskBand.Medium] = bandCounts[1],
            [RiskBand.High] = bandCounts[2],
        };
    }
}
