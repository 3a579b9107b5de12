using System.Diagnostics;
using System.Globalization;
using Telco.InsightPortal.Bench.Dashboards;
using Telco.InsightPortal.Core.Audit;
using Telco.InsightPortal.Core.Data.Ingestion;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Datasets;
using static Telco.InsightPortal.Bench.Dashboards.Measure;

// Usage: dotnet run -c Release --project bench/Telco.InsightPortal.Bench.Dashboards -- [--postgres] [--rows 1000000]
//        [--rounds 9] [--cached 200] [--plans] [--csv ../shared/data/telco-customer-churn.csv]
// Goal (issue 13): a 6-chart dashboard over a 1M-row snapshot answers in ≤ 1.5× the time of the same 6 aggregates
// written by hand in SQL; each chart < 500 ms; a cached answer < 5 ms. Always exits 0: it is a report.
var postgres = args.Contains("--postgres");
var rows = Option("--rows", 1_000_000);
var rounds = (int)Option("--rounds", 9);
var cachedCalls = (int)Option("--cached", 200);
var csv = OptionText("--csv") ?? Path.Combine(FindRepoRoot(), "..", "shared", "data", "telco-customer-churn.csv");
Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} cores, load {LoadAverage()}, "
                  + $"{(postgres ? "PostgreSQL" : "SQLite")}, {rows:N0} rows from {Path.GetFileName(csv)}");

await using var store = await BenchStore.CreateAsync(postgres);
var writer = new SnapshotWriter(store.Factory, new IngestLimits(), TimeProvider.System, new AuditTrail(store.Factory, TimeProvider.System));
var clock = Stopwatch.StartNew();
await using (var upload = ReplicatedTelcoCsv.Open(csv, rows))
{
    var ingest = await writer.IngestAsync(DashboardCharts.Dataset, upload, new IngestOptions { Source = "bench", Actor = new Who("bench") });
    if (!ingest.Committed) throw new InvalidOperationException("The ingest committed nothing: " + ingest.Message);
}
var datasets = new DatasetStore(store.Factory);
var dataset = (await datasets.GetAsync(DashboardCharts.Dataset))!;
var snapshot = (await datasets.SnapshotAsync(dataset.Id, dataset.CurrentSnapshotId!.Value))!;
Console.WriteLine($"ingested {snapshot.TotalRows:N0} rows in {clock.Elapsed.TotalSeconds:0.0} s through SnapshotWriter (table ds_{dataset.Id})");

var runner = new ChartRunner(store.Factory, dataset, snapshot);
var charts = DashboardCharts.All.Select(c => new ChartTimes(c)).ToList();
foreach (var chart in charts)
{
    chart.Difference = ChartRunner.Difference(await runner.EngineAsync(runner.NewService(), chart.Chart), await runner.HandAsync(chart.Chart));
    if (args.Contains("--plans")) Console.WriteLine($"== {chart.Chart.Name}\n{await runner.PlansAsync(chart.Chart)}");
}

// Uncached: engine (a fresh service each time) and hand SQL back to back per chart, which goes first alternating by
// chart and round, so load from other work lands on both. The first round warms up (JIT, page cache) and is dropped.
for (var round = -1; round < rounds; round++)
{
    for (var c = 0; c < charts.Count; c++)
    {
        var chart = charts[c];
        var engineFirst = ((round + c) & 1) == 0;
        var first = await TimeAsync(() => engineFirst ? runner.EngineAsync(runner.NewService(), chart.Chart) : runner.HandAsync(chart.Chart));
        var second = await TimeAsync(() => engineFirst ? runner.HandAsync(chart.Chart) : runner.EngineAsync(runner.NewService(), chart.Chart));
        if (round < 0) continue;
        chart.EngineMs.Add(engineFirst ? first : second);
        chart.HandMs.Add(engineFirst ? second : first);
    }
    if (round >= 0) Console.WriteLine($"round {round + 1}/{rounds}: engine {charts.Sum(c => c.EngineMs[^1]):0} ms, hand {charts.Sum(c => c.HandMs[^1]):0} ms");
}

// Cached: one service, each chart asked once to fill it, then asked again and again (as a dashboard's second viewer).
var service = runner.NewService();
foreach (var chart in charts) await runner.EngineAsync(service, chart.Chart);
var queriesBefore = service.QueriesRun;
// Beside them, the dataset and snapshot look-ups alone, which the service repeats on every call, cached or not.
var lookupMs = new List<double>();
for (var call = -20; call < cachedCalls; call++)
    foreach (var chart in charts)
    {
        var ms = await TimeAsync(() => runner.EngineAsync(service, chart.Chart));
        var lookup = await TimeAsync(async () => await datasets.SnapshotAsync((await datasets.GetAsync(DashboardCharts.Dataset))!.Id, snapshot.Id));
        if (call < 0) continue;
        chart.CachedMs.Add(ms);
        lookupMs.Add(lookup);
    }
var cacheMisses = service.QueriesRun - queriesBefore;

Report.Print(charts, rounds, cacheMisses, lookupMs);
return 0;

static async Task<double> TimeAsync(Func<Task> run)
{
    var start = Stopwatch.GetTimestamp();
    await run();
    return Ms(Stopwatch.GetTimestamp() - start);
}

long Option(string name, long fallback) => OptionText(name) is { } s ? long.Parse(s, CultureInfo.InvariantCulture) : fallback;

string? OptionText(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "?";

static string FindRepoRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Telco.InsightPortal.sln"))) return dir.FullName;
    throw new InvalidOperationException("Run from inside the repository, or pass --csv.");
}
