using System.Data.Common;
using Dapper;
using Telco.InsightPortal.Data.Audit;

namespace Telco.InsightPortal.Data.Deployments;

/// <summary>A new access key as stored: its SHA-256 and a short prefix to recognise it by; the secret itself is never stored.</summary>
public sealed record NewKey(string Name, string KeyHash, string Prefix);

public sealed partial class DeploymentStore
{
    public Task<long> AddKeyAsync(DeploymentRecord deployment, NewKey key, AuditActor actor, CancellationToken ct = default) =>
        _db.WriteAsync(actor, async (c, tx) =>
        {
            var id = await InsertKeyAsync(c, tx, deployment.Id, key, actor, ct);
            return (id, new AuditEvent("deployment.key.create", "deployment", deployment.Name, Details: new { keyId = id, key.Name, key.Prefix }));
        }, ct);

    public async Task<IReadOnlyList<DeploymentKeyRecord>> KeysAsync(DeploymentRecord deployment, CancellationToken ct = default)
    {
        await using var c = await factory.OpenAsync(ct);
        return (await c.QueryAsync<DeploymentKeyRecord>(new CommandDefinition(DeploymentSql.KeysOf, new { deployment.Id }, cancellationToken: ct))).ToList();
    }

    /// <summary>The key with this hash, revoked or not, or null.</summary>
    public async Task<DeploymentKeyRecord?> FindKeyAsync(string keyHash, CancellationToken ct = default)
    {
        await using var c = await factory.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<DeploymentKeyRecord>(new CommandDefinition(DeploymentSql.KeyByHash, new { KeyHash = keyHash }, cancellationToken: ct));
    }

    /// <summary>False when the key does not belong to the deployment or was already revoked.</summary>
    public Task<bool> RevokeKeyAsync(DeploymentRecord deployment, long keyId, AuditActor actor, CancellationToken ct = default) =>
        _db.WriteAsync(actor, async (c, tx) =>
        {
            var revoked = await c.ExecuteAsync(new CommandDefinition(DeploymentSql.RevokeKey, new { KeyId = keyId, deployment.Id, Now }, tx, cancellationToken: ct)) > 0;
            return (revoked, revoked ? new AuditEvent("deployment.key.revoke", "deployment", deployment.Name, Details: new { keyId }) : null);
        }, ct);

    private Task<long> InsertKeyAsync(DbConnection c, DbTransaction tx, long deploymentId, NewKey key, AuditActor actor, CancellationToken ct) =>
        c.ExecuteScalarAsync<long>(new CommandDefinition(DeploymentSql.InsertKey,
            new { DeploymentId = deploymentId, key.Name, key.KeyHash, key.Prefix, CreatedBy = actor.Name, Now }, tx, cancellationToken: ct));
}
