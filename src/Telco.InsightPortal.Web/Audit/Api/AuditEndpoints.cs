using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Audit.Api;

public static class AuditEndpoints
{
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").WithTags("Audit");
        audit.MapGet("/", ListAsync).RequireAuthorization(Policies.AuditRead);
        audit.MapGet("/verify", VerifyAsync).RequireAuthorization(Policies.AuditRead);
        audit.MapGet("/export.csv", ExportAsync).RequireAuthorization(Policies.AuditRead);
        return api;
    }

    private static async Task<Ok<AuditPageDto>> ListAsync([AsParameters] AuditFilterArgs filter,
        AuditLog log, CancellationToken ct, long afterSeq = 0, int limit = 100)
    {
        if (afterSeq < 0 || limit is < 1 or > AuditLog.MaxPageSize)
            throw Core.Errors.PortalException.Invalid($"afterSeq must be >= 0 and limit 1..{AuditLog.MaxPageSize}.");
        if (filter.Problem() is { } problem) throw Core.Errors.PortalException.Invalid(problem);
        var entries = await log.PageAsync(filter.ToQuery(), new AuditPaging(limit, AfterSeq: afterSeq), ct);
        return TypedResults.Ok(new AuditPageDto(entries, entries.Count == limit ? entries[^1].Seq : null));
    }

    private static async Task<Ok<AuditVerifyDto>> VerifyAsync(ChainVerification verification, IAuditActorAccessor actor, CancellationToken ct) =>
        TypedResults.Ok(AuditVerifyDto.From(await verification.VerifyAsync(await actor.GetCurrentAsync(), ct)));

    private static async Task<IResult> ExportAsync([AsParameters] AuditFilterArgs filter, AuditLog log, IAuditTrail trail,
        IAuditActorAccessor actor, TimeProvider clock, CancellationToken ct)
    {
        if (filter.Problem() is { } problem) throw Core.Errors.PortalException.Invalid(problem);
        var query = filter.ToQuery();
        // Recorded before the first byte leaves: an export cannot happen without its entry.
        await trail.AppendAsync(await actor.GetCurrentAsync(), new AuditEvent(AuditActions.Export, AuditActions.Target, null, Details: query), ct);
        var name = $"audit-{clock.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.csv";
        return TypedResults.Stream(body => AuditCsv.WriteAsync(log.StreamAsync(query, ct), body, ct), "text/csv; charset=utf-8", name);
    }
}
