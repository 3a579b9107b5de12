using Telco.InsightPortal.Core.Dashboards;
using Telco.InsightPortal.Data.Dashboards;

namespace Telco.InsightPortal.Web.Dashboards;

/// <summary>A dashboard as one user may see it: the stored record, its document, its shares and the user's access.</summary>
public sealed record DashboardView(DashboardRecord Record, DashboardDocument Document, IReadOnlyList<DashboardShare> Shares, DashboardAccess Access)
{
    public bool CanEdit => Access >= DashboardAccess.Editor;

    public bool CanManage => Access == DashboardAccess.Owner;
}

/// <summary>A line of the dashboards list.</summary>
public sealed record DashboardSummary(DashboardRecord Record, IReadOnlyList<DashboardShare> Shares, DashboardAccess Access);
