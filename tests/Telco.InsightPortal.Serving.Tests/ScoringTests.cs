using System.Net;
using System.Text;
using System.Text.Json;
using Telco.InsightPortal.Ml.Artifacts;
using Telco.InsightPortal.Ml.Scoring;

namespace Telco.InsightPortal.Serving.Tests;

[CollectionDefinition(nameof(ServingCollection))]
public sealed class ServingCollection : ICollectionFixture<TrainedModels>;

[Collection(nameof(ServingCollection))]
public sealed class ScoringTests(TrainedModels models)
{
    [Fact]
    public async Task EveryPayloadFormatScoresTheSameRowsAsTheModelDoes()
    {
        await using var host = await ServingHost.CreateAsync(models);
        var client = host.Client(await host.DeployAsync("churn-api"));
        var rows = models.Rows.Take(5).ToList();
        var expected = new ChurnScorer(new ModelLoader(models.Root).Load(models["1"].ModelPath, models["1"].Sha256).Model, models.Schema).Score(rows);
        var bodies = new Dictionary<string, HttpContent>
        {
            ["dataframe_split"] = ServingHost.Json(Payloads.DataframeSplit(models.Schema, rows)),
            ["dataframe_records"] = ServingHost.Json(Payloads.Records("dataframe_records", models.Schema, rows)),
            ["instances"] = ServingHost.Json(Payloads.Records("instances", models.Schema, rows)),
            ["instances as rows"] = ServingHost.Json(Payloads.InstanceRows(models.Schema, rows)),
            ["inputs"] = ServingHost.Json(Payloads.InputsColumnar(models.Schema, rows)),
            ["csv"] = new StringContent(Payloads.Csv(models.Schema, rows), Encoding.UTF8, "text/csv"),
        };

        foreach (var (format, body) in bodies)
        {
            var response = await client.PostAsync("/serving/churn-api/invocations", body);
            var json = await response.Content.ReadAsStringAsync();

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{format}: {json}");
            Assert.Equal(expected.Select(p => (double)p), Payloads.Probabilities(json), (a, b) => Math.Abs(a - b) < 1e-5);
            var first = JsonDocument.Parse(json).RootElement.GetProperty("predictions")[0];
            Assert.Equal("churn/1", first.GetProperty("modelVersion").GetString());
            Assert.Equal(expected[0] >= 0.5 ? 1 : 0, first.GetProperty("label").GetInt32());
            Assert.True(Guid.TryParse(first.GetProperty("uuid").GetString(), out _));
        }
    }

    [Fact]
    public async Task ASingleRowThroughThePooledEngineScoresAsTheBatchDoes()
    {
        await using var host = await ServingHost.CreateAsync(models);
        var client = host.Client(await host.DeployAsync("churn-single"));
        var rows = models.Rows.Skip(20).Take(3).ToList();

        var batch = Payloads.Probabilities(await (await client.PostAsync("/serving/churn-single/invocations", ServingHost.Json(Payloads.DataframeSplit(models.Schema, rows)))).Content.ReadAsStringAsync());
        var singles = new List<double>();
        foreach (var row in rows)
            singles.AddRange(Payloads.Probabilities(await (await client.PostAsync("/serving/churn-single/invocations", ServingHost.Json(Payloads.Records("dataframe_records", models.Schema, [row])))).Content.ReadAsStringAsync()));

        Assert.Equal(batch, singles, (a, b) => Math.Abs(a - b) < 1e-5);
    }

    [Fact]
    public async Task EnsembleScoresAndExplainsThroughTheServingEndpoints()
    {
        await using var host = await ServingHost.CreateAsync(models);
        var client = host.Client(await host.DeployAsync("churn-ensemble", version: "6"));
        var rows = models.Rows.Take(5).ToList();
        var expected = new ChurnScorer(new ModelLoader(models.Root).Load(models["6"].ModelPath, models["6"].Sha256).Model, models.Schema).Score(rows);

        var scored = await client.PostAsync("/serving/churn-ensemble/invocations", ServingHost.Json(Payloads.DataframeSplit(models.Schema, rows)));
        var explained = await client.PostAsync("/serving/churn-ensemble/explain", ServingHost.Json(Payloads.DataframeSplit(models.Schema, rows)));

        Assert.Equal(HttpStatusCode.OK, scored.StatusCode);
        var probabilities = Payloads.Probabilities(await scored.Content.ReadAsStringAsync());
        Assert.Equal(expected.Select(p => (double)p), probabilities, (a, b) => Math.Abs(a - b) < 1e-5);
        Assert.All(probabilities, p => Assert.InRange(p, 0, 1));
        Assert.Equal(HttpStatusCode.OK, explained.StatusCode);
        var explanations = JsonDocument.Parse(await explained.Content.ReadAsStringAsync()).RootElement.GetProperty("explanations").EnumerateArray().ToList();
        Assert.Equal(rows.Count, explanations.Count);
        Assert.All(explanations, row => Assert.Equal(JsonValueKind.Null, row.GetProperty("bias").ValueKind));
        Assert.All(explanations, row => Assert.All(row.GetProperty("contributions").EnumerateArray(),
            c => Assert.NotNull(models.Schema.Find(c.GetProperty("column").GetString()!))));
    }

    [Fact]
    public async Task ExplainGivesContributionsThatWithTheBiasReconstructTheScore()
    {
        await using var host = await ServingHost.CreateAsync(models);
        var client = host.Client(await host.DeployAsync("churn-explain"));

        var response = await client.PostAsync("/serving/churn-explain/explain", ServingHost.Json(Payloads.DataframeSplit(models.Schema, models.Rows.Take(3))));
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var row in json.GetProperty("explanations").EnumerateArray())
        {
            var contributions = row.GetProperty("contributions").EnumerateArray().ToList();
            var sum = contributions.Sum(c => c.GetProperty("contribution").GetDouble());
            Assert.Equal(row.GetProperty("score").GetDouble(), row.GetProperty("bias").GetDouble() + sum, 3);
            Assert.All(contributions, c => Assert.NotNull(models.Schema.Find(c.GetProperty("column").GetString()!)));
        }
    }

    [Fact]
    public async Task SchemaPingAndHealthDescribeTheDeployment()
    {
        await using var host = await ServingHost.CreateAsync(models);
        var client = host.Client(await host.DeployAsync("churn-meta"));

        var schema = JsonDocument.Parse(await client.GetStringAsync("/serving/churn-meta/schema")).RootElement;
        var ping = await host.Client(null).GetAsync("/serving/churn-meta/ping");
        var health = JsonDocument.Parse(await host.Client(null).GetStringAsync("/serving/churn-meta/health")).RootElement;
        var unknown = await host.Client(null).GetAsync("/serving/no-such/ping");
        var openApi = await host.Scientist.GetStringAsync("/serving/openapi/serving.json");

        Assert.Contains(schema.GetProperty("inputs").EnumerateArray(), c => c.GetProperty("name").GetString() == "tenure" && c.GetProperty("type").GetString() == "integer");
        Assert.Equal("Churn", schema.GetProperty("label").GetString());
        Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
        Assert.Equal("serving", health.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("/serving/{deployment}/invocations", openApi);
    }

    [Fact]
    public async Task MetricsNeedMonitoringReadAndCountScoringRequests()
    {
        await using var host = await ServingHost.CreateAsync(models);
        var client = host.Client(await host.DeployAsync("churn-metrics"));
        await client.PostAsync("/serving/churn-metrics/invocations", ServingHost.Json(Payloads.DataframeSplit(models.Schema, models.Rows.Take(2))));
        await client.PostAsync("/serving/churn-metrics/invocations", ServingHost.Json("{"));

        var metrics = await host.Scientist.GetStringAsync("/metrics");
        var anonymous = await host.Portal.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/metrics");
        var ready = await host.Client(null).GetAsync("/serving/ready");

        Assert.Contains("telco_serving_requests_total{deployment=\"churn-metrics\",endpoint=\"invocations\",status=\"200\"} 1", metrics);
        Assert.Contains("telco_serving_requests_total{deployment=\"churn-metrics\",endpoint=\"invocations\",status=\"400\"} 1", metrics);
        Assert.Contains("telco_serving_rows_total{deployment=\"churn-metrics\",model_version=\"churn/1\"} 2", metrics);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }
}
