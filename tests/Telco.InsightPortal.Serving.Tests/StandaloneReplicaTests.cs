using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Serving.Tests;

/// <summary>Two standalone serving hosts on their own ports and their own containers, sharing the portal's store
/// (PostgreSQL when TELCO_TEST_POSTGRES is set, SQLite otherwise) and artifact root, follow a redeploy made in the portal.</summary>
[Collection(nameof(ServingCollection))]
public sealed class StandaloneReplicaTests(TrainedModels models)
{
    [Fact]
    public async Task TwoReplicasServeTheDeploymentAndPickUpARedeployMadeInThePortal()
    {
        var provider = Environment.GetEnvironmentVariable("TELCO_TEST_POSTGRES") is { Length: > 0 } ? StoreProvider.Postgres : StoreProvider.Sqlite;
        await using var host = await ServingHost.CreateAsync(models, provider: provider);
        var key = await host.DeployAsync("churn-remote");
        var args = new[]
        {
            "--urls", "http://127.0.0.1:0", "--Serving:Store:Provider", provider.ToString(), "--Serving:Store:ConnectionString", host.Portal.Store.ConnectionString,
            "--Serving:ArtifactRoot", models.Root, "--Serving:PollSeconds", "0.2",
        };
        await using var first = ServingProgram.Build(args);
        await using var second = ServingProgram.Build(args);
        await first.StartAsync();
        await second.StartAsync();
        var clients = new[] { Client(first, key), Client(second, key) };
        var body = Payloads.DataframeSplit(models.Schema, models.Rows.Take(1));
        foreach (var client in clients) await UntilAsync(async () => (await client.GetAsync("/serving/ready")).StatusCode == HttpStatusCode.OK);
        var before = await Task.WhenAll(clients.Select(c => VersionAsync(c, body)));

        var redeploy = await host.Scientist.PostAsJsonAsync("/api/v1/deployments/churn-remote/redeploy", new { version = "2" });
        var after = new List<string>();
        foreach (var client in clients)
        {
            await UntilAsync(async () => await VersionAsync(client, body) == "churn/2");
            after.Add(await VersionAsync(client, body));
        }
        var unauthorised = await new HttpClient { BaseAddress = clients[0].BaseAddress }.PostAsync("/serving/churn-remote/invocations", ServingHost.Json(body));
        await first.StopAsync();
        await second.StopAsync();

        Assert.Equal(["churn/1", "churn/1"], before);
        Assert.Equal(HttpStatusCode.OK, redeploy.StatusCode);
        Assert.Equal(["churn/2", "churn/2"], after);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorised.StatusCode);
    }

    [Fact]
    public async Task AReplicaFollowsAStopAScaleAndAStartMadeInThePortal()
    {
        var provider = Environment.GetEnvironmentVariable("TELCO_TEST_POSTGRES") is { Length: > 0 } ? StoreProvider.Postgres : StoreProvider.Sqlite;
        await using var host = await ServingHost.CreateAsync(models, provider: provider);
        var key = await host.DeployAsync("churn-paused", replicas: 2);
        await using var replica = ServingProgram.Build(
        [
            "--urls", "http://127.0.0.1:0", "--Serving:Store:Provider", provider.ToString(), "--Serving:Store:ConnectionString", host.Portal.Store.ConnectionString,
            "--Serving:ArtifactRoot", models.Root, "--Serving:PollSeconds", "0.2",
        ]);
        await replica.StartAsync();
        var client = Client(replica, key);
        var body = ServingHost.Json(Payloads.DataframeSplit(models.Schema, models.Rows.Take(1)));
        await UntilAsync(async () => (await client.GetAsync("/serving/ready")).StatusCode == HttpStatusCode.OK);
        var before = await client.PostAsync("/serving/churn-paused/invocations", body);

        await host.Scientist.PostAsync("/api/v1/deployments/churn-paused/stop", null);
        await UntilAsync(async () => (await client.GetAsync("/serving/churn-paused/ping")).StatusCode == HttpStatusCode.ServiceUnavailable);
        var whileStopped = await client.PostAsync("/serving/churn-paused/invocations", body);
        var health = await (await client.GetAsync("/serving/churn-paused/health")).Content.ReadAsStringAsync();
        await host.Scientist.PostAsJsonAsync("/api/v1/deployments/churn-paused/scale", new { replicas = 3 });
        await host.Scientist.PostAsync("/api/v1/deployments/churn-paused/start", null);
        await UntilAsync(async () => (await client.GetAsync("/serving/churn-paused/ping")).StatusCode == HttpStatusCode.OK);
        var after = await client.PostAsync("/serving/churn-paused/invocations", body);
        var replicas = JsonDocument.Parse(await client.GetStringAsync("/serving/churn-paused/health")).RootElement.GetProperty("replicas").GetInt32();
        await replica.StopAsync();

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, whileStopped.StatusCode);
        Assert.Contains("TEMPORARILY_UNAVAILABLE", await whileStopped.Content.ReadAsStringAsync());
        Assert.Equal("stopped", JsonDocument.Parse(health).RootElement.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(3, replicas);
    }

    private static HttpClient Client(WebApplication app, string key)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = new HttpClient { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>Every request must succeed; the version it reports may change as the replica polls.</summary>
    private static async Task<string> VersionAsync(HttpClient client, string body)
    {
        var response = await client.PostAsync("/serving/churn-remote/invocations", ServingHost.Json(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("predictions")[0].GetProperty("modelVersion").GetString()!;
    }

    /// <summary>Replicas poll the store on their own schedule: wait for them with a deadline, not a sleep.</summary>
    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The replica did not get there within 30 s.");
            await Task.Delay(100);
        }
    }
}
