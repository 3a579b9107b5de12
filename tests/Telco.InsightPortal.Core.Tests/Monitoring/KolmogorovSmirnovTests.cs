using Telco.InsightPortal.Core.Monitoring;

namespace Telco.InsightPortal.Core.Tests.Monitoring;

public sealed class KolmogorovSmirnovTests
{
    [Fact]
    public void DIsTheWidestGapBetweenTwoHandSamples()
    {
        // At x = 5 the reference has all 5 values and the current 3 of 6: the gap 1 − 1/2 is the widest.
        double[] reference = [1, 2, 3, 4, 5];
        double[] current = [3, 4, 5, 6, 7, 8];

        Assert.Equal(0.5, KolmogorovSmirnov.Statistic(reference, current), 12);
    }

    [Fact]
    public void TiedValuesAreSteppedPastOnBothSidesBeforeComparing()
    {
        // At x = 2 the reference has 4/5 and the current 2/5; stopping inside the tie would report 0.6 or 0.8.
        double[] reference = [1, 2, 2, 2, 3];
        double[] current = [2, 2, 3, 3, 3];

        Assert.Equal(0.4, KolmogorovSmirnov.Statistic(reference, current), 12);
    }

    [Fact]
    public void DMatchesThePointByPointDefinitionOnRandomTiedSamples()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 200; trial++)
        {
            var a = Enumerable.Range(0, random.Next(1, 40)).Select(_ => (double)random.Next(8)).Order().ToArray();
            var b = Enumerable.Range(0, random.Next(1, 40)).Select(_ => (double)random.Next(10)).Order().ToArray();

            Assert.Equal(Samples.BruteForceKs(a, b), KolmogorovSmirnov.Statistic(a, b), 12);
        }
    }

    [Theory]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.8)]
    [InlineData(1.0)]
    [InlineData(1.17)]
    [InlineData(1.19)]
    [InlineData(1.5)]
    [InlineData(2.5)]
    public void TheSurvivalFunctionAgreesWithTheAlternatingSeriesSummedLong(double lambda)
    {
        // Both branches of the implementation against the defining series with a thousand terms.
        var series = 0.0;
        for (var k = 1; k <= 1000; k++)
        {
            series += (k % 2 == 1 ? 2 : -2) * Math.Exp(-2.0 * k * k * lambda * lambda);
        }

        Assert.Equal(series, KolmogorovSmirnov.Survival(lambda), 10);
    }

    [Theory]
    [InlineData(1.224, 0.10)]
    [InlineData(1.358, 0.05)]
    [InlineData(1.628, 0.01)]
    public void TheSurvivalFunctionGivesThePublishedCriticalValues(double lambda, double alpha)
    {
        Assert.Equal(alpha, KolmogorovSmirnov.Survival(lambda), 3);
    }

    [Fact]
    public void TheTwoSampleCriticalDAtFivePercentGivesAPValueNearFivePercent()
    {
        // The textbook rule: reject at α = 0.05 when D > 1.36·√((n + m)/(n·m)).
        const int n = 2000, m = 1500;
        var critical = 1.36 * Math.Sqrt((double)(n + m) / (n * m));

        var p = KolmogorovSmirnov.PValue(critical, n, m);

        Assert.InRange(p, 0.045, 0.05);
    }

    [Fact]
    public void PValuesUnderTheNullAreRoughlyUniform()
    {
        var random = new Random(11);
        var small = 0;
        const int trials = 400;

        for (var t = 0; t < trials; t++)
        {
            var a = Samples.Normal(random, 200).Order().ToArray();
            var b = Samples.Normal(random, 150).Order().ToArray();
            if (KolmogorovSmirnov.PValue(KolmogorovSmirnov.Statistic(a, b), a.Length, b.Length) < 0.05)
            {
                small++;
            }
        }

        // 5 % expected; binomial sd ≈ 1.1 %, so this band fails a p-value that is off by a factor of two.
        Assert.InRange(small / (double)trials, 0.02, 0.085);
    }

    [Fact]
    public void ThePValueUsesStephensEffectiveNCorrection()
    {
        // n = m = 8, D = 0.375: nₑ = 4, λ = (2 + 0.12 + 0.055)·0.375 = 0.815625 and Q(λ) = 0.518942…, summed
        // separately with 200 terms of the alternating series. Without the correction λ = 0.75 and p = 0.627.
        Assert.Equal(0.5189425, KolmogorovSmirnov.PValue(0.375, 8, 8), 6);
    }

    [Fact]
    public void AZeroGapHasPValueOne()
    {
        Assert.Equal(1, KolmogorovSmirnov.PValue(0, 50, 50));
    }
}
