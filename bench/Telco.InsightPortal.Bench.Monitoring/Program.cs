using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dapper;
using Telco.InsightPortal.Bench.Monitoring;
using Telco.InsightPortal.Core.Audit;
using Telco.InsightPortal.Core.Data.Ingestion;
using Telco.InsightPortal.Core.Registry;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Data.Monitoring;
using Telco.InsightPortal.Data.Store;

// Usage: dotnet run -c Release --project bench/Telco.InsightPortal.Bench.Monitoring -- [--postgres] [--predictions 1000000]
//        [--training 100000] [--rounds 3] [--skip-cold] [--db <portal.db of an earlier run, kept with --keep>]
// Goals (issue 14): drift of 20 features over 1M logged predictions against a 100k-row training snapshot < 2 s; the
// monitoring page's metrics for 30 days of per-minute figures < 1 s of server time. Baselines, timed in the same run:
// one bare pass over the same rows (drift: reading every input of the range; metrics: counting the range's rows and
// minutes). Always exits 0: it is a report.
var postgres = args.Contains("--postgres");
var predictions = (int)Option("--predictions", 1_000_000);
var trainingRows = (int)Option("--training", 100_000);
var rounds = (int)Option("--rounds", 3);
const int Numeric = 10, Categorical = 10;
var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
var end = start.AddDays(30);
Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} cores, load {Load()}, {(postgres ? "PostgreSQL" : "SQLite")}, "
                  + $"{predictions:N0} predictions over 30 days, {trainingRows:N0}-row training snapshot, {Numeric + Categorical} features");

var reuse = Array.IndexOf(args, "--db") is var d and >= 0 ? args[d + 1] : null;
await using var store = await BenchStore.CreateAsync(postgres, reuse);
var audit = new AuditTrail(store.Factory, TimeProvider.System);
var random = new Random(11);
string[][] levels = [.. Enumerable.Range(0, Categorical).Select(c => Enumerable.Range(0, 3 + c % 4).Select(l => $"level-{c}-{l}").ToArray())];
var names = Enumerable.Range(0, Numeric).Select(i => $"n{i}").Concat(Enumerable.Range(0, Categorical).Select(i => $"c{i}")).ToArray();

var clock = Stopwatch.StartNew();
var deployments = new DeploymentStore(store.Factory, audit, TimeProvider.System);
if (reuse is null) await SetUpAsync();
var deployment = (await deployments.GetAsync("bench"))!;
async Task SetUpAsync()
{
    var csv = new StringBuilder(string.Join(',', names)).Append('\n');
    for (var r = 0; r < trainingRows; r++) csv.Append(Row(random, drifted: false, ',', quote: false)).Append('\n');
    var writer = new SnapshotWriter(store.Factory, new IngestLimits(), TimeProvider.System, audit);
    var ingest = await writer.IngestAsync("bench-customers", new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())),
        new IngestOptions { Source = "bench", Actor = new Who("bench") });
    if (!ingest.Committed) throw new InvalidOperationException("The ingest committed nothing: " + ingest.Message);
    Console.WriteLine($"training snapshot: {ingest.Snapshot!.TotalRows:N0} rows in {clock.Elapsed.TotalSeconds:0.0} s");

    var model = new ModelVersionRef("bench", "1", "run-1", "runs/run-1/model.zip", new string('a', 64), ingest.Snapshot.Id);
    var deployment = (await deployments.CreateAsync("bench", 1, [DeploymentTarget.Of(model, 100)], new NewKey("default", "h", "tsk_b"), new AuditActor("bench")))!;
    var layout = new PredictionLayout(deployment.Id, "bench/1", "[" + string.Join(',', names.Select(n => $"\"{n}\"")) + "]");
    clock.Restart();
    var spacing = (end - start).TotalMilliseconds / predictions;
    var batch = new List<LoggedPrediction>(10_000);
    var labels = new List<DelayedLabel>();
    for (var i = 0; i < predictions; i++)
    {
        var at = start.AddMilliseconds(i * spacing);
        var p = (float)random.NextDouble();
        var inputs = Encoding.UTF8.GetBytes("[" + Row(random, drifted: i >= predictions / 2, ',', quote: true) + "]");
        var row = new LoggedPrediction(layout, Guid.CreateVersion7(at), 1 + random.NextDouble() * 20, inputs, p, p >= 0.5f ? 1 : 0);
        batch.Add(row);
        if (i % 5 == 0) labels.Add(new DelayedLabel(row.Uuid.ToString(), random.NextDouble() < p ? 1 : 0));
        if (batch.Count == batch.Capacity)
        {
            await deployments.WritePredictionsAsync(batch, []);
            batch.Clear();
        }
    }
    if (batch.Count > 0) await deployments.WritePredictionsAsync(batch, []);
    var minutes = Enumerable.Range(0, 30 * 24 * 60).Select(m => new CounterDelta(deployment.Id, start.ToUnixTimeMilliseconds() / 60_000 + m, 25, m % 17 == 0 ? 1 : 0, 0)).ToList();
    foreach (var chunk in minutes.Chunk(5_000)) await deployments.WritePredictionsAsync([], chunk);
    foreach (var chunk in labels.Chunk(DeploymentStore.MaxLabelsPerCall)) await deployments.AddLabelsAsync(deployment, chunk);
    Console.WriteLine($"logged {predictions:N0} predictions, {labels.Count:N0} labels and {minutes.Count:N0} minutes in {clock.Elapsed.TotalSeconds:0.0} s");
}

// The log is dated January 2026: let the roll-up reach that far back.
var options = new MonitoringOptions { RollupDays = 400 };
MonitoringService NewService() => new(deployments, new MonitoringStore(store.Factory), new AlertStore(store.Factory, audit, TimeProvider.System), options, TimeProvider.System);

// Without the roll-up, a first drift call counts the training snapshot and every hour of the range from the log.
var unrolled = NewService();
var cold = args.Contains("--skip-cold") ? 0 : await TimeAsync(() => unrolled.DriftAsync("bench", start, end));
Console.WriteLine($"drift with nothing rolled up (training side and all 720 hours counted from the log): {cold:0} ms");

// The roll-up (a background service in the portal) counts each closed hour once; a running portal does it an hour at a
// time as hours close. Here the whole month's backlog at once, then the cost of one hour.
var rollup = Stopwatch.StartNew();
var hoursSaved = 0;
for (int saved; (saved = (await NewService().RollUpAsync("bench")).Total) > 0;) hoursSaved += saved;
Console.WriteLine($"roll-up of the backlog: {hoursSaved:N0} hour figures, log and drift (720 hours with predictions) in {rollup.Elapsed.TotalSeconds:0.0} s, "
                  + $"{rollup.Elapsed.TotalMilliseconds / 720:0} ms per hour of ~1,400 predictions");

// After a restart: a fresh process's first call (training side counted again, hours read from the table), then warm calls.
var coldService = NewService();
var fresh = await TimeAsync(() => coldService.DriftAsync("bench", start, end));
var report = await coldService.DriftAsync("bench", start, end);
Console.WriteLine($"drift, first call of a fresh process after the roll-up: {fresh:0} ms; verdict {report.Verdict.Worst}: "
                  + string.Join(", ", report.Verdict.Features.Where(f => f.Status != Telco.InsightPortal.Core.Monitoring.DriftStatus.Ok).Select(f => $"{f.Name} {f.Status} PSI {f.Psi:0.00}")));

var warm = coldService;
var drift = new List<double>();
var driftDays = new List<double>();
var scan = new List<double>();
var metrics = new List<double>();
var count = new List<double>();
var storeOnly = new List<double>();
for (var round = 0; round < rounds; round++)
{
    scan.Add(await TimeAsync(() => ScanInputsAsync(store.Factory, deployment.Id)));
    // As the check job asks: a range whose ends are not whole hours, so the half hours at each end are counted afresh.
    drift.Add(await TimeAsync(() => warm.DriftAsync("bench", start.AddMinutes(30), end.AddMinutes(-30))));
    driftDays.Add(await TimeAsync(() => warm.DriftAsync("bench", start, end, TimeSpan.FromDays(1))));
    count.Add(await TimeAsync(() => CountAsync(store.Factory, deployment.Id)));
    metrics.Add(await TimeAsync(() => warm.MetricsAsync("bench", start, end, TimeSpan.FromHours(1))));
    storeOnly.Add(await TimeAsync(() => new MonitoringStore(store.Factory).MetricsAsync(deployment.Id,
        new WindowedRange(start.ToUnixTimeMilliseconds(), end.ToUnixTimeMilliseconds(), 3_600_000))));
    Console.WriteLine($"round {round + 1}/{rounds}: drift {drift[^1]:0} ms (bare input scan {scan[^1]:0} ms, {drift[^1] / scan[^1]:0.00}×), "
                      + $"drift by day {driftDays[^1]:0} ms, metrics 720 h {metrics[^1]:0} ms (its queries alone {storeOnly[^1]:0} ms; bare count {count[^1]:0} ms, {metrics[^1] / count[^1]:0.00}×), load {Load()}");
}
Console.WriteLine($"median: drift {Median(drift):0} ms (goal < 2000), {Median(drift) / Median(scan):0.00}× a bare scan; drift by day {Median(driftDays):0} ms; "
                  + $"metrics {Median(metrics):0} ms (goal < 1000), {Median(metrics) / Median(count):0.00}× a bare count");
return;

string Row(Random r, bool drifted, char separator, bool quote)
{
    var parts = new string[Numeric + Categorical];
    for (var n = 0; n < Numeric; n++)
        parts[n] = (r.NextDouble() * 100 + (drifted && n < 3 ? 25 : 0)).ToString("0.00", CultureInfo.InvariantCulture);
    for (var c = 0; c < Categorical; c++)
    {
        var options = levels[c];
        var pick = drifted && c < 2 && r.NextDouble() < 0.5 ? options[0] : options[r.Next(options.Length)];
        parts[Numeric + c] = quote ? "\"" + pick + "\"" : pick;
    }
    return string.Join(separator, parts);
}

static async Task ScanInputsAsync(IConnectionFactory factory, long id)
{
    await using var c = await factory.OpenAsync();
    await c.ExecuteScalarAsync<long>(new CommandDefinition("SELECT SUM(LENGTH(inputs)) FROM predictions WHERE deployment_id = @Id", new { Id = id }, commandTimeout: 600));
}

static async Task CountAsync(IConnectionFactory factory, long id)
{
    await using var c = await factory.OpenAsync();
    await c.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM predictions WHERE deployment_id = @Id", new { Id = id }, commandTimeout: 600));
    await c.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM deployment_minutes WHERE deployment_id = @Id", new { Id = id }, commandTimeout: 600));
}

static async Task<double> TimeAsync(Func<Task> action)
{
    var watch = Stopwatch.StartNew();
    await action();
    return watch.Elapsed.TotalMilliseconds;
}

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

long Option(string name, long fallback) =>
    Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? long.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
