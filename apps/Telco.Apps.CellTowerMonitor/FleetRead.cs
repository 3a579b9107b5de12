using Telco.InsightPortal.Apps;

namespace Telco.Apps.CellTowerMonitor;

/// <summary>
/// What reading a snapshot's events gave: the rows, how many the snapshot holds (<see cref="Total"/>), whether the read
/// stopped at the cap, how far the background scoring has got, and when the oldest cached score read was made.
/// </summary>
public sealed record FleetRead(IReadOnlyList<AppScoredRow> Rows, long Total, bool Capped, long Scored, long SnapshotRows, DateTimeOffset? ScoredAt)
{
    public bool FullyScored => Scored >= SnapshotRows;
}
