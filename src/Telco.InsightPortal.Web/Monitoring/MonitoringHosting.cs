using Telco.InsightPortal.Data.Monitoring;
using Telco.InsightPortal.Web.Monitoring.Api;

namespace Telco.InsightPortal.Web.Monitoring;

public static class MonitoringHosting
{
    /// <summary>The monitoring store (one per portal: it keeps each training snapshot's counts, which never change), the
    /// alert store and the monitoring service, with thresholds from the <c>Monitoring</c> section (refused at start when
    /// they make no sense together).</summary>
    public static WebApplicationBuilder AddMonitoring(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Monitoring").Get<MonitoringOptions>() ?? new MonitoringOptions();
        options.Validate();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<MonitoringStore>();
        builder.Services.AddSingleton<AlertStore>();
        builder.Services.AddSingleton<MonitoringService>();
        builder.Services.AddSingleton<MonitoringRollupService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MonitoringRollupService>());
        return builder;
    }

    public static WebApplication MapMonitoring(this WebApplication app)
    {
        app.MapGroup("/api/v1").MapMonitoringApi();
        return app;
    }
}
