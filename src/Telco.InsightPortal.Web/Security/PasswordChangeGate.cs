using Telco.InsightPortal.Http;

namespace Telco.InsightPortal.Web.Security;

/// <summary>An account with a one-time password may do nothing but choose a new one: pages redirect to
/// the change-password page and the API answers 403 until it is done.</summary>
public sealed class PasswordChangeGate(RequestDelegate next)
{
    public const string Message = "Change the one-time password first (sign in to the portal).";

    private static readonly string[] Allowed = ["/account/password", "/account/signout", "/_blazor", "/_framework", "/_content", "/css", "/health"];

    public Task InvokeAsync(HttpContext http)
    {
        if (!http.User.MustChangePassword() || Allowed.Any(p => http.Request.Path.StartsWithSegments(p)) || Path.HasExtension(http.Request.Path.Value))
            return next(http);
        if (http.Request.Path.StartsWithSegments("/api"))
            return ApiErrorWriter.WriteAsync(http, ApiError.ForStatus(StatusCodes.Status403Forbidden, Message));
        http.Response.Redirect("/account/password");
        return Task.CompletedTask;
    }
}
