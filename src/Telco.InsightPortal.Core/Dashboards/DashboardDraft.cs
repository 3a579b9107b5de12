namespace Telco.InsightPortal.Core.Dashboards;

/// <summary>A dashboard as a client sends it: a name, the document, and (on an update) the version it was edited
/// from, so a save over someone else's newer version is refused instead of silently lost.</summary>
public sealed record DashboardDraft(string Name, DashboardDocument Document, int? BaseVersion);
