namespace Telco.InsightPortal.Ml;

public enum SweepStrategy { Random, Grid }

/// <summary>A hyper-parameter search: trials are fitted on the train split and compared on validation.</summary>
public sealed record SweepOptions
{
    /// <summary>Trainers to search; null means all of them.</summary>
    public IReadOnlyList<string>? Trainers { get; init; }
    public SweepStrategy Strategy { get; init; } = SweepStrategy.Random;
    public int Trials { get; init; } = 24;
    /// <summary>No new trial starts after this; the first trial always runs.</summary>
    public TimeSpan TimeBudget { get; init; } = TimeSpan.FromSeconds(45);
    public SelectionMetric Metric { get; init; } = SelectionMetric.RocAuc;

    internal void Validate()
    {
        if (Trials is < 1 or > 1000) throw new TrainingException($"A sweep needs between 1 and 1000 trials; got {Trials}.");
        if (TimeBudget <= TimeSpan.Zero) throw new TrainingException("A sweep's time budget must be positive.");
        if (Trainers is { Count: 0 }) throw new TrainingException("A sweep needs at least one trainer.");
    }
}
