namespace Telco.InsightPortal.Core.Monitoring;

/// <summary>Predictions of a window that share a probability bin and a predicted label: how many, and the sum and sum
/// of squares of their probabilities (what the database adds up, instead of sending every probability).</summary>
public readonly record struct ProbabilityBin(int Bin, bool Predicted, long Count, double Sum, double SumOfSquares);

/// <summary>Confidence-based performance estimation (<see cref="EstimatedPerformance"/>) from a probability histogram.</summary>
/// <remarks>
/// The expected confusion matrix is exact: E[TP] is the sum of the probabilities the model labelled positive, and so on,
/// using the label serving actually gave (so the deployment's own threshold is respected). ROC AUC is
/// <see cref="ExpectedAuc"/> with each bin's predictions tied at the bin's mean probability: pairs inside one bin count
/// ½, which with 100 bins moves the estimate by at most the share of pairs that fall in one bin. The bands simulate
/// the labels per cell: the positives in a cell are a sum of Bernoulli(pᵢ), drawn exactly below 64 predictions and
/// from its normal approximation (mean Σpᵢ, variance Σpᵢ(1 − pᵢ)) above, with the same seeded generator.
/// </remarks>
public static class BinnedEstimate
{
    public const int Bins = 100;

    /// <summary>Null for an empty window. <paramref name="threshold"/> is only recorded: the cells carry the label the
    /// model gave.</summary>
    public static EstimatedPerformance? From(IReadOnlyList<ProbabilityBin> cells, double threshold = 0.5, int seed = EstimatedPerformance.DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var live = cells.Where(c => c.Count > 0).OrderBy(c => c.Bin).ThenBy(c => c.Predicted).ToArray();
        long total = live.Sum(c => c.Count);
        if (total == 0)
        {
            return null;
        }

        double tp = 0, fp = 0, tn = 0, fn = 0;
        foreach (var c in live)
        {
            if (c.Predicted)
            {
                tp += c.Sum;
                fp += c.Count - c.Sum;
            }
            else
            {
                fn += c.Sum;
                tn += c.Count - c.Sum;
            }
        }

        var expected = new ConfusionCounts(tp, fp, tn, fn);
        var auc = ExpectedAucOfBins(live);
        var spread = Simulate(live, total, seed);
        return new EstimatedPerformance(
            (int)Math.Min(total, int.MaxValue), threshold, expected,
            MetricEstimate.From(expected.Accuracy, spread.Accuracy),
            MetricEstimate.From(expected.Precision, spread.Precision),
            MetricEstimate.From(expected.Recall, spread.Recall),
            MetricEstimate.From(auc, spread.RocAuc));
    }

    // Bins in ascending order; a bin's predictions are tied at its mean.
    private static double? ExpectedAucOfBins(ProbabilityBin[] cells)
    {
        double concordant = 0, negativesBelow = 0, positives = 0, negatives = 0, selfPairs = 0;
        foreach (var group in cells.GroupBy(c => c.Bin))
        {
            double g = group.Sum(c => c.Count), sum = group.Sum(c => c.Sum), squares = group.Sum(c => c.SumOfSquares);
            var negativesHere = g - sum;
            // Pairs inside the bin: E[#positives × #negatives] between distinct members, each counted ½.
            var inside = sum * negativesHere - (sum - squares);
            concordant += sum * negativesBelow + 0.5 * inside;
            negativesBelow += negativesHere;
            positives += sum;
            negatives += negativesHere;
            selfPairs += sum - squares;
        }

        var pairs = positives * negatives - selfPairs;
        return pairs > 1e-12 * Math.Max(1, positives * negatives) ? Math.Clamp(concordant / pairs, 0, 1) : null;
    }

    private static (double? Accuracy, double? Precision, double? Recall, double? RocAuc) Simulate(ProbabilityBin[] cells, long total, int seed)
    {
        var random = new SplitMix64(seed);
        var accuracy = new List<double>();
        var precision = new List<double>();
        var recall = new List<double>();
        var auc = new List<double>();
        long predictedPositives = cells.Where(c => c.Predicted).Sum(c => c.Count);
        var draws = new double[cells.Length];
        for (var s = 0; s < EstimatedPerformance.Simulations; s++)
        {
            double tp = 0, fn = 0, positives = 0;
            for (var i = 0; i < cells.Length; i++)
            {
                draws[i] = Draw(cells[i], ref random);
                positives += draws[i];
                if (cells[i].Predicted)
                {
                    tp += draws[i];
                }
                else
                {
                    fn += draws[i];
                }
            }

            var counts = new ConfusionCounts(tp, predictedPositives - tp, total - predictedPositives - fn, fn);
            Add(accuracy, counts.Accuracy);
            Add(precision, counts.Precision);
            Add(recall, counts.Recall);
            Add(auc, RealisedAucOfBins(cells, draws, positives, total - positives));
        }

        return (Sd(accuracy), Sd(precision), Sd(recall), Sd(auc));
    }

    private static double? RealisedAucOfBins(ProbabilityBin[] cells, double[] draws, double positives, double negatives)
    {
        if (positives <= 0 || negatives <= 0)
        {
            return null;
        }

        double concordant = 0, negativesBelow = 0;
        for (var i = 0; i < cells.Length;)
        {
            var j = i;
            double pos = 0, neg = 0;
            while (j < cells.Length && cells[j].Bin == cells[i].Bin)
            {
                pos += draws[j];
                neg += cells[j].Count - draws[j];
                j++;
            }

            concordant += pos * negativesBelow + 0.5 * pos * neg;
            negativesBelow += neg;
            i = j;
        }

        return concordant / (positives * negatives);
    }

    private static double Draw(ProbabilityBin cell, ref SplitMix64 random)
    {
        var mean = cell.Sum;
        if (cell.Count < 64)
        {
            // Bernoulli draws at the cell's mean probability: the members' own probabilities are not kept.
            var p = mean / cell.Count;
            var k = 0;
            for (var i = 0; i < cell.Count; i++)
            {
                if (random.NextDouble() < p)
                {
                    k++;
                }
            }

            return k;
        }

        var variance = Math.Max(0, cell.Sum - cell.SumOfSquares);
        // Box–Muller from two uniforms of the same generator.
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        var z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        return Math.Clamp(Math.Round(mean + z * Math.Sqrt(variance)), 0, cell.Count);
    }

    private static void Add(List<double> values, double? value)
    {
        if (value is { } v)
        {
            values.Add(v);
        }
    }

    private static double? Sd(List<double> values)
    {
        if (values.Count < 2)
        {
            return null;
        }

        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }
}
