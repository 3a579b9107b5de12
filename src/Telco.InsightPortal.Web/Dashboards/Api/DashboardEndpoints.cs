using System.Text;
using Telco.InsightPortal.Core.Dashboards;
using Telco.InsightPortal.Http;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Dashboards.Api;

/// <summary>
/// <c>/api/v1/dashboards</c>: list, create, read, save (a new version; send the <c>version</c> you edited to be told
/// when someone saved first), delete, duplicate, version history and restore, and shares. Role policies gate each
/// route; <see cref="DashboardService"/> then checks the user's access to the one dashboard (403 when not shared).
/// </summary>
public static class DashboardEndpoints
{
    public static void MapDashboardApi(this RouteGroupBuilder v1)
    {
        var dashboards = v1.MapGroup("/dashboards").WithTags("Dashboards");
        dashboards.MapGet("/", async (DashboardService service, HttpContext http) =>
                (await service.ListAsync(http.User, http.RequestAborted)).Select(DashboardListItem.Of).ToList())
            .RequireAuthorization(Policies.DashboardsRead);
        dashboards.MapPost("/", async (DashboardService service, HttpContext http) =>
            {
                var created = await service.CreateAsync(await DraftAsync(http), http.User, HttpAuditActor.From(http), http.RequestAborted);
                return Results.Created($"/api/v1/dashboards/{created.Record.Id}", DashboardResponse.Of(created));
            })
            .RequireAuthorization(Policies.DashboardsWrite).Produces<DashboardResponse>(201).Produces(400).Produces(413);
        dashboards.MapGet("/{id:long}", async (long id, DashboardService service, HttpContext http) =>
                DashboardResponse.Of(await service.GetAsync(id, http.User, http.RequestAborted)))
            .RequireAuthorization(Policies.DashboardsRead).Produces(403).Produces(404);
        dashboards.MapPut("/{id:long}", async (long id, DashboardService service, HttpContext http) =>
                DashboardResponse.Of(await service.UpdateAsync(id, await DraftAsync(http), http.User, HttpAuditActor.From(http), http.RequestAborted)))
            .RequireAuthorization(Policies.DashboardsWrite).Produces(400).Produces(403).Produces(404).Produces(409).Produces(413);
        dashboards.MapDelete("/{id:long}", async (long id, DashboardService service, HttpContext http) =>
            {
                await service.DeleteAsync(id, http.User, HttpAuditActor.From(http), http.RequestAborted);
                return Results.NoContent();
            })
            .RequireAuthorization(Policies.DashboardsWrite).Produces(204).Produces(403).Produces(404);
        dashboards.MapPost("/{id:long}/duplicate", async (long id, DashboardService service, HttpContext http) =>
            {
                var copy = await service.DuplicateAsync(id, http.User, HttpAuditActor.From(http), http.RequestAborted);
                return Results.Created($"/api/v1/dashboards/{copy.Record.Id}", DashboardResponse.Of(copy));
            })
            .RequireAuthorization(Policies.DashboardsWrite).Produces<DashboardResponse>(201).Produces(403).Produces(404);
        dashboards.MapGet("/{id:long}/versions", async (long id, DashboardService service, HttpContext http) =>
                (await service.VersionsAsync(id, http.User, http.RequestAborted)).Select(DashboardVersionItem.Of).ToList())
            .RequireAuthorization(Policies.DashboardsRead).Produces(403).Produces(404);
        dashboards.MapPost("/{id:long}/versions/{version:long}/restore", async (long id, long version, DashboardService service, HttpContext http) =>
                DashboardResponse.Of(await service.RestoreAsync(id, version, http.User, HttpAuditActor.From(http), http.RequestAborted)))
            .RequireAuthorization(Policies.DashboardsWrite).Produces(403).Produces(404);
        dashboards.MapPut("/{id:long}/shares", async (long id, DashboardService service, HttpContext http) =>
            {
                var text = await TextAsync(http, DashboardShareParser.MaxBytes);
                await service.ShareAsync(id, DashboardShareParser.Parse(text, Roles.Canonical), http.User, HttpAuditActor.From(http), http.RequestAborted);
                return Results.Ok((await service.GetAsync(id, http.User, http.RequestAborted)).Shares.Select(ShareItem.Of).ToList());
            })
            .RequireAuthorization(Policies.DashboardsWrite).Produces(400).Produces(403).Produces(404);
    }

    private static async Task<DashboardDraft> DraftAsync(HttpContext http) =>
        DashboardDocumentParser.ParseDraft(await TextAsync(http, DashboardLimits.MaxBytes));

    private static async Task<string> TextAsync(HttpContext http, int limit) =>
        Encoding.UTF8.GetString(await RequestBody.ReadAsync(http.Request, limit, null, http.RequestAborted));
}
