using System.Globalization;
using Telco.InsightPortal.Core.Jobs;
using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.Web.Hosting;

namespace Telco.InsightPortal.Web.Jobs.Kinds;

/// <summary>A finished run's model becomes the next version of a registered model (created if new), tagged with the
/// job and the job run, in one transaction with its audit entry: a refused version leaves no empty model behind. A retry
/// of the same job run finds the version its earlier attempt made rather than making another.</summary>
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
            if (await RegisteredByThisRunAsync(step, model, runId, ct) is { } earlier)
            {
                step.Log($"Run {runId} was already registered as {model} version {earlier.Version} by an earlier attempt of this job run.");
                return new Dictionary<string, object?> { ["model"] = earlier.Name, ["version"] = earlier.Version };
            }
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

    /// <summary>The version an earlier attempt of the same job run made from the same run: a retry must not make another.</summary>
    private async Task<ModelVersion?> RegisteredByThisRunAsync(JobStepContext step, string model, string runId, CancellationToken ct)
    {
        try
        {
            var jobRun = step.RunId.ToString(CultureInfo.InvariantCulture);
            return (await registry.ListVersionsAsync(model, ct)).FirstOrDefault(v => v.RunId == runId
                && v.Tags.Contains(new RegistryTag(JobTag, step.Job)) && v.Tags.Contains(new RegistryTag(JobRunTag, jobRun)));
        }
        catch (TrackingException e) when (e.ErrorCode is TrackingErrors.NotFound or TrackingErrors.InvalidParameter)
        {
            return null; // No such model yet (or a name the registry refuses, which creating it says better).
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
