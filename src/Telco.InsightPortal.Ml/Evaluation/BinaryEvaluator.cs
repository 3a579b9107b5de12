namespace Telco.InsightPortal.Ml.Evaluation;

/// <summary>
/// Metrics and curves from probabilities and labels. Computed here rather than by ML.NET's evaluator so that
/// the threshold is ours, the curves and the metrics come from one sort, and log-loss is in nats (as in scikit-learn).
/// </summary>
public static class BinaryEvaluator
{
    private const int MaxCurvePoints = 500;

    public static BinaryMetrics Evaluate(IReadOnlyList<float> probabilities, IReadOnlyList<bool> labels, double threshold)
    {
        var confusion = Confusion(probabilities, labels, threshold);
        int tp = confusion.TruePositives, fp = confusion.FalsePositives, tn = confusion.TrueNegatives, fn = confusion.FalseNegatives;
        var precision = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
        var recall = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
        var logLoss = 0.0;
        for (var i = 0; i < labels.Count; i++)
        {
            var p = Math.Clamp(probabilities[i], 1e-15, 1 - 1e-15);
            logLoss -= labels[i] ? Math.Log(p) : Math.Log(1 - p);
        }
        return new BinaryMetrics(
            RocAuc(probabilities, labels),
            AveragePrecision(probabilities, labels),
            labels.Count == 0 ? 0 : (double)(tp + tn) / labels.Count,
            precision,
            recall,
            precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall),
            labels.Count == 0 ? 0 : logLoss / labels.Count,
            threshold,
            labels.Count,
            tp + fn);
    }

    public static ConfusionMatrix Confusion(IReadOnlyList<float> probabilities, IReadOnlyList<bool> labels, double threshold)
    {
        int tp = 0, fp = 0, tn = 0, fn = 0;
        for (var i = 0; i < labels.Count; i++)
        {
            var predicted = probabilities[i] >= threshold;
            if (predicted && labels[i]) tp++;
            else if (predicted) fp++;
            else if (labels[i]) fn++;
            else tn++;
        }
        return new ConfusionMatrix(threshold, tp, fp, tn, fn);
    }

    /// <summary>Area under the ROC curve; tied scores count as half a correct ordering.</summary>
    public static double RocAuc(IReadOnlyList<float> scores, IReadOnlyList<bool> labels)
    {
        var roc = Sweep(scores, labels);
        if (roc.Positives == 0 || roc.Negatives == 0) return double.NaN;
        double area = 0, tpPrev = 0, fpPrev = 0;
        foreach (var (_, tp, fp) in roc.Steps)
        {
            area += (fp - fpPrev) * (tp + tpPrev) / 2;
            tpPrev = tp;
            fpPrev = fp;
        }
        return area / ((double)roc.Positives * roc.Negatives);
    }

    /// <summary>Average precision: precision at each distinct threshold weighted by the recall it adds.</summary>
    public static double AveragePrecision(IReadOnlyList<float> scores, IReadOnlyList<bool> labels)
    {
        var roc = Sweep(scores, labels);
        if (roc.Positives == 0) return double.NaN;
        double ap = 0, tpPrev = 0;
        foreach (var (_, tp, fp) in roc.Steps)
        {
            if (tp > tpPrev) ap += (tp - tpPrev) / roc.Positives * (tp / (double)(tp + fp));
            tpPrev = tp;
        }
        return ap;
    }

    public static IReadOnlyList<RocPoint> RocCurve(IReadOnlyList<float> scores, IReadOnlyList<bool> labels)
    {
        var roc = Sweep(scores, labels);
        var points = new List<RocPoint> { new(1, 0, 0) };
        points.AddRange(roc.Steps.Select(s => new RocPoint(s.Threshold,
            roc.Negatives == 0 ? 0 : (double)s.FalsePositives / roc.Negatives,
            roc.Positives == 0 ? 0 : (double)s.TruePositives / roc.Positives)));
        return Thin(points);
    }

    public static IReadOnlyList<PrPoint> PrCurve(IReadOnlyList<float> scores, IReadOnlyList<bool> labels)
    {
        var roc = Sweep(scores, labels);
        var points = roc.Steps.Select(s => new PrPoint(s.Threshold,
            roc.Positives == 0 ? 0 : (double)s.TruePositives / roc.Positives,
            (double)s.TruePositives / (s.TruePositives + s.FalsePositives))).ToList();
        return Thin(points);
    }

    public static IReadOnlyList<CalibrationBin> Calibration(IReadOnlyList<float> probabilities, IReadOnlyList<bool> labels, int bins = 10)
    {
        var counts = new int[bins];
        var sums = new double[bins];
        var positives = new int[bins];
        for (var i = 0; i < labels.Count; i++)
        {
            var b = Math.Min(bins - 1, (int)(probabilities[i] * bins));
            counts[b]++;
            sums[b] += probabilities[i];
            if (labels[i]) positives[b]++;
        }
        return Enumerable.Range(0, bins)
            .Select(b => new CalibrationBin((double)b / bins, (double)(b + 1) / bins, counts[b],
                counts[b] == 0 ? 0 : sums[b] / counts[b], counts[b] == 0 ? 0 : (double)positives[b] / counts[b]))
            .ToList();
    }

    private sealed record RocSweep(int Positives, int Negatives, List<(double Threshold, int TruePositives, int FalsePositives)> Steps);

    /// <summary>Cumulative true and false positives at each distinct score, from the highest down.</summary>
    private static RocSweep Sweep(IReadOnlyList<float> scores, IReadOnlyList<bool> labels)
    {
        var order = Enumerable.Range(0, labels.Count).ToArray();
        var keys = order.Select(i => -scores[i]).ToArray();
        Array.Sort(keys, order);
        var steps = new List<(double, int, int)>();
        int tp = 0, fp = 0;
        for (var k = 0; k < order.Length; k++)
        {
            if (labels[order[k]]) tp++;
            else fp++;
            if (k == order.Length - 1 || keys[k + 1] != keys[k]) steps.Add((scores[order[k]], tp, fp));
        }
        return new RocSweep(tp, fp, steps);
    }

    // Keeps charts light for big test splits; the first and last points are always kept.
    private static IReadOnlyList<T> Thin<T>(List<T> points)
    {
        if (points.Count <= MaxCurvePoints) return points;
        var step = (double)(points.Count - 1) / (MaxCurvePoints - 1);
        return Enumerable.Range(0, MaxCurvePoints).Select(i => points[(int)Math.Round(i * step)]).ToList();
    }
}
