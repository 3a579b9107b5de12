using System.Data.Common;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Serving.Keys;

namespace Telco.InsightPortal.Web.Deployments.Client;

/// <summary>
/// The access key the portal scores a deployment with (the "try it" form): an ordinary deployment key named "portal",
/// hashed in the key table like every key and kept besides encrypted with the portal's data-protection keys, which the
/// store keeps encrypted with the portal's AES key. It is made on the write paths only — with the deployment, on a
/// redeploy or a start, by whoever made that change, and at the portal's start (as the system) for deployments that
/// lack a live one — because reading must never write: a page that opens a deployment only uses the key when it is
/// there. Revoking it in the keys list works as for any key. Users' keys are never kept in a readable form.
/// </summary>
public sealed class PortalKeys(DeploymentStore store, IDataProtectionProvider protection, ILogger<PortalKeys> logger) : IPortalKeys
{
    public const string KeyName = "portal";

    private readonly IDataProtector _protector = protection.CreateProtector("Telco.InsightPortal.Deployments.PortalKey.v1");

    /// <summary>The portal's live key for the deployment, or null when it has none it can present. Never writes.</summary>
    public async Task<string?> FindAsync(DeploymentRecord deployment, CancellationToken ct = default) =>
        Secret(await store.PortalKeyAsync(deployment, ct));

    public async Task EnsureAsync(DeploymentRecord deployment, AuditActor actor, CancellationToken ct = default)
    {
        try
        {
            var current = await store.PortalKeyAsync(deployment, ct);
            if (Secret(current) is not null) return;
            var (secret, key) = AccessKeys.Create(KeyName);
            // False when another instance or change made one meanwhile: that one serves.
            await store.SetPortalKeyAsync(deployment, key, _protector.Protect(secret), current?.KeyId, actor, ct);
        }
        catch (DbException e)
        {
            // The change that asked for the key has committed; the next change or start makes the key instead.
            logger.LogWarning("Could not make the portal's key for deployment {Deployment}: {Message}", deployment.Name, e.Message);
        }
    }

    private string? Secret(PortalKeyRecord? record)
    {
        if (record is not { RevokedAt: null }) return null;
        try
        {
            return _protector.Unprotect(record.ProtectedKey);
        }
        catch (CryptographicException)
        {
            // The data-protection keys were replaced (a new key ring): the secret cannot be read, so the key is lacking.
            return null;
        }
    }
}
