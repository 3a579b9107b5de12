using System.Data.Common;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.Ml;
using Telco.InsightPortal.Web.Hosting;

namespace Telco.InsightPortal.Web.Experiments.Training;

/// <summary>
/// Trains queued runs in the background, <see cref="TrainingOptions.Concurrency"/> at a time, each on its own thread
/// (the trainer's) so the portal stays responsive. The queue is the store: each free slot claims the oldest queued run
/// of any instance, and holds it under a lease that the <see cref="RunLeaseKeeper"/> renews. A run cancelled while
/// training ends KILLED, with its canceller as the actor; a run whose instance stops goes back to the queue; a run whose
/// instance dies is failed by another once its lease expires. Progress and a log go to the run's watchers and to
/// <c>run.log</c>.
/// </summary>
public sealed class TrainingWorker(TrainingQueue queue, DatasetStore datasets, TrackingStore tracking, RunControl control, RunRecorder recorder,
    RunLog runLog, RunProgress progress, RunLeaseKeeper keeper, TrainingInstance instance, PortalPaths paths, TimeProvider clock,
    IOptions<TrainingOptions> options, ILogger<TrainingWorker> log)
    : BackgroundService
{
    /// <summary>Completes with the run's final status once it has ended, on this instance or another.</summary>
    public Task<string> WhenDoneAsync(string runId) => control.WhenDoneAsync(runId);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.Concurrency).Select(_ => ConsumeAsync(stoppingToken)).Append(keeper.RunAsync(stoppingToken)));

    private async Task ConsumeAsync(CancellationToken stopping)
    {
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                if (await ClaimAsync(stopping) is { } claim) await TrainAsync(claim, stopping);
                else await queue.WaitForWorkAsync(options.Value.PollInterval, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping; queued runs stay in the store for the next instance to claim.
        }
    }

    private async Task<ClaimedRun?> ClaimAsync(CancellationToken stopping)
    {
        try
        {
            return await tracking.ClaimNextRunAsync(instance.Id, options.Value.LeaseDuration, stopping);
        }
        catch (Exception e) when (e is DbException or PortalException or TimeoutException)
        {
            log.LogWarning(e, "Could not look for queued training runs; trying again.");
            return null;
        }
    }

    private async Task TrainAsync(ClaimedRun claim, CancellationToken stopping)
    {
        try
        {
            await RunAsync(claim, stopping);
        }
        catch (Exception e) when (e is DbException or PortalException or TimeoutException)
        {
            // The store failed while the run ended: it is no longer renewed, so its lease expires and any instance fails it.
            log.LogError(e, "Could not record the end of training run {RunId}.", claim.RunId);
        }
    }

    private async Task RunAsync(ClaimedRun claim, CancellationToken stopping)
    {
        var runId = claim.RunId;
        using var cancellation = control.Start(runId, stopping);
        var ct = cancellation.Token;
        var status = "FAILED";
        var reporter = new RunReporter(runId, clock.GetUtcNow(), progress, runLog);
        try
        {
            var job = await queue.ResolveAsync(claim, ct);
            runLog.Append(runId, $"Started: {job.Trainer} on {job.Dataset.Name} snapshot {job.Snapshot.Id}, label {job.Label}, seed {job.Seed}"
                                 + (job.Trainer == TrainingQueue.Sweep ? $", budget {job.Budget.TotalSeconds:F0} s" : "") + $", on instance {instance.Id}.");
            var result = await new ChurnTrainer().TrainAsync(Request(job), reporter, ct);
            if (!await MayRecordAsync(runId)) throw new OperationCanceledException(ct);
            foreach (var warning in result.Warnings) runLog.Append(runId, "Warning: " + warning);
            // Not even shutdown interrupts the recording: a half-recorded run must not go back to the queue. If the
            // process dies meanwhile, its lease expires and the run is failed.
            await recorder.RecordAsync(job, result, CancellationToken.None);
            runLog.Append(runId, $"{result.Headline}, {result.Artifacts.Count} artifacts, {result.Duration.TotalSeconds:F1} s.");
            status = "FINISHED";
        }
        catch (TrainingException e)
        {
            await FailAsync(runId, e.Message);
        }
        catch (OperationCanceledException)
        {
            status = "KILLED";
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ArgumentException or JsonException or DbException or PortalException)
        {
            log.LogError(e, "Training run {RunId} failed.", runId);
            await FailAsync(runId, e.Message);
        }
        finally
        {
            await EndAsync(claim, status, reporter, stopping);
        }
    }

    /// <summary>Whether the trained result may be recorded: not when a cancel came first — the store has the last word,
    /// since one sent to another instance may not have been forwarded yet — nor when the run is no longer ours.</summary>
    private async Task<bool> MayRecordAsync(string runId)
    {
        var lease = await tracking.GetRunLeaseAsync(runId);
        if (lease is not { Status: "RUNNING" } || lease.Owner != instance.Id) control.Abandon(runId);
        else if (lease.CancelRequestedBy is { } by) control.RequestCancel(runId, by);
        return control.TryBeginRecording(runId);
    }

    private async Task FailAsync(string runId, string error)
    {
        runLog.Append(runId, "Error: " + error);
        await tracking.SetTagAsync(runId, new TrackingTag("error", error), CancellationToken.None);
    }

    private async Task EndAsync(ClaimedRun claim, string status, RunReporter reporter, CancellationToken stopping)
    {
        var runId = claim.RunId;
        try
        {
            var actor = claim.QueuedBy;
            if (status == "KILLED")
            {
                var cancelledBy = control.CancelledBy(runId);
                if (cancelledBy is null && control.IsAbandoned(runId))
                {
                    runLog.Append(runId, $"Stopped on instance {instance.Id}: the run is no longer this instance's.");
                    return;
                }
                if (cancelledBy is null && stopping.IsCancellationRequested && await tracking.ReleaseRunAsync(runId, instance.Id, CancellationToken.None))
                {
                    runLog.Append(runId, $"Back in the queue: instance {instance.Id} is stopping.");
                    log.LogInformation("Training run {RunId} is back in the queue for another instance (or the next start).", runId);
                    return;
                }
                // A cancel that reached the store but not this instance yet still names its canceller.
                actor = cancelledBy ?? (await tracking.GetRunLeaseAsync(runId, CancellationToken.None))?.CancelRequestedBy ?? AuditActor.System;
            }
            runLog.Append(runId, status == "KILLED" ? $"KILLED: cancelled by {actor.Name}." : status + ".");
            await tracking.SetTagAsync(runId, new TrackingTag(RunLog.HashTag, runLog.Sha256(runId) ?? ""), CancellationToken.None);
            if (!await tracking.EndOwnedRunAsync(runId, instance.Id, status, clock.GetUtcNow().ToUnixTimeMilliseconds(), actor, CancellationToken.None))
            {
                log.LogWarning("Training run {RunId} ended {Status} here, but it was no longer this instance's; the store keeps what was recorded for it.",
                    runId, status);
                return;
            }
            control.Complete(runId, status);
            reporter.Ended(status);
        }
        finally
        {
            control.Stopped(runId);
        }
    }

    private TrainingRequest Request(TrainingJob job) => new()
    {
        Schema = job.Dataset.Schema,
        Rows = datasets.ReadRows(job.Dataset, job.Snapshot, job.Since),
        LabelColumn = job.Label,
        Trainer = job.Trainer == TrainingQueue.Sweep ? Ml.Trainers.TrainerCatalog.Logistic : job.Trainer,
        Params = job.Trainer == TrainingQueue.Sweep ? null : job.Params,
        Sweep = job.Trainer == TrainingQueue.Sweep ? new SweepOptions { TimeBudget = job.Budget } : null,
        Seed = job.Seed,
        ArtifactDirectory = Path.Combine(paths.Artifacts, "runs", job.RunId),
    };
}
