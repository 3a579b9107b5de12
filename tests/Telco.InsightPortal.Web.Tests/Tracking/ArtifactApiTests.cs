using System.Net;
using System.Security.Cryptography;
using Dapper;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Tests.Tracking;

public sealed class ArtifactApiTests
{
    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task UploadThenListThenDownloadRoundTrips(StoreProvider provider)
    {
        await using var portal = await PortalFactory.CreateAsync(provider);
        var http = await portal.ClientForAsync("scientist", Roles.DataScientist);
        var artifacts = new ArtifactClient(portal, http);
        var (runId, prefix) = await artifacts.NewRunAsync(new MlflowClient(http));
        var png = RandomNumberGenerator.GetBytes(5000);

        await ArtifactClient.JsonAsync(await artifacts.PutTextAsync(prefix + "/model/MLmodel", "flavors: {}\n"), HttpStatusCode.OK);
        await ArtifactClient.JsonAsync(await artifacts.PutAsync(prefix + "/plots/roc.png", png), HttpStatusCode.OK);
        await ArtifactClient.JsonAsync(await artifacts.PutTextAsync(prefix + "/notes.txt", "first"), HttpStatusCode.OK);
        await ArtifactClient.JsonAsync(await artifacts.PutTextAsync(prefix + "/notes.txt", "second"), HttpStatusCode.OK);
        var root = await ArtifactClient.JsonAsync(await artifacts.ListAsync(runId), HttpStatusCode.OK);
        var model = await ArtifactClient.JsonAsync(await artifacts.ListAsync(runId, "model"), HttpStatusCode.OK);
        var proxied = await ArtifactClient.JsonAsync(await artifacts.ListProxiedAsync(prefix + "/plots"), HttpStatusCode.OK);
        var download = await artifacts.GetProxiedAsync(prefix + "/plots/roc.png");
        var viaUi = await artifacts.GetArtifactAsync(runId, "notes.txt");

        Assert.Equal("mlflow-artifacts:/" + prefix, root.GetProperty("root_uri").GetString());
        Assert.Equal([("model", true, (long?)null), ("notes.txt", false, 6L), ("plots", true, null)], Files(root));
        Assert.Equal([("model/MLmodel", false, (long?)12)], Files(model));
        Assert.Equal([("roc.png", false, (long?)5000)], Files(proxied));
        Assert.False(root.TryGetProperty("next_page_token", out _));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(png, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(("attachment", "roc.png"), (download.Content.Headers.ContentDisposition!.DispositionType, download.Content.Headers.ContentDisposition.FileName));
        Assert.Equal("second", await viaUi.Content.ReadAsStringAsync());
        Assert.Equal("attachment", viaUi.Content.Headers.ContentDisposition!.DispositionType);
        await using var connection = await portal.Store.Factory.OpenAsync();
        var audited = (await connection.QueryAsync<string>("SELECT target_id FROM audit_entries WHERE action = 'run.artifact.upload'")).ToList();
        Assert.Equal(Enumerable.Repeat(runId, 4), audited);
    }

    [Fact]
    public async Task ALargeListingPagesWithTokens()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var http = await portal.ClientForAsync("scientist", Roles.DataScientist);
        var artifacts = new ArtifactClient(portal, http);
        var (runId, _) = await artifacts.NewRunAsync(new MlflowClient(http));
        var directory = Directory.CreateDirectory(Path.Combine(portal.Store.Directory, "artifacts", "runs", runId, "shards")).FullName;
        var names = Enumerable.Range(0, 2500).Select(i => $"part-{i:D5}.csv").ToList();
        foreach (var name in names) await File.WriteAllTextAsync(Path.Combine(directory, name), "x");

        var seen = new List<string>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = await ArtifactClient.JsonAsync(await artifacts.ListAsync(runId, "shards", token), HttpStatusCode.OK);
            seen.AddRange(Files(page).Select(f => f.Path));
            token = page.TryGetProperty("next_page_token", out var next) ? next.GetString() : null;
            pages++;
        }
        while (token is not null);
        var badToken = await ArtifactClient.JsonAsync(await artifacts.ListAsync(runId, "shards", "not-a-token"), HttpStatusCode.BadRequest);

        Assert.Equal(3, pages);
        Assert.Equal(names.Select(n => "shards/" + n), seen);
        Assert.Contains("Invalid page token", badToken.GetProperty("message").GetString());
    }

    [Fact]
    public async Task AnUploadPastTheLimitIs413AndLeavesNothing()
    {
        await using var portal = await PortalFactory.CreateAsync(settings: new Dictionary<string, string?> { ["Tracking:Artifacts:MaxUploadBytes"] = "1000" });
        var http = await portal.ClientForAsync("scientist", Roles.DataScientist);
        var artifacts = new ArtifactClient(portal, http);
        var (runId, prefix) = await artifacts.NewRunAsync(new MlflowClient(http));

        var declared = await artifacts.PutAsync(prefix + "/big/declared.bin", new byte[1001]);
        var streamed = await artifacts.PutUndeclaredAsync(prefix + "/big/streamed.bin", new byte[5000]);
        var atLimit = await artifacts.PutAsync(prefix + "/fits.bin", new byte[1000]);

        foreach (var response in new[] { declared, streamed })
        {
            var error = await ArtifactClient.JsonAsync(response, HttpStatusCode.RequestEntityTooLarge);
            Assert.Equal("RESOURCE_EXHAUSTED", error.GetProperty("error_code").GetString());
            Assert.Contains("limit of 1000 bytes", error.GetProperty("message").GetString());
        }
        Assert.Equal(HttpStatusCode.OK, atLimit.StatusCode);
        var runDirectory = Path.Combine(portal.Store.Directory, "artifacts", "runs", runId);
        Assert.Equal(["fits.bin"], Directory.GetFileSystemEntries(runDirectory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task MissingRunFileAndFolderAnswerByName()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var http = await portal.ClientForAsync("scientist", Roles.DataScientist);
        var artifacts = new ArtifactClient(portal, http);
        var (runId, prefix) = await artifacts.NewRunAsync(new MlflowClient(http));
        await ArtifactClient.JsonAsync(await artifacts.PutTextAsync(prefix + "/dir/file.txt", "x"), HttpStatusCode.OK);
        const string stranger = "0123456789abcdef0123456789abcdef";

        var noRun = await ArtifactClient.JsonAsync(await artifacts.ListAsync(stranger), HttpStatusCode.NotFound);
        var noRunPut = await ArtifactClient.JsonAsync(await artifacts.PutTextAsync($"1/{stranger}/artifacts/a.txt", "x"), HttpStatusCode.NotFound);
        var wrongPrefix = await ArtifactClient.JsonAsync(await artifacts.PutTextAsync($"7/{runId}/artifacts/a.txt", "x"), HttpStatusCode.BadRequest);
        var noFile = await ArtifactClient.JsonAsync(await artifacts.GetArtifactAsync(runId, "dir/missing.txt"), HttpStatusCode.NotFound);
        var folder = await ArtifactClient.JsonAsync(await artifacts.GetProxiedAsync(prefix + "/dir"), HttpStatusCode.BadRequest);
        var ontoFolder = await ArtifactClient.JsonAsync(await artifacts.PutTextAsync(prefix + "/dir", "x"), HttpStatusCode.BadRequest);
        var underFile = await ArtifactClient.JsonAsync(await artifacts.PutTextAsync(prefix + "/dir/file.txt/inner.txt", "x"), HttpStatusCode.BadRequest);
        var noPath = await ArtifactClient.JsonAsync(await artifacts.GetArtifactAsync(runId, ""), HttpStatusCode.BadRequest);
        var notARunPath = await ArtifactClient.JsonAsync(await artifacts.GetProxiedAsync("models/churn/model.zip"), HttpStatusCode.BadRequest);

        Assert.Contains($"Run with id={stranger} not found", noRun.GetProperty("message").GetString());
        Assert.Equal("RESOURCE_DOES_NOT_EXIST", noRunPut.GetProperty("error_code").GetString());
        Assert.Contains("is not under the artifact URI", wrongPrefix.GetProperty("message").GetString());
        Assert.Contains("'dir/missing.txt'", noFile.GetProperty("message").GetString());
        Assert.Contains("is a directory", folder.GetProperty("message").GetString());
        Assert.Contains("is a directory", ontoFolder.GetProperty("message").GetString());
        Assert.Contains("'dir/file.txt' is a file, not a folder", underFile.GetProperty("message").GetString());
        Assert.Contains("'path'", noPath.GetProperty("message").GetString());
        Assert.Contains("names no run", notARunPath.GetProperty("message").GetString());
    }

    [Fact]
    public async Task ReadersListAndDownloadButCannotUpload()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var scientist = await portal.ClientForAsync("scientist", Roles.DataScientist);
        var owner = new ArtifactClient(portal, scientist);
        var (runId, prefix) = await owner.NewRunAsync(new MlflowClient(scientist));
        await ArtifactClient.JsonAsync(await owner.PutTextAsync(prefix + "/a.txt", "x"), HttpStatusCode.OK);
        var analyst = await portal.ClientForAsync("analyst", Roles.Analyst);
        var reader = new ArtifactClient(portal, analyst);

        var list = await reader.ListAsync(runId);
        var download = await reader.GetArtifactAsync(runId, "a.txt");
        var upload = await analyst.PutAsync(ArtifactClient.Proxy + prefix + "/b.txt", new StringContent("y"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Forbidden), (list.StatusCode, download.StatusCode, upload.StatusCode));
        Assert.False(File.Exists(Path.Combine(portal.Store.Directory, "artifacts", "runs", runId, "b.txt")));
    }

    private static List<(string Path, bool IsDir, long? Size)> Files(System.Text.Json.JsonElement listing) =>
        listing.TryGetProperty("files", out var files)
            ? files.EnumerateArray().Select(f => (f.GetProperty("path").GetString()!, f.GetProperty("is_dir").GetBoolean(),
                f.TryGetProperty("file_size", out var size) ? size.GetInt64() : (long?)null)).ToList()
            : [];
}
