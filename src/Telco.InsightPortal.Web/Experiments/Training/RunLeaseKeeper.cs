using System.Data.Common;
using Microsoft.Extensions.Options;
using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Data.Tracking;

namespace Telco.InsightPortal.Web.Experiments.Training;

/// <summary>
/// This instance's side of the leases, beside the <see cref="TrainingWorker"/>'s trainers. Every heartbeat it renews
/// the leases of the runs it trains (dropping any that is no longer its own) and fails the runs of other instances
/// whose lease has expired — from the first heartbeat at start-up on, every heartbeat. Every poll it forwards cancel
/// requests from the store to the runs it trains, and completes the waits for runs trained elsewhere.
/// </summary>
public sealed class RunLeaseKeeper(TrackingStore tracking, RunControl control, RunLog runLog, TrainingInstance instance, TimeProvider clock,
    IOptions<TrainingOptions> options, ILogger<RunLeaseKeeper> log)
{
    /// <summary>Logged once the first heartbeat is done: from then on this instance trains and watches leases.</summary>
    public const string StartedMessage = "Training instance ready:";

    public async Task RunAsync(CancellationToken ct)
    {
        var o = options.Value;
        var nextHeartbeat = DateTimeOffset.MinValue;
        using var timer = new PeriodicTimer(o.PollInterval < o.HeartbeatInterval ? o.PollInterval : o.HeartbeatInterval, clock);
        try
        {
            do
            {
                try
                {
                    if (clock.GetUtcNow() >= nextHeartbeat)
                    {
                        await HeartbeatAsync(ct);
                        if (nextHeartbeat == DateTimeOffset.MinValue)
                            log.LogInformation("{Started} {Instance} trains up to {Concurrency} runs at a time, looks for queued runs every {Poll}, "
                                               + "renews leases of {Lease} every {Heartbeat}.", StartedMessage, instance.Id, o.Concurrency,
                                o.PollInterval, o.LeaseDuration, o.HeartbeatInterval);
                        nextHeartbeat = clock.GetUtcNow() + o.HeartbeatInterval;
                    }
                    await ForwardCancelRequestsAsync(ct);
                    await CompleteRunsEndedElsewhereAsync(ct);
                }
                catch (Exception e) when (e is DbException or PortalException or TimeoutException)
                {
                    log.LogWarning(e, "Could not check the training runs' leases; trying again.");
                }
            }
            while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping: the runs this instance trains are released by the worker; their leases lapse otherwise.
        }
    }

    private async Task HeartbeatAsync(CancellationToken ct)
    {
        var training = control.TrainingHere();
        if (training.Count > 0)
        {
            var held = await tracking.RenewLeasesAsync(instance.Id, training, options.Value.LeaseDuration, ct);
            Forward(held);
            foreach (var runId in training.Except(held.Select(h => h.RunId)))
            {
                if (control.Abandon(runId))
                    log.LogWarning("Training run {RunId} is no longer this instance's (its lease expired and another instance failed it); "
                                   + "it stops without recording its result.", runId);
            }
        }
        foreach (var expired in await tracking.FailExpiredRunsAsync(training, ct))
        {
            log.LogWarning("Marked training run {RunId} FAILED: {Error}", expired.RunId, expired.Error);
            runLog.Append(expired.RunId, "FAILED: " + expired.Error);
            await tracking.SetTagAsync(expired.RunId, new TrackingTag(RunLog.HashTag, runLog.Sha256(expired.RunId) ?? ""), ct);
            control.Complete(expired.RunId, "FAILED");
        }
    }

    // Only while this instance trains something: an idle instance reads nothing for this.
    private async Task ForwardCancelRequestsAsync(CancellationToken ct)
    {
        if (control.TrainingHere().Count > 0) Forward(await tracking.CancelRequestsAsync(instance.Id, ct));
    }

    private void Forward(IEnumerable<HeldRun> runs)
    {
        foreach (var run in runs)
        {
            if (run.CancelRequestedBy is { } by && control.RequestCancel(run.RunId, by) == CancelRequest.Stopping)
                log.LogInformation("{Actor} asked to cancel training run {RunId}; stopping it.", by.Name, run.RunId);
        }
    }

    private async Task CompleteRunsEndedElsewhereAsync(CancellationToken ct)
    {
        var awaited = control.AwaitedElsewhere();
        if (awaited.Count == 0) return;
        foreach (var (runId, status) in await tracking.RunStatusesAsync(awaited, ct))
        {
            if (status is not ("SCHEDULED" or "RUNNING")) control.Complete(runId, status);
        }
    }
}
