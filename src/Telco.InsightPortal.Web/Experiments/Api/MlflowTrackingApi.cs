using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Experiments.Api;

/// <summary>MLflow's tracking REST API at MLflow's paths.</summary>
public static class MlflowTrackingApi
{
    public const string ApiPrefix = "/api/2.0/mlflow";

    
    /// <summary>MLflow's tracking REST API at MLflow's paths, so that MLflow clients (MLFLOW_TRACKING_URI pointed at
    /// the portal, MLFLOW_TRACKING_TOKEN set to a portal access token) log here unchanged.</summary>
    public static WebApplication MapTrackingApi(this WebApplication app)
    {
        var mlflow = app.MapGroup(ApiPrefix).WithTags("Tracking (MLflow)")
            // Bearer-token clients only; there is no form to forge.
            .DisableAntiforgery();
        mlflow.MapExperimentEndpoints();
        mlflow.MapRunEndpoints();
        mlflow.MapArtifactEndpoints();
        app.MapArtifactProxy();
        return app;
    }


    internal static RouteHandlerBuilder Reads(this RouteHandlerBuilder endpoint) => endpoint.RequireAuthorization(Policies.ExperimentsRead);

    internal static RouteHandlerBuilder Writes(this RouteHandlerBuilder endpoint) => endpoint.RequireAuthorization(Policies.ExperimentsWrite);
}
