namespace Telco.InsightPortal.Ml.Scoring;

/// <summary>Why a row got its score: the model's raw score (log-odds for linear models), its probability, the bias
/// where the model has one, and every input column's contribution, strongest first.</summary>
public sealed record RowExplanation(double Score, float Probability, double? Bias, IReadOnlyList<FeatureContribution> Contributions);
