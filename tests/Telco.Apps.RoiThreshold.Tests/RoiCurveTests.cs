namespace Telco.Apps.RoiThreshold.Tests;

public sealed class RoiCurveTests
{
    [Fact]
    public void AtAgreesWithAFullScanAtEveryScoreBetweenScoresAndBeyondTheRange()
    {
        var random = new Random(20261204);
        for (var round = 0; round < 20; round++)
        {
            var rows = BruteForce.RandomRows(random, random.Next(1, 400));
            var curve = new RoiCurve(rows);
            var thresholds = rows.SelectMany(r => new[] { r.Score, Math.BitIncrement(r.Score), Math.BitDecrement(r.Score) })
                .Concat(Enumerable.Range(0, 50).Select(_ => random.NextDouble()))
                .Concat([-1, 0, 1, 2, double.NegativeInfinity, double.PositiveInfinity]);

            foreach (var threshold in thresholds)
                Assert.Equal(BruteForce.At(rows, threshold), curve.At(threshold));
        }
    }

    [Fact]
    public void TiedScoresAreAllPredictedPositiveTogether()
    {
        // Three rows tie at 0.5 (labels 1, 0, 1): at 0.5 all three are positive (TP 2, FP 1), just above none are.
        var curve = new RoiCurve([(0.5, true), (0.5, false), (0.5, true), (0.2, false)]);

        Assert.Equal(new ConfusionCounts(2, 1, 1, 0), curve.At(0.5));
        Assert.Equal(new ConfusionCounts(0, 0, 2, 2), curve.At(Math.BitIncrement(0.5)));
    }

    [Fact]
    public void AThresholdAboveEveryScorePredictsNoPositives()
    {
        var counts = HandWorkedExample.Curve().At(0.95);

        Assert.Equal(0, counts.PredictedPositives);
        Assert.Equal(new ConfusionCounts(0, 0, 4, 4), counts);
    }

    [Fact]
    public void AThresholdOfZeroPredictsEveryonePositive() =>
        Assert.Equal(new ConfusionCounts(4, 4, 0, 0), HandWorkedExample.Curve().At(0));

    [Fact]
    public void BestPicksTheHandWorkedMaximum()
    {
        // Default costs (TP 500, FP 100), net value predicting down to each score:
        // 0.9: 1·500 = 500; 0.8: 1000; 0.7: 1000 − 100 = 900; 0.6: 1500 − 100 = 1400; 0.4: 1300; 0.3: 1200;
        // 0.2: 2000 − 300 = 1700; 0.1: 2000 − 400 = 1600; no one: 0. Best: 0.2 with 1700.
        var best = HandWorkedExample.Curve().Best(CostMatrix.ChurnDefault);

        Assert.Equal(0.2, best.Threshold);
        Assert.Equal(1700, best.NetValue);
        Assert.Equal(new ConfusionCounts(4, 3, 1, 0), best.Counts);
    }

    [Fact]
    public void OnATieBestKeepsTheHigherThreshold()
    {
        // TP worth 100, FP costing 100: net = 100·(TP − FP). 0.9: 100; 0.8: 200; 0.7: 100; 0.6: 200; 0.4: 100; …
        // 0.8 and 0.6 tie at 200; the higher, 0.8, wins.
        var best = HandWorkedExample.Curve().Best(new CostMatrix(100, 0, 100, 0));

        Assert.Equal(0.8, best.Threshold);
        Assert.Equal(200, best.NetValue);
    }

    [Fact]
    public void WhenNothingIsWorthAnythingBestPredictsNoOne()
    {
        var best = HandWorkedExample.Curve().Best(new CostMatrix(0, 0, 0, 0));

        Assert.Equal(1.0, best.Threshold);
        Assert.Equal(0, best.Counts.PredictedPositives);
    }

    [Fact]
    public void PredictingNoOneAboveAScoreOfExactlyOneUsesAThresholdAboveOne()
    {
        // Only a stayer scores 1.0, so the best is to predict no one: the threshold must exclude the 1.0 as well.
        var curve = new RoiCurve([(1.0, false), (0.3, false)]);

        var best = curve.Best(CostMatrix.ChurnDefault);

        Assert.True(best.Threshold > 1.0);
        Assert.Equal(curve.At(best.Threshold), best.Counts);
        Assert.Equal(0, best.Counts.PredictedPositives);
    }

    [Fact]
    public void BestAgreesWithTheBruteForceBestOverEveryDistinctScore()
    {
        var random = new Random(4242);
        for (var round = 0; round < 60; round++)
        {
            var rows = BruteForce.RandomRows(random, random.Next(1, 300));
            var costs = new CostMatrix(random.Next(0, 1000), random.Next(0, 50), random.Next(0, 500), random.Next(0, 300));
            var curve = new RoiCurve(rows);

            var expected = BruteForce.Best(rows, costs);
            var actual = curve.Best(costs);

            Assert.Equal(expected.NetValue, actual.NetValue);
            Assert.Equal(actual.Counts, curve.At(actual.Threshold));
            // Brute force reports "no one" as +∞; the curve as the lowest threshold above every score.
            if (double.IsPositiveInfinity(expected.Threshold)) Assert.Equal(0, actual.Counts.PredictedPositives);
            else Assert.Equal(expected.Threshold, actual.Threshold);
        }
    }

    [Fact]
    public void SweepEvaluatesEvenlySpacedThresholdsFromZeroToExactlyOne()
    {
        var rows = BruteForce.RandomRows(new Random(7), 500);
        var curve = new RoiCurve(rows);

        var sweep = curve.Sweep(CostMatrix.ChurnDefault);

        Assert.Equal(101, sweep.Count);
        Assert.Equal(0.0, sweep[0].Threshold);
        Assert.Equal(1.0, sweep[^1].Threshold);
        for (var i = 0; i < sweep.Count; i++)
        {
            Assert.Equal(i / 100.0, sweep[i].Threshold, 12);
            var expected = BruteForce.At(rows, sweep[i].Threshold);
            Assert.Equal(expected, sweep[i].Counts);
            Assert.Equal(expected.NetValue(CostMatrix.ChurnDefault), sweep[i].NetValue);
        }
    }

    [Fact]
    public void SpanAndListConstructionGiveTheSameCurve()
    {
        var rows = BruteForce.RandomRows(new Random(11), 200);
        var fromList = new RoiCurve(rows);
        var fromSpans = new RoiCurve(rows.Select(r => r.Score).ToArray(), rows.Select(r => r.Label).ToArray());

        foreach (var threshold in rows.Select(r => r.Score))
            Assert.Equal(fromList.At(threshold), fromSpans.At(threshold));
    }

    [Fact]
    public void BuildingTheCurveDoesNotReorderTheCallersArrays()
    {
        double[] scores = [0.3, 0.9, 0.1];
        bool[] labels = [true, false, true];

        _ = new RoiCurve(scores, labels);

        Assert.Equal([0.3, 0.9, 0.1], scores);
        Assert.Equal([true, false, true], labels);
    }

    [Fact]
    public void AnEmptyInputIsRefusedWithAClearMessage() =>
        Assert.Contains("at least one", Assert.Throws<ArgumentException>(() => new RoiCurve(Array.Empty<(double, bool)>())).Message);

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-0.1)]
    [InlineData(1.0000001)]
    public void AScoreOutsideZeroToOneIsRefusedNamingItsRow(double bad)
    {
        var error = Assert.Throws<ArgumentException>(() => new RoiCurve([(0.5, true), (0.2, false), (bad, true)]));

        Assert.Contains("row 2", error.Message);
    }

    [Fact]
    public void ScoresAndLabelsOfDifferentLengthsAreRefused() =>
        Assert.Throws<ArgumentException>(() => new RoiCurve([0.1, 0.2], [true]));

    [Fact]
    public void ANaNThresholdIsRefused() =>
        Assert.Throws<ArgumentException>(() => HandWorkedExample.Curve().At(double.NaN));
}
