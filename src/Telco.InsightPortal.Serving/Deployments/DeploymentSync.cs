using Microsoft.Extensions.Options;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Ml.Artifacts;

namespace Telco.InsightPortal.Serving.Deployments;

/// <summary>
/// Keeps this process's deployments in step with the store: loads them all at start (readiness waits for that), then
/// polls every deployment's revision every <see cref="ServingOptions.PollSeconds"/> and reloads the changed ones. A
/// target that fails to load here leaves the previous one serving and is reported in health. A stopped deployment is
/// swapped to its stopped state (no targets, its models released); a started or scaled one is loaded and warmed first.
/// </summary>
public sealed class DeploymentSync(DeploymentStore store, ServingRegistry registry, IOptions<ServingOptions> options, ILogger<DeploymentSync> logger)
    : BackgroundService
{
    private readonly Dictionary<string, long> _seen = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _firstPass = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Ready => _firstPass.Task.IsCompleted;

    public Task WhenReady => _firstPass.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(0.05, options.Value.PollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SyncAsync(stoppingToken);
                _firstPass.TrySetResult();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The store may not be migrated yet (a replica started before the portal) or may be briefly unreachable.
                logger.LogWarning("Cannot read deployments from the store: {Message}", e.Message);
            }
            try { await Task.Delay(interval, stoppingToken); } catch (OperationCanceledException) { break; }
        }
    }

    public async Task SyncAsync(CancellationToken ct)
    {
        var revisions = await store.RevisionsAsync(ct);
        foreach (var (name, revision) in revisions)
        {
            if (_seen.TryGetValue(name, out var seen) && seen == revision && registry.Find(name) is not null) continue;
            if (registry.Find(name) is { } live && live.Record.Revision >= revision) { _seen[name] = revision; continue; }
            var state = await store.GetStateAsync(name, ct);
            if (state is null) continue;
            _seen[name] = revision;
            try
            {
                registry.Swap(state.Deployment, registry.Load(state));
            }
            catch (ModelLoadException e)
            {
                registry.Fail(name, e.Message);
                logger.LogError("Deployment {Deployment} revision {Revision} did not load; the previous version keeps serving: {Reason}", name, revision, e.Message);
            }
        }
        foreach (var gone in registry.All.Select(d => d.Name).Where(n => !revisions.ContainsKey(n)).ToList()) registry.Remove(gone);
        registry.ReleaseUnused();
    }
}
