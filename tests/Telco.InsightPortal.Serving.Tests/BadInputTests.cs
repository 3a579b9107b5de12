using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Telco.InsightPortal.Serving.Tests;

/// <summary>Each bad request gets its status and a message naming the problem, never a 500, and the deployment keeps serving.</summary>
[Collection(nameof(ServingCollection))]
public sealed class BadInputTests(TrainedModels models)
{
    public static TheoryData<string, int, string> Cases => new()
    {
        { "missing-column", 400, "Missing column(s): tenure" },
        { "misspelt-column", 400, "Unknown column 'tenur' (did you mean 'tenure'?)" },
        { "extra-column", 400, "Unknown column 'favouriteColour'" },
        { "wrong-type", 400, "column 'tenure' expects an integer, got string" },
        { "fractional-integer", 400, "column 'tenure' expects an integer, got 1.5" },
        { "text-for-number", 400, "column 'MonthlyCharges' expects a number, got string" },
        { "nan-literal", 400, "NaN and infinite values are not accepted" },
        { "nan-string", 400, "NaN and infinite values are not accepted" },
        { "infinity-overflow", 400, "NaN and infinite values are not accepted" },
        { "null-required", 400, "column 'Contract' is required and may not be null" },
        { "empty-batch", 400, "The batch is empty" },
        { "over-row-limit", 400, "at most 50 are accepted" },
        { "malformed-json", 400, "Malformed JSON" },
        { "two-payload-keys", 400, "has both 'dataframe_records' and 'instances'" },
        { "no-payload-key", 400, "Unknown key 'rows'" },
        { "ragged-split", 400, "Row 1 of 'data' must be an array of" },
        { "csv-bad-number", 400, "column 'MonthlyCharges' expects a number, got 'lots'" },
        { "csv-ragged", 400, "CSV row 1 has" },
        { "body-too-large", 413, "larger than the 65,536-byte limit" },
        { "wrong-content-type", 415, "Content type 'text/plain; charset=utf-8' is not accepted; send application/json or text/csv" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadRequestGetsItsStatusAndAMessageNamingTheProblem(string name, int status, string message)
    {
        await using var host = await ServingHost.CreateAsync(models, new Dictionary<string, string?> { ["Serving:MaxRows"] = "50", ["Serving:MaxBodyBytes"] = "65536" });
        var client = host.Client(await host.DeployAsync("churn-bad"));

        var response = await client.PostAsync("/serving/churn-bad/invocations", Body(name));
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var after = await client.PostAsync("/serving/churn-bad/invocations", ServingHost.Json(Records(Record())));

        Assert.Equal(status, (int)response.StatusCode);
        // A body past the limit is MLflow's RESOURCE_EXHAUSTED; every other refusal its scoring server's BAD_REQUEST.
        Assert.Equal(status == 413 ? "RESOURCE_EXHAUSTED" : "BAD_REQUEST", json.GetProperty("error_code").GetString());
        Assert.Contains(message, json.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    private HttpContent Body(string name)
    {
        var csv = Payloads.Csv(models.Schema, [models.Row(0)]);
        return name switch
        {
            "missing-column" => ServingHost.Json(Records(Record(r => r.Remove("tenure")))),
            "misspelt-column" => ServingHost.Json(Records(Record(r => { r["tenur"] = r["tenure"]!.DeepClone(); r.Remove("tenure"); }))),
            "extra-column" => ServingHost.Json(Records(Record(r => r["favouriteColour"] = "green"))),
            "wrong-type" => ServingHost.Json(Records(Record(r => r["tenure"] = "twelve"))),
            "fractional-integer" => ServingHost.Json(Records(Record(r => r["tenure"] = 1.5))),
            "text-for-number" => ServingHost.Json(Records(Record(r => r["MonthlyCharges"] = "lots"))),
            "nan-literal" => ServingHost.Json(Records(Record()).Replace("\"MonthlyCharges\":", "\"MonthlyCharges\":NaN,\"x\":")),
            "nan-string" => ServingHost.Json(Records(Record(r => r["MonthlyCharges"] = "NaN"))),
            "infinity-overflow" => ServingHost.Json(Records(Record(r => r["MonthlyCharges"] = JsonNode.Parse("1e400")))),
            "null-required" => ServingHost.Json(Records(Record(r => r["Contract"] = null))),
            "empty-batch" => ServingHost.Json("{\"dataframe_records\":[]}"),
            "over-row-limit" => ServingHost.Json(Payloads.DataframeSplit(models.Schema, models.Rows.Take(51))),
            "malformed-json" => ServingHost.Json("{\"dataframe_records\":[{\"tenure\":"),
            "two-payload-keys" => ServingHost.Json("{\"dataframe_records\":[],\"instances\":[]}"),
            "no-payload-key" => ServingHost.Json("{\"rows\":[]}"),
            "ragged-split" => ServingHost.Json(Payloads.DataframeSplit(models.Schema, [models.Row(0)]).Replace("\"data\":[[", "\"data\":[[1,2],[")),
            "csv-bad-number" => new StringContent(csv.Split('\n')[0] + "\n" + string.Join(',', Payloads.Features(models.Schema).Select(c => c.Name == "MonthlyCharges" ? "lots" : Cell(c.Ordinal))) + "\n", Encoding.UTF8, "text/csv"),
            "csv-ragged" => new StringContent(csv.Split('\n')[0] + "\n1,2\n", Encoding.UTF8, "text/csv"),
            "body-too-large" => ServingHost.Json("{\"dataframe_records\":[" + string.Join(',', Enumerable.Repeat(Record().ToJsonString(), 200)) + "]}"),
            "wrong-content-type" => new StringContent(Records(Record()), Encoding.UTF8, "text/plain"),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }

    private string Cell(int ordinal) => Convert.ToString(models.Row(0)[ordinal], System.Globalization.CultureInfo.InvariantCulture) ?? "";

    private JsonObject Record(Action<JsonObject>? change = null)
    {
        var record = JsonNode.Parse(JsonSerializer.Serialize(Payloads.Features(models.Schema).ToDictionary(c => c.Name, c => models.Row(0)[c.Ordinal])))!.AsObject();
        change?.Invoke(record);
        return record;
    }

    private static string Records(JsonObject record) => "{\"dataframe_records\":[" + record.ToJsonString() + "]}";
}
