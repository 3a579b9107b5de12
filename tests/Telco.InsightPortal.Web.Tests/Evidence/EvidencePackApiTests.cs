using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telco.InsightPortal.Core.Evidence;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Verifier;
using Telco.InsightPortal.Web.Hosting;
using Telco.InsightPortal.Web.Security;
using Telco.InsightPortal.Web.Tests.Registry;

namespace Telco.InsightPortal.Web.Tests.Evidence;

public sealed class EvidencePackApiTests
{
    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task AnAuditorDownloadsThePackOfATrainedVersionAndTheVerifierAcceptsIt(StoreProvider provider)
    {
        await using var portal = await PortalFactory.CreateAsync(provider);
        var runId = await portal.TrainAsync();
        var paths = portal.Services.GetRequiredService<PortalPaths>();
        await portal.Services.GetRequiredService<RegistryStore>().CreateVersionAsync("churn", ModelSources.Resolve($"runs:/{runId}/model.zip", paths.Artifacts),
            "Rank customers <by> churn risk", [], new AuditActor("dora"), createModel: true);
        var otto = await portal.ClientForAsync("otto", Roles.Auditor);

        var key = await otto.GetFromJsonAsync<JsonElement>("/api/v1/audit/public-key");
        var response = await otto.PostAsync("/api/v1/models/churn/versions/1/evidence-pack", null);
        var zip = await response.Content.ReadAsByteArrayAsync();
        var path = Path.Combine(portal.Store.Directory, "pack.zip");
        await File.WriteAllBytesAsync(path, zip);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = VerifierCommand.Run([path, "--key", key.GetProperty("fingerprint").GetString()!], output, error);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("evidence-churn-v1.zip", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        Assert.True(code == VerifierCommand.Verified, error.ToString());
        Assert.StartsWith("verified: churn version 1", output.ToString());
        var document = JsonSerializer.Deserialize<EvidenceDocument>(Entry(zip, PackLayout.Document), EvidenceJson.Options)!;
        var data = document.Development.TrainingData!;
        Assert.Equal("telco-churn", data.Dataset);
        Assert.Contains(data.Schema, c => c.Name == "customerID" && c.Pii);
        Assert.NotEmpty(data.Snapshots);
        Assert.All(data.Snapshots, s => Assert.Equal(64, s.ContentHash.Length));
        Assert.NotEmpty(document.Development.Run!.Params);
        Assert.Contains(document.Development.Metrics, m => m.Key == "roc_auc");
        Assert.NotEmpty(document.Development.Slices!);
        Assert.Contains(document.Records.Entries, e => e.Action == "model.version.create");
        Assert.Contains("Rank customers &lt;by&gt; churn risk", System.Text.Encoding.UTF8.GetString(Entry(zip, PackLayout.Html)));

        // One byte of one entry changed: the verifier names it.
        var tampered = Replace(zip, PackLayout.Entries, "\"action\":\"model.version.create\"", "\"action\":\"model.version.creatf\"");
        await File.WriteAllBytesAsync(path, tampered);
        using var error2 = new StringWriter();
        var rejected = VerifierCommand.Run([path], TextWriter.Null, error2);

        Assert.Equal(VerifierCommand.Rejected, rejected);
        Assert.Matches(@"NOT VERIFIED: entry \d+ \(model\.version\.creatf\): hash mismatch", error2.ToString());
    }

    [Fact]
    public async Task CallersWhoMayNotReadTheAuditTrailAreRefusedAndAnUnknownVersionIsNotFound()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var dora = await portal.ClientForAsync("dora", Roles.DataScientist);
        var arthur = await portal.ClientForAsync("arthur", Roles.Analyst);
        var rita = await portal.ClientForAsync("rita", Roles.Admin);

        var scientist = await dora.PostAsync("/api/v1/models/churn/versions/1/evidence-pack", null);
        var analyst = await arthur.PostAsync("/api/v1/models/churn/versions/1/evidence-pack", null);
        var keyForScientist = await dora.GetAsync("/api/v1/audit/public-key");
        var unknown = await rita.PostAsync("/api/v1/models/churn/versions/1/evidence-pack", null);
        var problem = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        var anonymous = await portal.CreateClient().PostAsync("/api/v1/models/churn/versions/1/evidence-pack", null);

        Assert.Equal(HttpStatusCode.Forbidden, scientist.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, analyst.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, keyForScientist.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Contains("not found", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    /// <summary>Building a pack writes an audit entry and a checkpoint, so it is a POST; a GET is no route to one (the
    /// API's 404) and leaves the trail as it was.</summary>
    [Fact]
    public async Task AGetFindsNoRouteAndWritesNothing()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var rita = await portal.ClientForAsync("rita", Roles.Admin);
        var audit = portal.Services.GetRequiredService<AuditLog>();
        var newest = new AuditPaging(1, NewestFirst: true);
        var before = (await audit.PageAsync(new AuditQuery(), newest, TestContext.Current.CancellationToken)).Single().Seq;

        var response = await rita.GetAsync("/api/v1/models/churn/versions/1/evidence-pack");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(before, (await audit.PageAsync(new AuditQuery(), newest, TestContext.Current.CancellationToken)).Single().Seq);
    }

    private static byte[] Entry(byte[] zip, string name) => ZipEntries.Read(zip, name);

    private static byte[] Replace(byte[] zip, string name, string from, string to) => ZipEntries.Replace(zip, name, from, to);
}
