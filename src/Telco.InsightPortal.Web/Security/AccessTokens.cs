using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Security;

namespace Telco.InsightPortal.Web.Security;

public sealed record IssuedToken(long Id, string Token, string Name, DateTimeOffset ExpiresAt);

/// <summary>Personal access tokens: "tip_" + 32 random bytes (base64url). The secret is returned once;
/// the store keeps its SHA-256, which is enough to look it up and useless to a thief of the database.</summary>
public sealed class AccessTokens(TokenStore tokens, UserStore users, IOptions<AuthOptions> options, TimeProvider clock)
{
    public const string Prefix = "tip_";

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
        var token = await tokens.FindByHashAsync(HashOf(secret), ct);
        if (token is null) return (null, null, "unknown token");
        if (token.RevokedAt is not null) return (null, token, "token revoked");
        if (token.ExpiresAt <= clock.GetUtcNow()) return (null, token, "token expired");
        var user = await users.GetAsync(token.UserId, ct);
        if (user is null || user.Disabled) return (null, token, "owner disabled");
        await tokens.TouchAsync(token.Id, ct);
        return (user, token, null);
    }

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
