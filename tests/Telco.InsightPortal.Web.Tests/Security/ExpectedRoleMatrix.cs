using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Tests.Security;

/// <summary>
/// The role matrix written out by hand, as the README's "Role matrix" table states it: taken neither from
/// <see cref="RoleMatrix"/> nor from the README, so that a change to either shows up as a disagreement.
/// </summary>
public static class ExpectedRoleMatrix
{
    public static readonly IReadOnlyList<string> Roles = ["BusinessUser", "Analyst", "DataScientist", "Auditor", "Admin"];

    // r = read, w = write (which includes read), - = nothing; one column per role, in the order above.
    private static readonly (string Area, string Row)[] Rows =
    [
        ("Apps",        "r r w r w"),
        ("Dashboards",  "r w w r w"),
        ("Data",        "- r w r w"),
        ("Experiments", "- r w r w"),
        ("Models",      "- r w r w"),
        ("Deployments", "- - w r w"),
        ("Jobs",        "- - w r w"),
        ("Monitoring",  "- r w r w"),
        ("Lineage",     "- r r r r"),
        ("Audit",       "- - - r r"),
        ("Admin",       "- - - r w"),
        ("PersonalData", "r - r r w"),
    ];

    public static IReadOnlyList<string> Areas { get; } = Rows.Select(r => r.Area).ToList();

    public static Access Of(string area, string role)
    {
        var cells = Rows.Single(r => r.Area.Equals(area, StringComparison.OrdinalIgnoreCase)).Row.Split(' ');
        return cells[IndexOf(role)] switch { "w" => Access.Write, "r" => Access.Read, _ => Access.None };
    }

    /// <summary>The roles an "area:read" or "area:write" policy should admit.</summary>
    public static IReadOnlyList<string> RolesAdmittedBy(string policy)
    {
        var (area, level) = (policy.Split(':')[0], policy.Split(':')[1] == "write" ? Access.Write : Access.Read);
        return Roles.Where(r => Of(area, r) >= level).ToList();
    }

    private static int IndexOf(string role)
    {
        var index = Roles.ToList().IndexOf(role);
        return index >= 0 ? index : throw new ArgumentException($"'{role}' is not a portal role.", nameof(role));
    }

    /// <summary>The README's section "### Role matrix", up to the next heading.</summary>
    public static string ReadmeSection()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var start = readme.IndexOf("### Role matrix", StringComparison.Ordinal);
        Assert.True(start >= 0, "The README has no '### Role matrix' section.");
        var end = readme.IndexOf("\n#", start + 1, StringComparison.Ordinal);
        return readme[start..(end < 0 ? readme.Length : end)];
    }

    /// <summary>The README's table: its header cells, and per row the area (the first word of the first cell) and
    /// the access cells as written ("read", "write", "—").</summary>
    public static (string[] Header, List<(string Area, string[] Cells)> Rows) ReadmeTable()
    {
        var lines = ReadmeSection().Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith('|')).ToList();
        Assert.True(lines.Count > 2, "The README's role matrix section has no table.");
        static string[] Cells(string line) => line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
        var rows = lines.Skip(2).Select(Cells).Select(c => (c[0].Split(' ')[0], c[1..])).ToList();
        return (Cells(lines[0]), rows);
    }
}
