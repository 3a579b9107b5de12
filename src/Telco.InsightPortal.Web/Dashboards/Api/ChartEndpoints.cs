using Microsoft.AspNetCore.Authorization;
using Telco.InsightPortal.Core.Dashboards;
using Telco.InsightPortal.Data.Dashboards;
using Telco.InsightPortal.Http;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Dashboards.Api;

/// <summary><c>POST /api/v1/charts/query</c>: a chart spec → its aggregated rows. A read sent as POST (the spec is a
/// document, not a query string); personal-data fields are refused unless the caller may see personal data.</summary>
public static class ChartEndpoints
{
    public static void MapChartApi(this RouteGroupBuilder v1)
    {
        v1.MapPost("/charts/query", QueryAsync).WithTags("Dashboards").RequireAuthorization(Policies.DashboardsRead)
            .Produces<ChartResult>(200).Produces(400).Produces(401).Produces(403).Produces(404).Produces(413);
    }

    private static async Task<IResult> QueryAsync(HttpContext http, ChartQueryService charts, IAuthorizationService authorization)
    {
        var spec = await ReadSpecAsync(http.Request, http.RequestAborted);
        var canSeePii = (await authorization.AuthorizeAsync(http.User, null, Policies.PersonalDataRead)).Succeeded;
        return Results.Ok(await charts.RunAsync(spec, canSeePii, http.RequestAborted));
    }

    /// <summary>The body as text, read only up to the spec's size limit: a larger one is refused (413) before it is parsed.</summary>
    private static async Task<string> ReadSpecAsync(HttpRequest request, CancellationToken ct) =>
        System.Text.Encoding.UTF8.GetString(await RequestBody.ReadAsync(request, ChartSpecLimits.MaxBytes, $"a chart spec is at most {ChartSpecLimits.MaxBytes / 1024} KiB", ct));
}
