using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Telco.InsightPortal.Web.Security;

/// <summary>Authenticates "Authorization: Bearer tip_…" with a personal access token. An expired token fails on its
/// next use; a revoked one at once on the instance that revoked it and within <see cref="AuthOptions.CheckCacheSeconds"/>
/// on the others (<see cref="AuthCache"/>).</summary>
public sealed class TokenAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger,
    UrlEncoder encoder, AccessTokens tokens) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "PortalToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        // Another kind of bearer (a deployment's access key on /serving) is not ours to refuse: no result, no failure logged per request.
        if (header.AsSpan("Bearer ".Length).Trim().StartsWith(Serving.Keys.AccessKeys.Prefix, StringComparison.Ordinal)) return AuthenticateResult.NoResult();
        var (user, token, problem) = await tokens.ValidateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (user is null || token is null) return AuthenticateResult.Fail(problem ?? "invalid token");
        var principal = LocalAccounts.Principal(user, null, token.CreatedAt, "token", SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"telco-insight-portal\"";
        return Task.CompletedTask;
    }
}
