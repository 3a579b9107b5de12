using System.Security.Claims;

namespace Telco.InsightPortal.Web.Security;

/// <summary>Claim types the portal issues beyond the standard name, id and role.</summary>
public static class PortalClaims
{
    public const string SessionId = "portal:sid";
    public const string SignedInAt = "portal:auth_time";
    public const string MustChangePasswordType = "portal:must_change_password";
    public const string AuthMethod = "portal:amr";

    public static long? UserId(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static bool MustChangePassword(this ClaimsPrincipal user) => user.HasClaim(MustChangePasswordType, "true");
}
