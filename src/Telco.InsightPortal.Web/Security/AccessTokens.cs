using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Security;

namespace Telco.InsightPortal.Web.Security;

public sealed record IssuedToken(long Id, string Token, string Name, DateTimeOffset ExpiresAt);

/// <summary>Personal access tokens: "tip_" + 32 random bytes (base64url). The secret is returned once;
/// the store keeps its SHA-256, which is enough to look it up and useless to a thief of the database.</summary>
public sealed class AccessTokens(TokenStore tokens, UserStore users, AuthCache cache, IOptions<AuthOptions> options, TimeProvider clock)
{
    public const string Prefix = "tip_";

    private readonly ConcurrentDictionary<long, DateTimeOffset> _touched = new();

    public async Task<IssuedToken> IssueAsync(UserRecord user, string? name, int? days, AuditActor actor, CancellationToken ct = default)
    {
        var auth = options.Value;
        var lifetime = days ?? auth.TokenDefaultDays;
        if (lifetime < 1 || lifetime > auth.TokenMaxDays)
            throw new ArgumentOutOfRangeException(nameof(days), $"A token lives 1 to {auth.TokenMaxDays} days; got {lifetime}.");
        var label = string.IsNullOrWhiteSpace(name) ? "token" : name.Trim();
        if (label.Length > 64) throw new ArgumentOutOfRangeException(nameof(name), "A token name is at most 64 characters.");
        var secret = Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var expires = clock.GetUtcNow().AddDays(lifetime);
        var id = await tokens.CreateAsync(user.Id, user.Username, label, HashOf(secret), secret[..(Prefix.Length + 6)], expires, actor, ct);
        return new IssuedToken(id, secret, label, expires);
    }

    /// <summary>The token's owner when the token is known, unexpired, unrevoked and its owner active.</summary>
    public async Task<(UserRecord? User, AccessTokenRecord? Token, string? Problem)> ValidateAsync(string secret, CancellationToken ct = default)
    {
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal) || secret.Length > 128) return (null, null, "malformed token");
        var hash = HashOf(secret);
        var valid = await cache.GetOrLoadAsync(AuthCache.TokenKey(hash), () => LoadAsync(hash, ct), v => v.User.Id);
        if (valid is null) return await ProblemAsync(hash, ct);
        if (valid.Token.ExpiresAt <= clock.GetUtcNow()) return (null, valid.Token, "token expired");
        await TouchAsync(valid.Token, ct);
        return (valid.User, valid.Token, null);
    }

    private async Task<ValidToken?> LoadAsync(string hash, CancellationToken ct)
    {
        var token = await tokens.FindByHashAsync(hash, ct);
        if (token is null || token.RevokedAt is not null) return null;
        var user = await users.GetAsync(token.UserId, ct);
        return user is { Disabled: false } ? new ValidToken(user, token) : null;
    }

    /// <summary>Why a token that did not pass is refused (read again: failures are never cached).</summary>
    private async Task<(UserRecord?, AccessTokenRecord?, string?)> ProblemAsync(string hash, CancellationToken ct)
    {
        var token = await tokens.FindByHashAsync(hash, ct);
        return token is null ? (null, null, "unknown token") : (null, token, token.RevokedAt is not null ? "token revoked" : "owner disabled");
    }

    /// <summary>A token's last use is bookkeeping: written at most every <see cref="AuthOptions.TokenTouchMinutes"/>
    /// per process, so API calls do not each write to the store.</summary>
    private async Task TouchAsync(AccessTokenRecord token, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var last = _touched.GetValueOrDefault(token.Id, token.LastUsedAt ?? DateTimeOffset.MinValue);
        if (now - last < TimeSpan.FromMinutes(options.Value.TokenTouchMinutes)) return;
        _touched[token.Id] = now;
        await tokens.TouchAsync(token.Id, ct);
    }

    private sealed record ValidToken(UserRecord User, AccessTokenRecord Token);

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
