using Telco.InsightPortal.Apps;

namespace Telco.Apps.CellTowerMonitor.Tests;

/// <summary>Builds scored cell-tower events the way the host returns them: values by column name, typed as the store
/// types them (text, real, integer), and the served version's probability.</summary>
internal sealed class EventRows
{
    private readonly List<AppScoredRow> _rows = [];

    public EventRows Add(long rowId, string? tower, string manufacturer, string eventType, double? longitude, double? latitude,
        double probability, long? failed, long[]? signals = null, double? score = null)
    {
        var s = signals ?? [50, 60, 40, 70];
        var values = new Dictionary<string, object?>
        {
            ["device_id"] = tower,
            ["manufacturer"] = manufacturer,
            ["event_type"] = eventType,
            ["longitude"] = longitude,
            ["latitude"] = latitude,
            ["iot_signal_1"] = s[0],
            ["iot_signal_2"] = s[1],
            ["iot_signal_3"] = s[2],
            ["iot_signal_4"] = s[3],
            ["signal_score"] = score ?? 0.5,
            ["cell_tower_failure"] = failed,
        };
        _rows.Add(new AppScoredRow(rowId, values, probability));
        return this;
    }

    public IReadOnlyList<AppScoredRow> Build() => [.. _rows];
}
