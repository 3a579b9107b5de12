using Dapper;
using Telco.InsightPortal.Data.Audit;

namespace Telco.InsightPortal.Data.Deployments;

/// <summary>The portal's own key for a deployment: the key row and its secret, encrypted by the caller.</summary>
public sealed record PortalKeyRecord(long KeyId, string ProtectedKey, long? RevokedAt);

public sealed partial class DeploymentStore
{
    public async Task<PortalKeyRecord?> PortalKeyAsync(DeploymentRecord deployment, CancellationToken ct = default)
    {
        await using var c = await factory.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<PortalKeyRecord>(new CommandDefinition(DeploymentSql.PortalKey, new { deployment.Id }, cancellationToken: ct));
    }

    /// <summary>Adds a key for the portal and makes it the deployment's portal key (replacing a revoked one), audited
    /// as a key creation in the same transaction.</summary>
    public Task<long> SetPortalKeyAsync(DeploymentRecord deployment, NewKey key, string protectedKey, AuditActor actor, CancellationToken ct = default) =>
        _db.WriteAsync(actor, async (c, tx) =>
        {
            var id = await InsertKeyAsync(c, tx, deployment.Id, key, actor, ct);
            await c.ExecuteAsync(new CommandDefinition(DeploymentSql.UpsertPortalKey, new { deployment.Id, KeyId = id, ProtectedKey = protectedKey }, tx, cancellationToken: ct));
            return (id, new AuditEvent("deployment.key.create", "deployment", deployment.Name, Details: new { keyId = id, key.Name, key.Prefix, portal = true }));
        }, ct);
}
