namespace Telco.InsightPortal.Ml.Evaluation;

/// <summary>What cross-validation leaves behind: per-fold metrics, the estimate, and each fold's held-out rows with their
/// raw scores and labels, for calibration.</summary>
internal sealed record CrossValidationRun(IReadOnlyList<FoldMetrics> Folds, CrossValidationEstimate Estimate, IReadOnlyList<HeldOutFold> HeldOut)
{
    /// <summary>The folds of the first repeat only. The time budget may stop later repeats, so what the model is built
    /// from (its recalibration) uses the one repeat that always completes: the same seed gives the same model however
    /// busy the machine is.</summary>
    public CrossValidationRun FirstRepeat() =>
        this with { Folds = Folds.Where(f => f.Repeat == 1).ToList(), HeldOut = HeldOut.Where(f => f.Repeat == 1).ToList() };

    /// <summary>The out-of-fold scores and labels of the <paramref name="allowed"/> rows only (ascending); a row comes
    /// once per repeat.</summary>
    public (float[] Scores, bool[] Labels) OutOfFold(int[] allowed)
    {
        var kept = HeldOut.SelectMany(f => f.Rows.Select((row, i) => (row, f.Scores[i], f.Labels[i])))
            .Where(x => Array.BinarySearch(allowed, x.row) >= 0).ToList();
        return ([.. kept.Select(x => x.Item2)], [.. kept.Select(x => x.Item3)]);
    }
}

/// <summary>One fold's held-out rows, the raw scores its model gave them, and their labels.</summary>
internal sealed record HeldOutFold(int Repeat, int[] Rows, float[] Scores, bool[] Labels);
