using Telco.InsightPortal.Core.Audit;
using Telco.InsightPortal.Web.Audit;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Evidence;

/// <summary>
/// The evidence pack and the public key that checks it. Both need <see cref="Policies.AuditRead"/> (Auditor, Admin),
/// stricter than reading models: a pack carries every audit entry from the first one about the version to the
/// checkpoint — other people's sign-ins and addresses among them, which only audit readers may see — because the chain
/// cannot be linked without them. The pack is a POST: building one writes (its <c>evidence.pack</c> audit entry and a
/// checkpoint that covers it), and reading never writes.
/// </summary>
public static class EvidenceEndpoints
{
    public static RouteGroupBuilder MapEvidenceApi(this RouteGroupBuilder v1)
    {
        v1.MapPost("/models/{name}/versions/{version:long}/evidence-pack", BuildAsync).RequireAuthorization(Policies.AuditRead).WithTags("Evidence");
        v1.MapGet("/audit/public-key", PublicKey).RequireAuthorization(Policies.AuditRead).WithTags("Audit");
        return v1;
    }

    private static async Task<IResult> BuildAsync(string name, long version, EvidencePackFiles files, IAuditActorAccessor actor, CancellationToken ct)
    {
        var pack = await files.BuildAsync(name, version, await actor.GetCurrentAsync(), ct);
        return TypedResults.File(pack.Content, "application/zip", pack.FileName);
    }

    private static IResult PublicKey(CheckpointKey key)
    {
        var publicKey = key.PublicKey;
        return TypedResults.Ok(new { fingerprint = publicKey.Fingerprint, pem = publicKey.ToPem() });
    }
}
