using Microsoft.OpenApi;
using Telco.InsightPortal.Serving.OpenApi;

namespace Telco.InsightPortal.Serving.Tests;

/// <summary>Operation ids and summaries derived from the method and the route: readable, stable and unique.</summary>
public sealed class DocumentConventionsTests
{
    [Theory]
    [InlineData("POST", "/api/v1/deployments/{name}/redeploy", "postDeploymentsRedeploy", "Post deployments redeploy")]
    [InlineData("GET", "/api/v1/datasets/{name}", "getDatasetsByName", "Get datasets by name")]
    [InlineData("DELETE", "/api/v1/deployments/{name}/keys/{id}", "deleteDeploymentsKeysById", "Delete deployments keys by id")]
    [InlineData("POST", "/api/2.0/mlflow/runs/log-metric", "postMlflowRunsLogMetric", "Post mlflow runs log metric")]
    [InlineData("GET", "/api/v1/audit/export.csv", "getAuditExportCsv", "Get audit export csv")]
    [InlineData("POST", "/serving/{deployment}/invocations", "postServingInvocations", "Post serving invocations")]
    public void AnIdAndASummaryComeFromTheMethodAndTheRoute(string method, string path, string id, string summary)
    {
        var document = Document((method, path, null));

        Transform(document);

        var operation = document.Paths[path].Operations![new HttpMethod(method)];
        Assert.Equal((id, summary), (operation.OperationId, operation.Summary));
    }

    [Fact]
    public void RoutesWhoseShortIdsClashNameAllTheirParameters()
    {
        var document = Document(("GET", "/things/{id}/parts", null), ("GET", "/things/parts", null), ("GET", "/others", null));

        Transform(document);

        Assert.Equal(["getThingsByIdParts", "getThingsParts", "getOthers"], Ids(document));
    }

    [Fact]
    public void AnIdTheEndpointChoseIsKeptAndNeverDerivedAgain()
    {
        var document = Document(("GET", "/things", "getThings"), ("GET", "/api/v1/things", null), ("GET", "/api/2.0/things", null));

        Transform(document);

        Assert.Equal(["getThings", "getThings2", "getThings3"], Ids(document));
    }

    [Fact]
    public void ServerAddressesLoseTheirTrailingSlash()
    {
        var document = Document(("GET", "/things", null));
        document.Servers = [new OpenApiServer { Url = "http://localhost:5080/" }];

        Transform(document);

        Assert.Equal("http://localhost:5080", document.Servers[0].Url);
    }

    private static OpenApiDocument Document(params (string Method, string Path, string? Id)[] operations)
    {
        var document = new OpenApiDocument { Paths = [] };
        foreach (var (method, path, id) in operations)
        {
            document.Paths[path] = new OpenApiPathItem
            {
                Operations = new Dictionary<HttpMethod, OpenApiOperation> { [new HttpMethod(method)] = new() { OperationId = id } },
            };
        }
        return document;
    }

    // The context is not read: the conventions need only the document.
    private static void Transform(OpenApiDocument document) =>
        new DocumentConventions().TransformAsync(document, null!, CancellationToken.None).GetAwaiter().GetResult();

    private static IEnumerable<string?> Ids(OpenApiDocument document) =>
        document.Paths.Values.SelectMany(p => p.Operations!.Values).Select(o => o.OperationId);
}
