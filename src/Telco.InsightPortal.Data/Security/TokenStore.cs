using Dapper;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Data.Security;

/// <summary>Personal access tokens. Only a SHA-256 of each secret is stored; lookups are by that hash
/// and never cached, so a revocation or expiry takes effect on the next request.</summary>
public sealed class TokenStore(IConnectionFactory factory, IAuditTrail audit, TimeProvider clock) : AuditedStore(factory, audit)
{
    public Task<long> CreateAsync(long userId, string username, string name, string tokenHash, string prefix, DateTimeOffset expiresAt,
        AuditActor actor, CancellationToken ct = default) =>
        ChangeAsync(actor, async (c, tx) =>
        {
            var id = await c.ExecuteScalarAsync<long>(new CommandDefinition(SecuritySql.InsertToken, new
            {
                UserId = userId, Name = name, TokenHash = tokenHash, Prefix = prefix, CreatedAt = clock.GetUtcNow(), ExpiresAt = expiresAt,
            }, tx, cancellationToken: ct));
            return (id, new AuditEvent("token.issue", "token", id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Details: new { owner = username, name, prefix, expiresAt }));
        }, ct);

    public async Task<AccessTokenRecord?> FindByHashAsync(string tokenHash, CancellationToken ct = default)
    {
        await using var connection = await Factory.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<AccessTokenRecord>(new CommandDefinition(SecuritySql.GetTokenByHash, new { TokenHash = tokenHash }, cancellationToken: ct));
    }

    public async Task<AccessTokenRecord?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var connection = await Factory.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<AccessTokenRecord>(new CommandDefinition(SecuritySql.GetToken, new { Id = id }, cancellationToken: ct));
    }

    /// <summary>The tokens of one user, or of everyone when <paramref name="userId"/> is null.</summary>
    public async Task<IReadOnlyList<AccessTokenRecord>> ListAsync(long? userId, CancellationToken ct = default)
    {
        await using var connection = await Factory.OpenAsync(ct);
        var command = userId is null
            ? new CommandDefinition(SecuritySql.ListAllTokens, cancellationToken: ct)
            : new CommandDefinition(SecuritySql.ListTokensOfUser, new { UserId = userId }, cancellationToken: ct);
        return (await connection.QueryAsync<AccessTokenRecord>(command)).ToList();
    }

    public Task<bool> RevokeAsync(AccessTokenRecord token, AuditActor actor, CancellationToken ct = default) =>
        ChangeAsync(actor, async (c, tx) =>
        {
            var revoked = await c.ExecuteAsync(new CommandDefinition(SecuritySql.RevokeToken, new { token.Id, RevokedAt = clock.GetUtcNow() }, tx, cancellationToken: ct)) > 0;
            return (revoked, revoked ? new AuditEvent("token.revoke", "token", token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Details: new { owner = token.Username, token.Name, token.Prefix }) : null);
        }, ct);

    public async Task TouchAsync(long id, CancellationToken ct = default)
    {
        await using var connection = await Factory.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(SecuritySql.TouchToken, new { Id = id, LastUsedAt = clock.GetUtcNow() }, cancellationToken: ct));
    }
}
