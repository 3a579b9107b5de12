using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using MudBlazor;

namespace Telco.InsightPortal.Web.Components.Layout;

/// <summary>An area of the portal: where it is, and what a role that may read it (and one that may write it) does there.</summary>
public sealed record NavArea(string Title, string Href, string Icon, string ForReaders, string? ForWriters = null)
{
    /// <summary>The menu and the home page list an area only to roles that may read it.</summary>
    public string ReadPolicy => Title.ToLowerInvariant() + ":read";

    public string WritePolicy => Title.ToLowerInvariant() + ":write";
}

/// <summary>The portal's areas, as the navigation and the home page show them: only areas that are built.</summary>
public static class NavAreas
{
    public static readonly IReadOnlyList<NavArea> All =
    [
        new("Apps", "/apps", Icons.Material.Filled.Apps,
            "Open the apps the portal hosts for business users: what a model's scores are worth and which customers to act on.",
            "Bind each app to the deployment it scores through, and unbind it."),
        new("Dashboards", "/dashboards", Icons.Material.Filled.Dashboard,
            "Open the dashboards shared with you: cross-filter by clicking, drill to rows, export a chart or print the page.",
            "Build dashboards over snapshots, predictions and run metrics, and share them with roles or people."),
        new("Data", "/data", Icons.Material.Filled.Storage,
            "Browse datasets, their snapshot history, rows and column profiles.",
            "Upload CSV batches and generate demo batches; each becomes an immutable snapshot."),
        new("Experiments", "/experiments", Icons.Material.Filled.Science,
            "Compare training runs: metrics, parameters, curves, feature importance and logs.",
            "Train models on a snapshot, sweep trainers, cancel runs; MLflow clients can log here too."),
        new("Models", "/models", Icons.Material.Filled.ModelTraining,
            "Read model cards: intended use, training data, metrics by segment.",
            "Register runs as model versions, request promotions and approve other people's."),
        new("Deployments", "/deployments", Icons.Material.Filled.CloudUpload,
            "Watch scoring endpoints: traffic, latency, errors and recent predictions.",
            "Deploy versions, redeploy, canary and roll back, manage access keys, try a prediction."),
        new("Jobs", "/jobs", Icons.Material.Filled.Schedule,
            "Follow scheduled pipelines: their runs, step timelines and live logs.",
            "Create jobs and pipelines (ingest, retrain, evaluate, promote, redeploy, simulate traffic), schedule, run and cancel them."),
        new("Monitoring", "/alerts", Icons.Material.Filled.MonitorHeart,
            "Watch each deployment's traffic, latency, realised and estimated performance, input drift, and the alerts checks raise.",
            "Acknowledge and resolve alerts."),
        new("Lineage", "/lineage", Icons.Material.Filled.AccountTree,
            "Follow what came from what: a deployment back to its version, run, snapshot and file, or a snapshot forward to everything built on it."),
        new("Audit", "/audit", Icons.Material.Filled.FactCheck,
            "Search the tamper-evident audit trail, verify its chain and export it."),
        // "/admin" is also the users page's route, so the entry stays highlighted on every admin page.
        new("Admin", "/admin", Icons.Material.Filled.AdminPanelSettings,
            "Review users, their roles and access tokens.",
            "Create users, change roles, reset passwords, unlock and disable accounts, revoke tokens."),
    ];
}

/// <summary>An area a user may use, and whether they may change things there.</summary>
public sealed record AreaAccess(NavArea Area, bool CanWrite)
{
    public static async Task<IReadOnlyList<AreaAccess>> ForAsync(IAuthorizationService authorization, ClaimsPrincipal user)
    {
        var areas = new List<AreaAccess>();
        foreach (var area in NavAreas.All)
        {
            if (!(await authorization.AuthorizeAsync(user, area.ReadPolicy)).Succeeded) continue;
            // Read-only areas (audit) have no write policy to ask about.
            areas.Add(new(area, area.ForWriters is not null && (await authorization.AuthorizeAsync(user, area.WritePolicy)).Succeeded));
        }
        return areas;
    }

    /// <summary>What a personal access token is good for with these areas.</summary>
    public static string TokenPurpose(IReadOnlyList<AreaAccess> areas) => areas.Count == 0
        ? "With your role there is no API to call yet: hosted apps and shared dashboards open in the browser. You need a token only when an administrator asks for one."
        : "A token lets scripts and MLflow clients call the portal's API as you, with your role's rights in "
          + string.Join(", ", areas.Select(a => a.Area.Title.ToLowerInvariant() + (a.CanWrite ? " (read and change)" : " (read)"))) + ".";
}
