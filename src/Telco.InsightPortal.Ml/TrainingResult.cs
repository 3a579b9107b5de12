namespace Telco.InsightPortal.Ml;

public sealed record TrainingResult
{
    public required string Trainer { get; init; }
    public required IReadOnlyDictionary<string, double> Params { get; init; }
    /// <summary>Metrics of the final model on the test split, which it never saw.</summary>
    public required BinaryMetrics Test { get; init; }
    public required SplitSummary Split { get; init; }
    public IReadOnlyList<FoldMetrics> Folds { get; init; } = [];
    /// <summary>Mean ± sd of the ROC AUC over <see cref="Folds"/>; null when the run was not cross-validated.</summary>
    public CrossValidationEstimate? CrossValidation { get; init; }
    public IReadOnlyList<SweepTrial> Trials { get; init; } = [];
    /// <summary>Input columns (and derived features) the model uses.</summary>
    public required IReadOnlyList<string> Features { get; init; }
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public IReadOnlyList<ArtifactFile> Artifacts { get; init; } = [];
    public ArtifactFile? Model => Artifacts.FirstOrDefault(a => a.Name == global::Telco.InsightPortal.Ml.Artifacts.ArtifactNames.Model);
    public required TimeSpan Duration { get; init; }

    /// <summary>The run in one line, the cross-validated estimate first: "Cross-validated ROC AUC 0.8502 ± 0.0108 (5 stratified
    /// folds × 2 repeats of 5,634 rows); test ROC AUC 0.8704 (ensemble)".</summary>
    public string Headline => (CrossValidation is { } cv ? $"Cross-validated ROC AUC {cv}; test" : "Test")
                              + string.Create(System.Globalization.CultureInfo.InvariantCulture, $" ROC AUC {Test.RocAuc:F4} ({Trainer})");
}
