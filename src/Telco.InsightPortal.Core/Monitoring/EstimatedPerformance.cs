namespace Telco.InsightPortal.Core.Monitoring;

/// <summary>Confidence-based performance estimation (CBPE, as in NannyML) for a window without labels: if the
/// probabilities are calibrated, label i is positive with probability pᵢ, so the confusion matrix has expected cells
/// E[TP] = Σ pᵢ·1[pᵢ ≥ t], E[FP] = Σ (1 − pᵢ)·1[pᵢ ≥ t], E[FN] = Σ pᵢ·1[pᵢ &lt; t], E[TN] = Σ (1 − pᵢ)·1[pᵢ &lt; t].</summary>
/// <remarks>
/// Precision and recall are ratios of those expectations, as NannyML computes them, not expectations of the ratios;
/// the two differ by O(1/n). ROC AUC is <see cref="ExpectedAuc"/>. The bands come from a seeded Monte-Carlo
/// simulation: draw every label from Bernoulli(pᵢ), compute the realised metrics, repeat <see cref="Simulations"/>
/// times (on at most <see cref="MaxSimulatedRows"/> rows) and take the standard deviation. That is the spread of the
/// metric the labels will reveal, which is what a reader compares the estimate with; a draw where a metric is
/// undefined (no positive) is left out of that metric's spread.
/// </remarks>
public sealed record EstimatedPerformance(
    int Count, double Threshold, ConfusionCounts ExpectedCounts, MetricEstimate? Accuracy, MetricEstimate? Precision, MetricEstimate? Recall, MetricEstimate? RocAuc)
{
    public const int Simulations = 200;

    public const int DefaultSeed = 20261206;

    /// <summary>Above this many rows the bands are simulated on a seeded random subsample of this size and their
    /// standard deviations scaled by √(subsample / n): every metric here is an average, or a ratio of averages, over
    /// rows, so its spread shrinks as 1/√n. It keeps a million-row window at 200 × 50,000 draws instead of 2·10⁸.</summary>
    public const int MaxSimulatedRows = 50_000;

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
        var spread = SimulateScaled(p, threshold, seed);
        return new EstimatedPerformance(
            p.Length,
            threshold,
            expected,
            MetricEstimate.From(expected.Accuracy, spread.Accuracy),
            MetricEstimate.From(expected.Precision, spread.Precision),
            MetricEstimate.From(expected.Recall, spread.Recall),
            MetricEstimate.From(ExpectedAuc.Of(p), spread.RocAuc));
    }

    private static (double? Accuracy, double? Precision, double? Recall, double? RocAuc) SimulateScaled(double[] p, double threshold, int seed)
    {
        if (p.Length <= MaxSimulatedRows)
        {
            return Simulate(p, threshold, seed);
        }

        // A partial Fisher–Yates shuffle: the first MaxSimulatedRows entries become a uniform sample without replacement.
        var shuffled = (double[])p.Clone();
        var random = new SplitMix64(~(long)seed);
        for (var i = 0; i < MaxSimulatedRows; i++)
        {
            var j = i + (int)(random.NextDouble() * (shuffled.Length - i));
            (shuffled[i], shuffled[j]) = (shuffled[j], shuffled[i]);
        }

        var (accuracy, precision, recall, auc) = Simulate(shuffled[..MaxSimulatedRows], threshold, seed);
        var scale = Math.Sqrt((double)MaxSimulatedRows / p.Length);
        return (accuracy * scale, precision * scale, recall * scale, auc * scale);
    }

    private static (double? Accuracy, double? Precision, double? Recall, double? RocAuc) Simulate(double[] p, double threshold, int seed)
    {
        var ranks = RankAuc.AverageRanks(p);
        var predicted = p.Select(x => x >= threshold).ToArray();
        long predictedPositives = predicted.Count(x => x);
        var random = new SplitMix64(seed);
        var accuracy = new List<double>(Simulations);
        var precision = new List<double>(Simulations);
        var recall = new List<double>(Simulations);
        var auc = new List<double>(Simulations);
        for (var s = 0; s < Simulations; s++)
        {
            // Only a few running sums per draw: this loop runs 200 times per simulated row.
            long tp = 0, fn = 0, positives = 0;
            var rankSum = 0.0;
            for (var i = 0; i < p.Length; i++)
            {
                if (random.NextDouble() < p[i])
                {
                    positives++;
                    rankSum += ranks[i];
                    if (predicted[i])
                    {
                        tp++;
                    }
                    else
                    {
                        fn++;
                    }
                }
            }

            var counts = new ConfusionCounts(tp, predictedPositives - tp, p.Length - predictedPositives - fn, fn);
            AddDefined(accuracy, counts.Accuracy);
            AddDefined(precision, counts.Precision);
            AddDefined(recall, counts.Recall);
            long negatives = p.Length - positives;
            if (positives > 0 && negatives > 0)
            {
                auc.Add((rankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives));
            }
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
