using MudBlazor;

namespace Telco.InsightPortal.Web.Components.Layout;

public sealed record NavArea(string Title, string Href, string Icon, bool Available)
{
    /// <summary>The menu lists an area only to roles that may read it.</summary>
    public string ReadPolicy => Title.ToLowerInvariant() + ":read";
}

/// <summary>The portal's areas, as the navigation shows them.</summary>
public static class NavAreas
{
    public static readonly IReadOnlyList<NavArea> All =
    [
        new("Apps", "/apps", Icons.Material.Filled.Apps, false),
        new("Dashboards", "/dashboards", Icons.Material.Filled.Dashboard, false),
        new("Data", "/data", Icons.Material.Filled.Storage, true),
        new("Experiments", "/experiments", Icons.Material.Filled.Science, true),
        new("Models", "/models", Icons.Material.Filled.ModelTraining, true),
        new("Deployments", "/deployments", Icons.Material.Filled.CloudUpload, true),
        new("Jobs", "/jobs", Icons.Material.Filled.Schedule, false),
        new("Monitoring", "/monitoring", Icons.Material.Filled.MonitorHeart, false),
        new("Lineage", "/lineage", Icons.Material.Filled.AccountTree, false),
        new("Audit", "/audit", Icons.Material.Filled.FactCheck, true),
        // "/admin" is also the users page's route, so the entry stays highlighted on every admin page.
        new("Admin", "/admin", Icons.Material.Filled.AdminPanelSettings, true),
    ];
}
