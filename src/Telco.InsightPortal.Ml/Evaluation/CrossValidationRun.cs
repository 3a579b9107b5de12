namespace Telco.InsightPortal.Ml.Evaluation;

/// <summary>What cross-validation leaves behind: per-fold metrics, the estimate, and each held-out row (a row is held out
/// once per repeat) with its raw score and label, for calibration.</summary>
internal sealed record CrossValidationRun(IReadOnlyList<FoldMetrics> Folds, CrossValidationEstimate Estimate, int[] Rows, float[] Scores, bool[] Labels)
{
    /// <summary>The out-of-fold scores and labels of the <paramref name="allowed"/> rows only (ascending).</summary>
    public (float[] Scores, bool[] Labels) OutOfFold(int[] allowed)
    {
        var keep = Enumerable.Range(0, Rows.Length).Where(i => Array.BinarySearch(allowed, Rows[i]) >= 0).ToArray();
        return ([.. keep.Select(i => Scores[i])], [.. keep.Select(i => Labels[i])]);
    }
}
