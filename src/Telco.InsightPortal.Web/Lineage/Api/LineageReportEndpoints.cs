using System.Globalization;
using System.Text;
using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Core.Lineage;
using Telco.InsightPortal.Data.Lineage;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Lineage.Api;

/// <summary>
/// The auditor's two lineage reports (<c>lineage:read</c>): <c>GET /api/v1/lineage/predictions/{uuid}/chain</c>, a logged
/// prediction's chain back to its source files, and <c>GET /api/v1/lineage/impact/snapshot/{id}</c> (JSON, or CSV with
/// <c>?format=csv</c> or at <c>…/{id}/impact.csv</c>), everything built on a snapshot. Their literal segments take
/// precedence over the graph's <c>/lineage/{type}/{**id}</c>.
/// </summary>
public static class LineageReportEndpoints
{
    public static void MapLineageReportApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/lineage/predictions/{uuid}/chain", async (string uuid, PredictionChainStore chains, HttpContext http) =>
                await chains.GetAsync(ParseUuid(uuid), http.RequestAborted)
                ?? throw PortalException.NotFound($"No deployment logged a prediction {uuid}."))
            .RequireAuthorization(Policies.LineageRead).WithTags("Lineage").Produces<PredictionChain>().Produces(400).Produces(404);

        v1.MapGet("/lineage/impact/snapshot/{id:long}", async (long id, string? format, ImpactAnalysis analysis, HttpContext http) =>
                format switch
                {
                    null or "" or "json" => Results.Ok(ImpactResponse.Of(await ReportAsync(analysis, id, http))),
                    "csv" => Csv(await ReportAsync(analysis, id, http)),
                    _ => throw PortalException.Invalid($"Unknown format '{Bounded(format)}'; use json or csv."),
                })
            .RequireAuthorization(Policies.LineageRead).WithTags("Lineage").Produces<ImpactResponse>().Produces(400).Produces(404);

        v1.MapGet("/lineage/impact/snapshot/{id:long}/impact.csv", async (long id, ImpactAnalysis analysis, HttpContext http) =>
                Csv(await ReportAsync(analysis, id, http)))
            .RequireAuthorization(Policies.LineageRead).WithTags("Lineage").Produces(200, contentType: "text/csv").Produces(404);
    }

    private static Guid ParseUuid(string text) =>
        PredictionUuidText.TryParse(text, out var uuid) ? uuid : throw PortalException.Invalid(PredictionUuidText.Refusal(text));

    private static async Task<ImpactReport> ReportAsync(ImpactAnalysis analysis, long id, HttpContext http) =>
        await analysis.OfSnapshotAsync(id, http.RequestAborted)
        ?? throw PortalException.NotFound($"Snapshot {id.ToString(CultureInfo.InvariantCulture)} does not exist.");

    private static IResult Csv(ImpactReport report) =>
        Results.File(Encoding.UTF8.GetBytes(ImpactCsv.Write(report)), "text/csv; charset=utf-8", ImpactCsv.FileName(report.SnapshotId));

    private static string Bounded(string text) => PredictionUuidText.Bounded(text);
}
