namespace Telco.Apps.RoiThreshold;

/// <summary>Confusion-matrix counts at one threshold. Ratios are null when their denominator is zero, so an
/// empty prediction set shows as "no value" rather than as a misleading 0 or NaN.</summary>
public readonly record struct ConfusionCounts(int TruePositives, int FalsePositives, int TrueNegatives, int FalseNegatives)
{
    public int Total => TruePositives + FalsePositives + TrueNegatives + FalseNegatives;
    public int PredictedPositives => TruePositives + FalsePositives;
    public int ActualPositives => TruePositives + FalseNegatives;

    public double? Accuracy => Ratio(TruePositives + TrueNegatives, Total);
    public double? Precision => Ratio(TruePositives, PredictedPositives);
    public double? Recall => Ratio(TruePositives, ActualPositives);

    /// <summary>2TP / (2TP + FP + FN): equal to the harmonic mean of precision and recall where both exist, and 0
    /// rather than undefined when nothing is predicted positive but positives exist. Null only when there are no
    /// positives either predicted or actual.</summary>
    public double? F1 => Ratio(2L * TruePositives, 2L * TruePositives + FalsePositives + FalseNegatives);

    public double NetValue(CostMatrix costs)
    {
        ArgumentNullException.ThrowIfNull(costs);
        return TruePositives * costs.TruePositiveValue + TrueNegatives * costs.TrueNegativeValue
               - FalsePositives * costs.FalsePositiveCost - FalseNegatives * costs.FalseNegativeCost;
    }

    private static double? Ratio(long numerator, long denominator) => denominator == 0 ? null : (double)numerator / denominator;
}
