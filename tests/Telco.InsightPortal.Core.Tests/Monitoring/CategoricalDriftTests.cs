using MathNet.Numerics.Distributions;
using Telco.InsightPortal.Core.Monitoring;

namespace Telco.InsightPortal.Core.Tests.Monitoring;

public sealed class CategoricalDriftTests
{
    private static string?[] Repeat(params (string? Value, int Count)[] parts) =>
        [.. parts.SelectMany(p => Enumerable.Repeat(p.Value, p.Count))];

    [Fact]
    public void TheChiSquareStatisticAndPValueMatchATextbookTable()
    {
        // Reference 20/30/50, current 30/30/40: column totals 50/60/90 of 200, so every expected count is half the
        // column total (25, 30, 45) and χ² = 2·(5²/25 + 0 + 5²/45) = 2.8889 on 2 degrees of freedom.
        var reference = Repeat(("a", 20), ("b", 30), ("c", 50));
        var current = Repeat(("a", 30), ("b", 30), ("c", 40));
        var chi = 2 * (25 / 25.0 + 25 / 45.0);

        var drift = CategoricalDrift.Compare("Contract", reference, current);

        Assert.Equal(chi, drift.Statistic!.Value, 10);
        Assert.Equal(1 - ChiSquared.CDF(2, chi), drift.PValue!.Value, 10);
        // With 2 degrees of freedom the survival function is exp(−χ²/2): a check that does not use MathNet.
        Assert.Equal(Math.Exp(-chi / 2), drift.PValue!.Value, 10);
        Assert.Equal(FeatureKind.Categorical, drift.Kind);
    }

    [Fact]
    public void PsiCoversCategoriesSeenOnOnlyOneSide()
    {
        var reference = Repeat(("a", 50), ("b", 50));
        var current = Repeat(("a", 50), ("c", 50));
        const double e = 1e-4; // the documented empty share
        // a: unchanged; b: 0.5 → ε; c: ε → 0.5.
        var expected = 2 * (0.5 - e) * Math.Log(0.5 / e);

        var drift = CategoricalDrift.Compare("x", reference, current);

        Assert.Equal(expected, drift.Psi!.Value, 10);
        Assert.Equal(DriftStatus.Alert, drift.Status);
    }

    [Fact]
    public void IdenticalDistributionsAreOkWithZeroPsi()
    {
        var reference = Repeat(("Month-to-month", 55), ("One year", 21), ("Two year", 24));
        var current = Repeat(("Two year", 48), ("Month-to-month", 110), ("One year", 42));

        var drift = CategoricalDrift.Compare("Contract", reference, current);

        Assert.Equal(0, drift.Psi!.Value, 12);
        Assert.Equal(0, drift.Statistic!.Value, 12);
        Assert.Equal(1, drift.PValue!.Value, 12);
        Assert.Equal(DriftStatus.Ok, drift.Status);
    }

    [Fact]
    public void RareCategoriesArePooledBeforeTheTest()
    {
        // With 100 a side an expected count is half the column total: d (1.5), e (1) and f (2.5) are pooled into a
        // column of 5/5 (expected 5, large enough). Unpooled, d, e and f alone would give χ² = 10 on their own.
        var reference = Repeat(("a", 40), ("b", 40), ("c", 15), ("d", 3), ("e", 2));
        var current = Repeat(("a", 40), ("b", 40), ("c", 15), ("f", 5));

        var drift = CategoricalDrift.Compare("x", reference, current);

        Assert.Equal(0, drift.Statistic!.Value, 12);
        Assert.Equal(1, drift.PValue!.Value, 12);
        Assert.True(drift.Psi > 0.25, "PSI still sees the unpooled categories");
    }

    [Fact]
    public void APoolStillTooSmallAbsorbsTheSmallestRemainingCategory()
    {
        // c and d (expected 1.5 each) pool to 3, still below 5, so the pool takes a (the first of the two smallest):
        // the test runs on b 47/50 against a+c+d 53/50, one degree of freedom.
        var reference = Repeat(("a", 47), ("b", 47), ("c", 3), ("d", 3));
        var current = Repeat(("a", 50), ("b", 50));
        var columns = new (double R, double C)[] { (47, 50), (53, 50) };
        var chi = columns.Sum(col =>
        {
            var share = (col.R + col.C) / 200;
            return Math.Pow(col.R - 100 * share, 2) / (100 * share) + Math.Pow(col.C - 100 * share, 2) / (100 * share);
        });

        var drift = CategoricalDrift.Compare("x", reference, current);

        Assert.Equal(chi, drift.Statistic!.Value, 10);
        Assert.Equal(1 - ChiSquared.CDF(1, chi), drift.PValue!.Value, 10);
    }

    [Fact]
    public void ASingleCategoryOnBothSidesHasNothingToTest()
    {
        var drift = CategoricalDrift.Compare("x", Repeat(("a", 40)), Repeat(("a", 60)));

        Assert.Equal(0, drift.Statistic);
        Assert.Equal(1, drift.PValue);
        Assert.Equal(DriftStatus.Ok, drift.Status);
    }

    [Fact]
    public void NullValuesAreTheirOwnCategory()
    {
        var reference = Repeat(("a", 100));
        var current = Repeat(("a", 50), (null, 50));

        var drift = CategoricalDrift.Compare("x", reference, current);

        Assert.Equal(DriftStatus.Alert, drift.Status);
        Assert.True(drift.PValue < 1e-10);
    }

    [Fact]
    public void EmptySamplesAreInsufficient()
    {
        var drift = CategoricalDrift.Compare("x", [], Repeat(("a", 100)));

        Assert.Equal(DriftStatus.Insufficient, drift.Status);
        Assert.Null(drift.Psi);
        Assert.Null(drift.PValue);
    }
}
