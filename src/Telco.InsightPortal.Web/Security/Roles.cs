namespace Telco.InsightPortal.Web.Security;

public static class Roles
{
    public const string BusinessUser = "BusinessUser";
    public const string Analyst = "Analyst";
    public const string DataScientist = "DataScientist";
    public const string Auditor = "Auditor";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [BusinessUser, Analyst, DataScientist, Auditor, Admin];

    /// <summary>The canonical spelling of a role name, or null when it is not a portal role.</summary>
    public static string? Canonical(string name) => All.FirstOrDefault(r => string.Equals(r, name, StringComparison.OrdinalIgnoreCase));
}
