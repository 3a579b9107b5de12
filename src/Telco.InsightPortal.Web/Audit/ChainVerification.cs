using Telco.InsightPortal.Data.Audit;

namespace Telco.InsightPortal.Web.Audit;

/// <summary>Verifies the chain and records who asked and what was found; the page and the API both use it.</summary>
public sealed class ChainVerification(AuditVerifier verifier, IAuditTrail trail)
{
    public async Task<AuditVerification> VerifyAsync(AuditActor actor, CancellationToken ct)
    {
        var result = await verifier.VerifyAsync(ct);
        await trail.AppendAsync(actor, new AuditEvent(AuditActions.Verify, AuditActions.Target, null,
            Details: new { result.Ok, result.Entries, result.FirstBadSeq, result.Reason }), ct);
        return result;
    }
}
