using Telco.InsightPortal.Core.Registry;
using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.Web.Experiments.Api;
using Telco.InsightPortal.Web.Registry.Api;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Registry;

public static class RegistryHosting
{
    public static WebApplicationBuilder AddRegistry(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RegistryStore>();
        builder.Services.AddSingleton<IModelVersionResolver, ModelVersionResolver>();
        builder.Services.AddSingleton<ModelCards>();
        return builder;
    }

    /// <summary>MLflow's model registry REST API at MLflow's paths, on the same auth and error shape as the tracking API,
    /// plus the portal's four-eyes approval requests under <c>transition-requests/</c>.</summary>
    public static WebApplication MapRegistryApi(this WebApplication app)
    {
        var mlflow = app.MapGroup(MlflowTrackingApi.ApiPrefix).WithTags("Model registry (MLflow)")
            // Bearer-token clients only; there is no form to forge.
            .DisableAntiforgery();
        mlflow.MapRegisteredModelEndpoints();
        mlflow.MapModelVersionEndpoints();
        mlflow.MapApprovalEndpoints();
        return app;
    }

    internal static RouteHandlerBuilder Reads(this RouteHandlerBuilder endpoint) => endpoint.RequireAuthorization(Policies.ModelsRead);

    internal static RouteHandlerBuilder Writes(this RouteHandlerBuilder endpoint) => endpoint.RequireAuthorization(Policies.ModelsWrite);

    /// <summary>DELETE bodies: MLflow's Python client sends JSON, others send query parameters; either is read.</summary>
    internal static async Task<RegistryRequest> ReadBodyOrQueryAsync(HttpRequest request, CancellationToken ct)
    {
        var body = await MlflowJson.ReadAsync<RegistryRequest>(request, ct);
        var q = request.Query;
        return new RegistryRequest
        {
            Name = body.Name ?? q["name"], Version = body.Version ?? q["version"], Alias = body.Alias ?? q["alias"], Key = body.Key ?? q["key"],
        };
    }
}
