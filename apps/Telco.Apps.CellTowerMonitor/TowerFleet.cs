using Telco.InsightPortal.Apps;

namespace Telco.Apps.CellTowerMonitor;

/// <summary>
/// A snapshot's scored events gathered by tower (device id): each tower's summary, ranked by risk, the breakdowns by
/// manufacturer and by event type, and each tower's events in arrival (row id) order for the drill-down. Pure: the
/// same rows give the same fleet, so it is built once per load and tested with hand-worked numbers.
/// </summary>
public sealed class TowerFleet
{
    /// <summary>What a missing manufacturer or event type is shown as.</summary>
    public const string Unknown = "(unknown)";

    private readonly Dictionary<string, IReadOnlyList<AppScoredRow>> _events;
    private readonly Dictionary<string, TowerSummary> _byId;

    private TowerFleet(IReadOnlyList<TowerSummary> towers, Dictionary<string, IReadOnlyList<AppScoredRow>> events,
        IReadOnlyList<SegmentSummary> byManufacturer, IReadOnlyList<SegmentSummary> byEventType, int withoutTower)
    {
        Towers = towers;
        _events = events;
        _byId = towers.ToDictionary(t => t.DeviceId, StringComparer.Ordinal);
        ByManufacturer = byManufacturer;
        ByEventType = byEventType;
        WithoutTower = withoutTower;
    }

    /// <summary>The towers, riskiest first (mean probability descending, ties by device id).</summary>
    public IReadOnlyList<TowerSummary> Towers { get; }

    public IReadOnlyList<SegmentSummary> ByManufacturer { get; }

    public IReadOnlyList<SegmentSummary> ByEventType { get; }

    /// <summary>Events left out because they name no device.</summary>
    public int WithoutTower { get; }

    public int Events => Towers.Sum(t => t.Events);

    public TowerSummary? Find(string deviceId) => _byId.GetValueOrDefault(deviceId);

    /// <summary>The tower's events, oldest first; empty for an unknown tower.</summary>
    public IReadOnlyList<AppScoredRow> EventsOf(string deviceId) => _events.GetValueOrDefault(deviceId) ?? [];

    public static TowerFleet Build(IEnumerable<AppScoredRow> rows)
    {
        var towers = new Dictionary<string, TowerAccumulator>(StringComparer.Ordinal);
        var manufacturers = new Dictionary<string, ProbabilityTally>(StringComparer.Ordinal);
        var eventTypes = new Dictionary<string, ProbabilityTally>(StringComparer.Ordinal);
        var withoutTower = 0;
        foreach (var row in rows)
        {
            var id = CellValue.Text(row.Values.GetValueOrDefault(CellTowerColumns.DeviceId));
            if (string.IsNullOrWhiteSpace(id))
            {
                withoutTower++;
                continue;
            }
            var manufacturer = Name(row, CellTowerColumns.Manufacturer);
            var failed = CellValue.Flag(row.Values.GetValueOrDefault(CellTowerColumns.Failure));
            if (!towers.TryGetValue(id, out var tower)) towers[id] = tower = new TowerAccumulator(id);
            tower.Add(row, manufacturer, failed);
            Tally(manufacturers, manufacturer).Add(row.Probability, failed);
            Tally(eventTypes, Name(row, CellTowerColumns.EventType)).Add(row.Probability, failed);
        }

        var ranked = towers.Values.ToList();
        ranked.Sort(TowerAccumulator.CompareRisk);
        var events = ranked.ToDictionary(t => t.DeviceId, t => (IReadOnlyList<AppScoredRow>)[.. t.Events.OrderBy(e => e.RowId)], StringComparer.Ordinal);
        return new TowerFleet([.. ranked.Select((t, i) => t.Summary(i + 1))], events, Segments(manufacturers), Segments(eventTypes), withoutTower);
    }

    private static string Name(AppScoredRow row, string column) =>
        CellValue.Text(row.Values.GetValueOrDefault(column)) is { Length: > 0 } name ? name : Unknown;

    private static ProbabilityTally Tally(Dictionary<string, ProbabilityTally> tallies, string key)
    {
        if (!tallies.TryGetValue(key, out var tally)) tallies[key] = tally = new ProbabilityTally();
        return tally;
    }

    /// <summary>Riskiest segment first, as the bars are read; ties by name.</summary>
    private static IReadOnlyList<SegmentSummary> Segments(Dictionary<string, ProbabilityTally> tallies) =>
    [
        .. tallies.Select(t => new SegmentSummary(t.Key, t.Value.Events, t.Value.Mean, t.Value.ObservedFailureRate))
            .OrderByDescending(s => s.MeanProbability).ThenBy(s => s.Name, StringComparer.Ordinal),
    ];
}
