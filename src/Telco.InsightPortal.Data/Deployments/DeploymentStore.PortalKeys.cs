using Dapper;
using Telco.InsightPortal.Data.Audit;

namespace Telco.InsightPortal.Data.Deployments;

/// <summary>The portal's own key for a deployment: the key row and its secret, encrypted by the caller.</summary>
public sealed record PortalKeyRecord(long KeyId, string ProtectedKey, long? RevokedAt);

public sealed partial class DeploymentStore
{
    public Task<PortalKeyRecord?> PortalKeyAsync(DeploymentRecord deployment, CancellationToken ct = default) =>
        _db.ReadAsync(c => c.QuerySingleOrDefaultAsync<PortalKeyRecord>(new CommandDefinition(DeploymentSql.PortalKey, new { deployment.Id }, cancellationToken: ct)), ct);

    /// <summary>
    /// Adds a key for the portal and makes it the deployment's portal key, audited as a key creation in the same
    /// transaction — provided the portal key is still <paramref name="replacing"/> (null: there was none). False, and
    /// nothing written, when another writer (another portal instance starting, a concurrent redeploy) replaced it first.
    /// </summary>
    public Task<bool> SetPortalKeyAsync(DeploymentRecord deployment, NewKey key, string protectedKey, long? replacing, AuditActor actor,
        CancellationToken ct = default) =>
        _db.WriteAsync(actor, async (c, tx) =>
        {
            // Taking the deployment's row lock first makes concurrent writers of its portal key wait here, so the check
            // below sees what the first one committed (SQLite serialises writers anyway; PostgreSQL would not).
            await c.ExecuteAsync(new CommandDefinition(DeploymentSql.LockDeployment, new { deployment.Id }, tx, cancellationToken: ct));
            var current = await c.ExecuteScalarAsync<long?>(new CommandDefinition(DeploymentSql.PortalKeyId, new { deployment.Id }, tx, cancellationToken: ct));
            if (current != replacing) return (false, (AuditEvent?)null);
            var id = await InsertKeyAsync(c, tx, deployment.Id, key, actor, ct);
            await c.ExecuteAsync(new CommandDefinition(DeploymentSql.UpsertPortalKey, new { deployment.Id, KeyId = id, ProtectedKey = protectedKey }, tx, cancellationToken: ct));
            return (true, new AuditEvent("deployment.key.create", "deployment", deployment.Name, Details: new { keyId = id, key.Name, key.Prefix, portal = true }));
        }, ct);
}
