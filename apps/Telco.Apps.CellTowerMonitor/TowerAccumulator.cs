using Telco.InsightPortal.Apps;

namespace Telco.Apps.CellTowerMonitor;

/// <summary>One tower's running sums while the fleet is built; <see cref="Summary"/> turns them into a row of the ranking.</summary>
internal sealed class TowerAccumulator(string deviceId)
{
    private readonly ProbabilityTally _tally = new();
    private readonly Dictionary<string, int> _manufacturers = new(StringComparer.Ordinal);
    private readonly double[] _signalSums = new double[CellTowerColumns.Signals.Count];
    private readonly int[] _signalCounts = new int[CellTowerColumns.Signals.Count];
    private double _longitudeSum, _latitudeSum;
    private int _positions;
    private AppScoredRow? _latest;

    public string DeviceId => deviceId;

    public List<AppScoredRow> Events { get; } = [];

    public void Add(AppScoredRow row, string manufacturer, bool? failed)
    {
        Events.Add(row);
        _tally.Add(row.Probability, failed);
        _manufacturers[manufacturer] = _manufacturers.GetValueOrDefault(manufacturer) + 1;
        if (_latest is null || row.RowId > _latest.RowId) _latest = row;
        // A position needs both halves: one without the other would pull the mean toward zero on one axis.
        if (CellValue.Number(row.Values.GetValueOrDefault(CellTowerColumns.Longitude)) is { } lon
            && CellValue.Number(row.Values.GetValueOrDefault(CellTowerColumns.Latitude)) is { } lat)
        {
            _longitudeSum += lon;
            _latitudeSum += lat;
            _positions++;
        }
        for (var s = 0; s < _signalSums.Length; s++)
        {
            if (CellValue.Number(row.Values.GetValueOrDefault(CellTowerColumns.Signals[s])) is not { } v) continue;
            _signalSums[s] += v;
            _signalCounts[s]++;
        }
    }

    public TowerSummary Summary(int rank) => new(
        rank,
        deviceId,
        // A device keeps its manufacturer; should the data disagree, the most reported one (then the first by name) wins.
        _manufacturers.OrderByDescending(m => m.Value).ThenBy(m => m.Key, StringComparer.Ordinal).First().Key,
        _positions == 0 ? null : _longitudeSum / _positions,
        _positions == 0 ? null : _latitudeSum / _positions,
        _tally.Events,
        _tally.Mean,
        _tally.Max,
        _latest!.Probability,
        _latest.RowId,
        _tally.ObservedFailureRate,
        CellTowerColumns.Signals.Select((c, s) => (c, Mean: _signalCounts[s] == 0 ? (double?)null : _signalSums[s] / _signalCounts[s]))
            .ToDictionary(x => x.c, x => x.Mean));

    /// <summary>Ranking order: the highest mean probability first, ties by device id so the order never flickers.</summary>
    public static int CompareRisk(TowerAccumulator a, TowerAccumulator b)
    {
        var byRisk = b._tally.Mean.CompareTo(a._tally.Mean);
        return byRisk != 0 ? byRisk : string.CompareOrdinal(a.DeviceId, b.DeviceId);
    }
}
