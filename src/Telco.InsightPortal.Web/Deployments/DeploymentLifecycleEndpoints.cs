using System.Text.Json;
using Telco.InsightPortal.Serving.Deployments;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Deployments;

/// <summary>Stop, start and scale under <c>/api/v1/deployments/{name}</c>, with the same policy as redeploy. Each
/// answers the deployment as <c>GET /{name}</c> does.</summary>
public static class DeploymentLifecycleEndpoints
{
    public static void MapLifecycle(this RouteGroupBuilder group)
    {
        group.MapPost("/{name}/stop", (string name, DeploymentService service, DeploymentSummaries summaries, HttpContext http) =>
                DescribeAsync(service.StopAsync(name, HttpAuditActor.From(http), http.RequestAborted), summaries, http))
            .RequireAuthorization(Policies.DeploymentsWrite);
        group.MapPost("/{name}/start", (string name, DeploymentService service, DeploymentSummaries summaries, HttpContext http) =>
                DescribeAsync(service.StartAsync(name, HttpAuditActor.From(http), http.RequestAborted), summaries, http))
            .RequireAuthorization(Policies.DeploymentsWrite);
        group.MapPost("/{name}/scale", async (string name, DeploymentService service, DeploymentSummaries summaries, HttpContext http) =>
                await DescribeAsync(service.ScaleAsync(name, (await ReadScaleAsync(http))?.Replicas, HttpAuditActor.From(http), http.RequestAborted), summaries, http))
            .RequireAuthorization(Policies.DeploymentsWrite);
    }

    /// <summary>Read here rather than bound, so a body that is not <c>{"replicas":N}</c> gets a message naming the
    /// problem instead of the framework's bare 400. An empty body reads as no replicas.</summary>
    private static async Task<ScaleBody?> ReadScaleAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var text = await reader.ReadToEndAsync(http.RequestAborted);
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            using var _ = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            throw DeploymentException.Invalid("The body is not JSON of the form {\"replicas\":N}.");
        }
        try
        {
            return JsonSerializer.Deserialize<ScaleBody>(text, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            throw DeploymentException.Invalid($"'replicas' must be a whole number between 1 and {DeploymentService.MaxReplicas}.");
        }
    }

    private static async Task<IResult> DescribeAsync(Task<Data.Deployments.DeploymentState> change, DeploymentSummaries summaries, HttpContext http) =>
        Results.Ok(await summaries.DescribeAsync(await change, http.RequestAborted));
}
