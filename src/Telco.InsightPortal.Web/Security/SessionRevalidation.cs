using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;
using Telco.InsightPortal.Data.Security;

namespace Telco.InsightPortal.Web.Security;

/// <summary>An open Blazor circuit keeps the principal it started with; this re-checks it every minute,
/// so a sign-out elsewhere, a disabled account or a role change also reaches open tabs.</summary>
public sealed class SessionRevalidation(ILoggerFactory loggerFactory, IServiceScopeFactory scopes, IOptions<AuthOptions> options, TimeProvider clock)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        var principal = state.User;
        if (options.Value.Mode != AuthMode.Local || principal.Identity?.IsAuthenticated != true) return true;
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserStore>();
        var sessionId = principal.FindFirstValue(PortalClaims.SessionId);
        var session = sessionId is null ? null : await users.GetSessionAsync(sessionId, ct);
        var user = principal.UserId() is { } id ? await users.GetAsync(id, ct) : null;
        var signedIn = long.TryParse(principal.FindFirstValue(PortalClaims.SignedInAt), out var t) ? DateTimeOffset.FromUnixTimeSeconds(t) : DateTimeOffset.MinValue;
        return session is { EndedAt: null } && user is { Disabled: false }
               && clock.GetUtcNow() - signedIn <= TimeSpan.FromHours(options.Value.AbsoluteTimeoutHours)
               && user.Roles.Order().SequenceEqual(principal.FindAll(ClaimTypes.Role).Select(c => c.Value).Order());
    }
}
