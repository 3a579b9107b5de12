namespace Telco.InsightPortal.Core.Monitoring;

/// <summary>How a feature's distribution compares with its reference. <see cref="Insufficient"/> means one side had
/// fewer values than <see cref="DriftThresholds.MinSampleSize"/>, so no statistic was computed.</summary>
public enum DriftStatus
{
    Ok,
    Warn,
    Alert,
    Insufficient,
}
