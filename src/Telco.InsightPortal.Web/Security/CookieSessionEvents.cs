using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Telco.InsightPortal.Http;

namespace Telco.InsightPortal.Web.Security;

/// <summary>
/// Checks each cookie against the store: the session must still be open (sign-out ends it for every
/// copy of the cookie), younger than the absolute timeout, and its user enabled. Role changes take
/// effect at once because the principal is rebuilt from the store.
/// </summary>
public sealed class CookieSessionEvents(SessionCheck sessions) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal!;
        var user = await sessions.CurrentUserAsync(principal, context.HttpContext.RequestAborted);
        if (user is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }
        var current = LocalAccounts.Principal(user, principal.FindFirstValue(PortalClaims.SessionId),
            SessionCheck.SignedInAt(principal)!.Value, principal.FindFirstValue(PortalClaims.AuthMethod) ?? "pwd");
        if (!SameClaims(principal, current))
        {
            context.ReplacePrincipal(current);
            context.ShouldRenew = true;
        }
    }

    /// <summary>API clients get a 401, not a redirect to an HTML page.</summary>
    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        if (ApiFamilies.Of(context.Request.Path) == ApiFamily.None) return base.RedirectToLogin(context);
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Task.CompletedTask;
    }

    /// <summary>A signed-in user without access gets HTTP 403 where they are, pages included: the status pages
    /// render the access-denied page under that status, rather than a redirect to a page that answers 200.</summary>
    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    private static bool SameClaims(ClaimsPrincipal a, ClaimsPrincipal b) =>
        a.Claims.Select(c => (c.Type, c.Value)).Order().SequenceEqual(b.Claims.Select(c => (c.Type, c.Value)).Order());
}
