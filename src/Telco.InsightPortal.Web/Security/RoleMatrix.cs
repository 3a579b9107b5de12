namespace Telco.InsightPortal.Web.Security;

public enum Access { None, Read, Write }

/// <summary>
/// Area × role → access. The single source of the authorization policies and of the README's table;
/// a role with write access also has read access.
/// </summary>
public static class RoleMatrix
{
    public static readonly IReadOnlyList<string> Areas =
        ["Apps", "Dashboards", "Data", "Experiments", "Models", "Deployments", "Jobs", "Monitoring", "Lineage", "Audit", "Admin", "PersonalData"];

    private static readonly Dictionary<string, Dictionary<string, Access>> Matrix = new(StringComparer.OrdinalIgnoreCase)
    {
        //                          BusinessUser      Analyst           DataScientist     Auditor           Admin
        ["Apps"] = Row(Access.Read, Access.Read, Access.Write, Access.Read, Access.Write),
        ["Dashboards"] = Row(Access.Read, Access.Write, Access.Write, Access.Read, Access.Write),
        ["Data"] = Row(Access.None, Access.Read, Access.Write, Access.Read, Access.Write),
        ["Experiments"] = Row(Access.None, Access.Read, Access.Write, Access.Read, Access.Write),
        ["Models"] = Row(Access.None, Access.Read, Access.Write, Access.Read, Access.Write),
        ["Deployments"] = Row(Access.None, Access.None, Access.Write, Access.Read, Access.Write),
        ["Jobs"] = Row(Access.None, Access.None, Access.Write, Access.Read, Access.Write),
        ["Monitoring"] = Row(Access.None, Access.Read, Access.Write, Access.Read, Access.Write),
        ["Lineage"] = Row(Access.None, Access.Read, Access.Read, Access.Read, Access.Read),
        ["Audit"] = Row(Access.None, Access.None, Access.None, Access.Read, Access.Read),
        ["Admin"] = Row(Access.None, Access.None, Access.None, Access.Read, Access.Write),
        // Customer ids and other personal columns in apps and dashboards: business users act on named customers,
        // analysts build views over aggregates and see ids masked.
        ["PersonalData"] = Row(Access.Read, Access.None, Access.Read, Access.Read, Access.Write),
    };

    private static Dictionary<string, Access> Row(Access businessUser, Access analyst, Access dataScientist, Access auditor, Access admin) => new()
    {
        [Roles.BusinessUser] = businessUser, [Roles.Analyst] = analyst, [Roles.DataScientist] = dataScientist,
        [Roles.Auditor] = auditor, [Roles.Admin] = admin,
    };

    public static Access Of(string area, string role) => Matrix[area].GetValueOrDefault(role);

    /// <summary>The roles a policy named "area:read" or "area:write" admits.</summary>
    public static IReadOnlyList<string> RolesFor(string policy)
    {
        var (area, level) = Parse(policy);
        return Roles.All.Where(r => Of(area, r) >= level).ToList();
    }

    public static (string Area, Access Level) Parse(string policy)
    {
        var parts = policy.Split(':');
        if (parts.Length != 2 || !Matrix.ContainsKey(parts[0]) || parts[1] is not ("read" or "write"))
            throw new ArgumentException($"'{policy}' is not an area policy.", nameof(policy));
        var area = Areas.First(a => a.Equals(parts[0], StringComparison.OrdinalIgnoreCase));
        return (area, parts[1] == "read" ? Access.Read : Access.Write);
    }
}
