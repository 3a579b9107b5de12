using Microsoft.Extensions.Options;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.Ml;
using Telco.InsightPortal.Web.Hosting;

namespace Telco.InsightPortal.Web.Training;

/// <summary>
/// Trains queued runs in the background, <see cref="TrainingOptions.Concurrency"/> at a time, each on its own
/// thread (the trainer's) so the portal stays responsive. A run cancelled while queued is skipped; one cancelled
/// while training ends KILLED. Progress and a log go to the run's watchers and to <c>run.log</c>. A run the
/// process never finished (it died) is marked FAILED at the next start.
/// </summary>
public sealed class TrainingWorker(TrainingQueue queue, DatasetStore datasets, TrackingStore tracking, RunControl control, RunRecorder recorder,
    RunLog runLog, RunProgress progress, PortalPaths paths, TimeProvider clock, IOptions<TrainingOptions> options, ILogger<TrainingWorker> log)
    : BackgroundService
{
    /// <summary>Completes with the run's final status once it has ended.</summary>
    public Task<string> WhenDoneAsync(string runId) => control.WhenDoneAsync(runId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await FailAbandonedRunsAsync(stoppingToken);
        var workers = Enumerable.Range(0, Math.Max(1, options.Value.Concurrency)).Select(_ => ConsumeAsync(stoppingToken));
        await Task.WhenAll(workers);
    }

    private async Task ConsumeAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var job in queue.Jobs.ReadAllAsync(ct)) await RunAsync(job, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping; queued runs stay SCHEDULED and are failed at the next start.
        }
    }

    private async Task RunAsync(TrainingJob job, CancellationToken stopping)
    {
        using var cancellation = control.TryStart(job.RunId, stopping);
        if (cancellation is null)
        {
            log.LogInformation("Skipped training run {RunId}: it was cancelled while queued.", job.RunId);
            return;
        }
        var ct = cancellation.Token;
        var status = "FAILED";
        var reporter = new RunReporter(job.RunId, clock.GetUtcNow(), progress, runLog);
        try
        {
            await tracking.UpdateRunAsync(job.RunId, "RUNNING", null, null, job.Actor, ct);
            runLog.Append(job.RunId, $"Started: {job.Trainer} on {job.Dataset.Name} snapshot {job.Snapshot.Id}, label {job.Label}, seed {job.Seed}"
                                     + (job.Trainer == TrainingQueue.Sweep ? $", budget {job.Budget.TotalSeconds:F0} s" : "") + ".");
            var result = await new ChurnTrainer().TrainAsync(Request(job), reporter, ct);
            if (!control.TryBeginRecording(job.RunId)) throw new OperationCanceledException(ct);
            foreach (var warning in result.Warnings) runLog.Append(job.RunId, "Warning: " + warning);
            // The host stopping now would leave a half-recorded run; only shutdown may interrupt, and then it is failed at restart.
            await recorder.RecordAsync(job, result, stopping);
            runLog.Append(job.RunId, $"{result.Headline}, "
                                     + $"{result.Artifacts.Count} artifacts, {result.Duration.TotalSeconds:F1} s.");
            status = "FINISHED";
        }
        catch (TrainingException e)
        {
            await FailAsync(job.RunId, e.Message);
        }
        catch (OperationCanceledException)
        {
            status = "KILLED";
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ArgumentException or TrackingException)
        {
            log.LogError(e, "Training run {RunId} failed.", job.RunId);
            await FailAsync(job.RunId, e.Message);
        }
        finally
        {
            await EndAsync(job, status, reporter);
        }
    }

    private async Task FailAsync(string runId, string error)
    {
        runLog.Append(runId, "Error: " + error);
        await tracking.SetTagAsync(runId, new TrackingTag("error", error), CancellationToken.None);
    }

    private async Task EndAsync(TrainingJob job, string status, RunReporter reporter)
    {
        var cancelledBy = control.CancelledBy(job.RunId);
        // KILLED without a canceller means the portal is shutting down.
        var actor = status == "KILLED" ? cancelledBy ?? AuditActor.System : job.Actor;
        runLog.Append(job.RunId, status == "KILLED" ? $"KILLED: cancelled by {actor.Name}." : status + ".");
        await tracking.SetTagAsync(job.RunId, new TrackingTag(RunLog.HashTag, runLog.Sha256(job.RunId) ?? ""), CancellationToken.None);
        await tracking.UpdateRunAsync(job.RunId, status, clock.GetUtcNow().ToUnixTimeMilliseconds(), null, actor, CancellationToken.None);
        control.Complete(job.RunId, status);
        reporter.Ended(status);
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

    private async Task FailAbandonedRunsAsync(CancellationToken ct)
    {
        var experiments = await tracking.SearchExperimentsAsync(ViewType.All, 1000, null, ct);
        if (experiments.Experiments.Count == 0) return;
        var ids = experiments.Experiments.Select(e => e.ExperimentId).ToList();
        foreach (var status in new[] { "RUNNING", "SCHEDULED" })
        {
            var page = await tracking.SearchRunsAsync(ids, $"tags.{TrainingQueue.RunnerTag} = '{TrainingQueue.EmbeddedRunner}' and attributes.status = '{status}'",
                ViewType.All, 1000, null, null, ct);
            foreach (var run in page.Runs)
            {
                await tracking.SetTagAsync(run.Info.RunId, new TrackingTag("error", "The portal stopped before this run finished."), ct);
                await tracking.UpdateRunAsync(run.Info.RunId, "FAILED", clock.GetUtcNow().ToUnixTimeMilliseconds(), null, AuditActor.System, ct);
                log.LogWarning("Marked abandoned training run {RunId} as FAILED.", run.Info.RunId);
            }
        }
    }
}
