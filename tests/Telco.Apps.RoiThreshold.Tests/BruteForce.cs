namespace Telco.Apps.RoiThreshold.Tests;

/// <summary>The obvious O(n) answers the sorted curve must agree with: one full scan per threshold.</summary>
internal static class BruteForce
{
    public static ConfusionCounts At(IReadOnlyList<(double Score, bool Label)> rows, double threshold)
    {
        int tp = 0, fp = 0, tn = 0, fn = 0;
        foreach (var (score, label) in rows)
        {
            var predicted = score >= threshold;
            if (predicted && label) tp++;
            else if (predicted) fp++;
            else if (label) fn++;
            else tn++;
        }
        return new ConfusionCounts(tp, fp, tn, fn);
    }

    /// <summary>Best net value over every distinct score and "predict no one", ties to the higher threshold.</summary>
    public static (double Threshold, double NetValue) Best(IReadOnlyList<(double Score, bool Label)> rows, CostMatrix costs)
    {
        var best = (Threshold: double.PositiveInfinity, NetValue: At(rows, double.PositiveInfinity).NetValue(costs));
        foreach (var threshold in rows.Select(r => r.Score).Distinct().OrderByDescending(s => s))
        {
            var value = At(rows, threshold).NetValue(costs);
            if (value > best.NetValue) best = (threshold, value);
        }
        return best;
    }

    /// <summary>Scores on a 0.01 grid half the time, so many rows tie, and anywhere in [0, 1] otherwise.</summary>
    public static (double Score, bool Label)[] RandomRows(Random random, int count) =>
    [
        .. Enumerable.Range(0, count).Select(_ =>
        {
            var score = random.Next(2) == 0 ? Math.Round(random.NextDouble(), 2) : random.NextDouble();
            // Label correlated with score, like a real model's, so the best threshold is not trivially an extreme.
            return (score, random.NextDouble() < score);
        }),
    ];
}
