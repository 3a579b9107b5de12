using System.Net;
using System.Text.Json;
using Telco.InsightPortal.Core.Lineage;
using Telco.InsightPortal.Data.Lineage;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Lineage;
using Telco.InsightPortal.Web.Security;
using Telco.InsightPortal.Web.Tests.Deployments;
using Telco.InsightPortal.Web.Tests.Hosting;

namespace Telco.InsightPortal.Web.Tests.Lineage;

/// <summary>The two auditor reports on a real portal whose worker trained churn v1 on the seeded telco-churn snapshot:
/// a prediction's chain back to the file, and the snapshot's impact as JSON and CSV; who may read them, and refusals.</summary>
public sealed class LineageReportsApiTests(DeployedPortal portal) : IClassFixture<DeployedPortal>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnAuditorReadsAPredictionsChainBackToTheFileItsRowsCameFrom()
    {
        var (uuid, snapshot) = await LineageSeed.DeployWithLogAsync(portal, "rep-chain", 3, Ct);
        var auditor = await portal.Portal.ClientForAsync("audrey-chain", Roles.Auditor);

        var chain = await ApiAnswers.GetJsonAsync(auditor, $"/api/v1/lineage/predictions/{uuid}/chain", Ct);

        Assert.Equal((uuid, "churn/1"), (chain.GetProperty("prediction").GetProperty("uuid").GetString(),
            chain.GetProperty("prediction").GetProperty("modelVersion").GetString()));
        var deployment = chain.GetProperty("deployment");
        Assert.Equal(("rep-chain", 1, "deployment.create", "dora"), (deployment.GetProperty("name").GetString(), deployment.GetProperty("generation").GetInt32(),
            deployment.GetProperty("action").GetString(), deployment.GetProperty("deployedBy").GetString()));
        Assert.Equal(("churn", 1), (chain.GetProperty("modelVersion").GetProperty("model").GetString(), chain.GetProperty("modelVersion").GetProperty("version").GetInt32()));
        Assert.False(string.IsNullOrEmpty(chain.GetProperty("run").GetProperty("runId").GetString()));
        var trained = chain.GetProperty("snapshots").EnumerateArray().Single();
        Assert.Equal((snapshot, "telco-churn"), (trained.GetProperty("id").GetInt64(), trained.GetProperty("dataset").GetString()));
        Assert.NotEmpty(trained.GetProperty("files").EnumerateArray());
    }

    [Fact]
    public async Task AnAuditorReadsWhatWasBuiltOnASnapshotWithEachDeploymentsPredictions()
    {
        var (_, snapshot) = await LineageSeed.DeployWithLogAsync(portal, "rep-impact", 5, Ct);
        var auditor = await portal.Portal.ClientForAsync("audrey-impact", Roles.Auditor);

        var body = await ApiAnswers.GetJsonAsync(auditor, $"/api/v1/lineage/impact/snapshot/{snapshot}", Ct);

        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, i => i.GetProperty("type").GetString() == "model-version" && i.GetProperty("id").GetString() == "churn/1");
        var deployment = items.Single(i => i.GetProperty("type").GetString() == "deployment" && i.GetProperty("id").GetString() == "rep-impact");
        Assert.Equal(5, deployment.GetProperty("predictions").GetInt64());
        Assert.Equal(("telco-churn", false), (body.GetProperty("dataset").GetString(), body.GetProperty("truncated").GetBoolean()));
        Assert.True(body.GetProperty("counts").GetProperty("run").GetInt32() >= 1);
    }

    [Fact]
    public async Task TheCsvHasOneRowPerObjectAndDefusesFormulas()
    {
        var (_, snapshot) = await LineageSeed.DeployWithLogAsync(portal, "rep-csv", 2, Ct);
        await using (var write = await portal.Get<IConnectionFactory>().BeginWriteAsync(Ct))
        {
            await LineageRecorder.RecordAsync(write.Connection, write.Transaction, new LineageEdge(LineageNodeTypes.Deployment, "rep-csv",
                LineageNodeTypes.App, "=HYPERLINK(\"x\",\"y\")", LineageEdgeKinds.BoundTo, 1, "dora"), Ct);
            await write.CommitAsync(Ct);
        }
        var analyst = await portal.Portal.ClientForAsync("arthur-csv", Roles.Analyst);

        var response = await analyst.GetAsync($"/api/v1/lineage/impact/snapshot/{snapshot}/impact.csv", Ct);
        var viaFormat = await analyst.GetAsync($"/api/v1/lineage/impact/snapshot/{snapshot}?format=csv", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"impact-snapshot-{snapshot}.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var lines = (await response.Content.ReadAsStringAsync(Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ImpactCsv.Header, lines[0]);
        Assert.Contains("deployment,rep-csv,rep-csv,3,model-version/churn/1,deployed-as,2", lines);
        Assert.Contains(lines, l => l.StartsWith("app,\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"", StringComparison.Ordinal));
        Assert.Equal(await response.Content.ReadAsStringAsync(Ct), await viaFormat.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task ABusinessUserIsRefusedBothReports()
    {
        var (uuid, snapshot) = await LineageSeed.DeployWithLogAsync(portal, "rep-refused", 1, Ct);
        var business = await portal.Portal.ClientForAsync("bob-reports", Roles.BusinessUser);

        var chain = await business.GetAsync($"/api/v1/lineage/predictions/{uuid}/chain", Ct);
        var impact = await business.GetAsync($"/api/v1/lineage/impact/snapshot/{snapshot}", Ct);
        var csv = await business.GetAsync($"/api/v1/lineage/impact/snapshot/{snapshot}/impact.csv", Ct);

        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden], new[] { chain.StatusCode, impact.StatusCode, csv.StatusCode });
    }

    [Fact]
    public async Task MalformedUuidsAreRefusedAndUnknownOnesAreNotFound()
    {
        var auditor = await portal.Portal.ClientForAsync("audrey-refusals", Roles.Auditor);

        var malformed = await auditor.GetAsync("/api/v1/lineage/predictions/not-a-uuid/chain", Ct);
        var unknown = await auditor.GetAsync($"/api/v1/lineage/predictions/{Guid.CreateVersion7()}/chain", Ct);
        var noSnapshot = await auditor.GetAsync("/api/v1/lineage/impact/snapshot/987654", Ct);
        var badFormat = await auditor.GetAsync("/api/v1/lineage/impact/snapshot/1?format=xml", Ct);

        await ApiAnswers.AssertRefusedAsync(malformed, "'not-a-uuid'", Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noSnapshot.StatusCode);
        await ApiAnswers.AssertRefusedAsync(badFormat, "'xml'", Ct);
    }

    /// <summary>The uuid is the only text these reports read from a caller: seeded random text, control characters,
    /// braces, a uuid with trailing junk and a 2,000-character string each get a 400 naming the problem (or a 404 for a
    /// well-formed uuid nobody logged), never a 5xx.</summary>
    [Fact]
    public async Task HostileUuidTextIsRefusedWithA4xxNeverA5xx()
    {
        var auditor = await portal.Portal.ClientForAsync("audrey-fuzz", Roles.Auditor);
        var random = new Random(15);
        var inputs = new List<string> { new('f', 2000), "{" + Guid.CreateVersion7() + "}x", Guid.CreateVersion7() + "\u0000", "%00", "../../audit", "' OR 1=1 --" };
        for (var i = 0; i < 60; i++)
            inputs.Add(new string([.. Enumerable.Range(0, random.Next(1, 80)).Select(_ => (char)random.Next(1, 0x2FFF))]));

        foreach (var text in inputs)
        {
            var response = await auditor.GetAsync($"/api/v1/lineage/predictions/{Uri.EscapeDataString(text)}/chain", Ct);
            Assert.True((int)response.StatusCode is 400 or 404, $"{(int)response.StatusCode} for {text[..Math.Min(40, text.Length)]}");
            Assert.Equal(PredictionUuidText.TryParse(text, out _), response.StatusCode == HttpStatusCode.NotFound);
        }
    }
}
