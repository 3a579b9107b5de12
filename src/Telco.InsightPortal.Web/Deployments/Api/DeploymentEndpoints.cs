using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Serving.Deployments;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Deployments.Api;

/// <summary>Deployment management under <c>/api/v1/deployments</c>: create, read, redeploy, canary, rollback, stop,
/// start and scale, keys and delayed labels. Scoring itself is served under <c>/serving/{name}</c> with the deployment's access keys.</summary>
public static class DeploymentEndpoints
{
    public static void MapDeploymentApi(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/deployments").WithTags("Deployments").DisableAntiforgery();
        group.MapGet("", ListAsync).RequireAuthorization(Policies.DeploymentsRead);
        group.MapPost("", CreateAsync).RequireAuthorization(Policies.DeploymentsWrite);
        group.MapGet("/{name}", GetAsync).RequireAuthorization(Policies.DeploymentsRead);
        group.MapPost("/{name}/redeploy", async (string name, RedeployBody? body, DeploymentService service, DeploymentSummaries summaries, HttpContext http) =>
            Results.Ok(await summaries.DescribeAsync(await service.RedeployAsync(name, body?.Version, body?.Alias, HttpAuditActor.From(http), http.RequestAborted), http.RequestAborted)))
            .RequireAuthorization(Policies.DeploymentsWrite);
        group.MapPost("/{name}/canary", async (string name, CanaryBody? body, DeploymentService service, DeploymentSummaries summaries, HttpContext http) =>
            Results.Ok(await summaries.DescribeAsync(await service.CanaryAsync(name, body?.Version, body?.Alias, body?.Weight ?? 0, HttpAuditActor.From(http), http.RequestAborted), http.RequestAborted)))
            .RequireAuthorization(Policies.DeploymentsWrite);
        group.MapPost("/{name}/rollback", async (string name, DeploymentService service, DeploymentSummaries summaries, HttpContext http) =>
            Results.Ok(await summaries.DescribeAsync(await service.RollbackAsync(name, HttpAuditActor.From(http), http.RequestAborted), http.RequestAborted)))
            .RequireAuthorization(Policies.DeploymentsWrite);
        group.MapLifecycle();
        group.MapGet("/{name}/keys", async (string name, DeploymentService service, HttpContext http) =>
            Results.Ok((await service.KeysAsync(name, http.RequestAborted)).Select(KeyView)))
            .RequireAuthorization(Policies.DeploymentsRead);
        group.MapPost("/{name}/keys", async (string name, CreateKeyBody? body, DeploymentService service, HttpContext http) =>
            {
                var (key, secret) = await service.CreateKeyAsync(name, body?.Name, HttpAuditActor.From(http), http.RequestAborted);
                return Results.Json(new { key = KeyView(key), accessKey = secret }, statusCode: StatusCodes.Status201Created);
            })
            .RequireAuthorization(Policies.DeploymentsWrite);
        group.MapDelete("/{name}/keys/{id:long}", async (string name, long id, DeploymentService service, HttpContext http) =>
            {
                await service.RevokeKeyAsync(name, id, HttpAuditActor.From(http), http.RequestAborted);
                return Results.NoContent();
            })
            .RequireAuthorization(Policies.DeploymentsWrite);
        group.MapPost("/{name}/labels", LabelsAsync).RequireAuthorization(Policies.DeploymentsWrite);
    }

    // Figures from the end of time sample no prediction: one query for every deployment and its current targets.
    private static async Task<IResult> ListAsync(DeploymentStore store, HttpContext http) =>
        Results.Ok((await store.FiguresAsync(long.MaxValue, 1, http.RequestAborted)).Select(f => f.State).Select(s => new
        {
            s.Deployment.Name, Model = s.Targets.MaxBy(t => t.Weight)?.Model, Version = s.Targets.MaxBy(t => t.Weight)?.Version, s.Deployment.Status,
            s.Deployment.EnginesPerProcess, s.Deployment.Revision, s.Deployment.Requests,
        }));

    private static async Task<IResult> CreateAsync(CreateDeploymentBody? body, DeploymentService service, HttpContext http)
    {
        if (body is null) throw DeploymentException.Invalid("Send {\"name\",\"model\",\"version\"|\"alias\",\"enginesPerProcess\"}.");
        var (state, key) = await service.CreateAsync(body.Name, body.Model, body.Version, body.Alias, EnginesBody.Of(body.EnginesPerProcess, body.Replicas) ?? 1, HttpAuditActor.From(http), http.RequestAborted);
        return Results.Json(new { name = state.Deployment.Name, accessKey = key }, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> GetAsync(string name, DeploymentService service, DeploymentSummaries summaries, HttpContext http) =>
        Results.Ok(await summaries.DescribeAsync(await service.RequireAsync(name, http.RequestAborted), http.RequestAborted));

    private static async Task<IResult> LabelsAsync(string name, LabelBody[]? body, DeploymentService service, DeploymentStore store, HttpContext http)
    {
        var labels = LabelBodies.Check(body);
        var deployment = (await service.RequireAsync(name, http.RequestAborted)).Deployment;
        var outcome = await store.AddLabelsAsync(deployment, labels, http.RequestAborted);
        return Results.Ok(new { stored = outcome.Stored, unknown = outcome.Unknown });
    }

    private static object KeyView(DeploymentKeyRecord k) => new { k.Id, k.Name, k.Prefix, k.CreatedBy, createdAt = DateTimeOffset.FromUnixTimeMilliseconds(k.CreatedAt), revoked = k.RevokedAt is not null };
}
