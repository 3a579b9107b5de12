using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Apps;

/// <summary>Which apps a user sees: those made for their role, and every app for the roles that bind them.</summary>
public static class AppAccess
{
    public static async Task<IReadOnlyList<CatalogEntry>> VisibleAsync(IAuthorizationService authorization, ClaimsPrincipal user, IReadOnlyList<CatalogEntry> entries)
    {
        if (!(await authorization.AuthorizeAsync(user, Policies.AppsRead)).Succeeded) return [];
        var binds = (await authorization.AuthorizeAsync(user, Policies.AppsWrite)).Succeeded;
        return entries.Where(e => binds || user.IsInRole(e.App.RequiredRole)).ToList();
    }
}
