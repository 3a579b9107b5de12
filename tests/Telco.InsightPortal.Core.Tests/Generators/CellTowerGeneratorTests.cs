using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Core.Data.Generators;
using static Telco.InsightPortal.Core.Tests.Generators.GeneratedData;

namespace Telco.InsightPortal.Core.Tests.Generators;

public sealed class CellTowerGeneratorTests
{
    private static readonly CellTowerGenerator Generator = new();
    private const int Score = 9;
    private const int Failure = 10;

    private static List<object?[]> Generate(int rows, int seed = 42, double drift = 0, long batch = 0) =>
        Generator.Generate(new GeneratorRequest(rows, seed, drift, batch)).ToList();

    [Fact]
    public void SchemaHasTheClouderaDemoColumnsInOrder()
    {
        var schema = Generator.Schema;

        Assert.Equal(
            ["device_id", "manufacturer", "event_type", "longitude", "latitude", "iot_signal_1", "iot_signal_2",
             "iot_signal_3", "iot_signal_4", "signal_score", "cell_tower_failure"],
            schema.Columns.Select(c => c.Name));
        Assert.Equal(
            [ColumnType.Text, ColumnType.Text, ColumnType.Text, ColumnType.Real, ColumnType.Real, ColumnType.Integer,
             ColumnType.Integer, ColumnType.Integer, ColumnType.Integer, ColumnType.Real, ColumnType.Integer],
            schema.Columns.Select(c => c.Type));
        Assert.Equal("cell_tower_failure", schema.Label?.Name);
    }

    [Fact]
    public void TheDeviceIdIsAnIdentifierSoNoModelLearnsFromIt()
    {
        var device = Generator.Schema.Columns.Single(c => c.Name == "device_id");

        Assert.Equal((ColumnRole.Id, false), (device.Role, device.Nullable));
        Assert.Equal([ColumnRole.Id, ColumnRole.Label], Generator.Schema.Columns.Where(c => c.Role != ColumnRole.Feature).Select(c => c.Role));
    }

    [Fact]
    public void SameSeedGivesSameRows()
    {
        var first = Generate(2_000, seed: 3);

        var second = Generate(2_000, seed: 3);

        Assert.Equal(first, second);
    }

    [Fact]
    public void DifferentSeedGivesDifferentRows()
    {
        var one = Generate(500, seed: 3);

        var other = Generate(500, seed: 4);

        Assert.NotEqual(one, other);
    }

    [Fact]
    public void EveryBatchReportsOnTheSameFleetWithADifferentDraw()
    {
        var first = Generate(5_000, batch: 0);

        var next = Generate(5_000, batch: 1);

        Assert.Equal(Fleet(first), Fleet(next));
        Assert.NotEqual(first.Select(r => r[Score]), next.Select(r => r[Score]));

        static IEnumerable<(object?, object?)> Fleet(List<object?[]> rows) =>
            rows.Select(r => (r[0], r[1])).Distinct().Order();
    }

    [Fact]
    public void ValuesAreTypedAndPlausible()
    {
        var rows = Generate(5_000);

        foreach (var row in rows) AssertTypedAsIngested(Generator.Schema, row);
        Assert.All(rows, r => Assert.Matches("^0x1[0-9a-f]{12}$", (string)r[0]!));
        Assert.InRange(rows.Select(r => r[1]).Distinct().Count(), 3, 6);
        Assert.Contains(rows, r => (string)r[2]! == "system malfunction");
        Assert.All(rows, r => Assert.InRange((double)r[3]!, -84.0, -82.5));
        Assert.All(rows, r => Assert.InRange((double)r[4]!, 51.4, 52.2));
        Assert.All(rows, r => Assert.All(r[5..9], signal => Assert.InRange((long)signal!, 0, 100)));
        Assert.All(rows, r => Assert.InRange((double)r[Score]!, 0, 1));
        Assert.Equal([0L, 1L], rows.Select(r => (long)r[Failure]!).Distinct().Order());
    }

    [Fact]
    public void LowSignalsPredictFailureWithoutDecidingIt()
    {
        var rows = Generate(20_000);

        var auc = Auc(rows.Select(r => (-(double)r[Score]!, (long)r[Failure]! == 1)));

        Assert.InRange(Share(rows, r => (long)r[Failure]! == 1), 0.08, 0.25);
        Assert.InRange(auc, 0.72, 0.92);
    }

    [Fact]
    public void DriftDegradesSignalsAndRaisesFailures()
    {
        var baseline = Generate(20_000, drift: 0);

        var drifted = Generate(20_000, drift: 1);

        Assert.True(drifted.Average(r => (double)r[Score]!) < baseline.Average(r => (double)r[Score]!) - 0.05);
        Assert.True(Share(drifted, r => (long)r[Failure]! == 1) > 2 * Share(baseline, r => (long)r[Failure]! == 1));
    }
}
