using System.Diagnostics;

namespace Telco.InsightPortal.Bench.Explorer;

internal static class Measure
{
    /// <summary>Median nanoseconds per call, over <paramref name="rounds"/> rounds of <paramref name="callsPerRound"/>
    /// calls each; a round of many calls lets sub-microsecond operations rise above the timer's resolution. Kept as
    /// a double, not a TimeSpan, whose 100 ns tick would round a sub-microsecond call to a multiple of 100 ns.</summary>
    public static double MedianNs(int rounds, int callsPerRound, Action<int> call)
    {
        for (var i = 0; i < callsPerRound; i++) call(i); // warm-up: JIT and tiered compilation out of the figures
        var perCall = new double[rounds];
        for (var r = 0; r < rounds; r++)
        {
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < callsPerRound; i++) call(r * callsPerRound + i);
            perCall[r] = (Stopwatch.GetTimestamp() - start) * 1e9 / Stopwatch.Frequency / callsPerRound;
        }
        Array.Sort(perCall);
        return perCall[rounds / 2];
    }

    public static string Show(double ns) =>
        ns >= 1e6 ? $"{ns / 1e6:0.00} ms" : ns >= 1e3 ? $"{ns / 1e3:0.00} µs" : $"{ns:0} ns";

    /// <summary>The value below which <paramref name="percent"/> % of the samples fall (nearest rank).</summary>
    public static double Percentile(IReadOnlyList<double> samples, double percent)
    {
        var sorted = samples.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
