using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Telco.InsightPortal.Serving.Tests;

[Collection(nameof(ServingCollection))]
public sealed class KeyTests(TrainedModels models)
{
    [Fact]
    public async Task ScoringNeedsThisDeploymentsOwnLiveKey()
    {
        await using var host = await ServingHost.CreateAsync(models);
        var key = await host.DeployAsync("churn-a");
        var otherKey = await host.DeployAsync("churn-b");
        var body = Payloads.DataframeSplit(models.Schema, models.Rows.Take(1));
        var userToken = host.Scientist.DefaultRequestHeaders.Authorization!.Parameter;

        async Task<HttpStatusCode> Score(string? k, string deployment = "churn-a") =>
            (await host.Client(k).PostAsync($"/serving/{deployment}/invocations", ServingHost.Json(body))).StatusCode;

        Assert.Equal(HttpStatusCode.OK, await Score(key));
        Assert.Equal(HttpStatusCode.Unauthorized, await Score(null));
        Assert.Equal(HttpStatusCode.Unauthorized, await Score("tsk_" + new string('x', 43)));
        Assert.Equal(HttpStatusCode.Unauthorized, await Score(userToken));
        Assert.Equal(HttpStatusCode.Forbidden, await Score(otherKey));
        Assert.Equal(HttpStatusCode.NotFound, await Score(key, "no-such-deployment"));
    }

    [Fact]
    public async Task ARevokedKeyStopsWorkingAtOnceWhileAnotherKeyOfTheDeploymentGoesOn()
    {
        await using var host = await ServingHost.CreateAsync(models);
        var first = await host.DeployAsync("churn-keys");
        var created = await host.Scientist.PostAsJsonAsync("/api/v1/deployments/churn-keys/keys", new { name = "dashboard" });
        var second = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("accessKey").GetString();
        var body = Payloads.DataframeSplit(models.Schema, models.Rows.Take(1));
        Assert.Equal(HttpStatusCode.OK, (await host.Client(first).PostAsync("/serving/churn-keys/invocations", ServingHost.Json(body))).StatusCode);
        var keys = JsonDocument.Parse(await host.Scientist.GetStringAsync("/api/v1/deployments/churn-keys/keys")).RootElement;
        var firstId = keys.EnumerateArray().First(k => k.GetProperty("name").GetString() == "default").GetProperty("id").GetInt64();

        var revoke = await host.Scientist.DeleteAsync($"/api/v1/deployments/churn-keys/keys/{firstId}");
        var afterFirst = await host.Client(first).PostAsync("/serving/churn-keys/invocations", ServingHost.Json(body));
        var afterSecond = await host.Client(second).PostAsync("/serving/churn-keys/invocations", ServingHost.Json(body));
        var listed = JsonDocument.Parse(await host.Scientist.GetStringAsync("/api/v1/deployments/churn-keys/keys")).RootElement;

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterFirst.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterSecond.StatusCode);
        Assert.Equal(["default", "portal", "dashboard"], listed.EnumerateArray().Select(k => k.GetProperty("name").GetString()));
        Assert.DoesNotContain(second!, listed.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await host.Scientist.DeleteAsync($"/api/v1/deployments/churn-keys/keys/{firstId}")).StatusCode);
    }
}
