namespace Telco.InsightPortal.Core.Tests.Monitoring;

/// <summary>Seeded samples for the monitoring tests.</summary>
internal static class Samples
{
    public static double[] Normal(Random random, int n, double mean = 0, double sd = 1)
    {
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            // Box–Muller: enough for test data and independent of the library under test.
            var u = 1 - random.NextDouble();
            values[i] = mean + sd * Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * random.NextDouble());
        }

        return values;
    }

    /// <summary>The empirical-distribution gap computed the slow way, point by point, to check the fast walk.</summary>
    public static double BruteForceKs(double[] a, double[] b) =>
        a.Concat(b).Distinct().Max(x => Math.Abs((double)a.Count(v => v <= x) / a.Length - (double)b.Count(v => v <= x) / b.Length));
}
