namespace Telco.InsightPortal.Ml;

/// <summary>One held-out fold: fold <see cref="Fold"/> (1-based) of repeat <see cref="Repeat"/> (1-based), each repeat
/// a fresh seeded division of the same rows.</summary>
public sealed record FoldMetrics(int Fold, BinaryMetrics Metrics, int Repeat = 1);
