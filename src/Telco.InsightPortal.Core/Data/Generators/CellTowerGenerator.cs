namespace Telco.InsightPortal.Core.Data.Generators;

/// <summary>
/// IoT events from the devices on a set of cell towers, in the shape of Cloudera's cell-tower demo: device,
/// manufacturer, event type, position, four signal readings, a combined signal score and whether the tower
/// failed. Each device has a hidden health (its hardware plus the conditions of the moment); the signals are
/// noisy readings of it, and failure is a logistic function of it (and, a little, of the event type), so
/// low signals predict failure without deciding it.
/// </summary>
/// <remarks>
/// The fleet (device ids, manufacturers, home positions, hardware quality) depends on the seed only, so every
/// batch of one seed reports on the same devices. <see cref="GeneratorRequest.Drift"/> (0 to 1) degrades
/// health by up to 1.2 standard deviations: every signal falls (by about 12 points at full drift) and the
/// failure rate rises from about 15% to about 40%.
/// </remarks>
public sealed class CellTowerGenerator : IDataGenerator
{
    private const int FleetSize = 48;
    private const double CentreLongitude = -83.3;
    private const double CentreLatitude = 51.8;
    private const ulong FleetStream = 1;

    private static readonly string[] Manufacturers = ["TelecomWorld", "NewComm", "MyCellular", "GoodConnect"];
    private static readonly double[] ManufacturerShares = [0.35, 0.25, 0.25, 0.15];
    private static readonly double[] ManufacturerQuality = [0.2, 0.0, -0.1, -0.3];

    private static readonly string[] EventTypes = ["battery 10%", "battery 5%", "system malfunction", "device error", "power off", "system reboot"];
    private static readonly double[] EventShares = [0.28, 0.10, 0.14, 0.16, 0.10, 0.22];
    private static readonly double[] EventRisk = [0.0, 0.2, 0.9, 0.4, 0.6, 0.1];

    // Per signal: typical level, spread, and how closely it follows the device's health.
    private static readonly double[] SignalMean = [52, 60, 48, 66];
    private static readonly double[] SignalSpread = [14, 12, 15, 10];
    private static readonly double[] SignalLoading = [0.75, 0.65, 0.7, 0.55];

    private const int FirstSignalColumn = 5;
    private const int SignalScoreColumn = 9;
    private const int FailureColumn = 10;

    private static readonly DatasetSchema CellSchema = GeneratorSchemas.Numbered(
        // An identifier, not a signal: the trainer's leakage guard keeps id columns out of the features.
        new(0, "device_id", ColumnType.Text, ColumnRole.Id, Nullable: false),
        new(0, "manufacturer", ColumnType.Text),
        new(0, "event_type", ColumnType.Text),
        new(0, "longitude", ColumnType.Real),
        new(0, "latitude", ColumnType.Real),
        new(0, "iot_signal_1", ColumnType.Integer),
        new(0, "iot_signal_2", ColumnType.Integer),
        new(0, "iot_signal_3", ColumnType.Integer),
        new(0, "iot_signal_4", ColumnType.Integer),
        new(0, "signal_score", ColumnType.Real),
        new(0, "cell_tower_failure", ColumnType.Integer, ColumnRole.Label, Nullable: false));

    public string Name => "cell-towers";

    public string Description =>
        "IoT events from cell-tower devices, after Cloudera's demo: manufacturer, event type, position, signal readings and tower failure.";

    public DatasetSchema Schema => CellSchema;

    public IEnumerable<object?[]> Generate(GeneratorRequest request)
    {
        request.Validate();
        return Rows(request);
    }

    private sealed record Device(string Id, int Manufacturer, double Longitude, double Latitude, double Quality);

    private static IEnumerable<object?[]> Rows(GeneratorRequest request)
    {
        var fleet = Fleet(request.Seed);
        var random = GeneratorRandom.Create(request.Seed, request.Batch);
        for (var i = 0; i < request.Rows; i++)
            yield return NextRow(random, fleet[random.Next(fleet.Length)], request.Drift);
    }

    private static Device[] Fleet(int seed)
    {
        var random = GeneratorRandom.Create(seed, 0, FleetStream);
        var fleet = new Device[FleetSize];
        for (var i = 0; i < fleet.Length; i++)
        {
            var manufacturer = random.Pick(ManufacturerShares);
            fleet[i] = new Device(
                $"0x{0x1000000000000L + i:x}",
                manufacturer,
                CentreLongitude + (random.NextDouble() - 0.5) * 0.9,
                CentreLatitude + (random.NextDouble() - 0.5) * 0.5,
                ManufacturerQuality[manufacturer] + 0.8 * random.Gaussian());
        }
        return fleet;
    }

    private static object?[] NextRow(Random random, Device device, double drift)
    {
        var row = new object?[CellSchema.Columns.Count];
        row[0] = device.Id;
        row[1] = Manufacturers[device.Manufacturer];
        var eventType = random.Pick(EventShares);
        row[2] = EventTypes[eventType];
        row[3] = Math.Round(device.Longitude + 0.003 * random.Gaussian(), 6);
        row[4] = Math.Round(device.Latitude + 0.003 * random.Gaussian(), 6);

        var health = device.Quality + 0.7 * random.Gaussian() - 1.2 * drift;
        var total = 0.0;
        for (var s = 0; s < SignalMean.Length; s++)
        {
            var loading = SignalLoading[s];
            var reading = SignalMean[s] + SignalSpread[s] * (loading * health + Math.Sqrt(1 - loading * loading) * random.Gaussian());
            var signal = (long)Math.Clamp(Math.Round(reading), 0, 100);
            row[FirstSignalColumn + s] = signal;
            total += signal;
        }
        row[SignalScoreColumn] = Math.Round(Math.Clamp(total / (100.0 * SignalMean.Length) + 0.03 * random.Gaussian(), 0, 1), 4);

        var failure = random.Chance(GeneratorRandom.Logistic(-3.1 - 1.8 * health + EventRisk[eventType]));
        row[FailureColumn] = failure ? 1L : 0L;
        return row;
    }
}
