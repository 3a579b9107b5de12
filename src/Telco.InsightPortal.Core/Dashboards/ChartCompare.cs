namespace Telco.InsightPortal.Core.Dashboards;

/// <summary>
/// What a KPI is compared with, answered as extra "previous" columns after its measures. Either
/// <c>"compare":"previous_snapshot"</c> (<see cref="PreviousSnapshot"/>: the same measures over the snapshot of the same
/// dataset just before the one the chart resolved to), or <c>"compare":{"previous":30,"unit":"day"}</c>
/// (<see cref="Previous"/> and <see cref="Unit"/>: the same measures over the chart's relative window moved
/// back by that much; see <see cref="ChartPeriod"/>).
/// </summary>
public sealed record ChartCompare(bool PreviousSnapshot, int? Previous = null, TimeUnit? Unit = null)
{
    public const string PreviousSnapshotWord = "previous_snapshot";

    public static ChartCompare Snapshot() => new(true);

    public static ChartCompare Period(int previous, TimeUnit unit) => new(false, previous, unit);
}
