using Telco.InsightPortal.Apps;

namespace Telco.Apps.ChurnExplorer;

/// <summary>
/// Finds the cheapest set of retention offers that brings a customer's churn probability under the decision threshold.
/// Every candidate set is scored with the customer's own row in one call, because scoring goes through the
/// deployment and a call per candidate would cost a round trip each.
/// </summary>
public static class RetentionSearch
{
    /// <summary>At most this many offer sets are scored for one customer; 256 rows are one modest scoring call.</summary>
    public const int MaxCandidates = 256;

    /// <summary>What keeping a churner is worth when the decision says nothing: the ROI app's default for a kept churner.</summary>
    public const double DefaultValueOfSaving = 500;

    /// <summary>
    /// The value of keeping a churner under <paramref name="decision"/>: its false-negative cost (what losing one costs);
    /// when that is 0, as the ROI app's baseline convention sets it, the value of a true positive (a kept churner);
    /// otherwise <see cref="DefaultValueOfSaving"/>.
    /// </summary>
    public static double ValueOfSaving(AppDecision? decision) =>
        decision is { FalseNegativeCost: > 0 } ? decision.FalseNegativeCost
        : decision is { TruePositiveValue: > 0 } ? decision.TruePositiveValue
        : DefaultValueOfSaving;

    public static async Task<RetentionResult> FindAsync(
        IReadOnlyDictionary<string, object?> row,
        OfferCatalog catalog,
        double threshold,
        double valueOfSaving,
        Func<IReadOnlyList<IReadOnlyDictionary<string, object?>>, CancellationToken, Task<IReadOnlyList<double>>> score,
        CancellationToken ct = default)
    {
        if (threshold is <= 0 or >= 1 || double.IsNaN(threshold))
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must be between 0 and 1 (exclusive).");
        if (!double.IsFinite(valueOfSaving) || valueOfSaving < 0)
            throw new ArgumentOutOfRangeException(nameof(valueOfSaving), valueOfSaving, "The value of saving a churner must be a finite number of at least 0.");
        var candidates = Candidates(row, catalog);
        var probabilities = await score([row, .. candidates.Select(c => c.Row)], ct);
        if (probabilities.Count != candidates.Count + 1)
            throw new InvalidOperationException($"Scoring returned {probabilities.Count} probabilities for {candidates.Count + 1} rows.");
        var p0 = probabilities[0];
        var scored = candidates.Select((c, i) => new ScoredCandidate(c, probabilities[i + 1], (p0 - probabilities[i + 1]) * valueOfSaving - c.Cost)).ToList();
        var (outcome, chosen) = Choose(p0, threshold, scored);
        return new RetentionResult(p0, threshold, valueOfSaving, outcome, chosen, scored);
    }

    /// <summary>
    /// The offer sets worth scoring for this customer, cheapest first (equal costs in catalog order): offers that do
    /// nothing for them are left out, offers changing the same column are never combined, and past
    /// <paramref name="max"/> the dearer sets are dropped.
    /// </summary>
    public static IReadOnlyList<RetentionCandidate> Candidates(IReadOnlyDictionary<string, object?> row, OfferCatalog catalog, int max = MaxCandidates)
    {
        var offers = catalog.Offers.Where(o => o.AppliesTo(row)).OrderBy(o => o.Cost).ToArray(); // stable: ties keep catalog order
        var candidates = new List<RetentionCandidate>();
        foreach (var set in OfferSets.CheapestFirst(offers, max))
        {
            var changed = new Dictionary<string, object?>(row);
            foreach (var offer in set) offer.ApplyTo(changed);
            candidates.Add(new RetentionCandidate(set, set.Sum(o => o.Cost), changed));
        }
        return candidates;
    }

    private static (RetentionOutcome, ScoredCandidate?) Choose(double p0, double threshold, List<ScoredCandidate> scored)
    {
        if (p0 < threshold) return (RetentionOutcome.NotAtRisk, null);
        // Candidates come cheapest first, so the first of equals wins the remaining ties.
        var crossing = scored.Where(c => c.Probability < threshold).OrderBy(c => c.Cost).ThenBy(c => c.Probability).FirstOrDefault();
        if (crossing is not null) return (RetentionOutcome.Crosses, crossing);
        var best = scored.Where(c => c.Probability < p0)
            .OrderByDescending(c => c.Cost > 0 ? (p0 - c.Probability) / c.Cost : double.PositiveInfinity)
            .ThenBy(c => c.Probability)
            .FirstOrDefault();
        return best is null ? (RetentionOutcome.NoOfferHelps, null) : (RetentionOutcome.NoneCrosses, best);
    }
}
