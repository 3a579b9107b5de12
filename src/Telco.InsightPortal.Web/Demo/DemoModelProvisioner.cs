using System.Globalization;
using Telco.InsightPortal.Data.Apps;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.Serving.Deployments;
using Telco.InsightPortal.Web.Experiments.Training;
using Telco.InsightPortal.Web.Hosting;

namespace Telco.InsightPortal.Web.Demo;

/// <summary>
/// Brings one demo model to a serving deployment, as the System actor, resuming from whatever an earlier start left:
/// a deployment means done; else an existing demo version is deployed; else a finished demo run is registered; else
/// the model is trained through the <see cref="TrainingQueue"/> like any run (so it shows in Experiments with its log).
/// The version gets the <c>challenger</c> alias, never <c>champion</c>: champion needs a second person's approval,
/// and a request filed by the system would leave the whole decision to one human.
/// </summary>
public sealed class DemoModelProvisioner(TrainingQueue queue, TrainingWorker worker, TrackingStore tracking, RegistryStore registry,
    DeploymentStore deployments, DeploymentService deploy, AppBindingStore apps, PortalPaths paths, ILogger<DemoModelProvisioner> log)
{
    private static readonly AuditActor Actor = AuditActor.System;

    public async Task<DemoModelOutcome> EnsureAsync(DemoModelSpec spec, CancellationToken ct)
    {
        if (await deployments.GetAsync(spec.Deployment, ct) is not null)
        {
            log.LogInformation("Demo model {Model}: deployment {Deployment} exists; nothing to do.", spec.Model, spec.Deployment);
            return new DemoModelOutcome(spec.Model, DemoModelStatus.AlreadyDeployed);
        }
        var version = await ExistingVersionAsync(spec, ct);
        if (version is null)
        {
            var runId = await FinishedRunAsync(spec, ct);
            if (runId is null)
            {
                var (trained, error) = await TrainAsync(spec, ct);
                if (error is not null) return Failed(spec, trained, error);
                runId = trained;
            }
            version = await registry.CreateVersionAsync(spec.Model, ModelSources.Resolve($"runs:/{runId}/model", paths.Artifacts), spec.Description,
                [new RegistryTag(DemoModelSpec.Tag, "true")], Actor, ct, createModel: true);
            log.LogInformation("Demo model {Model}: registered version {Version} from run {RunId}.", spec.Model, version.Version, runId);
        }
        await registry.SetAliasAsync(spec.Model, ModelAliases.Challenger, version.Version, "Demo model trained at first start.", Actor, ct);
        await DeployAsync(spec, version.Version, ct);
        return new DemoModelOutcome(spec.Model, DemoModelStatus.Deployed, version.RunId, version.Version);
    }

    private async Task DeployAsync(DemoModelSpec spec, long version, CancellationToken ct)
    {
        var (_, secret) = await deploy.CreateAsync(spec.Deployment, spec.Model, version.ToString(CultureInfo.InvariantCulture), null, 1, Actor, ct);
        // Nobody saw the first key (it is shown once, to the creator: here the system), so it is revoked; a user makes
        // their own on the deployment page or through the API. The portal's own key, made with the deployment, stays.
        foreach (var key in (await deploy.KeysAsync(spec.Deployment, ct)).Where(k => k.RevokedAt is null && secret.StartsWith(k.Prefix, StringComparison.Ordinal)))
            await deploy.RevokeKeyAsync(spec.Deployment, key.Id, Actor, ct);
        log.LogInformation("Demo model {Model}: version {Version} deployed as {Deployment} (alias challenger); create an access key to call it.",
            spec.Model, version, spec.Deployment);
        // Written directly, without the binder's schema check: serving may not be listening yet this early in start-up,
        // and the demo's apps are chosen for its models (the E2E journeys open them on the demo portal).
        foreach (var app in spec.AppIds) await apps.BindAsync(app, spec.Deployment, Actor, ct);
    }

    private async Task<ModelVersion?> ExistingVersionAsync(DemoModelSpec spec, CancellationToken ct)
    {
        try
        {
            // Newest first: the last demo version an earlier start registered but did not deploy.
            return (await registry.ListVersionsAsync(spec.Model, ct)).FirstOrDefault(v => v.Tags.Any(t => t.Key == DemoModelSpec.Tag));
        }
        catch (TrackingException e) when (e.ErrorCode == TrackingErrors.NotFound)
        {
            return null;
        }
    }

    private async Task<string?> FinishedRunAsync(DemoModelSpec spec, CancellationToken ct)
    {
        var experiments = await tracking.SearchExperimentsAsync(ViewType.ActiveOnly, 1000, null, ct);
        if (experiments.Experiments.Count == 0) return null;
        var runs = await tracking.SearchRunsAsync(experiments.Experiments.Select(e => e.ExperimentId).ToList(),
            $"tags.{DemoModelSpec.Tag} = '{spec.Model}' and attributes.status = 'FINISHED'", ViewType.ActiveOnly, 100, null, null, ct);
        return runs.Runs.OrderByDescending(r => r.Info.StartTime).Select(r => r.Info.RunId).FirstOrDefault();
    }

    /// <summary>The run, and the reason it did not finish (null once it FINISHED).</summary>
    private async Task<(string RunId, string? Error)> TrainAsync(DemoModelSpec spec, CancellationToken ct)
    {
        var runId = await queue.SubmitAsync(new TrainRequestDto(null, spec.Dataset, null, spec.Label, spec.Trainer, null, 42, null, null), Actor, ct);
        await tracking.SetTagAsync(runId, new TrackingTag(DemoModelSpec.Tag, spec.Model), ct);
        log.LogInformation("Demo model {Model}: training run {RunId} ({Trainer} on {Dataset}, label {Label}) queued.", spec.Model, runId, spec.Trainer, spec.Dataset, spec.Label);
        var status = await worker.WhenDoneAsync(runId).WaitAsync(ct);
        log.LogInformation("Demo model {Model}: training run {RunId} ended {Status}.", spec.Model, runId, status);
        if (status == "FINISHED") return (runId, null);
        var run = await tracking.GetRunAsync(runId, ct);
        var reason = run.Tags.FirstOrDefault(t => t.Key == "error")?.Value ?? "see its log in Experiments";
        return (runId, $"training run {runId} ended {status}: {reason}");
    }

    private DemoModelOutcome Failed(DemoModelSpec spec, string runId, string error)
    {
        log.LogError("Demo model {Model} was not deployed: {Error}. The next start tries again.", spec.Model, error);
        return new DemoModelOutcome(spec.Model, DemoModelStatus.Failed, runId, Error: error);
    }
}
