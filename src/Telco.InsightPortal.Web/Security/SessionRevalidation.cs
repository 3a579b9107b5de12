using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace Telco.InsightPortal.Web.Security;

/// <summary>An open Blazor circuit keeps the principal it started with; this re-checks it every minute,
/// so a sign-out elsewhere, a disabled account or a role change also reaches open tabs.</summary>
public sealed class SessionRevalidation(ILoggerFactory loggerFactory, IServiceScopeFactory scopes, IOptions<AuthOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        var principal = state.User;
        if (options.Value.Mode != AuthMode.Local || principal.Identity?.IsAuthenticated != true) return true;
        // Token-authenticated requests have no session and never open a circuit; cookies always do.
        await using var scope = scopes.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<SessionCheck>().CurrentUserAsync(principal, ct);
        return user is not null && user.Roles.Order().SequenceEqual(principal.FindAll(ClaimTypes.Role).Select(c => c.Value).Order());
    }
}
