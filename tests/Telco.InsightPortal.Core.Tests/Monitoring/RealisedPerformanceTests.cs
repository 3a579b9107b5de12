using Telco.InsightPortal.Core.Monitoring;

namespace Telco.InsightPortal.Core.Tests.Monitoring;

public sealed class RealisedPerformanceTests
{
    [Fact]
    public void MetricsCountTheConfusionMatrix()
    {
        ScoredOutcome[] outcomes =
        [
            new(0.9, true, true), new(0.8, true, true), new(0.7, true, false),
            new(0.4, false, true), new(0.2, false, false), new(0.1, false, false), new(0.3, false, false),
        ];

        var performance = RealisedPerformance.From(outcomes);

        Assert.Equal(new ConfusionCounts(2, 1, 3, 1), performance.Counts);
        Assert.Equal(5 / 7.0, performance.Accuracy!.Value, 12);
        Assert.Equal(2 / 3.0, performance.Precision!.Value, 12);
        Assert.Equal(2 / 3.0, performance.Recall!.Value, 12);
        // Positives 0.9, 0.8, 0.4 against negatives 0.7, 0.3, 0.2, 0.1: 0.4 loses to 0.7 only, so 11 of 12 pairs.
        Assert.Equal(11 / 12.0, performance.RocAuc!.Value, 12);
    }

    [Fact]
    public void TiedScoresBetweenClassesCountOneHalf()
    {
        ScoredOutcome[] outcomes = [new(0.5, true, true), new(0.5, true, false), new(0.2, false, false)];

        var performance = RealisedPerformance.From(outcomes);

        Assert.Equal(0.75, performance.RocAuc!.Value, 12);
    }

    [Fact]
    public void RocAucMatchesThePairwiseDefinitionOnRandomTiedScores()
    {
        var random = new Random(17);
        for (var trial = 0; trial < 100; trial++)
        {
            var outcomes = Enumerable.Range(0, random.Next(2, 60))
                .Select(_ => random.Next(6) / 5.0)
                .Select(p => new ScoredOutcome(p, p >= 0.5, random.NextDouble() < p))
                .ToArray();
            var positives = outcomes.Where(o => o.Actual).ToArray();
            var negatives = outcomes.Where(o => !o.Actual).ToArray();

            var auc = RealisedPerformance.From(outcomes).RocAuc;

            if (positives.Length == 0 || negatives.Length == 0)
            {
                Assert.Null(auc);
                continue;
            }

            var pairs = positives.Sum(p => negatives.Sum(n => p.Probability > n.Probability ? 1.0 : p.Probability == n.Probability ? 0.5 : 0));
            Assert.Equal(pairs / (positives.Length * negatives.Length), auc!.Value, 12);
        }
    }

    [Fact]
    public void UndefinedMetricsAreNullNotNaN()
    {
        ScoredOutcome[] noPositives = [new(0.1, false, false), new(0.2, false, false)];

        var performance = RealisedPerformance.From(noPositives);
        var empty = RealisedPerformance.From([]);

        Assert.Equal(1, performance.Accuracy);
        Assert.Null(performance.Precision);
        Assert.Null(performance.Recall);
        Assert.Null(performance.RocAuc);
        Assert.Null(empty.Accuracy);
        Assert.Null(empty.RocAuc);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(1.5)]
    [InlineData(-0.1)]
    public void ProbabilitiesOutsideTheUnitIntervalAreRefused(double bad)
    {
        Assert.Throws<ArgumentException>(() => RealisedPerformance.From([new(0.5, true, true), new(bad, false, false)]));
    }
}
