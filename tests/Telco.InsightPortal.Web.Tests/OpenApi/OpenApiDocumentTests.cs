using System.Text.Json;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Tests.OpenApi;

/// <summary>What client generators and API browsers read: each document lists its own API, names every operation
/// once, and says how each operation is authenticated.</summary>
public sealed class OpenApiDocumentTests(OpenApiDocumentTests.Documents documents) : IClassFixture<OpenApiDocumentTests.Documents>
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    [Theory]
    [InlineData("/api/serving/openapi.json")]
    [InlineData("/serving/openapi/serving.json")]
    public void TheServingDocumentListsOnlyTheServingEndpoints(string url)
    {
        var paths = Paths(documents[url]).ToList();

        Assert.Equal(["/serving/{deployment}/explain", "/serving/{deployment}/health", "/serving/{deployment}/invocations",
            "/serving/{deployment}/ping", "/serving/{deployment}/schema"], paths.Order());
    }

    [Fact]
    public void ThePortalDocumentListsNeitherServingNorThePagesFormPosts()
    {
        var paths = Paths(documents[Documents.Portal]).ToList();

        Assert.Contains("/api/v1/datasets", paths);
        Assert.Contains("/api/2.0/mlflow/runs/search", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/serving", StringComparison.Ordinal) || p.StartsWith("/account", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Documents.Portal)]
    [InlineData("/api/serving/openapi.json")]
    public void EveryOperationHasAUniqueOperationIdAndASummary(string url)
    {
        var operations = Operations(documents[url]).ToList();
        var ids = operations.Select(o => o.Operation.TryGetProperty("operationId", out var id) ? id.GetString() : null).ToList();

        Assert.All(operations, o => Assert.False(string.IsNullOrWhiteSpace(o.Operation.GetProperty("summary").GetString()), o.Name));
        Assert.DoesNotContain(null, ids);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Matches("^[a-z][A-Za-z0-9]*$", id!));
    }

    [Fact]
    public void OperationIdsAreDerivedFromTheMethodAndTheRoute()
    {
        var ids = Operations(documents[Documents.Portal]).ToDictionary(o => o.Name, o => o.Operation.GetProperty("operationId").GetString());

        Assert.Equal("postDeploymentsRedeploy", ids["POST /api/v1/deployments/{name}/redeploy"]);
        Assert.Equal("getDatasetsByName", ids["GET /api/v1/datasets/{name}"]);
        Assert.Equal("postMlflowRunsSearch", ids["POST /api/2.0/mlflow/runs/search"]);
        Assert.Equal("getMlflowExperimentsSearch", ids["GET /api/2.0/mlflow/experiments/search"]);
    }

    [Fact]
    public void ThePortalDocumentDeclaresItsSchemesAndAppliesThemToEveryOperation()
    {
        var document = documents[Documents.Portal];
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");

        Assert.Equal(("http", "bearer"), (schemes.GetProperty("bearer").GetProperty("type").GetString(), schemes.GetProperty("bearer").GetProperty("scheme").GetString()));
        Assert.Equal(("apiKey", "cookie", "telco.session"), (schemes.GetProperty("session").GetProperty("type").GetString(),
            schemes.GetProperty("session").GetProperty("in").GetString(), schemes.GetProperty("session").GetProperty("name").GetString()));
        Assert.Equal(("http", "basic"), (schemes.GetProperty("basic").GetProperty("type").GetString(), schemes.GetProperty("basic").GetProperty("scheme").GetString()));
        foreach (var (name, operation) in Operations(document))
        {
            string[] expected = name == "POST /api/v1/tokens" ? ["basic"] : ["bearer", "session"];
            Assert.Equal(expected, Requirements(operation));
        }
    }

    [Fact]
    public void TheServingDocumentDeclaresTheDeploymentKeyOnTheOperationsThatTakeIt()
    {
        var document = documents["/api/serving/openapi.json"];
        var key = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("deploymentKey");
        var operations = Operations(document).ToDictionary(o => o.Name, o => Requirements(o.Operation));

        Assert.Equal(("http", "bearer"), (key.GetProperty("type").GetString(), key.GetProperty("scheme").GetString()));
        Assert.Contains("tsk_", key.GetProperty("description").GetString());
        Assert.Equal(["deploymentKey"], operations["POST /serving/{deployment}/invocations"]);
        Assert.Equal(["deploymentKey"], operations["POST /serving/{deployment}/explain"]);
        Assert.Equal(["deploymentKey"], operations["GET /serving/{deployment}/schema"]);
        Assert.Empty(operations["GET /serving/{deployment}/ping"]);
        Assert.Empty(operations["GET /serving/{deployment}/health"]);
    }

    private static IEnumerable<string> Paths(JsonElement document) => document.GetProperty("paths").EnumerateObject().Select(p => p.Name);

    private static IEnumerable<(string Name, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(o => Methods.Contains(o.Name)).Select(o => ($"{o.Name.ToUpperInvariant()} {path.Name}", o.Value)));

    /// <summary>The names of the operation's alternative security requirements (empty: no authentication).</summary>
    private static string[] Requirements(JsonElement operation) =>
        operation.GetProperty("security").EnumerateArray().SelectMany(r => r.EnumerateObject().Select(s => s.Name)).ToArray();

    /// <summary>The documents, fetched once from one portal by a monitoring reader.</summary>
    public sealed class Documents : IAsyncLifetime
    {
        public const string Portal = "/api/v1/openapi.json";

        private readonly Dictionary<string, JsonElement> _documents = [];
        private PortalFactory _portal = default!;

        public JsonElement this[string url] => _documents[url];

        public async ValueTask InitializeAsync()
        {
            _portal = await PortalFactory.CreateAsync();
            var analyst = await _portal.ClientForAsync("arthur", Roles.Analyst);
            foreach (var url in new[] { Portal, "/api/serving/openapi.json", "/serving/openapi/serving.json" })
                _documents[url] = JsonDocument.Parse(await analyst.GetStringAsync(url)).RootElement.Clone();
        }

        public ValueTask DisposeAsync() => _portal.DisposeAsync();
    }
}
