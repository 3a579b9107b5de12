using Microsoft.Extensions.Options;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Web.Hosting;

namespace Telco.InsightPortal.Web.Demo;

/// <summary>
/// First run: trains, registers and deploys the demo models in the background, so the portal answers at once and a
/// newcomer finds working deployments a minute or two later. Each model is independent: one failing (logged, audited,
/// its failed run in Experiments) leaves the other and the portal alone, and the next start retries what is missing.
/// <see cref="Completion"/> completes with what happened, once, for whoever waits (tests, the log).
/// </summary>
public sealed class DemoModelsService(DemoModelProvisioner provisioner, IAuditTrail audit, IOptions<PortalOptions> options, ILogger<DemoModelsService> log)
    : BackgroundService
{
    private readonly TaskCompletionSource<IReadOnlyList<DemoModelOutcome>> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>What each demo model came to; empty when demo models are turned off.</summary>
    public Task<IReadOnlyList<DemoModelOutcome>> Completion => _done.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (!options.Value.Demo.ModelsEnabled)
            {
                log.LogInformation("Demo models are turned off (Portal:Demo:Models=false).");
                _done.TrySetResult([]);
                return;
            }
            // Both at once: the training worker decides how many train in parallel.
            var outcomes = await Task.WhenAll(DemoModelSpec.All.Select(spec => EnsureAsync(spec, stoppingToken)));
            log.LogInformation("Demo models: {Summary}.", string.Join(", ", outcomes.Select(o => $"{o.Model} {o.Status}")));
            _done.TrySetResult(outcomes);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _done.TrySetCanceled(stoppingToken);
        }
    }

    private async Task<DemoModelOutcome> EnsureAsync(DemoModelSpec spec, CancellationToken ct)
    {
        await Task.Yield(); // off the host's start-up path
        DemoModelOutcome outcome;
        try
        {
            outcome = await provisioner.EnsureAsync(spec, ct);
        }
        // Any failure, not just the expected ones (unknown dataset, refused version, model that did not load): an exception
        // escaping a hosted service stops the host, and a demo must never take the portal down.
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogError(e, "Demo model {Model} was not deployed: {Error} The next start tries again.", spec.Model, e.Message);
            outcome = new DemoModelOutcome(spec.Model, DemoModelStatus.Failed, Error: e.Message);
        }
        if (outcome.Status == DemoModelStatus.Failed)
            await audit.AppendAsync(AuditActor.System, new AuditEvent("demo.model.deploy", "registered_model", spec.Model, AuditOutcomes.Failure,
                new { runId = outcome.RunId, reason = outcome.Error }), CancellationToken.None);
        return outcome;
    }
}
