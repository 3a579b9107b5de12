namespace Telco.InsightPortal.Ml;

/// <summary>One step of a sweep: a configuration fitted on train and scored on validation.</summary>
public sealed record SweepTrial(
    int Step,
    string Trainer,
    IReadOnlyDictionary<string, double> Params,
    BinaryMetrics Validation,
    TimeSpan Duration);
