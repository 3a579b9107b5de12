namespace Telco.InsightPortal.Core.Monitoring;

/// <summary>A confusion matrix. Counts are doubles because the estimated matrix holds expectations, not whole numbers.</summary>
public sealed record ConfusionCounts(double TruePositives, double FalsePositives, double TrueNegatives, double FalseNegatives)
{
    public double Total => TruePositives + FalsePositives + TrueNegatives + FalseNegatives;

    public double? Accuracy => Ratio(TruePositives + TrueNegatives, Total);

    /// <summary>Null when nothing was predicted positive.</summary>
    public double? Precision => Ratio(TruePositives, TruePositives + FalsePositives);

    /// <summary>Null when nothing was actually positive.</summary>
    public double? Recall => Ratio(TruePositives, TruePositives + FalseNegatives);

    private static double? Ratio(double numerator, double denominator) => denominator > 0 ? numerator / denominator : null;
}
