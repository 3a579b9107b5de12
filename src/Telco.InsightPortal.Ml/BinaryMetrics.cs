namespace Telco.InsightPortal.Ml;

/// <summary>Classification metrics from predicted probabilities; the threshold-based ones use <see cref="Threshold"/>.</summary>
public sealed record BinaryMetrics(
    double RocAuc,
    double PrAuc,
    double Accuracy,
    double Precision,
    double Recall,
    double F1,
    double LogLoss,
    double Threshold,
    int Rows,
    int Positives)
{
    public double Get(SelectionMetric metric) => metric switch
    {
        SelectionMetric.RocAuc => RocAuc,
        SelectionMetric.PrAuc => PrAuc,
        SelectionMetric.F1 => F1,
        SelectionMetric.Accuracy => Accuracy,
        SelectionMetric.LogLoss => LogLoss,
        _ => throw new ArgumentOutOfRangeException(nameof(metric)),
    };

    public static bool IsBetter(SelectionMetric metric, double candidate, double best) =>
        metric == SelectionMetric.LogLoss ? candidate < best : candidate > best;
}
