using Telco.InsightPortal.Apps;
using Telco.InsightPortal.Data.Apps;

namespace Telco.InsightPortal.Web.Apps;

public static class AppsHosting
{
    /// <summary>The apps under apps/ this portal hosts, in catalog order: the one place an app is added.</summary>
    public static IReadOnlyList<IPortalApp> Hosted { get; } =
    [
        new Telco.Apps.ChurnExplorer.ChurnExplorerApp(),
        new Telco.Apps.RoiThreshold.RoiThresholdApp(),
        new Telco.Apps.CellTowerMonitor.CellTowerMonitorApp(),
    ];

    /// <summary>The catalog, the binder, the host services apps call, and each app's own services.</summary>
    public static WebApplicationBuilder AddApps(this WebApplicationBuilder builder)
    {
        var catalog = new AppCatalog(Hosted);
        builder.Services.AddSingleton(catalog);
        builder.Services.AddSingleton<AppBindingStore>();
        builder.Services.AddSingleton<AppBinder>();
        builder.Services.AddSingleton<AppSavedItemStore>();
        builder.Services.AddSingleton<RowScoreStore>();
        builder.Services.AddSingleton<AppScoring>();
        builder.Services.AddSingleton<AppRows>();
        builder.Services.AddSingleton<RowScoreFiller>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RowScoreFiller>());
        builder.Services.AddHostedService<RowScoreWarmer>();
        // Per circuit: it acts for the signed-in user (saved items, decisions, personal data).
        builder.Services.AddScoped<IAppHost, PortalAppHost>();
        foreach (var app in catalog.All) app.AddServices(builder.Services);
        return builder;
    }
}
