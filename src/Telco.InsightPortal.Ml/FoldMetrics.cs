namespace Telco.InsightPortal.Ml;

public sealed record FoldMetrics(int Fold, BinaryMetrics Metrics);
