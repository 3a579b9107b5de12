namespace Telco.Apps.RoiThreshold;

/// <summary>The outcome of predicting "positive" for every score at or above <see cref="Threshold"/>.</summary>
public readonly record struct RoiPoint(double Threshold, ConfusionCounts Counts, double NetValue);
