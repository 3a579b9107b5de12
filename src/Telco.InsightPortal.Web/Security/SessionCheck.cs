using System.Security.Claims;
using Microsoft.Extensions.Options;
using Telco.InsightPortal.Data.Security;

namespace Telco.InsightPortal.Web.Security;

/// <summary>Whether a signed-in principal's session still stands: the session is open, younger than the
/// absolute timeout, and its user exists and is enabled. Used for every cookie and every open circuit.</summary>
public sealed class SessionCheck(UserStore users, AuthCache cache, IOptions<AuthOptions> options, TimeProvider clock)
{
    /// <summary>The session's current user record, or null when the session must end.</summary>
    public async Task<UserRecord?> CurrentUserAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        var sessionId = principal.FindFirstValue(PortalClaims.SessionId);
        if (sessionId is null || SignedInAt(principal) is not { } signedIn) return null;
        if (clock.GetUtcNow() - signedIn > TimeSpan.FromHours(options.Value.AbsoluteTimeoutHours)) return null;
        if (principal.UserId() is not { } userId) return null;
        return await cache.GetOrLoadAsync(AuthCache.SessionKey(sessionId), async () =>
        {
            var session = await users.GetSessionAsync(sessionId, ct);
            var user = await users.GetAsync(userId, ct);
            return session is { EndedAt: null } && user is { Disabled: false } && session.UserId == user.Id ? user : null;
        }, user => user.Id);
    }

    public static DateTimeOffset? SignedInAt(ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirstValue(PortalClaims.SignedInAt), out var t) ? DateTimeOffset.FromUnixTimeSeconds(t) : null;
}
