using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Telco.InsightPortal.Web.Security;

/// <summary>Maps Entra ID app roles (the "roles" claim) to portal roles: by <c>Auth:RoleMap</c> where
/// the app registration names them differently, else by name. Unknown app roles grant nothing.</summary>
public sealed class EntraRoleClaims(IOptions<AuthOptions> options) : IClaimsTransformation
{
    public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true || principal.HasClaim(c => c.Type == ClaimTypes.Role && c.Issuer == nameof(EntraRoleClaims)))
            return Task.FromResult(principal);
        var map = options.Value.RoleMap;
        var roles = principal.FindAll("roles").Concat(principal.FindAll("http://schemas.microsoft.com/ws/2008/06/identity/claims/role"))
            .Select(c => map.TryGetValue(c.Value, out var mapped) ? mapped : c.Value)
            .Select(Roles.Canonical).OfType<string>().Distinct().ToList();
        var name = principal.FindFirstValue("preferred_username") ?? principal.FindFirstValue("name") ?? principal.FindFirstValue("oid") ?? "entra-user";
        var identity = new ClaimsIdentity(roles.Select(r => new Claim(ClaimTypes.Role, r, ClaimValueTypes.String, nameof(EntraRoleClaims)))
            .Append(new Claim(ClaimTypes.Name, name, ClaimValueTypes.String, nameof(EntraRoleClaims))), "EntraRoles", ClaimTypes.Name, ClaimTypes.Role);
        var result = new ClaimsPrincipal(principal.Identities.Prepend(identity));
        return Task.FromResult(result);
    }
}
