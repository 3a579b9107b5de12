using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Deployments;

namespace Telco.InsightPortal.Serving.Deployments;

/// <summary>Stop, start and scale. Each is one audited change of the deployment's row that bumps its revision, so
/// standalone serving processes follow within a poll; here it is swapped in at once.</summary>
public sealed partial class DeploymentService
{
    /// <summary>Stops serving: scoring and probes answer 503 until it is started again, and its models are released.
    /// Requests already in flight finish on what they picked up.</summary>
    public async Task<DeploymentState> StopAsync(string name, AuditActor actor, CancellationToken ct = default)
    {
        var current = await RequireAsync(name, ct);
        if (current.Deployment.Status == DeploymentStatus.Stopped) throw DeploymentException.Conflict($"Deployment '{name}' is already stopped.");
        return await CommitAsync(current, DeploymentStatus.Stopped, current.Deployment.EnginesPerProcess, "deployment.stop", [], actor, ct);
    }

    /// <summary>Serves the current generation again, loaded and warmed up before it takes traffic; a version that no
    /// longer loads is refused (422, audited) and the deployment stays stopped.</summary>
    public async Task<DeploymentState> StartAsync(string name, AuditActor actor, CancellationToken ct = default)
    {
        var current = await RequireAsync(name, ct);
        if (current.Deployment.Status == DeploymentStatus.Active) throw DeploymentException.Conflict($"Deployment '{name}' is already started.");
        var loaded = await LoadAsync(name, "deployment.start", current.Targets, current.Deployment.EnginesPerProcess, actor, ct);
        var started = await CommitAsync(current, DeploymentStatus.Active, current.Deployment.EnginesPerProcess, "deployment.start", loaded, actor, ct);
        await EnsurePortalKeyAsync(started.Deployment, actor, ct);
        return started;
    }

    /// <summary>
    /// Changes the engine pool of every target, in every serving process, to <paramref name="enginesPerProcess"/>
    /// engines (how many processes serve — the replicas — is the operator's, when serving runs alone). The new pools are
    /// built over the models already in memory and warmed before the swap; requests in flight finish on the old pools.
    /// A stopped deployment only records the new size.
    /// </summary>
    public async Task<DeploymentState> ScaleAsync(string name, int? enginesPerProcess, AuditActor actor, CancellationToken ct = default)
    {
        if (enginesPerProcess is not { } size || size is < 1 or > MaxEnginesPerProcess)
            throw DeploymentException.Invalid($"'enginesPerProcess' is required: a whole number between 1 and {MaxEnginesPerProcess}.");
        var current = await RequireAsync(name, ct);
        if (current.Deployment.EnginesPerProcess == size)
            throw DeploymentException.Conflict($"Deployment '{name}' already has {size} engine(s) per process.");
        var loaded = current.Deployment.Status == DeploymentStatus.Stopped
            ? []
            : await LoadAsync(name, "deployment.scale", current.Targets, size, actor, ct);
        return await CommitAsync(current, current.Deployment.Status, size, "deployment.scale", loaded, actor, ct);
    }

    private async Task<DeploymentState> CommitAsync(DeploymentState current, string status, int enginesPerProcess, string action, IReadOnlyList<LiveTarget> loaded,
        AuditActor actor, CancellationToken ct)
    {
        var next = await store.SetLifecycleAsync(current.Deployment, status, enginesPerProcess, action, actor, ct)
                   ?? throw DeploymentException.Conflict($"Deployment '{current.Deployment.Name}' was changed meanwhile; try again.");
        registry.Swap(next, loaded);
        return current with { Deployment = next };
    }
}
