using System.Data.Common;
using Dapper;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Data.Security;

/// <summary>Local accounts, their roles and sessions. Every change is audited in its own transaction.</summary>
public sealed class UserStore(IConnectionFactory factory, IAuditTrail audit, TimeProvider clock)
{
    private readonly StoreSession _db = new(factory, audit);

    /// <summary>After a change that may end or alter a user's sessions (roles, disabling, password) commits, so that
    /// this process's caches of session checks forget the user at once.</summary>
    public event Action<long>? UserChanged;

    /// <summary>After a session is ended by sign-out.</summary>
    public event Action<string>? SessionEnded;

    private sealed record RoleRow(long UserId, string Role);

    public async Task<long> CountAsync(CancellationToken ct = default)
    {
        await using var connection = await factory.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(SecuritySql.CountUsers, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<UserRecord>> ListAsync(CancellationToken ct = default)
    {
        await using var connection = await factory.OpenAsync(ct);
        var users = await connection.QueryAsync<UserRecord>(new CommandDefinition(SecuritySql.ListUsers, cancellationToken: ct));
        var roles = (await connection.QueryAsync<RoleRow>(new CommandDefinition(SecuritySql.ListAllRoles, cancellationToken: ct))).ToLookup(r => r.UserId, r => r.Role);
        return users.Select(u => u with { Roles = roles[u.Id].ToList() }).ToList();
    }

    public async Task<UserRecord?> FindAsync(string username, CancellationToken ct = default)
    {
        await using var connection = await factory.OpenAsync(ct);
        var user = await connection.QuerySingleOrDefaultAsync<UserRecord>(new CommandDefinition(SecuritySql.GetUserByName, new { Username = username }, cancellationToken: ct));
        return user is null ? null : await WithRolesAsync(connection, null, user, ct);
    }

    public async Task<UserRecord?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var connection = await factory.OpenAsync(ct);
        var user = await connection.QuerySingleOrDefaultAsync<UserRecord>(new CommandDefinition(SecuritySql.GetUserById, new { Id = id }, cancellationToken: ct));
        return user is null ? null : await WithRolesAsync(connection, null, user, ct);
    }

    public Task<long> CreateAsync(string username, string displayName, string? passwordHash, bool mustChangePassword,
        IReadOnlyCollection<string> roles, AuditActor actor, CancellationToken ct = default) =>
        _db.WriteAsync(actor, async (c, tx) =>
        {
            var id = await c.ExecuteScalarAsync<long>(new CommandDefinition(SecuritySql.InsertUser, new
            {
                Username = username, DisplayName = displayName, PasswordHash = passwordHash, MustChangePassword = mustChangePassword,
                Disabled = false, CreatedAt = clock.GetUtcNow(), CreatedBy = actor.Name,
            }, tx, cancellationToken: ct));
            await c.ExecuteAsync(new CommandDefinition(SecuritySql.InsertRole, roles.Select(r => new { UserId = id, Role = r }), tx, cancellationToken: ct));
            return (id, new AuditEvent("user.create", "user", username, Details: new { roles = roles.Order().ToArray(), mustChangePassword }));
        }, ct);

    public async Task<bool> SetRolesAsync(long id, IReadOnlyCollection<string> roles, AuditActor actor, CancellationToken ct = default)
    {
        var changed = await _db.WriteAsync(actor, async (c, tx) =>
        {
            var user = await RequireAsync(c, tx, id, ct);
            await c.ExecuteAsync(new CommandDefinition(SecuritySql.DeleteRoles, new { UserId = id }, tx, cancellationToken: ct));
            await c.ExecuteAsync(new CommandDefinition(SecuritySql.InsertRole, roles.Select(r => new { UserId = id, Role = r }), tx, cancellationToken: ct));
            return (true, new AuditEvent("user.roles", "user", user.Username, Details: new { before = user.Roles, after = roles.Order().ToArray() }));
        }, ct);
        UserChanged?.Invoke(id);
        return changed;
    }

    public async Task<bool> SetPasswordAsync(long id, string passwordHash, bool mustChange, bool endSessions, AuditActor actor, CancellationToken ct = default)
    {
        var changed = await _db.WriteAsync(actor, async (c, tx) =>
        {
            var user = await RequireAsync(c, tx, id, ct);
            await c.ExecuteAsync(new CommandDefinition(SecuritySql.SetPassword, new { Id = id, PasswordHash = passwordHash, MustChange = mustChange }, tx, cancellationToken: ct));
            if (endSessions) await c.ExecuteAsync(new CommandDefinition(SecuritySql.EndUserSessions, new { UserId = id, EndedAt = clock.GetUtcNow() }, tx, cancellationToken: ct));
            return (true, new AuditEvent("user.password", "user", user.Username, Details: new { mustChange, sessionsEnded = endSessions }));
        }, ct);
        UserChanged?.Invoke(id);
        return changed;
    }

    public async Task<bool> SetDisabledAsync(long id, bool disabled, AuditActor actor, CancellationToken ct = default)
    {
        var changed = await _db.WriteAsync(actor, async (c, tx) =>
        {
            var user = await RequireAsync(c, tx, id, ct);
            await c.ExecuteAsync(new CommandDefinition(SecuritySql.SetDisabled, new { Id = id, Disabled = disabled }, tx, cancellationToken: ct));
            if (disabled) await c.ExecuteAsync(new CommandDefinition(SecuritySql.EndUserSessions, new { UserId = id, EndedAt = clock.GetUtcNow() }, tx, cancellationToken: ct));
            return (true, new AuditEvent(disabled ? "user.disable" : "user.enable", "user", user.Username));
        }, ct);
        UserChanged?.Invoke(id);
        return changed;
    }

    public Task<bool> UnlockAsync(long id, AuditActor actor, CancellationToken ct = default) =>
        _db.WriteAsync(actor, async (c, tx) =>
        {
            var user = await RequireAsync(c, tx, id, ct);
            await c.ExecuteAsync(new CommandDefinition(SecuritySql.Unlock, new { Id = id }, tx, cancellationToken: ct));
            return (true, new AuditEvent("user.unlock", "user", user.Username));
        }, ct);

    /// <summary>Counts a failed sign-in; returns true when this failure locked the account.</summary>
    public Task<bool> RecordSignInFailureAsync(UserRecord user, int threshold, TimeSpan lockout, string reason, AuditActor actor, CancellationToken ct = default) =>
        _db.WriteAsync(actor, async (c, tx, entries) =>
        {
            await c.ExecuteAsync(new CommandDefinition(SecuritySql.RecordFailure,
                new { user.Id, Threshold = threshold, LockUntil = clock.GetUtcNow() + lockout }, tx, cancellationToken: ct));
            var locked = !user.IsLockedAt(clock.GetUtcNow()) && user.FailedAttempts + 1 >= threshold;
            if (locked) entries.Add(new AuditEvent("user.lockout", "user", user.Username, AuditOutcomes.Denied, new { attempts = user.FailedAttempts + 1 }));
            entries.Add(new AuditEvent("user.signin", "user", user.Username, AuditOutcomes.Failure, new { reason }));
            return locked;
        }, ct);

    public Task RecordUnknownSignInAsync(string username, AuditActor actor, CancellationToken ct = default) =>
        audit.AppendAsync(actor, new AuditEvent("user.signin", "user", username.Length > 64 ? username[..64] : username,
            AuditOutcomes.Failure, new { reason = "unknown user" }), ct);

    public Task<string> StartSessionAsync(UserRecord user, AuditActor actor, CancellationToken ct = default) =>
        _db.WriteAsync(actor, async (c, tx) =>
        {
            var sessionId = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
            await c.ExecuteAsync(new CommandDefinition(SecuritySql.RecordSuccess, new { user.Id }, tx, cancellationToken: ct));
            await c.ExecuteAsync(new CommandDefinition(SecuritySql.InsertSession, new { Id = sessionId, UserId = user.Id, CreatedAt = clock.GetUtcNow() }, tx, cancellationToken: ct));
            return (sessionId, new AuditEvent("user.signin", "user", user.Username, Details: new { session = sessionId[..8] }));
        }, ct);

    public async Task<bool> EndSessionAsync(string sessionId, string username, AuditActor actor, CancellationToken ct = default)
    {
        var done = await _db.WriteAsync(actor, async (c, tx) =>
        {
            var ended = await c.ExecuteAsync(new CommandDefinition(SecuritySql.EndSession, new { Id = sessionId, EndedAt = clock.GetUtcNow() }, tx, cancellationToken: ct)) > 0;
            return (ended, ended ? new AuditEvent("user.signout", "user", username, Details: new { session = sessionId[..Math.Min(8, sessionId.Length)] }) : null);
        }, ct);
        SessionEnded?.Invoke(sessionId);
        return done;
    }

    public async Task<SessionRecord?> GetSessionAsync(string sessionId, CancellationToken ct = default)
    {
        await using var connection = await factory.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<SessionRecord>(new CommandDefinition(SecuritySql.GetSession, new { Id = sessionId }, cancellationToken: ct));
    }

    private static async Task<UserRecord> RequireAsync(DbConnection c, DbTransaction tx, long id, CancellationToken ct)
    {
        var user = await c.QuerySingleOrDefaultAsync<UserRecord>(new CommandDefinition(SecuritySql.GetUserById, new { Id = id }, tx, cancellationToken: ct))
                   ?? throw new KeyNotFoundException($"No user with id {id}.");
        return await WithRolesAsync(c, tx, user, ct);
    }

    private static async Task<UserRecord> WithRolesAsync(DbConnection c, DbTransaction? tx, UserRecord user, CancellationToken ct) =>
        user with { Roles = (await c.QueryAsync<RoleRow>(new CommandDefinition(SecuritySql.ListRoles, new { user.Id }, tx, cancellationToken: ct))).Select(r => r.Role).ToList() };
}
