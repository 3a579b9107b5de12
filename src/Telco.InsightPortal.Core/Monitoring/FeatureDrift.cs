namespace Telco.InsightPortal.Core.Monitoring;

/// <summary>One feature's drift. <see cref="Statistic"/> is the Kolmogorov–Smirnov D for numbers and the chi-square
/// statistic for categories; statistics are null exactly when <see cref="Status"/> is
/// <see cref="DriftStatus.Insufficient"/>, and then
/// <see cref="Reason"/> says why.</summary>
public sealed record FeatureDrift(
    string Name,
    FeatureKind Kind,
    int ReferenceCount,
    int CurrentCount,
    double? Psi,
    double? Statistic,
    double? PValue,
    DriftStatus Status,
    string? Reason = null)
{
    internal static FeatureDrift Insufficient(string name, FeatureKind kind, int referenceCount, int currentCount, int minSampleSize = 0) =>
        new(name, kind, referenceCount, currentCount, null, null, null, DriftStatus.Insufficient,
            $"Too few values to judge: {referenceCount} in training and {currentCount} in the window; each side needs at least {minSampleSize}.");
}
