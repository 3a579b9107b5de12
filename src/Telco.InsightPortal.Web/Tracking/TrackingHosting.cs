using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Tracking;

public static class TrackingHosting
{
    public const string ApiPrefix = "/api/2.0/mlflow";

    public static WebApplicationBuilder AddTracking(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TrackingStore>();
        return builder;
    }

    /// <summary>MLflow's tracking REST API at MLflow's paths, so that MLflow clients (MLFLOW_TRACKING_URI pointed at
    /// the portal, MLFLOW_TRACKING_TOKEN set to a portal access token) log here unchanged.</summary>
    public static WebApplication MapTrackingApi(this WebApplication app)
    {
        var mlflow = app.MapGroup(ApiPrefix).WithTags("Tracking (MLflow)")
            // Bearer-token clients only; there is no form to forge.
            .DisableAntiforgery()
            .AddEndpointFilter(async (context, next) =>
            {
                try
                {
                    return await next(context);
                }
                catch (TrackingException e)
                {
                    return MlflowJson.Error(e.ErrorCode, e.Message);
                }
            });
        mlflow.MapExperimentEndpoints();
        mlflow.MapRunEndpoints();
        return app;
    }

    internal static RouteHandlerBuilder Reads(this RouteHandlerBuilder endpoint) => endpoint.RequireAuthorization(Policies.ExperimentsRead);

    internal static RouteHandlerBuilder Writes(this RouteHandlerBuilder endpoint) => endpoint.RequireAuthorization(Policies.ExperimentsWrite);
}
