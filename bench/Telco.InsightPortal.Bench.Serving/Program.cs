using System.Diagnostics;
using System.Net.Http.Headers;
using Telco.InsightPortal.Bench.Serving;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.Ml.Artifacts;
using Telco.InsightPortal.Ml.Scoring;
using Telco.InsightPortal.Serving.Deployments;
using Telco.InsightPortal.Serving.Logging;

// Usage: dotnet run -c Release --project bench/Telco.InsightPortal.Bench.Serving -- [--seconds 10] [--concurrency 16] [--rounds 2]
//        [--gather 200] (log writer gather ms) [--writer] (also time the prediction log writer alone)
//        [--only single|batch|redeploy] (run one part)
// Everything runs in this one process on loopback: baseline and serving take turns under the same load generator.
var seconds = Option("--seconds", 10);
var concurrency = Option("--concurrency", 16);
var rounds = Option("--rounds", 2);
var gather = Option("--gather", 200);
var warmup = TimeSpan.FromSeconds(3);
var duration = TimeSpan.FromSeconds(seconds);
var only = Array.IndexOf(args, "--only") is var o and >= 0 && o + 1 < args.Length ? args[o + 1] : null;
bool Runs(string part) => only is null || only == part;

var dir = Path.Combine(Path.GetTempPath(), "telco-bench-serving-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(dir);
try
{
    Console.WriteLine($"Training bench models in {dir} …");
    var models = await BenchModels.TrainAsync(Path.Combine(dir, "artifacts"));
    foreach (var name in new[] { "logged", "unlogged" })
    {
        Directory.CreateDirectory(Path.Combine(dir, name));
        await new MigrationRunner(new SqliteConnectionFactory($"Data Source={Path.Combine(dir, name, "portal.db")}")).ApplyAsync();
    }
    await using var logged = await ServingBenchHost.StartAsync(Path.Combine(dir, "logged"), models, logPredictions: true, gather);
    await using var unlogged = await ServingBenchHost.StartAsync(Path.Combine(dir, "unlogged"), models, logPredictions: false);
    var loggedKey = await logged.DeployAsync("bench", "1", enginesPerProcess: Environment.ProcessorCount * 2);
    var unloggedKey = await unlogged.DeployAsync("bench", "1", enginesPerProcess: Environment.ProcessorCount * 2);

    using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan }) { Timeout = TimeSpan.FromSeconds(30) };
    var single = ScoringPayloads.DataframeSplit(models, [models.Rows[0]]);
    var batch = ScoringPayloads.DataframeSplit(models, models.Rows.Take(1000));
    var answer = await PostAsync(http, logged.Url, loggedKey, single);
    await using var baseline = await BaselineServer.StartAsync(answer);
    Console.WriteLine($"Single-row body {single.Length} B, answer {answer.Length} B (the baseline answers the same bytes); " +
                      $"{concurrency} connections, {seconds} s per phase after {warmup.TotalSeconds} s warm-up, {Environment.ProcessorCount} cores.");

    if (args.Contains("--writer"))
    {
        var store = logged.Store;
        var deploymentId = (await store.GetAsync("bench"))!.Id;
        var layout = new Telco.InsightPortal.Data.Deployments.PredictionLayout(deploymentId, "churn/1",
            System.Text.Json.JsonSerializer.Serialize(models.Features.Select(c => c.Name)));
        var inputs = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(models.Features.Select(c => models.Rows[0][c.Ordinal]));
        for (var pass = 0; pass < 3; pass++)
        {
            var sw = Stopwatch.StartNew();
            for (var b = 0; b < 50; b++)
            {
                var batchRecords = Enumerable.Range(0, 1000)
                    .Select(i => new Telco.InsightPortal.Data.Deployments.LoggedPrediction(layout, Guid.CreateVersion7(), 1, inputs, 0.5f, 0)).ToList();
                await store.WritePredictionsAsync(batchRecords, []);
            }
            Console.WriteLine($"writer alone: {50_000 / sw.Elapsed.TotalSeconds:N0} predictions/s ({inputs.Length} B of inputs each)");
        }
    }

    // Both servers run the same code in this process: without a first pass over each, that code would reach its
    // optimised (tier-1) form during whichever measured phase came first, at that phase's expense.
    foreach (var (url, key) in new[] { (baseline.Url + "/invocations", (string?)null), (logged.Url + "/serving/bench/invocations", loggedKey), (unlogged.Url + "/serving/bench/invocations", unloggedKey) })
        await LoadGenerator.RunAsync(Sender(http, url, key, single), concurrency, TimeSpan.Zero, warmup);
    await logged.DrainLogAsync();

    Console.WriteLine("\n1. Single-row /invocations vs a constant-JSON Kestrel endpoint");
    for (var round = 1; round <= rounds && Runs("single"); round++)
    {
        var b = await LoadGenerator.RunAsync(Sender(http, baseline.Url + "/invocations", null, single), concurrency, warmup, duration);
        var (writerBefore, loggedBefore) = (ThreadCpu.Of(PredictionLogWriter.ThreadName), (await logged.Store.GetAsync("bench"))!.Requests);
        var on = await LoadGenerator.RunAsync(Sender(http, logged.Url + "/serving/bench/invocations", loggedKey, single), concurrency, warmup, duration);
        await logged.DrainLogAsync();
        var writerMicroseconds = (ThreadCpu.Of(PredictionLogWriter.ThreadName) - writerBefore).TotalMicroseconds / Math.Max(1, (await logged.Store.GetAsync("bench"))!.Requests - loggedBefore);
        var off = await LoadGenerator.RunAsync(Sender(http, unlogged.Url + "/serving/bench/invocations", unloggedKey, single), concurrency, warmup, duration);
        Console.WriteLine($"  round {round} baseline      {b}");
        Console.WriteLine($"  round {round} logging on    {on}");
        Console.WriteLine($"  round {round} logging off   {off}");
        Console.WriteLine($"  round {round} → throughput {on.PerSecond / b.PerSecond:P0} of baseline (logging on), {off.PerSecond / b.PerSecond:P0} (off); " +
                          $"p99 {on.P99Ms / b.P99Ms:F2}× baseline (on), {off.P99Ms / b.P99Ms:F2}× (off); logging costs {1 - on.PerSecond / off.PerSecond:P0} " +
                          $"(CPU per request +{on.CpuMicroseconds / off.CpuMicroseconds - 1:P0}); " +
                          $"dropped {logged.Log.Dropped}; the writer thread used {writerMicroseconds:F1} µs of CPU per logged prediction");
    }

    Console.WriteLine("\n2. 1,000-row batches: /invocations rows/s vs a bare in-process Transform of the same rows with the same model");
    var loaded = new ModelLoader(models.Root).Load(models["1"].ModelPath, models["1"].Sha256);
    var scorer = new ChurnScorer(loaded.Model, models.Schema);
    var rows = models.Rows.Take(1000).ToList();
    for (var round = 1; round <= rounds && Runs("batch"); round++)
    {
        var bare = await BareTransformAsync(scorer, rows, Environment.ProcessorCount, warmup, duration);
        var on = await LoadGenerator.RunAsync(Sender(http, logged.Url + "/serving/bench/invocations", loggedKey, batch), Environment.ProcessorCount * 2, warmup, duration);
        await logged.DrainLogAsync();
        var off = await LoadGenerator.RunAsync(Sender(http, unlogged.Url + "/serving/bench/invocations", unloggedKey, batch), Environment.ProcessorCount * 2, warmup, duration);
        Console.WriteLine($"  round {round} bare Transform {bare:N0} rows/s; endpoint {on.PerSecond * 1000:N0} rows/s logging on " +
                          $"({on.PerSecond * 1000 / bare:P0}), {off.PerSecond * 1000:N0} rows/s off ({off.PerSecond * 1000 / bare:P0}); failures {on.Failures + off.Failures}");
    }

    if (!Runs("redeploy")) return;
    Console.WriteLine("\n3. Redeploy under load: 20 redeploys (5 to broken versions), single-row load on 8 connections, logging on");
    using var stop = new CancellationTokenSource();
    var load = LoadGenerator.RunAsync(Sender(http, logged.Url + "/serving/bench/invocations", loggedKey, single), 8, TimeSpan.Zero, TimeSpan.FromMinutes(10), stop.Token);
    string[] plan = ["2", "1", "broken-hash", "2", "1", "2", "broken-missing", "1", "2", "1", "broken-hash", "2", "1", "2", "broken-missing", "1", "2", "broken-hash", "1", "2"];
    int good = 0, refused = 0, wrong = 0;
    var clock = Stopwatch.StartNew();
    foreach (var version in plan)
    {
        await Task.Delay(250);
        try
        {
            await logged.Deployments.RedeployAsync("bench", version, null, AuditActor.System);
            if (version.StartsWith("broken", StringComparison.Ordinal)) wrong++; else good++;
        }
        catch (DeploymentException e)
        {
            if (version.StartsWith("broken", StringComparison.Ordinal)) refused++; else { wrong++; Console.WriteLine($"  redeploy to {version} failed: {e.Message}"); }
        }
    }
    await Task.Delay(500);
    stop.Cancel();
    var underLoad = await load;
    Console.WriteLine($"  {plan.Length} redeploys in {clock.Elapsed.TotalSeconds:F1} s: {good} swapped, {refused} broken versions refused " +
                      $"(old version kept serving), {wrong} unexpected; requests {underLoad.Requests:N0}, failed {underLoad.Failures}" +
                      (underLoad.FirstFailure is null ? "" : $" (first: {underLoad.FirstFailure})"));
}
finally
{
    try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
}

static Func<CancellationToken, Task<string?>> Sender(HttpClient http, string url, string? key, byte[] body) => async ct =>
{
    using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
    if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
    using var response = await http.SendAsync(request, ct);
    var bytes = await response.Content.ReadAsByteArrayAsync(ct);
    return response.IsSuccessStatusCode ? null : $"{(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(bytes)}";
};

static async Task<byte[]> PostAsync(HttpClient http, string url, string key, byte[] body)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, url + "/serving/bench/invocations") { Content = new ByteArrayContent(body) };
    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
    using var response = await http.SendAsync(request);
    var bytes = await response.Content.ReadAsByteArrayAsync();
    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Scoring failed: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(bytes)}");
    return bytes;
}

// The same rows, the same model, one Transform per 1,000 rows, on as many threads as cores: what serving could reach
// with no HTTP, JSON or logging at all.
static async Task<double> BareTransformAsync(ChurnScorer scorer, IReadOnlyList<object?[]> rows, int threads, TimeSpan warmup, TimeSpan duration)
{
    await RunAsync(warmup);
    return await RunAsync(duration);

    async Task<double> RunAsync(TimeSpan span)
    {
        var clock = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, threads).Select(_ => Task.Run(() =>
        {
            long scored = 0;
            while (clock.Elapsed < span) scored += scorer.Score(rows).Length;
            return scored;
        })));
        return counts.Sum() / clock.Elapsed.TotalSeconds;
    }
}

int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
}
