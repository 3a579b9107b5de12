using System.Net;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Tests.Tracking;

/// <summary>Every way of naming a path outside a run's artifact directory, on every artifact endpoint: each gets
/// 400 INVALID_PARAMETER_VALUE naming the reason, and a sentinel file outside the artifact root is neither
/// returned nor changed.</summary>
public sealed class ArtifactTraversalTests
{
    private const string Secret = "sentinel-secret-7f3a";

    /// <summary>A traversal as typed into a query string and into a URL path (already escaped as sent), with the
    /// reason the answer must give for each. {abs} is the sentinel's absolute path; joined to the run's prefix in the
    /// proxied API it reads as an empty folder name ('//'), and in a URL path it can only arrive as an encoded '/'.
    /// A NUL in a URL path is refused by the server's own decoder, so there it is sent encoded twice.</summary>
    public static TheoryData<string, string, string, string, string> Traversals => new()
    {
        { "parent segments", "../../../sentinel.txt", "../../../sentinel.txt", "contains '..'", "contains '..'" },
        { "absolute path", "{abs}", "%2F{abs}", "is absolute|empty folder name", "percent-encoded traversal" },
        { "encoded dots", "%2e%2e%2f%2e%2e%2f%2e%2e%2fsentinel.txt", "%2e%2e/%2e%2e/%2e%2e/sentinel.txt", "contains '..'", "contains '..'" },
        { "double-encoded dots", "%252e%252e%252f%252e%252e%252f%252e%252e%252fsentinel.txt", "%252e%252e/%252e%252e/%252e%252e/sentinel.txt",
            "percent-encoded traversal", "percent-encoded traversal" },
        { "backslashes", "..%5C..%5C..%5Csentinel.txt", "..%5C..%5C..%5Csentinel.txt", "contains a backslash", "contains a backslash" },
        { "NUL byte", "sentinel.txt%00.png", "sentinel.txt%2500.png", "NUL or control character", "percent-encoded traversal" },
        { "symlink out of the root", "escape/sentinel.txt", "escape/sentinel.txt", "link that leaves the artifact root", "link that leaves the artifact root" },
    };

    [Theory]
    [MemberData(nameof(Traversals))]
    public async Task TraversalIsRefusedOnListUploadAndDownload(string kind, string query, string urlPath, string queryReason, string pathReason)
    {
        await using var portal = await PortalFactory.CreateAsync(StoreProvider.Sqlite);
        var http = await portal.ClientForAsync("scientist", Roles.DataScientist);
        var artifacts = new ArtifactClient(portal, http);
        var (runId, prefix) = await artifacts.NewRunAsync(new MlflowClient(http));
        var sentinel = Path.Combine(portal.Store.Directory, "sentinel.txt");
        await File.WriteAllTextAsync(sentinel, Secret);
        var runDirectory = Directory.CreateDirectory(Path.Combine(portal.Store.Directory, "artifacts", "runs", runId)).FullName;
        Directory.CreateSymbolicLink(Path.Combine(runDirectory, "escape"), portal.Store.Directory);
        query = query.Replace("{abs}", Uri.EscapeDataString(sentinel));
        urlPath = urlPath.Replace("{abs}", sentinel.TrimStart('/'));
        var before = StoreEntries(portal.Store.Directory);

        var answers = new List<(string Call, HttpResponseMessage Response, string Reason)>
        {
            ("artifacts/list", await artifacts.ListAsync(runId, query), queryReason.Split('|')[0]),
            ("get-artifact", await artifacts.GetArtifactAsync(runId, query), queryReason.Split('|')[0]),
            ("proxied list", await artifacts.ListProxiedAsync(prefix + "/" + query), queryReason.Split('|')[^1]),
            ("proxied GET", await artifacts.GetProxiedAsync(prefix + "/" + urlPath), pathReason),
            ("proxied PUT", await artifacts.PutTextAsync(prefix + "/" + urlPath, "overwritten"), pathReason),
        };

        foreach (var (call, response, reason) in answers)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{kind} on {call}: {(int)response.StatusCode} {text}");
            var error = await ArtifactClient.JsonAsync(response, HttpStatusCode.BadRequest);
            Assert.Equal("INVALID_PARAMETER_VALUE", error.GetProperty("error_code").GetString());
            Assert.Contains(reason, error.GetProperty("message").GetString());
            Assert.DoesNotContain(Secret, text);
        }
        Assert.Equal(Secret, await File.ReadAllTextAsync(sentinel));
        Assert.Equal(before, StoreEntries(portal.Store.Directory));
        Assert.Equal(["escape"], Directory.GetFileSystemEntries(runDirectory).Select(Path.GetFileName));
    }

    /// <summary>The store folder's entries, leaving out SQLite's own WAL and shared-memory files: the database
    /// creates and removes those as it checkpoints, whatever the requests under test do.</summary>
    private static List<string> StoreEntries(string directory) =>
        Directory.GetFileSystemEntries(directory).Where(entry => !entry.EndsWith("-shm") && !entry.EndsWith("-wal")).Order().ToList();

    [Fact]
    public async Task ASymlinkToAnotherRunsFolderIsRefusedToo()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var http = await portal.ClientForAsync("scientist", Roles.DataScientist);
        var artifacts = new ArtifactClient(portal, http);
        var mlflow = new MlflowClient(http);
        var (runId, prefix) = await artifacts.NewRunAsync(mlflow);
        var (otherId, otherPrefix) = await artifacts.NewRunAsync(mlflow, "other");
        await ArtifactClient.JsonAsync(await artifacts.PutTextAsync(otherPrefix + "/private.txt", Secret), HttpStatusCode.OK);
        var runs = Path.Combine(portal.Store.Directory, "artifacts", "runs");
        Directory.CreateSymbolicLink(Path.Combine(Directory.CreateDirectory(Path.Combine(runs, runId)).FullName, "other"), Path.Combine(runs, otherId));

        var download = await artifacts.GetProxiedAsync(prefix + "/other/private.txt");

        var error = await ArtifactClient.JsonAsync(download, HttpStatusCode.BadRequest);
        Assert.Contains("link that leaves the artifact root", error.GetProperty("message").GetString());
    }
}
