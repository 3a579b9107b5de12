using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.Ml;
using Telco.InsightPortal.Web.Hosting;

namespace Telco.InsightPortal.Web.Training;

public sealed class TrainingOptions
{
    public const string Section = "Training";

    /// <summary>Runs trained at the same time; ML.NET trainers here are single-threaded, so one per core at most.</summary>
    public int Concurrency { get; set; } = 1;
}

/// <summary>
/// Trains queued runs in the background, recording into the run as MLflow would: params, test metrics,
/// the sweep's validation metric by step, artifact hashes as tags, and the final status. A run the
/// process never finished (it died) is marked FAILED at the next start.
/// </summary>
public sealed class TrainingWorker(TrainingQueue queue, DatasetStore datasets, TrackingStore tracking, PortalPaths paths,
    IOptions<TrainingOptions> options, ILogger<TrainingWorker> log) : BackgroundService
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _done = new();

    /// <summary>Completes with the run's final status once the worker has finished with it.</summary>
    public Task<string> WhenDoneAsync(string runId) => _done.GetOrAdd(runId, _ => NewSignal()).Task;

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

    private async Task RunAsync(TrainingJob job, CancellationToken ct)
    {
        var status = "FAILED";
        try
        {
            await tracking.UpdateRunAsync(job.RunId, "RUNNING", null, null, job.Actor, ct);
            var result = await new ChurnTrainer().TrainAsync(Request(job), null, ct);
            await RecordAsync(job, result, ct);
            status = "FINISHED";
        }
        catch (TrainingException e)
        {
            await tracking.SetTagAsync(job.RunId, new TrackingTag("error", e.Message), CancellationToken.None);
        }
        catch (OperationCanceledException)
        {
            status = "KILLED";
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ArgumentException)
        {
            log.LogError(e, "Training run {RunId} failed.", job.RunId);
            await tracking.SetTagAsync(job.RunId, new TrackingTag("error", e.Message), CancellationToken.None);
        }
        finally
        {
            await tracking.UpdateRunAsync(job.RunId, status, Now(), null, job.Actor, CancellationToken.None);
            _done.GetOrAdd(job.RunId, _ => NewSignal()).TrySetResult(status);
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

    private async Task RecordAsync(TrainingJob job, TrainingResult result, CancellationToken ct)
    {
        var now = Now();
        var t = result.Test;
        var metrics = new List<TrackingMetric>
        {
            new("roc_auc", t.RocAuc, now, 0), new("pr_auc", t.PrAuc, now, 0), new("accuracy", t.Accuracy, now, 0),
            new("precision", t.Precision, now, 0), new("recall", t.Recall, now, 0), new("f1", t.F1, now, 0), new("log_loss", t.LogLoss, now, 0),
        };
        metrics.AddRange(result.Trials.Select(trial => new TrackingMetric("validation_roc_auc", trial.Validation.RocAuc, now, trial.Step)));
        var parameters = result.Params.Select(p => new TrackingParam(p.Key, p.Value.ToString("R", CultureInfo.InvariantCulture)))
            .Append(new TrackingParam("trainer", result.Trainer)).Append(new TrackingParam("seed", job.Seed.ToString(CultureInfo.InvariantCulture)))
            .ToList();
        var tags = result.Artifacts.Select(a => new TrackingTag("artifact." + a.Name + ".sha256", a.Sha256))
            .Append(new TrackingTag("row_count", (result.Split.TrainRows + result.Split.ValidationRows + result.Split.TestRows).ToString(CultureInfo.InvariantCulture)))
            .Append(new TrackingTag("split", result.Split.Protocol)).ToList();
        foreach (var chunk in metrics.Chunk(1000)) await tracking.LogBatchAsync(job.RunId, chunk, [], [], ct);
        await tracking.LogBatchAsync(job.RunId, [], parameters, tags, ct);
    }

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
                await tracking.UpdateRunAsync(run.Info.RunId, "FAILED", Now(), null, Data.Audit.AuditActor.System, ct);
                log.LogWarning("Marked abandoned training run {RunId} as FAILED.", run.Info.RunId);
            }
        }
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private static TaskCompletionSource<string> NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
