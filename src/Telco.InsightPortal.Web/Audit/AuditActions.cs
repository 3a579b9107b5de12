namespace Telco.InsightPortal.Web.Audit;

/// <summary>The actions the audit area itself records: looking at the trail is evidence too.</summary>
public static class AuditActions
{
    public const string Export = "audit.export";
    public const string Verify = "audit.verify";
    public const string Target = "audit";
}
