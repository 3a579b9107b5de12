using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Telco.InsightPortal.Data.Security;
using Telco.InsightPortal.Http;

namespace Telco.InsightPortal.Web.Security.Api;

public sealed record TokenRequest(string? Name, int? Days);

public sealed record TokenResponse(long Id, string Token, string Name, DateTimeOffset ExpiresAt);

public static class AccountEndpoints
{
    public static WebApplication MapAccountEndpoints(this WebApplication app)
    {
        // The sign-in page's form posts: part of the pages, not of the API the OpenAPI document describes.
        app.MapPost("/account/signin", SignInAsync).AllowAnonymous().RequireRateLimiting(SecurityHosting.SignInRateLimit).ExcludeFromDescription();
        app.MapPost("/account/signout", SignOutAsync).RequireAuthorization(Policies.SignedIn).ExcludeFromDescription();
        var tokens = app.MapGroup("/api/v1/tokens").WithTags("Tokens");
        // Authenticated by HTTP Basic inside the handler: this is where a bearer token comes from.
        tokens.MapPost("/", IssueAsync).AllowAnonymous().RequireRateLimiting(SecurityHosting.SignInRateLimit).DisableAntiforgery();
        tokens.MapGet("/", ListAsync).RequireAuthorization(Policies.SignedIn);
        tokens.MapDelete("/{id:long}", RevokeAsync).RequireAuthorization(Policies.SignedIn);
        return app;
    }

    private static async Task<IResult> SignInAsync(HttpContext http, LocalAccounts accounts,
        [FromForm] string? username, [FromForm] string? password, [FromForm] string? returnUrl)
    {
        var back = SafeReturnUrl(returnUrl);
        var result = await accounts.SignInAsync(username ?? "", password ?? "", HttpAuditActor.From(http, username), startSession: true, http.RequestAborted);
        if (!result.Succeeded)
            return Results.Redirect($"/account/login?error={result.Code}&returnUrl={Uri.EscapeDataString(back)}");
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, result.Principal!);
        return Results.Redirect(result.Principal!.MustChangePassword() ? "/account/password" : back);
    }

    /// <summary>Only from the user menu's form: a sign-out posted by another site (no antiforgery token) changes nothing
    /// and lands on the home page.</summary>
    private static async Task<IResult> SignOutAsync(HttpContext http, UserStore users, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(http)) return Results.Redirect("/");
        if (http.User.FindFirst(PortalClaims.SessionId)?.Value is { } session)
            await users.EndSessionAsync(session, http.User.Identity?.Name ?? "", HttpAuditActor.From(http), http.RequestAborted);
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.Redirect("/account/login?signedOut=1");
    }

    private static async Task<IResult> IssueAsync(HttpContext http, LocalAccounts accounts, AccessTokens tokens, UserStore users,
        [FromBody] TokenRequest? body)
    {
        if (!TryBasic(http, out var username, out var password))
        {
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"telco-insight-portal\"";
            return ApiErrorWriter.Result(StatusCodes.Status401Unauthorized, "Send your username and password with HTTP Basic authentication.");
        }
        var signIn = await accounts.SignInAsync(username, password, HttpAuditActor.From(http, username), startSession: false, http.RequestAborted);
        if (!signIn.Succeeded) return ApiErrorWriter.Result(StatusCodes.Status401Unauthorized, signIn.Error ?? "Sign-in failed.");
        if (signIn.Principal!.MustChangePassword()) return ApiErrorWriter.Result(StatusCodes.Status403Forbidden, PasswordChangeGate.Message);
        var user = (await users.FindAsync(username, http.RequestAborted))!;
        try
        {
            var issued = await tokens.IssueAsync(user, body?.Name, body?.Days, HttpAuditActor.From(http, user.Username), http.RequestAborted);
            return Results.Json(new TokenResponse(issued.Id, issued.Token, issued.Name, issued.ExpiresAt), statusCode: 201);
        }
        catch (ArgumentOutOfRangeException e)
        {
            return ApiErrorWriter.Result(StatusCodes.Status400BadRequest, e.Message.Split(" (Parameter")[0]);
        }
    }

    private static async Task<IResult> ListAsync(HttpContext http, TokenStore store) =>
        Results.Ok((await store.ListAsync(http.User.UserId(), http.RequestAborted))
            .Select(t => new { t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt }));

    /// <summary>Owners revoke their own tokens; admins any. Someone else's id is answered as if it did not exist.</summary>
    private static async Task<IResult> RevokeAsync(long id, HttpContext http, TokenStore store, Microsoft.AspNetCore.Authorization.IAuthorizationService authorization)
    {
        var token = await store.GetAsync(id, http.RequestAborted);
        var mayRevokeAny = (await authorization.AuthorizeAsync(http.User, null, Policies.AdminWrite)).Succeeded;
        if (token is null || token.UserId != http.User.UserId() && !mayRevokeAny)
            return ApiErrorWriter.Result(StatusCodes.Status404NotFound, $"No token {id}.");
        await store.RevokeAsync(token, HttpAuditActor.From(http), http.RequestAborted);
        return Results.NoContent();
    }

    private static bool TryBasic(HttpContext http, out string username, out string password)
    {
        username = password = "";
        if (!AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization, out var header)
            || !"Basic".Equals(header.Scheme, StringComparison.OrdinalIgnoreCase) || header.Parameter is null) return false;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
            var colon = text.IndexOf(':');
            if (colon <= 0) return false;
            (username, password) = (text[..colon], text[(colon + 1)..]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Only local paths: an open redirect after sign-in would be a phishing aid. The framework's check
    /// refuses "//", "/\", schemes and control characters (browsers drop a tab, so "/\t/evil.com" becomes
    /// "//evil.com"); checking the percent-decoded form as well refuses "/%2F/evil.com" and the like, which no
    /// page of the portal ever sends. "~/" paths, which it also allows, are left out: nothing here resolves them.</summary>
    public static string SafeReturnUrl(string? url) =>
        url is not null && url.StartsWith('/') && RedirectHttpResult.IsLocalUrl(url) && RedirectHttpResult.IsLocalUrl(Uri.UnescapeDataString(url)) ? url : "/";
}
