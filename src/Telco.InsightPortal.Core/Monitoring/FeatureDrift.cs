namespace Telco.InsightPortal.Core.Monitoring;

/// <summary>One feature's drift. <see cref="Statistic"/> is the Kolmogorov–Smirnov D for numbers and the chi-square
/// statistic for categories; statistics are null exactly when <see cref="Status"/> is
/// <see cref="DriftStatus.Insufficient"/>.</summary>
public sealed record FeatureDrift(
    string Name,
    FeatureKind Kind,
    int ReferenceCount,
    int CurrentCount,
    double? Psi,
    double? Statistic,
    double? PValue,
    DriftStatus Status)
{
    internal static FeatureDrift Insufficient(string name, FeatureKind kind, int referenceCount, int currentCount) =>
        new(name, kind, referenceCount, currentCount, null, null, null, DriftStatus.Insufficient);
}
