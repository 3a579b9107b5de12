namespace Telco.Apps.CellTowerMonitor;

/// <summary>The columns of the cell-tower IoT events that the app reads (the cell-towers generator's schema).</summary>
public static class CellTowerColumns
{
    public const string DeviceId = "device_id";
    public const string Manufacturer = "manufacturer";
    public const string EventType = "event_type";
    public const string Longitude = "longitude";
    public const string Latitude = "latitude";
    public const string SignalScore = "signal_score";
    public const string Failure = "cell_tower_failure";

    /// <summary>The four raw readings, then the combined score (0 to 1), in the order the page shows them.</summary>
    public static readonly IReadOnlyList<string> Signals = ["iot_signal_1", "iot_signal_2", "iot_signal_3", "iot_signal_4", SignalScore];

    /// <summary>The raw readings only (0 to 100): the combined score is on another scale and would flatten them on one axis.</summary>
    public static IReadOnlyList<string> Readings => [.. Signals.Take(4)];

    /// <summary>An event's values as the model takes them for explaining: everything but the label, which the
    /// deployment neither needs nor should see.</summary>
    public static IReadOnlyDictionary<string, object?> ModelInputs(IReadOnlyDictionary<string, object?> values) =>
        values.Where(v => v.Key != Failure).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
}
