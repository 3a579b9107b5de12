using Telco.InsightPortal.Core.Monitoring;

namespace Telco.InsightPortal.Core.Tests.Monitoring;

public sealed class NumericDriftTests
{
    [Fact]
    public void IdenticalSamplesHaveZeroPsiAndAreOk()
    {
        var sample = Samples.Normal(new Random(1), 1000);

        var drift = NumericDrift.Compare("tenure", sample, sample);

        Assert.Equal(0, drift.Psi);
        Assert.Equal(0, drift.Statistic);
        Assert.Equal(1, drift.PValue);
        Assert.Equal(DriftStatus.Ok, drift.Status);
        Assert.Equal((1000, 1000), (drift.ReferenceCount, drift.CurrentCount));
        Assert.Equal(FeatureKind.Numeric, drift.Kind);
    }

    [Fact]
    public void PsiOverDecilesMatchesAHandComputation()
    {
        // Reference 1..100: deciles at 10.9, 20.8, …, so each bin holds ten values. The current sample puts 20 values
        // in the first bin and 10 in each of the other nine: shares 0.2 and 0.1 against 0.1 everywhere.
        var reference = Enumerable.Range(1, 100).Select(i => (double)i).ToArray();
        var current = Enumerable.Range(1, 100).Select(i => (double)i).Concat(Enumerable.Range(1, 10).Select(i => (double)i)).ToArray();
        double[] shares = [20 / 110.0, .. Enumerable.Repeat(10 / 110.0, 9)];
        var expected = shares.Sum(c => (c - 0.1) * Math.Log(c / 0.1));

        var drift = NumericDrift.Compare("x", reference, current);

        Assert.Equal(expected, drift.Psi!.Value, 12);
    }

    [Fact]
    public void AnEmptyBinUsesTheDocumentedShareInsteadOfInfinity()
    {
        // A constant reference has one edge (c) and two bins; all current values sit above c, so the reference's
        // share there is empty: PSI = (1 − ε)·ln(1/ε) + (ε − 1)·ln(ε/1).
        var reference = Enumerable.Repeat(5.0, 50).ToArray();
        var current = Enumerable.Repeat(6.0, 50).ToArray();
        const double e = 1e-4; // the documented empty share

        var drift = NumericDrift.Compare("constant", reference, current);

        Assert.Equal(2 * (1 - e) * Math.Log(1 / e), drift.Psi!.Value, 9);
        Assert.Equal(1, drift.Statistic);
        Assert.Equal(DriftStatus.Alert, drift.Status);
    }

    [Fact]
    public void TiesCollapseDecileEdgesIntoFewerBins()
    {
        // Half zeros: the first four deciles are all 0 and make one edge; the median interpolates to 0.5, then 10.4,
        // 20.3, 30.2 and 40.1: six edges, seven bins, the one between 0 and 0.5 empty.
        double[] reference = [.. Enumerable.Repeat(0.0, 50), .. Enumerable.Range(1, 50).Select(i => (double)i)];

        var bins = DecileBins.FromSortedReference(reference);

        Assert.Equal(7, bins.Count);
        Assert.Equal([50, 0, 10, 10, 10, 10, 10], bins.CountSorted(reference));
    }

    [Fact]
    public void AModestShiftWarnsAndALargeShiftAlerts()
    {
        var random = new Random(3);
        var reference = Samples.Normal(random, 5000);

        var modest = NumericDrift.Compare("charges", reference, Samples.Normal(random, 5000, mean: 0.4));
        var large = NumericDrift.Compare("charges", reference, Samples.Normal(random, 5000, mean: 1.0));

        Assert.Equal(DriftStatus.Warn, modest.Status);
        Assert.InRange(modest.Psi!.Value, 0.1, 0.25);
        Assert.Equal(DriftStatus.Alert, large.Status);
        Assert.True(large.PValue < 1e-10);
    }

    [Fact]
    public void ASmallNoisyWindowIsNotFlaggedOnPsiAlone()
    {
        // Same distribution, 30 values a side: PSI over ten bins is biased upwards, the KS test is not fooled.
        var random = new Random(5);
        var flagged = 0;
        for (var t = 0; t < 50; t++)
        {
            var drift = NumericDrift.Compare("x", Samples.Normal(random, 30), Samples.Normal(random, 30));
            flagged += drift.Status == DriftStatus.Ok ? 0 : 1;
        }

        Assert.InRange(flagged, 0, 3);
    }

    [Fact]
    public void SamplesBelowTheMinimumAreInsufficientWithNullStatistics()
    {
        var drift = NumericDrift.Compare("x", Samples.Normal(new Random(1), 100), [], DriftThresholds.Default);
        var small = NumericDrift.Compare("x", Samples.Normal(new Random(1), 100), [1, 2, 3], new DriftThresholds { MinSampleSize = 4 });

        Assert.Equal(DriftStatus.Insufficient, drift.Status);
        Assert.Null(drift.Psi);
        Assert.Null(drift.Statistic);
        Assert.Null(drift.PValue);
        Assert.Equal(0, drift.CurrentCount);
        Assert.Equal(DriftStatus.Insufficient, small.Status);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void NonFiniteValuesAreRefusedNamingTheFeature(double bad)
    {
        double[] current = [1, 2, bad];

        var e = Assert.Throws<ArgumentException>(() => NumericDrift.Compare("MonthlyCharges", [1, 2, 3], current));

        Assert.Contains("MonthlyCharges", e.Message);
        Assert.Equal("current", e.ParamName);
    }

    [Fact]
    public void MoreThanAMillionValuesAreRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => NumericDrift.Compare("big", new double[MonitoringLimits.MaxSampleSize + 1], [1.0]));

        Assert.Contains("big", e.Message);
    }

    [Fact]
    public void AMillionValuesASideAreCompared()
    {
        var random = new Random(9);

        var drift = NumericDrift.Compare("big", Samples.Normal(random, MonitoringLimits.MaxSampleSize), Samples.Normal(random, MonitoringLimits.MaxSampleSize));

        Assert.Equal(DriftStatus.Ok, drift.Status);
        Assert.InRange(drift.Psi!.Value, 0, 0.001);
    }
}
