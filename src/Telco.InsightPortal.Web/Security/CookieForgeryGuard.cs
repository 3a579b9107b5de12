using Microsoft.AspNetCore.Antiforgery;

namespace Telco.InsightPortal.Web.Security;

/// <summary>
/// Cross-site request forgery: a hostile page can make a browser send the session cookie with a form post, which
/// only SameSite=Lax stands in front of. So an API request authenticated by the cookie that may change something
/// (POST, PUT, PATCH, DELETE) must carry the antiforgery token of a portal page (the <c>RequestVerificationToken</c>
/// header or the <c>__RequestVerificationToken</c> form field), or it is refused with 403 before it reaches its
/// endpoint. API clients send a bearer token, which a browser never adds on its own, and are not asked for one.
/// Reads (GET, as the artifact download and the audit export links do) need none. Page forms are the framework's:
/// Blazor's and the sign-in form's are validated by it, sign-out checks its own.
/// </summary>
public sealed class CookieForgeryGuard(RequestDelegate next, IAntiforgery antiforgery)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (NeedsToken(http) && !await antiforgery.IsRequestValidAsync(http))
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }
        await next(http);
    }

    /// <summary>Signed in by the session cookie (any request without a bearer token is: bearer requests never fall back
    /// to it, and a browser may replay cached Basic credentials on its own), on the API, with an unsafe method.</summary>
    private static bool NeedsToken(HttpContext http) =>
        http.User.Identity?.IsAuthenticated == true
        && !SecurityHosting.IsBearer(http.Request)
        && !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
             || HttpMethods.IsOptions(http.Request.Method) || HttpMethods.IsTrace(http.Request.Method))
        && http.Request.Path.StartsWithSegments("/api");
}
