namespace Telco.InsightPortal.Ml;

/// <summary>
/// A run's headline: the chosen configuration's ROC AUC on held-out folds of all labelled rows, as the mean and the
/// sample standard deviation of the per-fold values. One test split of a thousand rows swings by about ±0.01; the
/// mean over folds holds better on data the run never saw, and the sd says how far any single split may land from it.
/// </summary>
public sealed record CrossValidationEstimate(int Folds, int Repeats, int Rows, double RocAucMean, double RocAucSd, double PrAucMean, double LogLossMean)
{
    public int FoldCount => Folds * Repeats;

    /// <summary>"5 stratified folds × 2 repeats".</summary>
    public string Design => $"{Folds} stratified folds × {Repeats} repeat{(Repeats == 1 ? "" : "s")}";

    public static CrossValidationEstimate Of(IReadOnlyList<FoldMetrics> folds, int rows)
    {
        if (folds.Count < 2) throw new ArgumentException("An estimate needs at least two folds.", nameof(folds));
        var auc = folds.Select(f => f.Metrics.RocAuc).ToArray();
        var mean = auc.Average();
        var sd = Math.Sqrt(auc.Sum(a => (a - mean) * (a - mean)) / (auc.Length - 1));
        return new CrossValidationEstimate(folds.Max(f => f.Fold), folds.Max(f => f.Repeat), rows, mean, sd,
            folds.Average(f => f.Metrics.PrAuc), folds.Average(f => f.Metrics.LogLoss));
    }

    /// <summary>"0.8490 ± 0.0140 (5 stratified folds × 2 repeats of 5,634 rows)".</summary>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{RocAucMean:F4} ± {RocAucSd:F4} ({Design} of {Rows:N0} rows)");
}
