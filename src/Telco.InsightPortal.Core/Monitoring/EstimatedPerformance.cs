namespace Telco.InsightPortal.Core.Monitoring;

/// <summary>Confidence-based performance estimation (CBPE, as in NannyML) for a window without labels: if the
/// probabilities are calibrated, label i is positive with probability pᵢ, so the confusion matrix has expected cells
/// E[TP] = Σ pᵢ·1[pᵢ ≥ t], E[FP] = Σ (1 − pᵢ)·1[pᵢ ≥ t], E[FN] = Σ pᵢ·1[pᵢ &lt; t], E[TN] = Σ (1 − pᵢ)·1[pᵢ &lt; t].</summary>
/// <remarks>
/// Precision and recall are ratios of those expectations, not expectations of the ratios (as NannyML does); the two
/// differ by O(1/n). ROC AUC is <see cref="ExpectedAuc"/>. The bands come from a seeded Monte-Carlo simulation: draw
/// every label from Bernoulli(pᵢ), compute the realised metrics, repeat <see cref="Simulations"/> times and take the
/// standard deviation. That is the spread of the metric the labels will reveal, which is what a reader compares the
/// estimate with; a draw where a metric is undefined (no positive) is left out of that metric's spread.
/// </remarks>
public sealed record EstimatedPerformance(
    int Count, double Threshold, ConfusionCounts ExpectedCounts, MetricEstimate? Accuracy, MetricEstimate? Precision, MetricEstimate? Recall, MetricEstimate? RocAuc)
{
    public const int Simulations = 200;

    public const int DefaultSeed = 20261206;

    /// <exception cref="ArgumentException">A probability is outside [0, 1] or NaN, the threshold is not a number, or
    /// there are more than <see cref="MonitoringLimits.MaxSampleSize"/> probabilities.</exception>
    public static EstimatedPerformance From(IReadOnlyList<double> probabilities, double threshold, int seed = DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        if (!double.IsFinite(threshold))
        {
            throw new ArgumentException($"The threshold is {threshold}; it must be a finite number.", nameof(threshold));
        }

        SampleGuard.CheckSize(probabilities.Count, "probabilities", nameof(probabilities));
        var p = new double[probabilities.Count];
        double tp = 0, fp = 0, tn = 0, fn = 0;
        for (var i = 0; i < p.Length; i++)
        {
            SampleGuard.CheckProbability(probabilities[i], i, nameof(probabilities));
            p[i] = probabilities[i];
            if (p[i] >= threshold)
            {
                tp += p[i];
                fp += 1 - p[i];
            }
            else
            {
                fn += p[i];
                tn += 1 - p[i];
            }
        }

        var expected = new ConfusionCounts(tp, fp, tn, fn);
        var spread = Simulate(p, threshold, seed);
        return new EstimatedPerformance(
            p.Length,
            threshold,
            expected,
            MetricEstimate.From(expected.Accuracy, spread.Accuracy),
            MetricEstimate.From(expected.Precision, spread.Precision),
            MetricEstimate.From(expected.Recall, spread.Recall),
            MetricEstimate.From(ExpectedAuc.Of(p), spread.RocAuc));
    }

    private static (double? Accuracy, double? Precision, double? Recall, double? RocAuc) Simulate(double[] p, double threshold, int seed)
    {
        var random = new Random(seed);
        var ranks = RankAuc.AverageRanks(p);
        var labels = new bool[p.Length];
        var accuracy = new List<double>(Simulations);
        var precision = new List<double>(Simulations);
        var recall = new List<double>(Simulations);
        var auc = new List<double>(Simulations);
        for (var s = 0; s < Simulations; s++)
        {
            long tp = 0, fp = 0, tn = 0, fn = 0;
            for (var i = 0; i < p.Length; i++)
            {
                labels[i] = random.NextDouble() < p[i];
                _ = (p[i] >= threshold, labels[i]) switch
                {
                    (true, true) => tp++,
                    (true, false) => fp++,
                    (false, false) => tn++,
                    (false, true) => fn++,
                };
            }

            var counts = new ConfusionCounts(tp, fp, tn, fn);
            AddDefined(accuracy, counts.Accuracy);
            AddDefined(precision, counts.Precision);
            AddDefined(recall, counts.Recall);
            AddDefined(auc, RankAuc.FromRanks(ranks, labels));
        }

        return (StandardDeviation(accuracy), StandardDeviation(precision), StandardDeviation(recall), StandardDeviation(auc));
    }

    private static void AddDefined(List<double> values, double? value)
    {
        if (value is { } v)
        {
            values.Add(v);
        }
    }

    private static double? StandardDeviation(List<double> values)
    {
        if (values.Count < 2)
        {
            return null;
        }

        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }
}
