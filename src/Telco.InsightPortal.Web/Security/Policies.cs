namespace Telco.InsightPortal.Web.Security;

/// <summary>
/// The one seam every page and endpoint names its access through: one read and one write policy per
/// area. Which roles satisfy each is the role matrix, documented in the README.
/// </summary>
public static class Policies
{
    public const string AppsRead = "apps:read";
    public const string AppsWrite = "apps:write";
    public const string DashboardsRead = "dashboards:read";
    public const string PersonalDataRead = "personaldata:read";
    public const string DashboardsWrite = "dashboards:write";
    public const string DataRead = "data:read";
    public const string DataWrite = "data:write";
    public const string ExperimentsRead = "experiments:read";
    public const string ExperimentsWrite = "experiments:write";
    public const string ModelsRead = "models:read";
    public const string ModelsWrite = "models:write";
    public const string DeploymentsRead = "deployments:read";
    public const string DeploymentsWrite = "deployments:write";
    public const string JobsRead = "jobs:read";
    public const string JobsWrite = "jobs:write";
    public const string MonitoringRead = "monitoring:read";
    public const string MonitoringWrite = "monitoring:write";
    public const string LineageRead = "lineage:read";
    public const string AuditRead = "audit:read";
    public const string AdminRead = "admin:read";
    public const string AdminWrite = "admin:write";

    /// <summary>Any signed-in user, whatever their role: the home page, their own account and tokens.</summary>
    public const string SignedIn = "signed-in";
}
