using Telco.InsightPortal.Serving;
using Telco.InsightPortal.Serving.Keys;
using Telco.InsightPortal.Web.Deployments.Client;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Deployments;

public static class DeploymentsHosting
{
    /// <summary>Serving hosted in the portal process, on the portal's store, plus the management API's services, the
    /// typed scoring client the pages use and the portal's own deployment keys (made by deployment changes and at start).</summary>
    public static WebApplicationBuilder AddDeployments(this WebApplicationBuilder builder)
    {
        builder.AddServing();
        builder.Services.AddSingleton<DeploymentSummaries>();
        builder.Services.AddSingleton<PortalKeys>();
        builder.Services.AddSingleton<IPortalKeys>(sp => sp.GetRequiredService<PortalKeys>());
        builder.Services.AddHostedService<PortalKeyProvisioner>();
        builder.Services.AddServingClient();
        return builder;
    }

    /// <summary>Scoring under /serving (deployment keys); metrics and serving's OpenAPI document for monitoring readers.</summary>
    public static WebApplication MapDeployments(this WebApplication app)
    {
        app.MapServing(Policies.MonitoringRead);
        return app;
    }
}
