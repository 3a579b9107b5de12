using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telco.InsightPortal.Data.Deployments;

namespace Telco.InsightPortal.Serving.Tests;

/// <summary>Delayed labels by customer id: every prediction of the deployment about that id in the window gets it.</summary>
[Collection(nameof(ServingCollection))]
public sealed class LabelsByIdTests(TrainedModels models)
{
    [Fact]
    public async Task ALabelByIdCoversThatIdsPredictionsInTheWindowAndUnknownIdsAreListed()
    {
        await using var host = await ServingHost.CreateAsync(models);
        var client = host.Client(await host.DeployAsync("churn-label-ids"));
        var rows = models.Rows.Take(2).ToList();
        var (alice, bob) = ((string)rows[0][0]!, (string)rows[1][0]!);
        for (var i = 0; i < 2; i++)
            (await client.PostAsync("/serving/churn-label-ids/invocations", ServingHost.Json(Payloads.DataframeSplit(models.Schema, rows, ids: true)))).EnsureSuccessStatusCode();
        var store = host.Portal.Services.GetRequiredService<DeploymentStore>();
        var deployment = (await store.GetAsync("churn-label-ids"))!;
        await PredictionLogTests.WaitForAsync(() => store.PredictionsAsync(deployment, 0, long.MaxValue, 10), l => l.Count == 4);
        var now = DateTimeOffset.UtcNow;

        var all = await LabelAsync(host, new { id = alice, label = 1 }, new { id = "nobody", label = 0 });
        var past = await LabelAsync(host, new { id = bob, label = 1, from = now.AddDays(-2), to = now.AddDays(-1) });
        var window = await LabelAsync(host, new { id = bob, label = 0, from = now.AddHours(-1) });
        var logged = await store.PredictionsAsync(deployment, 0, long.MaxValue, 10);

        Assert.Equal(2, all.Stored);
        Assert.Equal(["nobody"], all.Unknown);
        Assert.Equal(0, past.Stored);
        Assert.Equal([bob], past.Unknown);
        Assert.Equal(2, window.Stored);
        Assert.Empty(window.Unknown);
        Assert.All(logged.Where(p => p.EntityId == alice), p => Assert.Equal(1, p.TrueLabel));
        Assert.All(logged.Where(p => p.EntityId == bob), p => Assert.Equal(0, p.TrueLabel));
    }

    [Fact]
    public async Task EachBadLabelItemIsABadRequestThatSaysWhatIsWrong()
    {
        await using var host = await ServingHost.CreateAsync(models);
        await host.DeployAsync("churn-label-bad");
        var uuid = Guid.CreateVersion7().ToString();
        var cases = new (object Item, string Message)[]
        {
            (new { uuid, id = "7590-VHVEG", label = 1 }, "Item 1 has both 'uuid' and 'id'; send exactly one."),
            (new { label = 1 }, "Item 1 has neither 'uuid' nor 'id'; send exactly one."),
            (new { id = new string('x', 129), label = 1 }, "Item 1: 'id' may be at most 128 characters; it has 129."),
            (new { id = "  ", label = 1 }, "Item 1: 'id' is empty."),
            (new { id = "7590-VHVEG", label = 2 }, "Item 1: 'label' must be 0 or 1."),
            (new { id = "7590-VHVEG", label = 1, from = "2026-02-01T00:00:00Z", to = "2026-01-01T00:00:00Z" }, "Item 1: 'from' must be before 'to'."),
            (new { uuid, label = 1, from = "2026-01-01T00:00:00Z" }, "Item 1: 'from' and 'to' go with 'id'"),
            (new { id = "7590-VHVEG", label = 1, from = "last tuesday" }, "$[0].from"),
        };

        foreach (var (item, message) in cases)
        {
            var response = await host.Scientist.PostAsJsonAsync("/api/v1/deployments/churn-label-bad/labels", new[] { item });
            var body = await response.Content.ReadAsStringAsync();

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
            Assert.Contains(message, JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString());
        }
    }

    private static async Task<(int Stored, string[] Unknown)> LabelAsync(ServingHost host, params object[] items)
    {
        var response = await host.Scientist.PostAsJsonAsync("/api/v1/deployments/churn-label-ids/labels", items);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var json = JsonDocument.Parse(body).RootElement;
        return (json.GetProperty("stored").GetInt32(), [.. json.GetProperty("unknown").EnumerateArray().Select(u => u.GetString()!)]);
    }
}
