using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telco.InsightPortal.Core.Registry;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Security;
using Telco.InsightPortal.Web.Tests.Deployments;

namespace Telco.InsightPortal.Web.Tests.Dashboards;

/// <summary><c>POST /api/v1/charts/query</c> on a real portal over the seeded telco-churn snapshot: aggregated rows,
/// personal data refused by name for a role without it, bad specs 400 naming the problem, oversized 413, roles; and
/// a deployment's prediction log charted by its inputs.</summary>
public sealed class ChartApiTests(EmptyPortal portal) : IClassFixture<EmptyPortal>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string CountByContract = """
        {"version":1,"source":{"kind":"snapshot","dataset":"telco-churn","snapshot":"latest"},"type":"bar",
         "x":{"field":"Contract"},"measures":[{"agg":"count"}],"sort":{"by":"x"}}
        """;

    [Fact]
    public async Task AnAnalystGetsCountsPerContractThatAddUpToTheSnapshot()
    {
        var analyst = await portal.Portal.ClientForAsync("ana", Roles.Analyst);

        var answer = await PostAsync(analyst, CountByContract);
        var rows = answer.GetProperty("rows").EnumerateArray().Select(r => (r[0].GetString(), r[1].GetInt64())).ToList();

        Assert.Equal(["Month-to-month", "One year", "Two year"], rows.Select(r => r.Item1));
        var snapshot = (await portal.Portal.Services.GetRequiredService<Data.Datasets.DatasetStore>().GetAsync("telco-churn", Ct))!;
        var total = (await portal.Portal.Services.GetRequiredService<Data.Datasets.DatasetStore>().SnapshotAsync(snapshot.Id, snapshot.CurrentSnapshotId!.Value, Ct))!.TotalRows;
        Assert.Equal(total, rows.Sum(r => r.Item2));
        Assert.False(answer.TryGetProperty("sql", out _), "the SQL (table names) is never sent");
    }

    [Fact]
    public async Task PersonalDataIsRefusedByNameForAnAnalystAndBadSpecsNameTheirProblem()
    {
        var analyst = await portal.Portal.ClientForAsync("ann", Roles.Analyst);
        var pii = CountByContract.Replace("\"Contract\"", "\"customerID\"");

        var refused = await analyst.PostAsync("/api/v1/charts/query", Json(pii), Ct);
        var unknown = await analyst.PostAsync("/api/v1/charts/query", Json(CountByContract.Replace("\"bar\"", "\"sparkle\"")), Ct);
        var injected = await analyst.PostAsync("/api/v1/charts/query", Json(CountByContract.Replace("\"Contract\"", "\"Contract'; DROP TABLE audit_entries; --\"")), Ct);
        var huge = await analyst.PostAsync("/api/v1/charts/query", Json(new string(' ', 40_000) + CountByContract), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("customerID", await refused.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("type", await unknown.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.BadRequest, injected.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
    }

    [Fact]
    public async Task ARoleWithPersonalDataMayGroupByCustomerIdAndASignedOutCallerIsRefused()
    {
        var business = await portal.Portal.ClientForAsync("bob", Roles.BusinessUser);
        var anonymous = portal.Portal.CreateClient();

        var answer = await PostAsync(business, CountByContract.Replace("\"Contract\"", "\"customerID\"").Replace("\"sort\":{\"by\":\"x\"}", "\"limit\":5"));
        var signedOut = await anonymous.PostAsync("/api/v1/charts/query", Json(CountByContract), Ct);

        Assert.Equal(5, answer.GetProperty("rows").GetArrayLength());
        Assert.Equal(HttpStatusCode.Unauthorized, signedOut.StatusCode);
    }

    [Fact]
    public async Task AnAnalystChartsADeploymentsPredictionsByInputAndIsRefusedItsPersonalInputs()
    {
        var analyst = await portal.Portal.ClientForAsync("amy", Roles.Analyst);
        await DeployWithLogAsync("churn-charted");
        const string byContract = """
            {"version":1,"source":{"kind":"predictions","deployment":"churn-charted"},"type":"bar",
             "x":{"field":"Contract"},"measures":[{"agg":"count"},{"field":"tenure","agg":"avg"}],"sort":{"by":"x"}}
            """;

        var answer = await PostAsync(analyst, byContract);
        var personal = await analyst.PostAsync("/api/v1/charts/query", Json(byContract.Replace("\"Contract\"", "\"customerID\"")), Ct);
        var unknown = await analyst.PostAsync("/api/v1/charts/query", Json(byContract.Replace("churn-charted", "churn-nowhere")), Ct);

        var rows = answer.GetProperty("rows").EnumerateArray().Select(r => (r[0].GetString(), r[1].GetInt64(), r[2].GetDouble())).ToList();
        Assert.Equal([("Month-to-month", 2L, 6.5), ("Two year", 1L, 60.0)], rows);
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("snapshotId").ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, personal.StatusCode);
        Assert.Contains("customerID", await personal.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    /// <summary>A deployment of a model trained on the seeded telco-churn snapshot (whose schema says customerID is
    /// personal data), with three logged predictions.</summary>
    private async Task DeployWithLogAsync(string name)
    {
        var datasets = portal.Get<DatasetStore>();
        var snapshot = (await datasets.GetAsync("telco-churn", Ct))!.CurrentSnapshotId;
        var model = new ModelVersionRef("churn", "1", "run-1", "runs/run-1/model.zip", new string('a', 64), snapshot);
        var store = portal.Get<DeploymentStore>();
        var deployment = (await store.CreateAsync(name, 1, [DeploymentTarget.Of(model, 100)], new NewKey("default", "h-" + name, "tsk_" + name), DeployedPortal.Dora, Ct))!;
        var layout = new PredictionLayout(deployment.Id, "churn/1", """["customerID","tenure","Contract"]""");
        string[] inputs = ["""["A-1",1,"Month-to-month"]""", """["A-2",12,"Month-to-month"]""", """["A-3",60,"Two year"]"""];
        var start = DateTimeOffset.UtcNow.AddMinutes(-10);
        await store.WritePredictionsAsync(
            [.. inputs.Select((row, i) => new LoggedPrediction(layout, Guid.CreateVersion7(start.AddSeconds(i)), 2.5, Encoding.UTF8.GetBytes(row), 0.25f, 0))], [], Ct);
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> PostAsync(HttpClient client, string spec)
    {
        var response = await client.PostAsync("/api/v1/charts/query", Json(spec), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement;
    }
}
