using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Http;

namespace Telco.InsightPortal.Serving.Keys;

/// <summary>Authenticates "Authorization: Bearer tsk_…" with a deployment access key. The principal names the one
/// deployment the key belongs to; the scoring endpoints check it against the route.</summary>
public sealed class DeploymentKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, KeyCache keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "DeploymentKey";
    public const string DeploymentClaim = "deployment";
    public const string KeyIdClaim = "deployment_key_id";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var key = await keys.FindAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (key is null) return AuthenticateResult.Fail("unknown or revoked deployment key");
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "key:" + key.Prefix), new Claim(DeploymentClaim, key.Deployment), new Claim(KeyIdClaim, key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"telco-serving\"";
        return ApiErrorWriter.WriteAsync(Context, new ApiError(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthenticated,
            "A valid deployment access key is required (Authorization: Bearer tsk_…); this one is missing, unknown or revoked."));
    }
}
