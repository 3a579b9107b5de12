using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Apps.Api;

/// <summary><c>/api/v1/apps</c>: the catalog with each app's binding, and binding or unbinding an app.</summary>
public static class AppEndpoints
{
    public static void MapAppApi(this RouteGroupBuilder v1)
    {
        var apps = v1.MapGroup("/apps").WithTags("Apps");
        apps.MapGet("/", async (AppBinder binder, HttpContext http) =>
                (await binder.ListAsync(http.RequestAborted)).Select(AppResponse.Of).ToList())
            .RequireAuthorization(Policies.AppsRead);
        apps.MapPost("/{id}/deployment", async (string id, BindBody? body, AppBinder binder, HttpContext http) =>
            {
                var binding = await binder.BindToAsync(id, body?.Deployment, HttpAuditActor.From(http), http.RequestAborted);
                return Results.Ok(new BindingResponse(binding.AppId, binding.Deployment, binding.BoundBy, DateTimeOffset.FromUnixTimeMilliseconds(binding.BoundAt)));
            })
            .RequireAuthorization(Policies.AppsWrite);
        apps.MapDelete("/{id}/deployment", async (string id, AppBinder binder, HttpContext http) =>
            {
                await binder.UnbindAsync(id, HttpAuditActor.From(http), http.RequestAborted);
                return Results.NoContent();
            })
            .RequireAuthorization(Policies.AppsWrite);
    }
}

public sealed record BindBody(string? Deployment);

public sealed record AppResponse(string Id, string Name, string Description, string RequiredRole, string? Deployment)
{
    public static AppResponse Of(CatalogEntry entry) =>
        new(entry.App.Id, entry.App.Name, entry.App.Description, entry.App.RequiredRole, entry.Binding?.Deployment);
}

public sealed record BindingResponse(string Id, string Deployment, string BoundBy, DateTimeOffset BoundAt);
