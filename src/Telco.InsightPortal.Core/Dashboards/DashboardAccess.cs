namespace Telco.InsightPortal.Core.Dashboards;

/// <summary>What one user may do with one dashboard, in increasing order.</summary>
public enum DashboardAccess { None, Viewer, Editor, Owner }

/// <summary>A share: a role or a named user, as viewer or editor.</summary>
public sealed record DashboardShare(string Kind, string Principal, DashboardAccess Access)
{
    public const string Role = "role";
    public const string User = "user";
}

/// <summary>The user asking, as far as dashboards care.</summary>
public sealed record DashboardUser(string Name, IReadOnlySet<string> Roles, bool CanWrite, bool SeesAll, bool ManagesAll);

/// <summary>
/// Who may do what with a dashboard. The owner and administrators manage it (edit, share, delete); a share gives a
/// role or a named user view or edit; auditors see every dashboard read-only (they review what was shown to whom).
/// Editing also needs the role-level dashboards:write permission, so a BusinessUser given "editor" still only reads.
/// </summary>
public static class DashboardPermissions
{
    public static DashboardAccess For(string owner, IEnumerable<DashboardShare> shares, DashboardUser user)
    {
        if (user.ManagesAll || string.Equals(owner, user.Name, StringComparison.OrdinalIgnoreCase))
            return user.CanWrite || user.ManagesAll ? DashboardAccess.Owner : DashboardAccess.Viewer;
        var shared = shares
            .Where(s => s.Kind == DashboardShare.Role ? user.Roles.Contains(s.Principal) : string.Equals(s.Principal, user.Name, StringComparison.OrdinalIgnoreCase))
            .Select(s => s.Access)
            .DefaultIfEmpty(DashboardAccess.None)
            .Max();
        if (shared == DashboardAccess.Editor && !user.CanWrite) shared = DashboardAccess.Viewer;
        return shared == DashboardAccess.None && user.SeesAll ? DashboardAccess.Viewer : shared;
    }
}
