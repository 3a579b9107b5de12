using System.Net;
using System.Text.Json;
using Telco.InsightPortal.Core.Registry;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Security;
using Telco.InsightPortal.Web.Tests.Deployments;
using Telco.InsightPortal.Web.Tests.Hosting;

namespace Telco.InsightPortal.Web.Tests.Lineage;

/// <summary>The lineage API on a real portal whose worker trained a run on the seeded telco-churn snapshot, registered as
/// churn version 1: every step recorded its edge as it happened, so a deployment of that version leads back to the
/// snapshot and the file it was read from.</summary>
public sealed class LineageApiTests(DeployedPortal portal) : IClassFixture<DeployedPortal>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnAuditorFollowsADeploymentBackToItsSnapshotAndFile()
    {
        await DeployAsync("lin-chain");
        var auditor = await portal.Portal.ClientForAsync("audrey-lin", Roles.Auditor);

        var body = await GetJsonAsync(auditor, "/api/v1/lineage/deployment/lin-chain?direction=upstream&depth=10");

        var nodes = body.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("type").GetString() + "/" + n.GetProperty("id").GetString()).ToList();
        var edges = body.GetProperty("edges").EnumerateArray()
            .Select(e => (From: e.GetProperty("from").GetString()!, To: e.GetProperty("to").GetString()!, Kind: e.GetProperty("kind").GetString()!)).ToList();
        Assert.Equal("deployment/lin-chain", body.GetProperty("start").GetString());
        Assert.Contains(("model-version/churn/1", "deployment/lin-chain", "deployed-as"), edges);
        var run = Assert.Single(edges, e => e.Kind == "registered-as" && e.To == "model-version/churn/1").From;
        var snapshot = Assert.Single(edges, e => e.Kind == "trained-on" && e.To == run).From;
        Assert.StartsWith("snapshot/", snapshot);
        Assert.Contains(edges, e => e.Kind == "ingested-from" && e.To == snapshot && e.From.StartsWith("source-file/", StringComparison.Ordinal));
        Assert.Contains("dataset/telco-churn", nodes);
        Assert.Contains("churn v1", body.GetProperty("nodes").EnumerateArray()
            .Single(n => n.GetProperty("type").GetString() == "model-version").GetProperty("label").GetString());
        Assert.False(body.GetProperty("depthCapped").GetBoolean());
    }

    [Fact]
    public async Task ADeploymentsPredictionsAreOneCountedNode()
    {
        await Monitoring.MonitoringSeed.DeployWithLogAsync(portal, "lin-counted", Ct, count: 12);
        var dora = await portal.Portal.ClientForAsync("dora-lin", Roles.DataScientist);

        var body = await GetJsonAsync(dora, "/api/v1/lineage/deployment/lin-counted?direction=downstream");

        var group = Assert.Single(body.GetProperty("nodes").EnumerateArray(), n => n.GetProperty("type").GetString() == "prediction");
        Assert.True(group.GetProperty("group").GetBoolean());
        Assert.Equal(12, group.GetProperty("count").GetInt64());
    }

    /// <summary>The test portal names no endpoint: the deploy's events wait in the outbox, and the delivery answer says
    /// so without an address to leak.</summary>
    [Fact]
    public async Task DeliveryStatusCountsTheEventsWaitingWhenNoEndpointIsConfigured()
    {
        await DeployAsync("lin-delivery");
        var auditor = await portal.Portal.ClientForAsync("audrey-delivery", Roles.Auditor);
        var business = await portal.Portal.ClientForAsync("bob-delivery", Roles.BusinessUser);

        var body = await GetJsonAsync(auditor, "/api/v1/openlineage/delivery");

        Assert.Equal(JsonValueKind.Null, body.GetProperty("endpoint").ValueKind);
        Assert.True(body.GetProperty("pending").GetInt64() >= 2);
        Assert.Equal(0, body.GetProperty("sent").GetInt64());
        Assert.Equal(HttpStatusCode.Forbidden, (await business.GetAsync("/api/v1/openlineage/delivery", Ct)).StatusCode);
    }

    [Fact]
    public async Task ABusinessUserIsRefused()
    {
        await DeployAsync("lin-refused");
        var business = await portal.Portal.ClientForAsync("bob-lin", Roles.BusinessUser);

        var response = await business.GetAsync("/api/v1/lineage/deployment/lin-refused", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task ADepthAboveTheMaximumIsCappedAndSaysSo()
    {
        await DeployAsync("lin-deep");
        var auditor = await portal.Portal.ClientForAsync("audrey-deep", Roles.Auditor);

        var body = await GetJsonAsync(auditor, "/api/v1/lineage/deployment/lin-deep?direction=both&depth=500");

        Assert.Equal((10, true), (body.GetProperty("depth").GetInt32(), body.GetProperty("depthCapped").GetBoolean()));
    }

    [Fact]
    public async Task UnknownNodesTypesAndDirectionsAreRefusedNamingThem()
    {
        var auditor = await portal.Portal.ClientForAsync("audrey-bad", Roles.Auditor);

        var unknownId = await auditor.GetAsync("/api/v1/lineage/deployment/nowhere", Ct);
        var unknownPrediction = await auditor.GetAsync($"/api/v1/lineage/prediction/{Guid.CreateVersion7()}", Ct);
        var unknownType = await auditor.GetAsync("/api/v1/lineage/table/customers", Ct);
        var badDirection = await auditor.GetAsync("/api/v1/lineage/dataset/telco-churn?direction=sideways", Ct);
        var badDepth = await auditor.GetAsync("/api/v1/lineage/dataset/telco-churn?depth=-1", Ct);

        Assert.Equal(HttpStatusCode.NotFound, unknownId.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownPrediction.StatusCode);
        await AssertRefusedAsync(unknownType, "'table'");
        await AssertRefusedAsync(badDirection, "'sideways'");
        await AssertRefusedAsync(badDepth, "depth");
    }

    [Fact]
    public async Task TheOpenLineageEventsOfADeployAreReadInPages()
    {
        await DeployAsync("lin-events");
        var auditor = await portal.Portal.ClientForAsync("audrey-ol", Roles.Auditor);

        var first = await GetJsonAsync(auditor, "/api/v1/openlineage/events?limit=1000");
        var events = first.GetProperty("events").EnumerateArray().ToList();
        var next = first.GetProperty("next").GetInt64();
        var after = await GetJsonAsync(auditor, $"/api/v1/openlineage/events?after={next}");
        var badLimit = await auditor.GetAsync("/api/v1/openlineage/events?limit=0", Ct);

        Assert.Contains(events, e => e.GetProperty("job").GetProperty("name").GetString() == "deploy/lin-events"
                                     && e.GetProperty("eventType").GetString() == "COMPLETE");
        Assert.Contains(events, e => e.GetProperty("job").GetProperty("name").GetString() == "ingest/telco-churn");
        Assert.Equal(0, after.GetProperty("events").GetArrayLength());
        await AssertRefusedAsync(badLimit, "limit");
    }

    private async Task DeployAsync(string name)
    {
        var version = await portal.Get<RegistryStore>().GetVersionAsync("churn", 1, Ct);
        var model = new ModelVersionRef("churn", "1", version.RunId, "runs/model.zip", new string('a', 64), null);
        await portal.Get<DeploymentStore>().CreateAsync(name, 1, [DeploymentTarget.Of(model, 100)], new NewKey("default", "h-" + name, "tsk_" + name),
            DeployedPortal.Dora, Ct);
    }

    private static Task AssertRefusedAsync(HttpResponseMessage response, string naming) => ApiAnswers.AssertRefusedAsync(response, naming, Ct);

    private static Task<JsonElement> GetJsonAsync(HttpClient client, string path) => ApiAnswers.GetJsonAsync(client, path, Ct);
}
