using static Telco.InsightPortal.Bench.Dashboards.Measure;

namespace Telco.InsightPortal.Bench.Dashboards;

/// <summary>One chart's samples, in milliseconds; round i of <see cref="EngineMs"/> and <see cref="HandMs"/> ran back
/// to back.</summary>
internal sealed class ChartTimes(DashboardChart chart)
{
    public DashboardChart Chart => chart;
    public List<double> EngineMs { get; } = [];
    public List<double> HandMs { get; } = [];
    public List<double> CachedMs { get; } = [];
    public string? Difference { get; set; }
}

/// <summary>The table and the verdict against issue 13's goals.</summary>
internal static class Report
{
    private const double RatioGoal = 1.5;
    private const double ChartGoalMs = 500;
    private const double CachedGoalMs = 5;

    public static void Print(IReadOnlyList<ChartTimes> charts, int rounds, long cacheMisses, IReadOnlyList<double> lookupMs)
    {
        Console.WriteLine();
        Console.WriteLine($"{rounds} rounds; ms p50 / p95; ratio = engine p50 / hand p50; cached in µs");
        Console.WriteLine($"{"chart",-42} {"engine",17} {"hand SQL",17} {"ratio",6} {"cached",15}  < {ChartGoalMs} ms  same answer");
        foreach (var c in charts)
            Console.WriteLine($"{c.Chart.Name,-42} {Pair(c.EngineMs),17} {Pair(c.HandMs),17} {Median(c.EngineMs) / Median(c.HandMs),6:0.00} "
                              + $"{Median(c.CachedMs) * 1000,6:0} / {Percentile(c.CachedMs, 95) * 1000,6:0}  {Verdict(Median(c.EngineMs) < ChartGoalMs),9}  {c.Difference ?? "yes"}");

        var engine = Enumerable.Range(0, rounds).Select(r => charts.Sum(c => c.EngineMs[r])).ToList();
        var hand = Enumerable.Range(0, rounds).Select(r => charts.Sum(c => c.HandMs[r])).ToList();
        var perRound = engine.Zip(hand, (e, h) => e / h).ToList();
        var ratio = Median(engine) / Median(hand);
        var cached = charts.SelectMany(c => c.CachedMs).ToList();
        Console.WriteLine($"{"dashboard (6 charts, one after another)",-42} {Pair(engine),17} {Pair(hand),17} {ratio,6:0.00}   "
                          + $"per-round ratios {perRound.Min():0.00}–{perRound.Max():0.00}, median {Median(perRound):0.00}");
        Console.WriteLine($"cached answers: {cached.Count:N0} calls, p50 {Median(cached) * 1000:0} µs, p95 {Percentile(cached, 95) * 1000:0} µs, "
                          + $"max {cached.Max() * 1000:0} µs; queries sent while cached: {cacheMisses}");
        Console.WriteLine($"  the dataset + snapshot look-ups alone, which every call repeats, cached or not (3 queries, 2 connections): "
                          + $"p50 {Median(lookupMs) * 1000:0} µs, p95 {Percentile(lookupMs, 95) * 1000:0} µs");

        var slowest = charts.MaxBy(c => Median(c.EngineMs))!;
        var ok = ratio <= RatioGoal && Median(slowest.EngineMs) < ChartGoalMs && Percentile(cached, 95) < CachedGoalMs
                 && cacheMisses == 0 && charts.All(c => c.Difference is null);
        Console.WriteLine();
        Console.WriteLine($"verdict: {(ok ? "PASS" : "MISS")} — dashboard {ratio:0.00}× hand SQL (goal ≤ {RatioGoal}×): {Verdict(ratio <= RatioGoal)}; "
                          + $"slowest chart '{slowest.Chart.Name}' {Median(slowest.EngineMs):0} ms (goal < {ChartGoalMs} ms each): {Verdict(Median(slowest.EngineMs) < ChartGoalMs)}; "
                          + $"cached p95 {Percentile(cached, 95):0.000} ms (goal < {CachedGoalMs} ms): {Verdict(Percentile(cached, 95) < CachedGoalMs && cacheMisses == 0)}; "
                          + $"answers {(charts.All(c => c.Difference is null) ? "match" : "DIFFER")}");
    }

    private static string Pair(IReadOnlyList<double> ms) => $"{Median(ms),7:0.0} / {Percentile(ms, 95),7:0.0}";

    private static string Verdict(bool ok) => ok ? "pass" : "MISS";
}
