using System.Globalization;
using Telco.InsightPortal.Core.Jobs;
using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.Web.Hosting;

namespace Telco.InsightPortal.Web.Jobs.Kinds;

/// <summary>A finished run's model becomes the next version of a registered model (created if new), tagged with the
/// job and the job run, in one transaction with its audit entry: a refused version leaves no empty model behind.</summary>
public sealed class RegisterKind(RegistryStore registry, TrackingStore tracking, PortalPaths paths) : IJobKind
{
    public const string JobTag = "job";
    public const string JobRunTag = "job_run_id";

    public string Name => JobKindCatalog.Register;

    public async Task<IReadOnlyDictionary<string, object?>> RunAsync(JobStepContext step, CancellationToken ct)
    {
        var runId = step.Parameters.RequiredText("run");
        var model = step.Parameters.RequiredText("model");
        var description = step.Parameters.Text("description");
        try
        {
            var run = await FinishedRunAsync(tracking, runId, "registered", ct);
            var source = await StepFailures.RefusedAsync($"Run {runId} cannot be registered",
                () => Task.FromResult(ModelSources.Resolve($"runs:/{run.Info.RunId}/model", paths.Artifacts)));
            var version = await StepFailures.RefusedAsync($"Run {runId} was not registered as {model}",
                () => registry.CreateVersionAsync(model, source, description, Tags(step), step.Actor, ct, createModel: true));
            step.Log($"Registered run {runId} as {model} version {version.Version} (sha256 {version.ModelSha256[..12]}…, snapshot {version.SnapshotId?.ToString(CultureInfo.InvariantCulture) ?? "-"}).");
            return new Dictionary<string, object?> { ["model"] = version.Name, ["version"] = version.Version };
        }
        catch (OperationCanceledException e) when (ct.IsCancellationRequested)
        {
            throw StepFailures.Cancelled($"run {runId} was not registered.", e);
        }
    }

    public static IReadOnlyList<RegistryTag> Tags(JobStepContext step) =>
        [new(JobTag, step.Job), new(JobRunTag, step.RunId.ToString(CultureInfo.InvariantCulture))];

    /// <summary>The run, which must exist and have FINISHED.</summary>
    internal static async Task<Run> FinishedRunAsync(TrackingStore tracking, string runId, string what, CancellationToken ct)
    {
        Run run;
        try
        {
            run = await tracking.GetRunAsync(runId, ct);
        }
        catch (TrackingException e) when (e.ErrorCode is TrackingErrors.NotFound or TrackingErrors.InvalidParameter)
        {
            throw new JobStepException($"There is no training run '{runId}'.", e);
        }
        if (run.Info.Status != "FINISHED")
            throw new JobStepException($"Run {runId} is {run.Info.Status}; only a FINISHED run can be {what}.");
        return run;
    }
}
