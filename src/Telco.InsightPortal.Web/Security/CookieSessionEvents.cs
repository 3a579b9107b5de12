using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

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

    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context) =>
        ApiStatusOr(context, StatusCodes.Status401Unauthorized, () => base.RedirectToLogin(context));

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context) =>
        ApiStatusOr(context, StatusCodes.Status403Forbidden, () => base.RedirectToAccessDenied(context));

    /// <summary>API clients get a status code, not a redirect to an HTML page.</summary>
    private static Task ApiStatusOr(RedirectContext<CookieAuthenticationOptions> context, int status, Func<Task> redirect)
    {
        if (!context.Request.Path.StartsWithSegments("/api")) return redirect();
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    private static bool SameClaims(ClaimsPrincipal a, ClaimsPrincipal b) =>
        a.Claims.Select(c => (c.Type, c.Value)).Order().SequenceEqual(b.Claims.Select(c => (c.Type, c.Value)).Order());
}
