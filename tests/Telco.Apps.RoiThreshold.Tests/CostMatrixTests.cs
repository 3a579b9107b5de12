namespace Telco.Apps.RoiThreshold.Tests;

public sealed class CostMatrixTests
{
    public static TheoryData<string, double> BadEntries()
    {
        var data = new TheoryData<string, double>();
        foreach (var field in new[] { nameof(CostMatrix.TruePositiveValue), nameof(CostMatrix.TrueNegativeValue), nameof(CostMatrix.FalsePositiveCost), nameof(CostMatrix.FalseNegativeCost) })
            foreach (var value in new[] { -1.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity })
                data.Add(field, value);
        return data;
    }

    [Theory]
    [MemberData(nameof(BadEntries))]
    public void AnInvalidEntryIsReportedByItsFieldNameAlone(string field, double value)
    {
        var matrix = With(field, value);

        var error = matrix.Validate();

        Assert.NotNull(error);
        Assert.StartsWith(field, error);
        foreach (var other in new[] { nameof(CostMatrix.TruePositiveValue), nameof(CostMatrix.TrueNegativeValue), nameof(CostMatrix.FalsePositiveCost), nameof(CostMatrix.FalseNegativeCost) }.Where(f => f != field))
            Assert.DoesNotContain(other, error);
        Assert.Equal(error, Assert.Throws<ArgumentException>(() => matrix.EnsureValid()).Message);
    }

    [Fact]
    public void TheChurnDefaultAndZeroesAreValid()
    {
        Assert.Null(CostMatrix.ChurnDefault.Validate());
        Assert.Null(new CostMatrix(0, 0, 0, 0).Validate());
    }

    [Fact]
    public void TheCurveRefusesAnInvalidMatrixByName()
    {
        var curve = HandWorkedExample.Curve();
        var bad = CostMatrix.ChurnDefault with { FalsePositiveCost = -100 };

        Assert.Contains(nameof(CostMatrix.FalsePositiveCost), Assert.Throws<ArgumentException>(() => curve.Best(bad)).Message);
        Assert.Contains(nameof(CostMatrix.FalsePositiveCost), Assert.Throws<ArgumentException>(() => curve.Sweep(bad)).Message);
    }

    private static CostMatrix With(string field, double value) => field switch
    {
        nameof(CostMatrix.TruePositiveValue) => CostMatrix.ChurnDefault with { TruePositiveValue = value },
        nameof(CostMatrix.TrueNegativeValue) => CostMatrix.ChurnDefault with { TrueNegativeValue = value },
        nameof(CostMatrix.FalsePositiveCost) => CostMatrix.ChurnDefault with { FalsePositiveCost = value },
        nameof(CostMatrix.FalseNegativeCost) => CostMatrix.ChurnDefault with { FalseNegativeCost = value },
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };
}
