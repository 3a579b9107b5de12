using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Tracking;

public static class TrackingHosting
{
    public const string ApiPrefix = "/api/2.0/mlflow";

    public static WebApplicationBuilder AddTracking(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TrackingStore>();
        builder.Services.AddOptions<ArtifactOptions>().BindConfiguration(ArtifactOptions.Section)
            .Validate(o => o.MaxUploadBytes > 0 && o.ListPageSize is >= 1 and <= 50000 && o.SweepInterval > TimeSpan.Zero && o.SweepGrace >= TimeSpan.Zero,
                "Tracking:Artifacts needs MaxUploadBytes > 0, ListPageSize 1..50000, a positive SweepInterval and a SweepGrace of zero or more.")
            .ValidateOnStart();
        builder.Services.AddSingleton<RunArtifactFiles>();
        builder.Services.AddSingleton<ArtifactSweeper>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ArtifactSweeper>());
        return builder;
    }

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
