using Telco.InsightPortal.Core.Monitoring;

namespace Telco.InsightPortal.Core.Tests.Monitoring;

public sealed class DatasetDriftTests
{
    private static FeatureDrift Feature(string name, DriftStatus status) =>
        new(name, FeatureKind.Numeric, 100, 100, 0, 0, 1, status);

    [Fact]
    public void TheVerdictIsTheWorstJudgedStatusWithCountsPerStatus()
    {
        var verdict = DatasetDrift.From(
            [Feature("a", DriftStatus.Ok), Feature("b", DriftStatus.Warn), Feature("c", DriftStatus.Insufficient), Feature("d", DriftStatus.Warn)]);

        Assert.Equal(DriftStatus.Warn, verdict.Worst);
        Assert.Equal(1, verdict.Counts[DriftStatus.Ok]);
        Assert.Equal(2, verdict.Counts[DriftStatus.Warn]);
        Assert.Equal(0, verdict.Counts[DriftStatus.Alert]);
        Assert.Equal(1, verdict.Counts[DriftStatus.Insufficient]);
        Assert.Equal(4, verdict.Features.Count);
    }

    [Fact]
    public void AnAlertOutranksEverything()
    {
        Assert.Equal(DriftStatus.Alert, DatasetDrift.From([Feature("a", DriftStatus.Warn), Feature("b", DriftStatus.Alert)]).Worst);
    }

    [Fact]
    public void NothingJudgedIsInsufficient()
    {
        Assert.Equal(DriftStatus.Insufficient, DatasetDrift.From([Feature("a", DriftStatus.Insufficient)]).Worst);
        Assert.Equal(DriftStatus.Insufficient, DatasetDrift.From([]).Worst);
    }

    [Theory]
    [InlineData(0.30, 0.001, DriftStatus.Alert)]
    [InlineData(0.15, 0.001, DriftStatus.Warn)]
    [InlineData(0.05, 0.001, DriftStatus.Ok)]
    [InlineData(0.30, 0.2, DriftStatus.Ok)]
    public void SignificanceGatesAndPsiGrades(double psi, double p, DriftStatus expected)
    {
        Assert.Equal(expected, DriftThresholds.Default.Classify(psi, p));
    }

    [Fact]
    public void DefaultsAreTheDocumentedOnes()
    {
        var t = new DriftThresholds();

        Assert.Equal((0.1, 0.25, 0.01, 30), (t.PsiWarn, t.PsiAlert, t.PValue, t.MinSampleSize));
        t.Validate();
    }

    [Fact]
    public void ContradictoryThresholdsAreRefused()
    {
        Assert.Throws<ArgumentException>(() => new DriftThresholds { PsiWarn = 0.3, PsiAlert = 0.2 }.Validate());
        Assert.Throws<ArgumentException>(() => new DriftThresholds { PValue = 0 }.Validate());
        Assert.Throws<ArgumentException>(() => new DriftThresholds { MinSampleSize = 1 }.Validate());
    }
}
