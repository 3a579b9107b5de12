namespace Telco.InsightPortal.Ml;

/// <summary>How the rows were divided, in words a reviewer can check.</summary>
public sealed record SplitSummary(int TrainRows, int ValidationRows, int TestRows, int Positives, int Seed, string Protocol);
