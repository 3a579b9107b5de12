using System.Net;
using System.Text.Json;
using Telco.InsightPortal.Ml.Artifacts;

namespace Telco.InsightPortal.Serving.Tests;

[Collection(nameof(ServingCollection))]
public sealed class SchemaTests(TrainedModels models)
{
    private static JsonElement Input(JsonElement schema, string name) =>
        schema.GetProperty("inputs").EnumerateArray().Single(i => i.GetProperty("name").GetString() == name);

    [Fact]
    public async Task SchemaGivesEachTextInputItsTrainedLevelsAndEachNumberItsRange()
    {
        await using var host = await ServingHost.CreateAsync(models);
        var client = host.Client(await host.DeployAsync("churn-levels"));
        var signature = ModelSignature.Read(Path.Combine(models.Root, "runs", "run-1", ArtifactNames.Signature));

        var schema = JsonDocument.Parse(await client.GetStringAsync("/serving/churn-levels/schema")).RootElement;

        var contract = Input(schema, "Contract");
        var levels = contract.GetProperty("levels").EnumerateArray().Select(l => l.GetString()!).ToList();
        var byFrequency = models.Rows.GroupBy(r => (string)r[models.Schema.Find("Contract")!.Ordinal]!).OrderByDescending(g => g.Count()).Select(g => g.Key);
        Assert.Equal(byFrequency, levels);
        Assert.Equal(signature.Profile("Contract")!.Levels, levels);
        Assert.False(contract.GetProperty("freeText").GetBoolean());
        var tenure = Input(schema, "tenure");
        var tenures = models.Rows.Select(r => (long)r[models.Schema.Find("tenure")!.Ordinal]!).ToList();
        Assert.Equal(JsonValueKind.Null, tenure.GetProperty("levels").ValueKind);
        Assert.InRange(tenure.GetProperty("min").GetDouble(), tenures.Min(), tenures.Max());
        Assert.InRange(tenure.GetProperty("max").GetDouble(), tenure.GetProperty("median").GetDouble(), tenures.Max());
        Assert.Equal(signature.Profile("tenure")!.Max, tenure.GetProperty("max").GetDouble());
        Assert.All(schema.GetProperty("inputs").EnumerateArray(), i =>
            Assert.True(i.GetProperty("type").GetString() == "text" ? i.GetProperty("levels").GetArrayLength() > 0 : i.GetProperty("min").ValueKind == JsonValueKind.Number,
                i.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task AModelTrainedBeforeLevelsExistedServesASchemaWithoutThem()
    {
        await using var host = await ServingHost.CreateAsync(models);
        var client = host.Client(await host.DeployAsync("churn-old", "5-old"));

        var schema = JsonDocument.Parse(await client.GetStringAsync("/serving/churn-old/schema")).RootElement;
        var scored = await client.PostAsync("/serving/churn-old/invocations", ServingHost.Json(Payloads.Records("dataframe_records", models.Schema, models.Rows.Take(2))));

        Assert.Equal(JsonValueKind.Null, Input(schema, "Contract").GetProperty("levels").ValueKind);
        Assert.Equal(JsonValueKind.Null, Input(schema, "tenure").GetProperty("min").ValueKind);
        Assert.Equal("text", Input(schema, "Contract").GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.OK, scored.StatusCode);
    }

    [Fact]
    public async Task AnUnseenLevelScoresAsEveryOtherUnseenLevelDoes()
    {
        await using var host = await ServingHost.CreateAsync(models);
        var client = host.Client(await host.DeployAsync("churn-unseen"));
        var contract = models.Schema.Find("Contract")!.Ordinal;
        object?[] With(string level) { var row = (object?[])models.Row(3).Clone(); row[contract] = level; return row; }

        // One row goes through a pooled engine, two through one Transform: both paths must take the unseen value.
        var single = await client.PostAsync("/serving/churn-unseen/invocations", ServingHost.Json(Payloads.Records("dataframe_records", models.Schema, [With("Five year")])));
        var batch = await client.PostAsync("/serving/churn-unseen/invocations", ServingHost.Json(Payloads.Records("dataframe_records", models.Schema, [With("Lifetime"), With("Month-to-month")])));
        var singleText = await single.Content.ReadAsStringAsync();
        var batchText = await batch.Content.ReadAsStringAsync();

        Assert.True(single.StatusCode == HttpStatusCode.OK, singleText);
        Assert.True(batch.StatusCode == HttpStatusCode.OK, batchText);
        var unseen = Payloads.Probabilities(singleText)[0];
        var (otherUnseen, seen) = (Payloads.Probabilities(batchText)[0], Payloads.Probabilities(batchText)[1]);
        Assert.InRange(unseen, 0, 1);
        Assert.Equal(unseen, otherUnseen, 5);
        Assert.NotEqual(seen, unseen, 3);
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheSchemaInputsLevelsAndRanges()
    {
        await using var host = await ServingHost.CreateAsync(models);

        var doc = JsonDocument.Parse(await host.Scientist.GetStringAsync("/serving/openapi/serving.json")).RootElement;

        var schemaRef = doc.GetProperty("paths").GetProperty("/serving/{deployment}/schema").GetProperty("get").GetProperty("responses")
            .GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString();
        Assert.Equal("#/components/schemas/ServingSchema", schemaRef);
        var input = doc.GetProperty("components").GetProperty("schemas").GetProperty("SchemaInput").GetProperty("properties");
        Assert.Equal(["name", "type", "required", "levels", "freeText", "min", "max", "median"], input.EnumerateObject().Select(p => p.Name));
    }
}
