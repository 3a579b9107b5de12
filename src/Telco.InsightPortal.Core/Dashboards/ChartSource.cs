namespace Telco.InsightPortal.Core.Dashboards;

/// <summary>A dataset snapshot: a fixed one, or the dataset's head when <see cref="SnapshotId"/> is null ("latest").</summary>
public sealed record ChartSource(string Dataset, long? SnapshotId)
{
    public const string SnapshotKind = "snapshot";
    public const string Latest = "latest";

    public bool IsLatest => SnapshotId is null;
}
