using Telco.InsightPortal.Http;
using Telco.InsightPortal.Web.Training;
using Telco.InsightPortal.Web.Audit;
using Telco.InsightPortal.Web.Datasets;
using Telco.InsightPortal.Web.Deployments;
using Telco.InsightPortal.Web.Tracking;
using Telco.InsightPortal.Web.Registry;

namespace Telco.InsightPortal.Web.Hosting;

public static class ApiHosting
{
    public const string OpenApiPath = "/api/v1/openapi.json";

    public static WebApplicationBuilder AddPortalApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddApiErrors();
        builder.Services.AddOpenApi("v1");
        builder.Services.AddHealthChecks().AddCheck<StoreHealthCheck>("store");
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        return builder;
    }

    public static WebApplication MapPortalApi(this WebApplication app)
    {
        app.MapOpenApi("/api/{documentName}/openapi.json").RequireAuthorization(Security.Policies.SignedIn);
        // Load balancers and the serving replicas probe this without credentials; it reveals only up/down.
        app.MapHealthChecks("/health").AllowAnonymous();
        var v1 = app.MapGroup("/api/v1");
        v1.MapDatasetApi();
        v1.MapTrainingApi();
        v1.MapAuditApi();
        v1.MapDeploymentApi();
        app.MapTrackingApi();
        app.MapRegistryApi();
        return app;
    }
}
