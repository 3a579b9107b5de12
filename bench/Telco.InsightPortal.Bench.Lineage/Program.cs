using System.Diagnostics;
using System.Globalization;
using System.Text;
using Telco.InsightPortal.Bench.Monitoring;
using Telco.InsightPortal.Core.Audit;
using Telco.InsightPortal.Core.Data.Ingestion;
using Telco.InsightPortal.Core.Lineage;
using Telco.InsightPortal.Core.Registry;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Data.Lineage;
using Telco.InsightPortal.Data.Store;

// Usage: dotnet run -c Release --project bench/Telco.InsightPortal.Bench.Lineage -- [--postgres] [--predictions 100000]
//        [--noise 200] [--rounds 20]
// Goals (issue 15): the upstream lineage of one prediction, and the downstream impact of a snapshot with 100k predictions
// below it, under 200 ms of server time each. Server time is LineageStore.GraphAsync in process (what the endpoint
// awaits), median of the rounds after one warm-up. Beside the measured chain, --noise other chains (snapshot, run,
// version, deployment) fill the edge table, so the walk cannot win by the table being empty. Always exits 0: it is a report.
var postgres = args.Contains("--postgres");
var predictions = (int)Option("--predictions", 100_000);
var noise = (int)Option("--noise", 200);
var rounds = (int)Option("--rounds", 20);
Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} cores, load {Load()}, {(postgres ? "PostgreSQL" : "SQLite")}, "
                  + $"{predictions:N0} predictions, {noise} other chains");

await using var store = await BenchStore.CreateAsync(postgres);
var audit = new AuditTrail(store.Factory, TimeProvider.System);
var deployments = new DeploymentStore(store.Factory, audit, TimeProvider.System);
var clock = Stopwatch.StartNew();

var csv = new StringBuilder("id,tenure\n");
for (var r = 0; r < 1_000; r++) csv.Append(CultureInfo.InvariantCulture, $"{r},{r % 72}\n");
var ingest = await new SnapshotWriter(store.Factory, new IngestLimits(), TimeProvider.System, audit)
    .IngestAsync("bench-customers", new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), new IngestOptions { Source = "upload:bench.csv", Actor = new Who("bench") });
var snapshot = ingest.Snapshot!.Id;

// The registry and trainer are not run here: their edges are recorded as they would record them.
var edges = new List<LineageEdge>
{
    new(LineageNodeTypes.Snapshot, LineageIds.Number(snapshot), LineageNodeTypes.Run, "run-bench", LineageEdgeKinds.TrainedOn, 1, "bench"),
    new(LineageNodeTypes.Run, "run-bench", LineageNodeTypes.ModelVersion, "bench/1", LineageEdgeKinds.RegisteredAs, 2, "bench"),
    new(LineageNodeTypes.Person, "approver", LineageNodeTypes.ModelVersion, "bench/1", LineageEdgeKinds.ApprovedBy, 3, "approver"),
};
for (var i = 0; i < noise; i++)
{
    var n = LineageIds.Number(i);
    edges.Add(new(LineageNodeTypes.Dataset, "noise", LineageNodeTypes.Snapshot, "9" + n, LineageEdgeKinds.SnapshotOf, 1, "bench"));
    edges.Add(new(LineageNodeTypes.Snapshot, "9" + n, LineageNodeTypes.Run, "noise-" + n, LineageEdgeKinds.TrainedOn, 1, "bench"));
    edges.Add(new(LineageNodeTypes.Run, "noise-" + n, LineageNodeTypes.ModelVersion, "noise/" + n, LineageEdgeKinds.RegisteredAs, 1, "bench"));
    edges.Add(new(LineageNodeTypes.ModelVersion, "noise/" + n, LineageNodeTypes.Deployment, "noise-" + n, LineageEdgeKinds.DeployedAs, 1, "bench"));
}
await using (var write = await store.Factory.BeginWriteAsync())
{
    foreach (var edge in edges) await LineageRecorder.RecordAsync(write.Connection, write.Transaction, edge, CancellationToken.None);
    await write.CommitAsync();
}

var model = new ModelVersionRef("bench", "1", "run-bench", "runs/run-bench/model.zip", new string('a', 64), snapshot);
var deployment = (await deployments.CreateAsync("bench", 1, [DeploymentTarget.Of(model, 100)], new NewKey("default", "h", "tsk_b"), new AuditActor("bench")))!;
var layout = new PredictionLayout(deployment.Id, "bench/1", """["id","tenure"]""");
var start = DateTimeOffset.UtcNow.AddDays(-1);
var random = new Random(5);
var batch = new List<LoggedPrediction>(10_000);
var uuids = new List<Guid>(predictions);
for (var i = 0; i < predictions; i++)
{
    var p = (float)random.NextDouble();
    var row = new LoggedPrediction(layout, Guid.CreateVersion7(start.AddMilliseconds(i * 500)), 3, Encoding.UTF8.GetBytes($"[{i},{i % 72}]"), p, p >= 0.5f ? 1 : 0);
    uuids.Add(row.Uuid);
    batch.Add(row);
    if (batch.Count == batch.Capacity)
    {
        await deployments.WritePredictionsAsync(batch, []);
        batch.Clear();
    }
}
if (batch.Count > 0) await deployments.WritePredictionsAsync(batch, []);
Console.WriteLine($"set up {edges.Count:N0} edges, 1 deployment, {predictions:N0} predictions in {clock.Elapsed.TotalSeconds:0.0} s");

var lineage = new LineageStore(store.Factory, new LineageOptions());
var probe = uuids[uuids.Count / 2].ToString();
var upstream = await TimeAsync(() => lineage.GraphAsync(LineageNodeTypes.Prediction, probe, LineageDirection.Upstream, 10));
var impact = await TimeAsync(() => lineage.GraphAsync(LineageNodeTypes.Snapshot, LineageIds.Number(snapshot), LineageDirection.Downstream, 10));
Console.WriteLine($"upstream of a prediction: {upstream.Median:0.0} ms median, {upstream.Max:0.0} ms max ({upstream.Graph.Nodes.Count} nodes: "
                  + string.Join(", ", upstream.Graph.Nodes.Select(n => n.Key)) + ")");
var group = impact.Graph.Nodes.Single(n => n.Group);
Console.WriteLine($"impact of the snapshot: {impact.Median:0.0} ms median, {impact.Max:0.0} ms max ({impact.Graph.Nodes.Count} nodes, "
                  + $"{group.Count:N0} predictions counted)");
Console.WriteLine($"goal < 200 ms each: {(upstream.Median < 200 && impact.Median < 200 ? "met" : "NOT met")}; load {Load()}");

async Task<(double Median, double Max, LineageGraph Graph)> TimeAsync(Func<Task<LineageGraph?>> ask)
{
    var graph = await ask() ?? throw new InvalidOperationException("The node is unknown.");
    var times = new List<double>();
    for (var i = 0; i < rounds; i++)
    {
        var watch = Stopwatch.StartNew();
        graph = (await ask())!;
        times.Add(watch.Elapsed.TotalMilliseconds);
    }
    return (times.Order().ElementAt(times.Count / 2), times.Max(), graph);
}

static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

long Option(string name, long fallback) =>
    Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? long.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
