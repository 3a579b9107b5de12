using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Telco.InsightPortal.Core.Dashboards;
using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Dashboards;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Dashboards;

/// <summary>
/// Dashboards for one user: what they may see and do (<see cref="DashboardPermissions"/>), checked here for the API and
/// the pages alike. A dashboard the user may not see answers 403 (it exists, but not for them); one that does not
/// exist answers 404.
/// </summary>
public sealed class DashboardService(DashboardStore store, IAuthorizationService authorization)
{
    public async Task<DashboardUser> UserAsync(ClaimsPrincipal principal) => new(
        principal.Identity?.Name ?? "",
        Roles.All.Where(principal.IsInRole).ToHashSet(StringComparer.Ordinal),
        (await authorization.AuthorizeAsync(principal, null, Policies.DashboardsWrite)).Succeeded,
        principal.IsInRole(Roles.Auditor) || principal.IsInRole(Roles.Admin),
        principal.IsInRole(Roles.Admin));

    public async Task<IReadOnlyList<DashboardSummary>> ListAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        var user = await UserAsync(principal);
        var shares = await store.SharesAsync(ct);
        return (await store.ListAsync(ct))
            .Select(d => new DashboardSummary(d, shares[d.Id].ToList(), DashboardPermissions.For(d.Owner, shares[d.Id], user)))
            .Where(s => s.Access > DashboardAccess.None)
            .ToList();
    }

    /// <summary>Dashboards shared with the user's roles or with them by name (not every one an auditor or
    /// administrator may open), newest first: what the home page offers.</summary>
    public async Task<IReadOnlyList<DashboardSummary>> SharedWithAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        var user = await UserAsync(principal);
        return (await ListAsync(principal, ct))
            .Where(d => d.Shares.Any(s => s.Kind == DashboardShare.Role ? user.Roles.Contains(s.Principal) : string.Equals(s.Principal, user.Name, StringComparison.OrdinalIgnoreCase)))
            .OrderByDescending(d => d.Record.UpdatedAt)
            .ToList();
    }

    public Task<DashboardView> GetAsync(long id, ClaimsPrincipal principal, CancellationToken ct = default) =>
        RequireAsync(id, principal, DashboardAccess.Viewer, ct);

    public async Task<DashboardView> CreateAsync(DashboardDraft draft, ClaimsPrincipal principal, AuditActor actor, CancellationToken ct = default)
    {
        var user = await UserAsync(principal);
        if (!user.CanWrite) throw Forbidden("You may read dashboards but not create them.");
        var created = await store.CreateAsync(draft with { BaseVersion = null }, actor, ct: ct);
        return new DashboardView(created, draft.Document, [], DashboardAccess.Owner);
    }

    public async Task<DashboardView> UpdateAsync(long id, DashboardDraft draft, ClaimsPrincipal principal, AuditActor actor, CancellationToken ct = default)
    {
        var current = await RequireAsync(id, principal, DashboardAccess.Editor, ct);
        var saved = await store.UpdateAsync(id, draft, actor, ct) ?? throw Missing(id);
        return current with { Record = saved, Document = draft.Document };
    }

    public async Task<DashboardView> RestoreAsync(long id, long version, ClaimsPrincipal principal, AuditActor actor, CancellationToken ct = default)
    {
        var current = await RequireAsync(id, principal, DashboardAccess.Editor, ct);
        var saved = await store.RestoreAsync(id, version, actor, ct)
            ?? throw PortalException.NotFound($"Dashboard {id} has no version {version}.");
        return current with { Record = saved, Document = DashboardDocumentParser.ParseDocument(saved.Body) };
    }

    /// <summary>A copy owned by the user, who needs only to see the original (and to be allowed to create dashboards).</summary>
    public async Task<DashboardView> DuplicateAsync(long id, ClaimsPrincipal principal, AuditActor actor, CancellationToken ct = default)
    {
        var original = await RequireAsync(id, principal, DashboardAccess.Viewer, ct);
        var name = "Copy of " + original.Record.Name;
        if (name.Length > DashboardLimits.MaxName) name = name[..DashboardLimits.MaxName];
        return await CreateAsync(new DashboardDraft(name, original.Document, null), principal, actor, ct);
    }

    public async Task ShareAsync(long id, IReadOnlyList<DashboardShare> shares, ClaimsPrincipal principal, AuditActor actor, CancellationToken ct = default)
    {
        await RequireAsync(id, principal, DashboardAccess.Owner, ct);
        if (!await store.ShareAsync(id, shares, actor, ct)) throw Missing(id);
    }

    public async Task DeleteAsync(long id, ClaimsPrincipal principal, AuditActor actor, CancellationToken ct = default)
    {
        await RequireAsync(id, principal, DashboardAccess.Owner, ct);
        if (!await store.DeleteAsync(id, actor, ct)) throw Missing(id);
    }

    public async Task<IReadOnlyList<DashboardVersionRecord>> VersionsAsync(long id, ClaimsPrincipal principal, CancellationToken ct = default)
    {
        await RequireAsync(id, principal, DashboardAccess.Viewer, ct);
        return await store.VersionsAsync(id, ct);
    }

    private async Task<DashboardView> RequireAsync(long id, ClaimsPrincipal principal, DashboardAccess needed, CancellationToken ct)
    {
        var found = await store.GetAsync(id, ct) ?? throw Missing(id);
        var access = DashboardPermissions.For(found.Dashboard.Owner, found.Shares, await UserAsync(principal));
        if (access == DashboardAccess.None) throw Forbidden($"Dashboard {id} is not shared with you.");
        if (access < needed)
            throw Forbidden(needed == DashboardAccess.Owner
                ? $"Only the owner ({found.Dashboard.Owner}) or an administrator may do this to dashboard {id}."
                : $"Dashboard {id} is shared with you read-only.");
        return new DashboardView(found.Dashboard, DashboardDocumentParser.ParseDocument(found.Dashboard.Body), found.Shares, access);
    }

    private static PortalException Missing(long id) => PortalException.NotFound($"There is no dashboard {id}.");

    private static PortalException Forbidden(string message) => new(ErrorKind.Forbidden, message);
}
