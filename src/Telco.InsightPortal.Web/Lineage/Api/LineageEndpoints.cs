using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Core.Lineage;
using Telco.InsightPortal.Data.Lineage;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Lineage.Api;

/// <summary>
/// <c>GET /api/v1/lineage/{type}/{id}?direction=upstream|downstream|both&amp;depth=N</c> (<c>lineage:read</c>): the graph
/// around one node. The id is the rest of the path, so a model version is asked for as
/// <c>/lineage/model-version/telco-churn/3</c>. Refusals are <see cref="PortalException"/>s, turned into problem details
/// by the one mapping.
/// </summary>
public static class LineageEndpoints
{
    public static void MapLineageApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/lineage/{type}/{**id}", async (string type, string id, string? direction, int? depth, LineageStore store, HttpContext http) =>
            {
                if (!LineageNodeTypes.IsKnown(type))
                    throw PortalException.Invalid($"Unknown node type '{type}'; use one of {string.Join(", ", LineageNodeTypes.All)}.");
                var way = LineageDirections.Parse(direction)
                          ?? throw PortalException.Invalid($"Unknown direction '{direction}'; use upstream, downstream or both.");
                if (depth < 0) throw PortalException.Invalid($"depth must be 0 or more; got {depth}.");
                var graph = await store.GraphAsync(type, id, way, depth, http.RequestAborted)
                            ?? throw PortalException.NotFound($"No {type} '{id}' is known to lineage.");
                return LineageResponse.Of(graph);
            })
            .RequireAuthorization(Policies.LineageRead).WithTags("Lineage").Produces<LineageResponse>().Produces(400).Produces(404);
        v1.MapLineageReportApi();
        v1.MapOpenLineageApi();
    }
}
