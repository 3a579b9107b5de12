namespace Telco.InsightPortal.Core.Monitoring;

/// <summary>Metrics of a labelled window. A metric that is undefined for the window (precision with no predicted
/// positive, recall or ROC AUC with no positive) is null, never NaN.</summary>
public sealed record RealisedPerformance(ConfusionCounts Counts, double? Accuracy, double? Precision, double? Recall, double? RocAuc)
{
    /// <exception cref="ArgumentException">A probability is outside [0, 1] or NaN, or there are more than
    /// <see cref="MonitoringLimits.MaxSampleSize"/> outcomes.</exception>
    public static RealisedPerformance From(IReadOnlyList<ScoredOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        SampleGuard.CheckSize(outcomes.Count, "outcomes", nameof(outcomes));
        long tp = 0, fp = 0, tn = 0, fn = 0;
        var scores = new double[outcomes.Count];
        var actual = new bool[outcomes.Count];
        for (var i = 0; i < outcomes.Count; i++)
        {
            var o = outcomes[i];
            SampleGuard.CheckProbability(o.Probability, i, nameof(outcomes));
            scores[i] = o.Probability;
            actual[i] = o.Actual;
            _ = (o.Predicted, o.Actual) switch
            {
                (true, true) => tp++,
                (true, false) => fp++,
                (false, false) => tn++,
                (false, true) => fn++,
            };
        }

        var counts = new ConfusionCounts(tp, fp, tn, fn);
        return new RealisedPerformance(counts, counts.Accuracy, counts.Precision, counts.Recall, RankAuc.FromRanks(RankAuc.AverageRanks(scores), actual));
    }
}
