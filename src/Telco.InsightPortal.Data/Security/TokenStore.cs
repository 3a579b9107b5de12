using Dapper;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Data.Security;

/// <summary>Personal access tokens. Only a SHA-256 of each secret is stored; lookups are by that hash. The store
/// caches nothing; the portal's AuthCache remembers checks briefly and forgets a token on <see cref="TokenRevoked"/>.</summary>
public sealed class TokenStore(IConnectionFactory factory, IAuditTrail audit, TimeProvider clock)
{
    private readonly StoreSession _db = new(factory, audit);

    public Task<long> CreateAsync(long userId, string username, string name, string tokenHash, string prefix, DateTimeOffset expiresAt,
        AuditActor actor, CancellationToken ct = default) =>
        _db.WriteAsync(actor, async (c, tx) =>
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
        await using var connection = await factory.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<AccessTokenRecord>(new CommandDefinition(SecuritySql.GetTokenByHash, new { TokenHash = tokenHash }, cancellationToken: ct));
    }

    public async Task<AccessTokenRecord?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var connection = await factory.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<AccessTokenRecord>(new CommandDefinition(SecuritySql.GetToken, new { Id = id }, cancellationToken: ct));
    }

    /// <summary>The tokens of one user, or of everyone when <paramref name="userId"/> is null.</summary>
    public async Task<IReadOnlyList<AccessTokenRecord>> ListAsync(long? userId, CancellationToken ct = default)
    {
        await using var connection = await factory.OpenAsync(ct);
        var command = userId is null
            ? new CommandDefinition(SecuritySql.ListAllTokens, cancellationToken: ct)
            : new CommandDefinition(SecuritySql.ListTokensOfUser, new { UserId = userId }, cancellationToken: ct);
        return (await connection.QueryAsync<AccessTokenRecord>(command)).ToList();
    }

    /// <summary>After a token is revoked, so that this process's cache of token checks forgets it at once.</summary>
    public event Action<AccessTokenRecord>? TokenRevoked;

    public async Task<bool> RevokeAsync(AccessTokenRecord token, AuditActor actor, CancellationToken ct = default)
    {
        var done = await _db.WriteAsync(actor, async (c, tx) =>
        {
            var revoked = await c.ExecuteAsync(new CommandDefinition(SecuritySql.RevokeToken, new { token.Id, RevokedAt = clock.GetUtcNow() }, tx, cancellationToken: ct)) > 0;
            return (revoked, revoked ? new AuditEvent("token.revoke", "token", token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Details: new { owner = token.Username, token.Name, token.Prefix }) : null);
        }, ct);
        TokenRevoked?.Invoke(token);
        return done;
    }

    /// <summary>Records when a token was last used. Not audited: it is bookkeeping, written at most every few minutes.</summary>
    public Task TouchAsync(long id, CancellationToken ct = default) =>
        _db.WriteAsync<bool>(null, async (c, tx) =>
            (await c.ExecuteAsync(new CommandDefinition(SecuritySql.TouchToken, new { Id = id, LastUsedAt = clock.GetUtcNow() }, tx, cancellationToken: ct)) > 0, null), ct);
}
