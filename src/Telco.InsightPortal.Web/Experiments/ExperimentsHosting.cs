using Microsoft.Extensions.Options;
using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.Web.Experiments.Artifacts;
using Telco.InsightPortal.Web.Experiments.Training;

namespace Telco.InsightPortal.Web.Experiments;

/// <summary>The experiments area: MLflow's tracking API and the portal's training API (<c>Api/</c>), run artifacts on
/// disk (<c>Artifacts/</c>), the training queue and worker (<c>Training/</c>) and the pages (<c>Pages/</c>).</summary>
public static class ExperimentsHosting
{
    public static WebApplicationBuilder AddExperiments(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TrackingStore>();
        builder.Services.AddOptions<ArtifactOptions>().BindConfiguration(ArtifactOptions.Section)
            .Validate(o => o.MaxUploadBytes > 0 && o.ListPageSize is >= 1 and <= 50000 && o.SweepInterval > TimeSpan.Zero && o.SweepGrace >= TimeSpan.Zero,
                "Tracking:Artifacts needs MaxUploadBytes > 0, ListPageSize 1..50000, a positive SweepInterval and a SweepGrace of zero or more.")
            .ValidateOnStart();
        builder.Services.AddSingleton<RunArtifactFiles>();
        builder.Services.AddSingleton<ArtifactSweeper>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ArtifactSweeper>());
        builder.Services.AddOptions<TrainingOptions>().BindConfiguration(TrainingOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TrainingOptions>, TrainingOptionsValidator>();
        builder.Services.AddSingleton<TrainingQueue>();
        builder.Services.AddSingleton<TrainingInstance>();
        builder.Services.AddSingleton<RunControl>();
        builder.Services.AddSingleton<RunLeaseKeeper>();
        builder.Services.AddSingleton<RunProgress>();
        builder.Services.AddSingleton<RunLog>();
        builder.Services.AddSingleton<RunRecorder>();
        builder.Services.AddSingleton<RunCancellation>();
        builder.Services.AddSingleton<TrainingWorker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TrainingWorker>());
        builder.Services.AddSingleton<RunArtifacts>();
        return builder;
    }
}
