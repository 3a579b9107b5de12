using Telco.InsightPortal.Data.Dashboards;

namespace Telco.InsightPortal.Web.Dashboards;

public static class DashboardsHosting
{
    /// <summary>The chart query service (one per portal, so its cache of results over immutable snapshots is shared),
    /// the dashboards store, and the per-user dashboard service.</summary>
    public static WebApplicationBuilder AddDashboards(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ChartQueryService>(sp => ActivatorUtilities.CreateInstance<ChartQueryService>(sp));
        builder.Services.AddSingleton<DashboardStore>();
        builder.Services.AddSingleton<DashboardSourceFields>();
        builder.Services.AddScoped<DashboardService>();
        builder.Services.AddScoped<DashboardQueries>();
        builder.Services.AddSingleton<DemoDashboards>();
        builder.Services.AddSingleton<DashboardWarmer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DashboardWarmer>());
        return builder;
    }
}
