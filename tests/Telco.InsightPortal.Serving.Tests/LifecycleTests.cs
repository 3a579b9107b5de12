using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Telco.InsightPortal.Serving.Tests;

/// <summary>Stop, start and scale through the management API, and what scoring answers meanwhile.</summary>
[Collection(nameof(ServingCollection))]
public sealed class LifecycleTests(TrainedModels models)
{
    [Fact]
    public async Task AStoppedDeploymentAnswers503EverywhereAndScoresAgainOnceStarted()
    {
        await using var host = await ServingHost.CreateAsync(models);
        var client = host.Client(await host.DeployAsync("churn-pause"));
        var body = Payloads.DataframeSplit(models.Schema, models.Rows.Take(2));
        var before = await RevisionAsync(host, "churn-pause");

        var stop = await host.Scientist.PostAsync("/api/v1/deployments/churn-pause/stop", null);
        var stopped = JsonDocument.Parse(await stop.Content.ReadAsStringAsync()).RootElement;
        var invocations = await client.PostAsync("/serving/churn-pause/invocations", ServingHost.Json(body));
        var explain = await client.PostAsync("/serving/churn-pause/explain", ServingHost.Json(body));
        var schema = await client.GetAsync("/serving/churn-pause/schema");
        var ping = await host.Client(null).GetAsync("/serving/churn-pause/ping");
        var health = await host.Client(null).GetAsync("/serving/churn-pause/health");
        var start = await host.Scientist.PostAsync("/api/v1/deployments/churn-pause/start", null);
        var started = JsonDocument.Parse(await start.Content.ReadAsStringAsync()).RootElement;
        var scoredAgain = await client.PostAsync("/serving/churn-pause/invocations", ServingHost.Json(body));
        var pingAgain = await host.Client(null).GetAsync("/serving/churn-pause/ping");

        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        Assert.Equal("stopped", stopped.GetProperty("status").GetString());
        Assert.Equal(before + 1, stopped.GetProperty("revision").GetInt64());
        foreach (var refused in new[] { invocations, explain, schema, ping })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            var error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("TEMPORARILY_UNAVAILABLE", error.GetProperty("error_code").GetString());
            Assert.Equal("Deployment 'churn-pause' is stopped.", error.GetProperty("message").GetString());
        }
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("stopped", JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        Assert.Equal("active", started.GetProperty("status").GetString());
        Assert.Equal(before + 2, started.GetProperty("revision").GetInt64());
        Assert.Equal(HttpStatusCode.OK, scoredAgain.StatusCode);
        Assert.Equal(2, Payloads.Probabilities(await scoredAgain.Content.ReadAsStringAsync()).Length);
        Assert.Equal(HttpStatusCode.OK, pingAgain.StatusCode);
        Assert.Equal([("deployment.stop", "dora", "stopped"), ("deployment.start", "dora", "active")],
            (await AuditAsync(host, "churn-pause")).Select(a => (a.Action, a.Actor, Status(a.Details))));
    }

    [Fact]
    public async Task ScalingUnderConcurrentLoadFailsNoRequest()
    {
        await using var host = await ServingHost.CreateAsync(models);
        var client = host.Client(await host.DeployAsync("churn-scale", enginesPerProcess: 2));
        var single = Payloads.DataframeSplit(models.Schema, models.Rows.Take(1));
        var failures = new List<string>();
        var scored = 0;
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var response = await client.PostAsync("/serving/churn-scale/invocations", ServingHost.Json(single));
                lock (failures)
                {
                    if (response.StatusCode == HttpStatusCode.OK) scored++;
                    else failures.Add($"{(int)response.StatusCode} {response.Content.ReadAsStringAsync().Result}");
                }
            }
        })).ToList();
        var outcomes = new List<HttpStatusCode>();

        foreach (var enginesPerProcess in new[] { 8, 1, 16, 3, 64, 2 })
            outcomes.Add((await host.Scientist.PostAsJsonAsync("/api/v1/deployments/churn-scale/scale", new { enginesPerProcess })).StatusCode);
        await stop.CancelAsync();
        await Task.WhenAll(load);
        var health = JsonDocument.Parse(await host.Client(null).GetStringAsync("/serving/churn-scale/health")).RootElement;

        Assert.Empty(failures);
        Assert.True(scored > 0);
        Assert.All(outcomes, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(2, health.GetProperty("enginesPerProcess").GetInt32());
        Assert.Equal("serving", health.GetProperty("status").GetString());
        Assert.Equal(6, (await AuditAsync(host, "churn-scale")).Count(a => a.Action == "deployment.scale"));
    }

    [Fact]
    public async Task BadLifecycleRequestsGetTheirReasonAndChangeNothing()
    {
        await using var host = await ServingHost.CreateAsync(models);
        await host.DeployAsync("churn-bad", enginesPerProcess: 2);
        var revision = await RevisionAsync(host, "churn-bad");

        async Task<(HttpStatusCode Status, string Body)> Post(string path, HttpContent? content = null)
        {
            var r = await host.Scientist.PostAsync("/api/v1/deployments/" + path, content);
            return (r.StatusCode, await r.Content.ReadAsStringAsync());
        }

        var unknownStop = await Post("no-such/stop");
        var unknownStart = await Post("no-such/start");
        var unknownScale = await Post("no-such/scale", ServingHost.Json("""{"enginesPerProcess":2}"""));
        var startActive = await Post("churn-bad/start");
        var noBody = await Post("churn-bad/scale");
        var noEngines = await Post("churn-bad/scale", ServingHost.Json("{}"));
        var zero = await Post("churn-bad/scale", ServingHost.Json("""{"enginesPerProcess":0}"""));
        var tooMany = await Post("churn-bad/scale", ServingHost.Json("""{"enginesPerProcess":65}"""));
        var words = await Post("churn-bad/scale", ServingHost.Json("""{"enginesPerProcess":"four"}"""));
        var fraction = await Post("churn-bad/scale", ServingHost.Json("""{"enginesPerProcess":2.5}"""));
        var malformed = await Post("churn-bad/scale", ServingHost.Json("""{"enginesPerProcess":"""));
        var same = await Post("churn-bad/scale", ServingHost.Json("""{"enginesPerProcess":2}"""));
        var conflicting = await Post("churn-bad/scale", ServingHost.Json("""{"enginesPerProcess":3,"replicas":4}"""));
        var unchanged = await RevisionAsync(host, "churn-bad");
        var firstStop = await Post("churn-bad/stop");
        var secondStop = await Post("churn-bad/stop");
        var redeployStopped = await host.Scientist.PostAsJsonAsync("/api/v1/deployments/churn-bad/redeploy", new { version = "2" });

        Assert.Equal((HttpStatusCode.NotFound, true), (unknownStop.Status, unknownStop.Body.Contains("No deployment named 'no-such'")));
        Assert.Equal(HttpStatusCode.NotFound, unknownStart.Status);
        Assert.Equal(HttpStatusCode.NotFound, unknownScale.Status);
        Assert.Equal((HttpStatusCode.Conflict, true), (startActive.Status, startActive.Body.Contains("'churn-bad' is already started")));
        foreach (var (status, text) in new[] { noBody, noEngines, zero, tooMany })
            Assert.Equal((HttpStatusCode.BadRequest, true), (status, text.Contains("'enginesPerProcess' is required: a whole number between 1 and 64.")));
        foreach (var (status, text) in new[] { words, fraction })
            Assert.Equal((HttpStatusCode.BadRequest, true), (status, text.Contains("($.enginesPerProcess): a value has the wrong type")));
        Assert.Equal((HttpStatusCode.BadRequest, true), (malformed.Status, malformed.Body.Contains("Malformed JSON in the request body at line 1")));
        Assert.Equal((HttpStatusCode.Conflict, true), (same.Status, same.Body.Contains("already has 2 engine(s) per process")));
        Assert.Equal((HttpStatusCode.BadRequest, true), (conflicting.Status, conflicting.Body.Contains("'replicas' is the deprecated name of 'enginesPerProcess'")));
        Assert.Equal(revision, unchanged);
        Assert.Equal(HttpStatusCode.OK, firstStop.Status);
        Assert.Equal((HttpStatusCode.Conflict, true), (secondStop.Status, secondStop.Body.Contains("'churn-bad' is already stopped")));
        Assert.Equal(HttpStatusCode.Conflict, redeployStopped.StatusCode);
        Assert.Contains("is stopped; start it before", await redeployStopped.Content.ReadAsStringAsync());
        Assert.Equal(["deployment.stop"], (await AuditAsync(host, "churn-bad")).Select(a => a.Action));
        Assert.Equal(revision + 1, await RevisionAsync(host, "churn-bad"));
    }

    [Fact]
    public async Task AStoppedDeploymentScaledMeanwhileStartsWithTheNewSize()
    {
        await using var host = await ServingHost.CreateAsync(models);
        var client = host.Client(await host.DeployAsync("churn-resize", enginesPerProcess: 1));

        await host.Scientist.PostAsync("/api/v1/deployments/churn-resize/stop", null);
        var scaled = await host.Scientist.PostAsJsonAsync("/api/v1/deployments/churn-resize/scale", new { enginesPerProcess = 5 });
        var stillStopped = await host.Client(null).GetAsync("/serving/churn-resize/ping");
        await host.Scientist.PostAsync("/api/v1/deployments/churn-resize/start", null);
        var health = JsonDocument.Parse(await host.Client(null).GetStringAsync("/serving/churn-resize/health")).RootElement;
        var scored = await client.PostAsync("/serving/churn-resize/invocations", ServingHost.Json(Payloads.DataframeSplit(models.Schema, models.Rows.Take(1))));

        Assert.Equal(HttpStatusCode.OK, scaled.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, stillStopped.StatusCode);
        Assert.Equal(5, health.GetProperty("enginesPerProcess").GetInt32());
        Assert.Equal(HttpStatusCode.OK, scored.StatusCode);
    }

    [Fact]
    public async Task TheDeprecatedReplicasFieldStillSetsTheEnginesPerProcessForOneRelease()
    {
        await using var host = await ServingHost.CreateAsync(models);

        var created = await host.Scientist.PostAsJsonAsync("/api/v1/deployments", new { name = "churn-old", model = TrainedModels.Model, version = "1", replicas = 3 });
        var afterCreate = JsonDocument.Parse(await host.Scientist.GetStringAsync("/api/v1/deployments/churn-old")).RootElement.GetProperty("enginesPerProcess").GetInt32();
        var scaled = await host.Scientist.PostAsJsonAsync("/api/v1/deployments/churn-old/scale", new { replicas = 4 });
        var afterScale = JsonDocument.Parse(await host.Scientist.GetStringAsync("/api/v1/deployments/churn-old")).RootElement.GetProperty("enginesPerProcess").GetInt32();
        var pools = host.Portal.Services.GetRequiredService<Serving.Deployments.ServingRegistry>().Find("churn-old")!.Targets.Select(t => t.Version.PoolSize);

        Assert.Equal((HttpStatusCode.Created, 3), (created.StatusCode, afterCreate));
        Assert.Equal((HttpStatusCode.OK, 4), (scaled.StatusCode, afterScale));
        Assert.Equal([4], pools);
    }

    private static async Task<long> RevisionAsync(ServingHost host, string name) =>
        JsonDocument.Parse(await host.Scientist.GetStringAsync("/api/v1/deployments/" + name)).RootElement.GetProperty("revision").GetInt64();

    /// <summary>The deployment's audit entries after its creation (and its keys'), oldest first, read from the store itself.</summary>
    private static async Task<List<(string Action, string Actor, string Details)>> AuditAsync(ServingHost host, string name)
    {
        await using var c = await host.Portal.Store.Factory.OpenAsync();
        return (await c.QueryAsync<(string, string, string)>(
            "SELECT action, actor, details FROM audit_entries WHERE target_id = @Name AND action NOT IN ('deployment.create', 'deployment.key.create') AND outcome = 'success' ORDER BY seq",
            new { Name = name })).ToList();
    }

    private static string Status(string details) => JsonDocument.Parse(details).RootElement.GetProperty("to").GetProperty("status").GetString()!;
}
