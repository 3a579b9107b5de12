namespace Telco.InsightPortal.Core.Monitoring;

/// <summary>What one call may be asked to hold: every routine here sorts or counts in memory, so a sample is bounded
/// (a million doubles is 8 MB, sorted in well under a second).</summary>
public static class MonitoringLimits
{
    public const int MaxSampleSize = 1_000_000;
}
