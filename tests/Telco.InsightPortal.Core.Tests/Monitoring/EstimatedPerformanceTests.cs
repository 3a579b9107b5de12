using Telco.InsightPortal.Core.Monitoring;

namespace Telco.InsightPortal.Core.Tests.Monitoring;

public sealed class EstimatedPerformanceTests
{
    private static double[] Calibrated(Random random, int n) =>
        // Beta-like spread towards both ends, as a churn model's scores are.
        [.. Enumerable.Range(0, n).Select(_ => Math.Pow(random.NextDouble(), 2.5))];

    private static ScoredOutcome[] Label(Random random, double[] probabilities, double threshold) =>
        [.. probabilities.Select(p => new ScoredOutcome(p, p >= threshold, random.NextDouble() < p))];

    [Fact]
    public void TheExpectedConfusionMatrixSumsTheProbabilities()
    {
        double[] p = [0.9, 0.6, 0.4, 0.1];

        var estimate = EstimatedPerformance.From(p, 0.5);

        Assert.Equal(1.5, estimate.ExpectedCounts.TruePositives, 12);
        Assert.Equal(0.5, estimate.ExpectedCounts.FalsePositives, 12);
        Assert.Equal(0.5, estimate.ExpectedCounts.FalseNegatives, 12);
        Assert.Equal(1.5, estimate.ExpectedCounts.TrueNegatives, 12);
        Assert.Equal(0.75, estimate.Accuracy!.Value, 12);
        Assert.Equal(0.75, estimate.Precision!.Value, 12);
        Assert.Equal(0.75, estimate.Recall!.Value, 12);
    }

    [Fact]
    public void TheExpectedAucMatchesTheSumOverAllPairs()
    {
        var random = new Random(23);
        for (var trial = 0; trial < 100; trial++)
        {
            // Rounded to tenths so ties are common.
            var p = Enumerable.Range(0, random.Next(2, 50)).Select(_ => Math.Round(random.NextDouble(), 1)).ToArray();
            double concordant = 0, pairs = 0;
            for (var i = 0; i < p.Length; i++)
            {
                for (var j = 0; j < p.Length; j++)
                {
                    if (i == j)
                    {
                        continue;
                    }

                    var w = p[i] * (1 - p[j]);
                    pairs += w;
                    concordant += w * (p[i] > p[j] ? 1 : p[i] == p[j] ? 0.5 : 0);
                }
            }

            var auc = ExpectedAuc.Of(p);

            if (pairs < 1e-9)
            {
                Assert.Null(auc);
                continue;
            }

            Assert.Equal(concordant / pairs, auc!.Value, 10);
        }
    }

    [Fact]
    public void EqualProbabilitiesExpectAnAucOfOneHalf()
    {
        Assert.Equal(0.5, ExpectedAuc.Of(Enumerable.Repeat(0.3, 1000).ToArray())!.Value, 12);
    }

    [Fact]
    public void OnACalibratedSampleTheEstimatesLandNearTheRealisedMetrics()
    {
        var random = new Random(29);
        var p = Calibrated(random, 20_000);

        var estimate = EstimatedPerformance.From(p, 0.5);
        var realised = RealisedPerformance.From(Label(random, p, 0.5));

        Assert.Equal(realised.Accuracy!.Value, estimate.Accuracy!.Value, 0.02);
        Assert.Equal(realised.Precision!.Value, estimate.Precision!.Value, 0.02);
        Assert.Equal(realised.Recall!.Value, estimate.Recall!.Value, 0.02);
        Assert.Equal(realised.RocAuc!.Value, estimate.RocAuc!.Value, 0.02);
    }

    [Fact]
    public void TheRealisedMetricFallsInsideTheBandMostOfTheTime()
    {
        var random = new Random(31);
        const int windows = 60;
        int accuracy = 0, precision = 0, recall = 0, auc = 0;

        for (var w = 0; w < windows; w++)
        {
            var p = Calibrated(random, 400);
            var estimate = EstimatedPerformance.From(p, 0.4, seed: w);
            var realised = RealisedPerformance.From(Label(random, p, 0.4));
            accuracy += estimate.Accuracy!.Contains(realised.Accuracy!.Value) ? 1 : 0;
            precision += estimate.Precision!.Contains(realised.Precision!.Value) ? 1 : 0;
            recall += estimate.Recall!.Contains(realised.Recall!.Value) ? 1 : 0;
            auc += estimate.RocAuc!.Contains(realised.RocAuc!.Value) ? 1 : 0;
        }

        // A 95 % band; 85 % of 60 windows leaves room for chance and still fails a band half as wide as it should be
        // (which would cover about 67 %).
        Assert.All([accuracy, precision, recall, auc], inside => Assert.InRange(inside, (int)(0.85 * windows), windows));
    }

    [Fact]
    public void BandsAreSeededAndNarrowWithMoreData()
    {
        var random = new Random(37);
        var small = Calibrated(random, 200);
        var large = Calibrated(random, 20_000);

        var once = EstimatedPerformance.From(small, 0.5, seed: 1);
        var again = EstimatedPerformance.From(small, 0.5, seed: 1);
        var bigger = EstimatedPerformance.From(large, 0.5, seed: 1);

        Assert.Equal(once.Accuracy, again.Accuracy);
        Assert.True(bigger.Accuracy!.StandardDeviation < once.Accuracy!.StandardDeviation / 5);
    }

    [Fact]
    public void BandsOfLargeWindowsAreScaledFromASubsampleToTheAnalyticSpread()
    {
        // Accuracy is an average of independent Bernoulli outcomes, so its exact standard deviation is
        // √(Σ pᵢ(1 − pᵢ)) / n; the subsampled simulation must reproduce it, not the subsample's wider spread.
        var p = Calibrated(new Random(53), 4 * EstimatedPerformance.MaxSimulatedRows);
        var analytic = Math.Sqrt(p.Sum(x => x * (1 - x))) / p.Length;

        var estimate = EstimatedPerformance.From(p, 0.5);

        Assert.InRange(estimate.Accuracy!.StandardDeviation!.Value, 0.85 * analytic, 1.15 * analytic);
    }

    [Fact]
    public void UndefinedEstimatesAreNull()
    {
        var estimate = EstimatedPerformance.From([0.1, 0.2, 0.0], 0.5);
        var empty = EstimatedPerformance.From([], 0.5);

        Assert.Null(estimate.Precision);
        Assert.NotNull(estimate.Recall);
        Assert.Null(empty.Accuracy);
        Assert.Null(empty.RocAuc);
        Assert.Equal(0, EstimatedPerformance.From([0.0, 0.0], 0.5).ExpectedCounts.TruePositives);
        Assert.Null(EstimatedPerformance.From([0.0, 0.0], 0.5).RocAuc);
    }

    [Fact]
    public void InvalidInputIsRefused()
    {
        Assert.Throws<ArgumentException>(() => EstimatedPerformance.From([0.5, double.NaN], 0.5));
        Assert.Throws<ArgumentException>(() => EstimatedPerformance.From([0.5, 1.01], 0.5));
        Assert.Throws<ArgumentException>(() => EstimatedPerformance.From([0.5], double.NaN));
    }
}
