using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.TestSupport;

namespace Telco.InsightPortal.Serving.Tests;

/// <summary>
/// Replicas as the README runs them: separate OS processes of the standalone serving host (<see cref="ServingProcess"/>),
/// on the portal's store and artifact root, following changes made in the portal (which hosts serving too, in-process).
/// </summary>
[Collection(nameof(ServingCollection))]
public sealed class StandaloneReplicaTests(TrainedModels models, ITestOutputHelper output)
{
    private const double PollSeconds = 0.2;
    private const double KeyCacheSeconds = 1;
    /// <summary>What a loaded 2-core machine may add to a poll or a cache lifetime: loading and warming a model, a
    /// store round trip, a request queued behind the test's other work.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task TwoServingProcessesOnPostgresServeLogAndFollowARedeployAndAKeyRevocation()
    {
        await using var host = await ServingHost.CreateAsync(models, provider: StoreProvider.Postgres);
        var key = await host.DeployAsync("churn-remote");
        await using var first = await ServingProcess.StartAsync(Settings(host));
        await using var second = await ServingProcess.StartAsync(Settings(host));
        var replicas = new[] { first, second };
        var clients = replicas.Select(r => r.Client(key)).ToArray();
        var body = Payloads.DataframeSplit(models.Schema, models.Rows.Take(3));
        foreach (var (replica, client) in replicas.Zip(clients))
            await UntilAsync(async () => (await client.GetAsync("/serving/ready")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(60), replica);
        var store = host.Portal.Services.GetRequiredService<DeploymentStore>();
        var deployment = (await store.GetAsync("churn-remote"))!;

        var scored = await Task.WhenAll(clients.Select(c => ScoreAsync(c, body)));
        var uuids = scored.SelectMany(s => s.Uuids).ToHashSet();
        var logged = await WaitForAsync(() => store.PredictionsAsync(deployment, 0, long.MaxValue, 100), l => uuids.IsSubsetOf(l.Select(p => p.Uuid)));
        var redeploy = await host.Scientist.PostAsJsonAsync("/api/v1/deployments/churn-remote/redeploy", new { version = "2" });
        var followedRedeploy = await Task.WhenAll(replicas.Zip(clients).Select(r =>
            ElapsedUntilAsync(async () => (await ScoreAsync(r.Second, body)).Version == "churn/2", TimeSpan.FromSeconds(PollSeconds) + Slack, r.First)));
        var keyId = (await store.KeysAsync(deployment)).Single(k => key.StartsWith(k.Prefix, StringComparison.Ordinal)).Id;
        var revoke = await host.Scientist.DeleteAsync($"/api/v1/deployments/churn-remote/keys/{keyId}");
        var followedRevocation = await Task.WhenAll(replicas.Zip(clients).Select(r =>
            ElapsedUntilAsync(async () => (await r.Second.PostAsync("/serving/churn-remote/invocations", ServingHost.Json(body))).StatusCode == HttpStatusCode.Unauthorized,
                TimeSpan.FromSeconds(KeyCacheSeconds) + Slack, r.First)));
        output.WriteLine($"Redeploy served by each process after {string.Join(" / ", followedRedeploy.Select(Seconds))}; " +
                         $"revocation refused after {string.Join(" / ", followedRevocation.Select(Seconds))}.");

        Assert.NotEqual(first.ProcessId, second.ProcessId);
        Assert.All(scored, s => Assert.Equal(("churn/1", 3), (s.Version, s.Uuids.Count)));
        Assert.Equal(6, uuids.Count);
        // Rows from both processes reached the store through their own log writers.
        Assert.All(scored, s => Assert.Subset(logged.Select(p => p.Uuid).ToHashSet(), s.Uuids.ToHashSet()));
        Assert.Equal(HttpStatusCode.OK, redeploy.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
    }

    [Fact]
    public async Task AServingProcessFollowsAStopAScaleAndAStartMadeInThePortal()
    {
        var provider = Environment.GetEnvironmentVariable("TELCO_TEST_POSTGRES") is { Length: > 0 } ? StoreProvider.Postgres : StoreProvider.Sqlite;
        await using var host = await ServingHost.CreateAsync(models, provider: provider);
        var key = await host.DeployAsync("churn-paused", enginesPerProcess: 2);
        await using var replica = await ServingProcess.StartAsync(Settings(host));
        var client = replica.Client(key);
        var body = Payloads.DataframeSplit(models.Schema, models.Rows.Take(1));
        await UntilAsync(async () => (await client.GetAsync("/serving/ready")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(60), replica);
        var before = await client.PostAsync("/serving/churn-paused/invocations", ServingHost.Json(body));

        await host.Scientist.PostAsync("/api/v1/deployments/churn-paused/stop", null);
        await UntilAsync(async () => (await client.GetAsync("/serving/churn-paused/ping")).StatusCode == HttpStatusCode.ServiceUnavailable, Slack, replica);
        var whileStopped = await client.PostAsync("/serving/churn-paused/invocations", ServingHost.Json(body));
        var health = await (await client.GetAsync("/serving/churn-paused/health")).Content.ReadAsStringAsync();
        await host.Scientist.PostAsJsonAsync("/api/v1/deployments/churn-paused/scale", new { enginesPerProcess = 3 });
        await host.Scientist.PostAsync("/api/v1/deployments/churn-paused/start", null);
        await UntilAsync(async () => (await client.GetAsync("/serving/churn-paused/ping")).StatusCode == HttpStatusCode.OK, Slack, replica);
        var after = await client.PostAsync("/serving/churn-paused/invocations", ServingHost.Json(body));
        var engines = JsonDocument.Parse(await client.GetStringAsync("/serving/churn-paused/health")).RootElement.GetProperty("enginesPerProcess").GetInt32();
        var metrics = await client.GetStringAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, whileStopped.StatusCode);
        Assert.Contains("TEMPORARILY_UNAVAILABLE", await whileStopped.Content.ReadAsStringAsync());
        Assert.Equal("stopped", JsonDocument.Parse(health).RootElement.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(3, engines);
        Assert.Contains("telco_serving_engines_per_process{deployment=\"churn-paused\"} 3", metrics);
    }

    /// <summary>A replica's settings, as an operator would pass them: the portal's store and artifact root, and short
    /// poll and key-cache intervals so the test's deadlines stay short.</summary>
    private IReadOnlyDictionary<string, string> Settings(ServingHost host) => new Dictionary<string, string>
    {
        ["Serving:Store:Provider"] = host.Portal.Store.Provider.ToString(),
        ["Serving:Store:ConnectionString"] = host.Portal.Store.ConnectionString,
        ["Serving:ArtifactRoot"] = models.Root,
        ["Serving:PollSeconds"] = PollSeconds.ToString(CultureInfo.InvariantCulture),
        ["Serving:KeyCacheSeconds"] = KeyCacheSeconds.ToString(CultureInfo.InvariantCulture),
        ["Serving:LogGatherMilliseconds"] = "50",
    };

    private sealed record Scored(string Version, IReadOnlyList<string> Uuids);

    /// <summary>Every request must succeed; the version it reports may change as the process polls.</summary>
    private static async Task<Scored> ScoreAsync(HttpClient client, string body)
    {
        var response = await client.PostAsync("/serving/churn-remote/invocations", ServingHost.Json(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var predictions = JsonDocument.Parse(text).RootElement.GetProperty("predictions").EnumerateArray().ToList();
        return new Scored(predictions[0].GetProperty("modelVersion").GetString()!, [.. predictions.Select(p => p.GetProperty("uuid").GetString()!)]);
    }

    /// <summary>Processes poll the store on their own schedule: wait for them with a deadline, not a sleep.</summary>
    private static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan within, ServingProcess replica) =>
        await ElapsedUntilAsync(condition, within, replica);

    private static async Task<TimeSpan> ElapsedUntilAsync(Func<Task<bool>> condition, TimeSpan within, ServingProcess replica)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < within, $"Serving process {replica.ProcessId} did not get there within {within.TotalSeconds:0.#} s:\n{replica.Output}");
            await Task.Delay(50);
        }
        return clock.Elapsed;
    }

    /// <summary>The log writers gather for a moment before each batch; wait for the rows with a deadline.</summary>
    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value) || clock.Elapsed > Slack) return value;
            await Task.Delay(50);
        }
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";
}
