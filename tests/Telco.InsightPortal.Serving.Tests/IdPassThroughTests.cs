using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telco.InsightPortal.Data.Deployments;

namespace Telco.InsightPortal.Serving.Tests;

/// <summary>Id columns (customerID) sent with the rows come back beside each prediction and into the log, and never
/// change a score.</summary>
[Collection(nameof(ServingCollection))]
public sealed class IdPassThroughTests(TrainedModels models)
{
    [Fact]
    public async Task EveryPayloadFormatEchoesEachRowsIdBesideItsPredictionAndScoresAsWithoutIt()
    {
        await using var host = await ServingHost.CreateAsync(models);
        var client = host.Client(await host.DeployAsync("churn-ids"));
        var rows = models.Rows.Take(4).ToList();
        var withoutIds = Payloads.Probabilities(await PostAsync(client, "churn-ids", ServingHost.Json(Payloads.DataframeSplit(models.Schema, rows))));
        var bodies = new Dictionary<string, HttpContent>
        {
            ["dataframe_split"] = ServingHost.Json(Payloads.DataframeSplit(models.Schema, rows, ids: true)),
            ["dataframe_records"] = ServingHost.Json(Payloads.Records("dataframe_records", models.Schema, rows, ids: true)),
            ["instances"] = ServingHost.Json(Payloads.Records("instances", models.Schema, rows, ids: true)),
            ["inputs"] = ServingHost.Json(Payloads.InputsColumnar(models.Schema, rows, ids: true)),
            ["csv"] = new StringContent(Payloads.Csv(models.Schema, rows, ids: true), Encoding.UTF8, "text/csv"),
        };

        foreach (var (format, body) in bodies)
        {
            var json = await PostAsync(client, "churn-ids", body);

            var predictions = JsonDocument.Parse(json).RootElement.GetProperty("predictions").EnumerateArray().ToList();
            Assert.Equal(rows.Select(r => (string)r[0]!), predictions.Select(p => p.GetProperty("id").GetProperty("customerID").GetString()));
            Assert.Equal(withoutIds, Payloads.Probabilities(json));
            Assert.All(predictions, p => Assert.True(Guid.TryParse(p.GetProperty("uuid").GetString(), out _), format));
            Assert.All(predictions, p => Assert.Equal("churn/1", p.GetProperty("modelVersion").GetString()));
        }
    }

    [Fact]
    public async Task RowsWithoutAnIdStillScoreAndGetNoIdBack()
    {
        await using var host = await ServingHost.CreateAsync(models);
        var client = host.Client(await host.DeployAsync("churn-some-ids"));
        var rows = models.Rows.Take(3).ToList();
        var records = JsonSerializer.Deserialize<Dictionary<string, List<Dictionary<string, object?>>>>(Payloads.Records("dataframe_records", models.Schema, rows, ids: true))!;
        records["dataframe_records"][1].Remove("customerID");
        records["dataframe_records"][2]["customerID"] = null;

        var json = await PostAsync(client, "churn-some-ids", ServingHost.Json(JsonSerializer.Serialize(records)));

        var predictions = JsonDocument.Parse(json).RootElement.GetProperty("predictions").EnumerateArray().ToList();
        Assert.Equal(rows[0][0], predictions[0].GetProperty("id").GetProperty("customerID").GetString());
        Assert.False(predictions[1].TryGetProperty("id", out _));
        Assert.False(predictions[2].TryGetProperty("id", out _));
        Assert.Equal(3, Payloads.Probabilities(json).Length);
    }

    [Fact]
    public async Task AnIdOverTheLimitOrNotAStringIsABadRequestNamingTheColumn()
    {
        await using var host = await ServingHost.CreateAsync(models);
        var client = host.Client(await host.DeployAsync("churn-bad-ids"));
        var row = models.Rows[0];
        string Records(object? id)
        {
            var records = JsonSerializer.Deserialize<Dictionary<string, List<Dictionary<string, object?>>>>(Payloads.Records("dataframe_records", models.Schema, [row], ids: true))!;
            records["dataframe_records"][0]["customerID"] = id;
            return JsonSerializer.Serialize(records);
        }
        var longCsv = Payloads.Csv(models.Schema, [[new string('c', 129), .. row.Skip(1)]], ids: true);

        var tooLong = await client.PostAsync("/serving/churn-bad-ids/invocations", ServingHost.Json(Records(new string('x', 129))));
        var tooLongCsv = await client.PostAsync("/serving/churn-bad-ids/invocations", new StringContent(longCsv, Encoding.UTF8, "text/csv"));
        var anObject = await client.PostAsync("/serving/churn-bad-ids/invocations", ServingHost.Json(Records(new { a = 1 })));
        var atTheLimit = await client.PostAsync("/serving/churn-bad-ids/invocations", ServingHost.Json(Records(new string('x', 128))));
        var aNumber = await client.PostAsync("/serving/churn-bad-ids/invocations", ServingHost.Json(Records(4711)));

        foreach (var refused in new[] { tooLong, tooLongCsv, anObject })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("column 'customerID'", JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString());
        }
        Assert.Contains("at most 128 characters", await tooLong.Content.ReadAsStringAsync());
        Assert.Contains("at most 128 characters", await tooLongCsv.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, atTheLimit.StatusCode);
        Assert.Equal("4711", JsonDocument.Parse(await aNumber.Content.ReadAsStringAsync()).RootElement.GetProperty("predictions")[0].GetProperty("id").GetProperty("customerID").GetString());
    }

    [Fact]
    public async Task TheLogKeepsEachPredictionsId()
    {
        await using var host = await ServingHost.CreateAsync(models);
        var client = host.Client(await host.DeployAsync("churn-id-log"));
        var rows = models.Rows.Take(2).ToList();

        await PostAsync(client, "churn-id-log", ServingHost.Json(Payloads.DataframeSplit(models.Schema, rows, ids: true)));
        await PostAsync(client, "churn-id-log", ServingHost.Json(Payloads.DataframeSplit(models.Schema, rows.Take(1))));
        var store = host.Portal.Services.GetRequiredService<DeploymentStore>();
        var deployment = (await store.GetAsync("churn-id-log"))!;
        var logged = await PredictionLogTests.WaitForAsync(() => store.PredictionsAsync(deployment, 0, long.MaxValue, 10), l => l.Count == 3);

        // UUIDv7s made in one millisecond do not sort in the order they were made, so the rows are compared as a set.
        Assert.Equal(new[] { null, (string)rows[0][0]!, (string)rows[1][0]! }.Order(), logged.Select(p => p.EntityId).Order());
        Assert.All(logged, p => Assert.DoesNotContain("customerID", p.Inputs));
    }

    private static async Task<string> PostAsync(HttpClient client, string deployment, HttpContent body)
    {
        var response = await client.PostAsync($"/serving/{deployment}/invocations", body);
        var json = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, json);
        return json;
    }
}
