using Telco.InsightPortal.Core.Monitoring;

namespace Telco.InsightPortal.Core.Tests.Monitoring;

/// <summary>Seeded random samples pushed into the corners (ties, constants, values near ±double.MaxValue, subnormals,
/// tiny and empty samples): every routine answers without throwing and without NaN; only NaN or ∞ are refused.</summary>
public sealed class MonitoringFuzzTests
{
    private const int Inputs = 400;

    private static readonly double[] Corners = [0, -0.0, 1, -1, double.MaxValue, -double.MaxValue, double.Epsilon, 1e300, -1e-300, 42];

    private static double[] Sample(Random random)
    {
        var n = random.Next(4) switch { 0 => random.Next(0, 40), 1 => random.Next(30, 200), _ => random.Next(30, 3000) };
        var style = random.Next(5);
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = style switch
            {
                0 => Corners[random.Next(Corners.Length)],
                1 => 7,
                2 => random.Next(3),
                3 => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-300, 300)),
                _ => random.NextDouble() * 100,
            };
        }

        return values;
    }

    private static void AssertNoNaN(double? value, string what, int input) =>
        Assert.False(value is { } v && double.IsNaN(v), $"input {input}: {what} is NaN");

    [Fact]
    public void RandomNumericSamplesNeverThrowAndNeverGiveNaN()
    {
        var random = new Random(41);
        for (var i = 0; i < Inputs; i++)
        {
            var (a, b) = (Sample(random), Sample(random));

            var drift = NumericDrift.Compare("f", a, b);
            var latency = LatencySummary.From(a);

            AssertNoNaN(drift.Psi, "PSI", i);
            AssertNoNaN(drift.Statistic, "D", i);
            AssertNoNaN(drift.PValue, "p", i);
            Assert.True(drift.PValue is null or >= 0 and <= 1, $"input {i}: p = {drift.PValue}");
            Assert.True(drift.Psi is null or >= 0, $"input {i}: PSI = {drift.Psi}");
            Assert.Equal(drift.Psi is null, drift.Status == DriftStatus.Insufficient);
            AssertNoNaN(latency.P50, "p50", i);
            AssertNoNaN(latency.P99, "p99", i);
        }
    }

    [Fact]
    public void RandomCategoricalSamplesNeverThrowAndNeverGiveNaN()
    {
        var random = new Random(43);
        for (var i = 0; i < Inputs; i++)
        {
            var categories = random.Next(1, 30);
            string?[] Draw() => [.. Enumerable.Range(0, random.Next(0, 500)).Select(_ => random.Next(10) == 0 ? null : $"c{Math.Min(random.Next(categories), random.Next(categories))}")];

            var drift = CategoricalDrift.Compare("f", Draw(), Draw());

            AssertNoNaN(drift.Psi, "PSI", i);
            AssertNoNaN(drift.Statistic, "χ²", i);
            AssertNoNaN(drift.PValue, "p", i);
            Assert.True(drift.PValue is null or >= 0 and <= 1, $"input {i}: p = {drift.PValue}");
        }
    }

    [Fact]
    public void RandomProbabilitiesNeverThrowAndNeverGiveNaN()
    {
        var random = new Random(47);
        for (var i = 0; i < Inputs / 4; i++)
        {
            var style = random.Next(4);
            var p = Enumerable.Range(0, random.Next(0, 300))
                .Select(_ => style switch { 0 => 0.0, 1 => 1.0, 2 => random.Next(3) / 2.0, _ => random.NextDouble() })
                .ToArray();
            var threshold = random.NextDouble();

            var estimate = EstimatedPerformance.From(p, threshold, seed: i);
            var realised = RealisedPerformance.From([.. p.Select(x => new ScoredOutcome(x, x >= threshold, random.NextDouble() < x))]);

            foreach (var m in new[] { estimate.Accuracy, estimate.Precision, estimate.Recall, estimate.RocAuc })
            {
                AssertNoNaN(m?.Value, "estimate", i);
                AssertNoNaN(m?.Lower, "lower", i);
                AssertNoNaN(m?.Upper, "upper", i);
                AssertNoNaN(m?.StandardDeviation, "sd", i);
            }

            AssertNoNaN(realised.Accuracy, "accuracy", i);
            AssertNoNaN(realised.Precision, "precision", i);
            AssertNoNaN(realised.Recall, "recall", i);
            AssertNoNaN(realised.RocAuc, "AUC", i);
        }
    }
}
