using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Serving.Keys;

namespace Telco.InsightPortal.Web.Deployments.Client;

/// <summary>
/// The access key the portal scores a deployment with (the "try it" form): an ordinary deployment key named "portal",
/// made the first time the portal needs it (so deployments made through the API or by the demo seeder get one too),
/// hashed in the key table like every key and kept besides encrypted with the portal's data-protection keys, which
/// the store keeps encrypted with the portal's AES key. Revoking it in the keys list works as for any key; the next
/// "try it" makes a new one. Users' keys are never kept in a readable form.
/// </summary>
public sealed class PortalKeys(DeploymentStore store, IDataProtectionProvider protection)
{
    public const string KeyName = "portal";

    private readonly IDataProtector _protector = protection.CreateProtector("Telco.InsightPortal.Deployments.PortalKey.v1");

    public async Task<string> GetAsync(DeploymentRecord deployment, AuditActor actor, CancellationToken ct = default)
    {
        if (await store.PortalKeyAsync(deployment, ct) is { RevokedAt: null } existing)
        {
            try
            {
                return _protector.Unprotect(existing.ProtectedKey);
            }
            catch (CryptographicException)
            {
                // The data-protection keys were replaced (a new key ring): make a new portal key rather than fail.
            }
        }
        var (secret, key) = AccessKeys.Create(KeyName);
        await store.SetPortalKeyAsync(deployment, key, _protector.Protect(secret), actor, ct);
        return secret;
    }
}
