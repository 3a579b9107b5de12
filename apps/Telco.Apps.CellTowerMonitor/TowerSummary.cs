namespace Telco.Apps.CellTowerMonitor;

/// <summary>
/// One tower (a device id) over its events: where it stands (the mean reported position), who made it, how likely the
/// model thinks it is to fail (mean, worst and latest event), how often it did fail, and its mean signals.
/// </summary>
/// <param name="Rank">1 for the riskiest tower of the fleet.</param>
/// <param name="LatestRowId">The row id of its latest event: row ids follow the order the events arrived.</param>
/// <param name="MeanSignals">By column (<see cref="CellTowerColumns.Signals"/>); null where no event had a reading.</param>
public sealed record TowerSummary(
    int Rank,
    string DeviceId,
    string Manufacturer,
    double? Longitude,
    double? Latitude,
    int Events,
    double MeanProbability,
    double MaxProbability,
    double LatestProbability,
    long LatestRowId,
    double? ObservedFailureRate,
    IReadOnlyDictionary<string, double?> MeanSignals);
