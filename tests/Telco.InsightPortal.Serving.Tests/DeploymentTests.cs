using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Telco.InsightPortal.Serving.Tests;

[Collection(nameof(ServingCollection))]
public sealed class DeploymentTests(TrainedModels models)
{
    [Fact]
    public async Task RedeploysUnderConcurrentLoadFailNoRequestAndBrokenVersionsLeaveTheOldOneServing()
    {
        await using var host = await ServingHost.CreateAsync(models);
        var client = host.Client(await host.DeployAsync("churn-live", enginesPerProcess: 4));
        var body = Payloads.DataframeSplit(models.Schema, models.Rows.Take(2));
        var failures = new List<string>();
        var seen = new HashSet<string>();
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var response = await client.PostAsync("/serving/churn-live/invocations", ServingHost.Json(body));
                var text = await response.Content.ReadAsStringAsync();
                lock (failures)
                {
                    if (response.StatusCode != HttpStatusCode.OK) failures.Add($"{(int)response.StatusCode} {text}");
                    else seen.Add(JsonDocument.Parse(text).RootElement.GetProperty("predictions")[0].GetProperty("modelVersion").GetString()!);
                }
            }
        })).ToList();
        var outcomes = new List<(string Version, HttpStatusCode Status, string Body)>();

        foreach (var version in new[] { "2", "3-tampered", "1", "4-missing", "2", "1" })
        {
            var response = await host.Scientist.PostAsJsonAsync("/api/v1/deployments/churn-live/redeploy", new { version });
            outcomes.Add((version, response.StatusCode, await response.Content.ReadAsStringAsync()));
        }
        await stop.CancelAsync();
        await Task.WhenAll(load);
        var state = JsonDocument.Parse(await host.Scientist.GetStringAsync("/api/v1/deployments/churn-live")).RootElement;

        Assert.Empty(failures);
        Assert.Equal(new[] { "churn/1", "churn/2" }, seen.Order());
        Assert.All(outcomes.Where(o => !o.Version.Contains('-')), o => Assert.Equal(HttpStatusCode.OK, o.Status));
        Assert.Contains("does not match its recorded SHA-256", outcomes.Single(o => o.Version == "3-tampered").Body);
        Assert.Contains("does not exist", outcomes.Single(o => o.Version == "4-missing").Body);
        Assert.All(outcomes.Where(o => o.Version.Contains('-')), o => Assert.Equal(HttpStatusCode.UnprocessableEntity, o.Status));
        Assert.Equal("1", state.GetProperty("targets")[0].GetProperty("version").GetString());
        Assert.Equal(5, state.GetProperty("generation").GetInt64());
    }

    [Fact]
    public async Task RollbackReturnsToThePreviousVersion()
    {
        await using var host = await ServingHost.CreateAsync(models);
        var client = host.Client(await host.DeployAsync("churn-roll"));
        await host.Scientist.PostAsJsonAsync("/api/v1/deployments/churn-roll/redeploy", new { alias = "challenger" });
        var body = Payloads.DataframeSplit(models.Schema, models.Rows.Take(1));
        var before = await Version(client, "churn-roll", body);

        var rollback = await host.Scientist.PostAsync("/api/v1/deployments/churn-roll/rollback", null);
        var after = await Version(client, "churn-roll", body);

        Assert.Equal("churn/2", before);
        Assert.Equal(HttpStatusCode.OK, rollback.StatusCode);
        Assert.Equal("churn/1", after);
    }

    [Fact]
    public async Task ACanarySplitsTrafficByItsWeight()
    {
        await using var host = await ServingHost.CreateAsync(models);
        var client = host.Client(await host.DeployAsync("churn-canary"));
        var canary = await host.Scientist.PostAsJsonAsync("/api/v1/deployments/churn-canary/canary", new { version = "2", weight = 20 });
        var body = Payloads.DataframeSplit(models.Schema, models.Rows.Take(1));

        var versions = new List<string>();
        for (var i = 0; i < 400; i++) versions.Add(await Version(client, "churn-canary", body));

        Assert.Equal(HttpStatusCode.OK, canary.StatusCode);
        Assert.InRange(versions.Count(v => v == "churn/2"), 55, 105); // 20 % of 400 = 80, seeded split
        Assert.Equal(400, versions.Count(v => v is "churn/1" or "churn/2"));
    }

    [Fact]
    public async Task BadDeploymentRequestsGetTheirReason()
    {
        await using var host = await ServingHost.CreateAsync(models);
        await host.DeployAsync("churn-taken");

        async Task<(HttpStatusCode, string)> Create(object body)
        {
            var r = await host.Scientist.PostAsJsonAsync("/api/v1/deployments", body);
            return (r.StatusCode, await r.Content.ReadAsStringAsync());
        }

        var (taken, takenBody) = await Create(new { name = "churn-taken", model = "churn", version = "1", enginesPerProcess = 1 });
        var (badName, badNameBody) = await Create(new { name = "Bad Name!", model = "churn", version = "1", enginesPerProcess = 1 });
        var (both, bothBody) = await Create(new { name = "churn-x", model = "churn", version = "1", alias = "champion", enginesPerProcess = 1 });
        var (unknown, unknownBody) = await Create(new { name = "churn-y", model = "churn", version = "99", enginesPerProcess = 1 });
        var (engines, enginesBody) = await Create(new { name = "churn-z", model = "churn", version = "1", enginesPerProcess = 0 });
        var (broken, brokenBody) = await Create(new { name = "churn-w", model = "churn", version = "3-tampered", enginesPerProcess = 1 });
        var missing = await host.Scientist.GetAsync("/api/v1/deployments/no-such");

        Assert.Equal((HttpStatusCode.Conflict, true), (taken, takenBody.Contains("already exists")));
        Assert.Equal((HttpStatusCode.BadRequest, true), (badName, badNameBody.Contains("'name'")));
        Assert.Equal((HttpStatusCode.BadRequest, true), (both, bothBody.Contains("exactly one of 'version' and 'alias'")));
        Assert.Equal((HttpStatusCode.NotFound, true), (unknown, unknownBody.Contains("no version '99'")));
        Assert.Equal((HttpStatusCode.BadRequest, true), (engines, enginesBody.Contains("'enginesPerProcess' must be between 1 and 64")));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, true), (broken, brokenBody.Contains("SHA-256")));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client(null).GetAsync("/serving/churn-w/ping")).StatusCode);
    }

    private static async Task<string> Version(HttpClient client, string deployment, string body) =>
        JsonDocument.Parse(await (await client.PostAsync($"/serving/{deployment}/invocations", ServingHost.Json(body))).Content.ReadAsStringAsync())
            .RootElement.GetProperty("predictions")[0].GetProperty("modelVersion").GetString()!;
}
