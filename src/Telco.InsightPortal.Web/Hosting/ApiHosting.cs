using Telco.InsightPortal.Web.Dashboards.Api;
using Telco.InsightPortal.Web.Jobs.Api;
using Telco.InsightPortal.Web.Lineage.Api;
using Telco.InsightPortal.Http;
using Telco.InsightPortal.Web.Apps.Api;
using Telco.InsightPortal.Web.Audit.Api;
using Telco.InsightPortal.Web.Datasets.Api;
using Telco.InsightPortal.Web.Deployments.Api;
using Telco.InsightPortal.Web.Evidence;
using Telco.InsightPortal.Web.Governance.Api;
using Telco.InsightPortal.Web.Experiments.Api;
using Telco.InsightPortal.Web.Registry;

namespace Telco.InsightPortal.Web.Hosting;

public static class ApiHosting
{
    public const string OpenApiPath = "/api/v1/openapi.json";

    public static WebApplicationBuilder AddPortalApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddApiErrors();
        builder.Services.AddOpenApi("v1", OpenApi.PortalOpenApi.Configure);
        builder.Services.AddHealthChecks().AddCheck<StoreHealthCheck>("store");
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        return builder;
    }

    public static WebApplication MapPortalApi(this WebApplication app)
    {
        // One route per document, each with its own policy: the serving document is for monitoring readers, as at
        // /serving/openapi/serving.json. A literal route would take the document's name from the query string instead.
        app.MapOpenApi("/api/{documentName:regex(^v1$)}/openapi.json").RequireAuthorization(Security.Policies.SignedIn);
        app.MapOpenApi("/api/{documentName:regex(^serving$)}/openapi.json").RequireAuthorization(Security.Policies.MonitoringRead);
        // Load balancers and the serving replicas probe this without credentials; it reveals only up/down.
        app.MapHealthChecks("/health").AllowAnonymous();
        var v1 = app.MapGroup("/api/v1");
        v1.MapDatasetApi();
        v1.MapTrainingApi();
        v1.MapAuditApi();
        v1.MapDeploymentApi();
        v1.MapAppApi();
        v1.MapChartApi();
        v1.MapDashboardApi();
        v1.MapJobApi();
        v1.MapEvidenceApi();
        v1.MapLineageApi();
        v1.MapGovernanceApi();
        app.MapTrackingApi();
        app.MapRegistryApi();
        return app;
    }
}
