using Telco.InsightPortal.Data.Monitoring;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Monitoring.Api;

/// <summary>
/// Monitoring under <c>/api/v1</c>: a deployment's metrics per window and its drift against the training snapshot
/// (<c>monitoring:read</c>), and the alerts (list: <c>monitoring:read</c>; acknowledge and resolve:
/// <c>monitoring:write</c>). Refusals are <see cref="Core.Errors.PortalException"/>s, turned into problem details by the
/// one mapping.
/// </summary>
public static class MonitoringEndpoints
{
    public static void MapMonitoringApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/deployments/{name}/metrics", async (string name, string? from, string? to, string? window, MonitoringService service, TimeProvider clock, HttpContext http) =>
            {
                var (start, end) = MonitoringQuery.Range(from, to, clock.GetUtcNow());
                return MetricsResponse.Of(await service.MetricsAsync(name, start, end, MonitoringQuery.Window(window), http.RequestAborted));
            })
            .RequireAuthorization(Policies.MonitoringRead).WithTags("Monitoring").Produces<MetricsResponse>().Produces(400).Produces(404);
        v1.MapGet("/deployments/{name}/drift", async (string name, string? from, string? to, string? window, MonitoringService service, TimeProvider clock, HttpContext http) =>
            {
                var (start, end) = MonitoringQuery.Range(from, to, clock.GetUtcNow());
                var width = window is null ? (TimeSpan?)null : MonitoringQuery.Window(window);
                return DriftResponse.Of(await service.DriftAsync(name, start, end, width, http.RequestAborted));
            })
            .RequireAuthorization(Policies.MonitoringRead).WithTags("Monitoring").Produces<DriftResponse>().Produces(400).Produces(404);
        var alerts = v1.MapGroup("/alerts").WithTags("Monitoring");
        alerts.MapGet("", async (string? status, string? deployment, long? before, int? limit, AlertStore store, HttpContext http) =>
            {
                var page = await store.ListAsync(new AlertQuery(status, deployment, before, limit ?? 50), http.RequestAborted);
                return new AlertPageResponse([.. page.Alerts.Select(AlertItem.Of)], page.NextBeforeId);
            })
            .RequireAuthorization(Policies.MonitoringRead).Produces<AlertPageResponse>().Produces(400);
        alerts.MapPost("/{id:long}/acknowledge", async (long id, AlertStore store, HttpContext http) =>
                AlertItem.Of(await store.AcknowledgeAsync(id, HttpAuditActor.From(http), http.RequestAborted)))
            .RequireAuthorization(Policies.MonitoringWrite).Produces<AlertItem>().Produces(404).Produces(409);
        alerts.MapPost("/{id:long}/resolve", async (long id, AlertStore store, HttpContext http) =>
                AlertItem.Of(await store.ResolveAsync(id, HttpAuditActor.From(http), http.RequestAborted)))
            .RequireAuthorization(Policies.MonitoringWrite).Produces<AlertItem>().Produces(404).Produces(409);
    }
}
