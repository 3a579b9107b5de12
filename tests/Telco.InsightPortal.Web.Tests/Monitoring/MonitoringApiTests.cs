using System.Net;
using System.Text;
using System.Text.Json;
using Telco.InsightPortal.Core.Registry;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Data.Monitoring;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Security;
using Telco.InsightPortal.Web.Tests.Deployments;
using Telco.InsightPortal.Web.Tests.Hosting;

namespace Telco.InsightPortal.Web.Tests.Monitoring;

/// <summary>The monitoring API on a real portal: metrics and drift of a deployment trained on the seeded telco-churn
/// snapshot whose log holds 240 predictions over the last two hours (tenure pushed to 70…72), the alerts list and its
/// acknowledge / resolve, and bad input answered 400 or 404 naming the problem.</summary>
public sealed class MonitoringApiTests(EmptyPortal portal) : IClassFixture<EmptyPortal>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MetricsComeWindowByWindowWithRealisedAndEstimatedFigures()
    {
        var (name, end) = await DeployWithLogAsync("mon-metrics");
        var dora = await portal.Portal.ClientForAsync("dora-m", Roles.DataScientist);

        var body = await GetJsonAsync(dora, $"/api/v1/deployments/{name}/metrics?from={Iso(end.AddHours(-2))}&to={Iso(end)}&window=1h");

        var windows = body.GetProperty("windows").EnumerateArray().ToList();
        Assert.Equal(2, windows.Count);
        Assert.Equal("1 h", body.GetProperty("window").GetString());
        var first = windows[0];
        Assert.Equal(120, first.GetProperty("predictions").GetInt64());
        Assert.True(first.GetProperty("latency").GetProperty("p95").GetDouble() > 0);
        Assert.Equal(60, first.GetProperty("realised").GetProperty("labelled").GetInt64());
        Assert.InRange(first.GetProperty("realised").GetProperty("rocAuc").GetDouble(), 0, 1);
        var estimate = first.GetProperty("estimated").GetProperty("rocAuc");
        Assert.True(estimate.GetProperty("lower").GetDouble() <= estimate.GetProperty("value").GetDouble());
        Assert.Equal("churn/1", first.GetProperty("modelVersions")[0].GetString());
    }

    [Fact]
    public async Task DriftNamesEachFeatureWithItsTestSampleSizesAndStatus()
    {
        var (name, end) = await DeployWithLogAsync("mon-drift");
        var auditor = await portal.Portal.ClientForAsync("audrey-m", Roles.Auditor);

        var body = await GetJsonAsync(auditor, $"/api/v1/deployments/{name}/drift?from={Iso(end.AddHours(-2))}&to={Iso(end)}&window=hour");

        var features = body.GetProperty("features").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);
        Assert.Equal(["Contract", "tenure"], features.Keys.Order());
        Assert.Equal(("numeric", "ks", "alert"), (features["tenure"].GetProperty("kind").GetString(), features["tenure"].GetProperty("test").GetString(),
            features["tenure"].GetProperty("status").GetString()));
        Assert.Equal("chi2", features["Contract"].GetProperty("test").GetString());
        Assert.Equal(240, features["tenure"].GetProperty("windowCount").GetInt32());
        Assert.Equal(300, features["tenure"].GetProperty("trainingCount").GetInt32());
        Assert.Equal("alert", body.GetProperty("verdict").GetString());
        Assert.Equal(2, body.GetProperty("windows").GetArrayLength());
    }

    [Fact]
    public async Task TheDeploymentsListNamesModelVersionAndStatus()
    {
        var (name, _) = await DeployWithLogAsync("mon-listed");
        var dora = await portal.Portal.ClientForAsync("dora-l", Roles.DataScientist);

        var list = await GetJsonAsync(dora, "/api/v1/deployments");

        var item = list.EnumerateArray().Single(d => d.GetProperty("name").GetString() == name);
        Assert.Equal(("churn", "1", "active"), (item.GetProperty("model").GetString(), item.GetProperty("version").GetString(), item.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task BadInputIsRefusedNamingIt()
    {
        var (name, end) = await DeployWithLogAsync("mon-bad");
        var dora = await portal.Portal.ClientForAsync("dora-b", Roles.DataScientist);
        var range = $"from={Iso(end.AddDays(-30))}&to={Iso(end)}";

        var unknown = await dora.GetAsync($"/api/v1/deployments/nowhere/metrics", Ct);
        var backwards = await dora.GetAsync($"/api/v1/deployments/{name}/metrics?from={Iso(end)}&to={Iso(end.AddHours(-1))}", Ct);
        var badWindow = await dora.GetAsync($"/api/v1/deployments/{name}/metrics?window=fortnight", Ct);
        var tooMany = await dora.GetAsync($"/api/v1/deployments/{name}/metrics?{range}&window=minute", Ct);
        var badTime = await dora.GetAsync($"/api/v1/deployments/{name}/drift?from=yesterday", Ct);
        var driftWindows = await dora.GetAsync($"/api/v1/deployments/{name}/drift?{range}&window=1h", Ct);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        await AssertRefusedAsync(backwards, "'from'");
        await AssertRefusedAsync(badWindow, "window");
        await AssertRefusedAsync(tooMany, "at most 2000");
        await AssertRefusedAsync(badTime, "'from'");
        await AssertRefusedAsync(driftWindows, "at most 200");
    }

    [Fact]
    public async Task AlertsAreListedAcknowledgedAndResolvedByWritersOnly()
    {
        var alert = await portal.Get<AlertStore>().RaiseAsync(
            new NewAlert("mon-alerts", AlertKinds.Drift, "tenure", "alert", "tenure drifted", 0.4, 0.25), AuditActor.System, Ct);
        var dora = await portal.Portal.ClientForAsync("dora-a", Roles.DataScientist);
        var auditor = await portal.Portal.ClientForAsync("audrey-a", Roles.Auditor);

        var listed = await GetJsonAsync(auditor, "/api/v1/alerts?status=open&deployment=mon-alerts");
        var refused = await auditor.PostAsync($"/api/v1/alerts/{alert.Id}/acknowledge", null, Ct);
        var acknowledged = await GetJsonAsync(dora, $"/api/v1/alerts/{alert.Id}/acknowledge", post: true);
        var resolved = await GetJsonAsync(dora, $"/api/v1/alerts/{alert.Id}/resolve", post: true);
        var again = await dora.PostAsync($"/api/v1/alerts/{alert.Id}/resolve", null, Ct);
        var missing = await dora.PostAsync("/api/v1/alerts/987654/resolve", null, Ct);
        var badStatus = await dora.GetAsync("/api/v1/alerts?status=closed", Ct);

        Assert.Equal(alert.Id, listed.GetProperty("alerts")[0].GetProperty("id").GetInt64());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(("acknowledged", "dora-a"), (acknowledged.GetProperty("status").GetString(), acknowledged.GetProperty("acknowledgedBy").GetString()));
        Assert.Equal("resolved", resolved.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        await AssertRefusedAsync(badStatus, "'closed'");
    }

    private static string Iso(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("O"));

    private static Task AssertRefusedAsync(HttpResponseMessage response, string naming) => ApiAnswers.AssertRefusedAsync(response, naming, Ct);

    private static Task<JsonElement> GetJsonAsync(HttpClient client, string path, bool post = false) =>
        post ? ApiAnswers.PostJsonAsync(client, path, Ct) : ApiAnswers.GetJsonAsync(client, path, Ct);

    private Task<(string Name, DateTimeOffset End)> DeployWithLogAsync(string name) => MonitoringSeed.DeployWithLogAsync(portal, name, Ct);
}
