using Telco.InsightPortal.Serving.Deployments;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Deployments.Api;

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
        group.MapPost("/{name}/scale", (string name, ScaleBody? body, DeploymentService service, DeploymentSummaries summaries, HttpContext http) =>
                DescribeAsync(service.ScaleAsync(name, EnginesBody.Of(body?.EnginesPerProcess, body?.Replicas), HttpAuditActor.From(http), http.RequestAborted), summaries, http))
            .RequireAuthorization(Policies.DeploymentsWrite);
    }

    private static async Task<IResult> DescribeAsync(Task<Data.Deployments.DeploymentState> change, DeploymentSummaries summaries, HttpContext http) =>
        Results.Ok(await summaries.DescribeAsync(await change, http.RequestAborted));
}
