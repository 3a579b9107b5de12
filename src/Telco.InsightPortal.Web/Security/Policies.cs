namespace Telco.InsightPortal.Web.Security;

/// <summary>The one seam every page and endpoint names its access through.</summary>
public static class Policies
{
    public const string DataRead = "data:read";
    public const string DataWrite = "data:write";
}
