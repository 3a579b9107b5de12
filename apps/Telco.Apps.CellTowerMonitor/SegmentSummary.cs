namespace Telco.Apps.CellTowerMonitor;

/// <summary>The events of one manufacturer or one event type: how many, their mean failure probability, and how
/// many of them the labels say ended in a failure.</summary>
public sealed record SegmentSummary(string Name, int Events, double MeanProbability, double? ObservedFailureRate);
