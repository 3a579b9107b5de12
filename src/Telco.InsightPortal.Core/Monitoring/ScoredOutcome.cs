namespace Telco.InsightPortal.Core.Monitoring;

/// <summary>One labelled prediction: the model's probability of the positive class, the label it predicted and the
/// label that was later observed.</summary>
public readonly record struct ScoredOutcome(double Probability, bool Predicted, bool Actual);
