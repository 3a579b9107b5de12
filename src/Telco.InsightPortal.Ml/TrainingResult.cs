namespace Telco.InsightPortal.Ml;

public sealed record TrainingResult
{
    public required string Trainer { get; init; }
    public required IReadOnlyDictionary<string, double> Params { get; init; }
    /// <summary>Metrics of the final model on the test split, which it never saw.</summary>
    public required BinaryMetrics Test { get; init; }
    public required SplitSummary Split { get; init; }
    public IReadOnlyList<FoldMetrics> Folds { get; init; } = [];
    public IReadOnlyList<SweepTrial> Trials { get; init; } = [];
    /// <summary>Input columns (and derived features) the model uses.</summary>
    public required IReadOnlyList<string> Features { get; init; }
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public IReadOnlyList<ArtifactFile> Artifacts { get; init; } = [];
    public ArtifactFile? Model => Artifacts.FirstOrDefault(a => a.Name == global::Telco.InsightPortal.Ml.Artifacts.ArtifactNames.Model);
    public required TimeSpan Duration { get; init; }
}
