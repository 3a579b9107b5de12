using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Core.Monitoring;

namespace Telco.InsightPortal.Core.Tests.Monitoring;

/// <summary>The counts-based statistics the database feeds (drift from binned counts, CBPE from a probability
/// histogram) against the raw-sample routines, and the window parser against random text.</summary>
public sealed class CountedStatisticsTests
{
    [Fact]
    public void NumericDriftFromCountsGivesTheRawPsiAndAKsLowerBoundWithinOneBin()
    {
        var random = new Random(5);
        var reference = Enumerable.Range(0, 4_000).Select(_ => random.NextDouble() * 100).ToArray();
        var current = Enumerable.Range(0, 3_000).Select(_ => 20 + random.NextDouble() * 100).ToArray();
        var sorted = reference.Order().ToArray();
        var bins = NumericBins.FromQuantiles([.. NumericBins.Levels.Select(q => Quantile(sorted, q))]);

        var counted = CountedDrift.Numeric("x", bins.Edges, bins.DecileEdges, Count(bins, reference), Count(bins, current));
        var raw = NumericDrift.Compare("x", reference, current);

        Assert.Equal(raw.Psi!.Value, counted.Psi!.Value, 9);
        Assert.InRange(counted.Statistic!.Value, raw.Statistic!.Value - 0.06, raw.Statistic.Value + 1e-12);
        Assert.Equal(raw.Status, counted.Status);
    }

    [Fact]
    public void CategoricalDriftFromCountsEqualsTheRawOne()
    {
        string?[] reference = [.. Enumerable.Repeat("a", 50), .. Enumerable.Repeat("b", 30), .. Enumerable.Repeat<string?>(null, 20), "rare"];
        string?[] current = [.. Enumerable.Repeat("a", 20), .. Enumerable.Repeat("b", 60), .. Enumerable.Repeat<string?>(null, 20)];

        var counted = CountedDrift.Categorical("c", [new("a", 50, 20), new("b", 30, 60), new(null, 20, 20), new("rare", 1, 0)]);
        var raw = CategoricalDrift.Compare("c", reference, current);

        Assert.Equal(raw with { Reason = null }, counted with { Reason = null });
    }

    [Fact]
    public void TooFewValuesAreInsufficientWithAReason()
    {
        var counted = CountedDrift.Categorical("c", [new("a", 100, 10), new("b", 100, 5)]);

        Assert.Equal(DriftStatus.Insufficient, counted.Status);
        Assert.Equal(15, counted.CurrentCount);
        Assert.Contains("at least 30", counted.Reason);
    }

    [Fact]
    public void TheHistogramEstimateIsCloseToTheRawEstimate()
    {
        var random = new Random(9);
        var p = Enumerable.Range(0, 20_000).Select(_ => Math.Round(random.NextDouble(), 6)).ToArray();
        var cells = p.GroupBy(x => (Bin: Math.Min(99, (int)(x * 100)), Predicted: x >= 0.5))
            .Select(g => new ProbabilityBin(g.Key.Bin, g.Key.Predicted, g.Count(), g.Sum(), g.Sum(x => x * x))).ToList();

        var binned = BinnedEstimate.From(cells)!;
        var raw = EstimatedPerformance.From(p, 0.5);

        Assert.Equal(raw.Accuracy!.Value, binned.Accuracy!.Value, 9);
        Assert.Equal(raw.Precision!.Value, binned.Precision!.Value, 9);
        Assert.Equal(raw.RocAuc!.Value, binned.RocAuc!.Value, 3);
        Assert.InRange(binned.RocAuc.StandardDeviation!.Value, raw.RocAuc.StandardDeviation!.Value * 0.7, raw.RocAuc.StandardDeviation.Value * 1.3);
        Assert.Null(BinnedEstimate.From([]));
    }

    [Theory]
    [InlineData("minute", 1)]
    [InlineData("hour", 60)]
    [InlineData("DAY", 1440)]
    [InlineData("15m", 15)]
    [InlineData("6h", 360)]
    [InlineData("2d", 2880)]
    [InlineData("1w", 10080)]
    public void WindowsAreNamedOrANumberAndAUnit(string text, int minutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(minutes), MonitoringWindow.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("30s")]
    [InlineData("fortnight")]
    [InlineData("0h")]
    [InlineData("-5m")]
    [InlineData("5y")]
    [InlineData("32d")]
    [InlineData("99999999999999999")]
    public void BadWindowsAreRefusedNamingTheWindow(string text)
    {
        var refused = Assert.Throws<PortalException>(() => MonitoringWindow.Parse(text));

        Assert.Equal(ErrorKind.Invalid, refused.Kind);
        Assert.StartsWith("Invalid window", refused.Message);
    }

    [Fact]
    public void RandomWindowTextNeverCrashesAndLongTextIsRefusedBeforeParsing()
    {
        var random = new Random(17);
        const string alphabet = "0123456789smhdwy-+. \t\0\uD800minutehourdayweek";
        for (var i = 0; i < 5_000; i++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(0, 24)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            try
            {
                var width = MonitoringWindow.Parse(text);
                Assert.InRange(width, MonitoringWindow.Shortest, MonitoringWindow.Longest);
            }
            catch (PortalException e)
            {
                Assert.Equal(ErrorKind.Invalid, e.Kind);
            }
        }

        var huge = Assert.Throws<PortalException>(() => MonitoringWindow.Parse(new string('1', 1_000_000) + "m"));
        Assert.Contains("limit is 16", huge.Message);
    }

    [Fact]
    public void TooManyWindowsAreRefusedSayingTheCap()
    {
        var from = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var refused = Assert.Throws<PortalException>(() => MonitoringWindow.Count(from, from.AddDays(30), TimeSpan.FromMinutes(1)));

        Assert.Equal(720, MonitoringWindow.Count(from, from.AddDays(30), TimeSpan.FromHours(1)));
        Assert.Contains("at most 2000", refused.Message);
    }

    private static long[] Count(NumericBins bins, double[] values)
    {
        var counts = new long[bins.Edges.Count + 1];
        foreach (var v in values) counts[bins.BinOf(v)]++;
        return counts;
    }

    private static double Quantile(double[] sorted, double q)
    {
        var h = q * (sorted.Length - 1);
        var lo = (int)Math.Floor(h);
        return lo + 1 < sorted.Length ? sorted[lo] + (sorted[lo + 1] - sorted[lo]) * (h - lo) : sorted[lo];
    }
}
