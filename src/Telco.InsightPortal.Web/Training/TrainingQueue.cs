using System.Globalization;
using System.Threading.Channels;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.Ml;
using Telco.InsightPortal.Ml.Trainers;

namespace Telco.InsightPortal.Web.Training;

/// <summary>
/// Accepts training runs: checks what can be checked without reading the data (dataset, snapshot,
/// label column, trainer, parameter ranges), records the run as SCHEDULED with its lineage tags, and
/// queues it for <see cref="TrainingWorker"/>. Callable from a page, the API or a background job.
/// </summary>
public sealed class TrainingQueue(DatasetStore datasets, TrackingStore tracking, RunLog runLog)
{
    public const string Sweep = "sweep";
    public const string RunnerTag = "portal_runner";
    public const string EmbeddedRunner = "embedded-trainer";

    private readonly Channel<TrainingJob> _jobs = Channel.CreateUnbounded<TrainingJob>(new UnboundedChannelOptions { SingleWriter = false });

    public ChannelReader<TrainingJob> Jobs => _jobs.Reader;

    /// <exception cref="TrainingException">The request cannot run; the message says why (an HTTP 400).</exception>
    public async Task<string> SubmitAsync(TrainRequestDto request, AuditActor actor, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(request.Dataset)) throw new TrainingException("Name the dataset to train on.");
        var dataset = await datasets.GetAsync(request.Dataset, ct) ?? throw new TrainingException($"Unknown dataset '{request.Dataset}'.");
        var snapshotId = request.SnapshotId ?? dataset.CurrentSnapshotId ?? throw new TrainingException($"Dataset '{dataset.Name}' has no snapshot yet.");
        var snapshot = await datasets.SnapshotAsync(dataset.Id, snapshotId, ct)
                       ?? throw new TrainingException($"Dataset '{dataset.Name}' has no snapshot {snapshotId}.");
        var since = request.SinceSnapshotId is { } sinceId
            ? await datasets.SnapshotAsync(dataset.Id, sinceId, ct) ?? throw new TrainingException($"Dataset '{dataset.Name}' has no snapshot {sinceId}.")
            : null;
        var label = request.Label ?? dataset.Schema.Label?.Name ?? throw new TrainingException($"Dataset '{dataset.Name}' has no label column; name one.");
        if (dataset.Schema.Find(label) is null) throw new TrainingException($"Dataset '{dataset.Name}' has no column '{label}'.");
        var trainer = (request.Trainer ?? TrainerCatalog.Logistic).ToLowerInvariant();
        if (trainer != Sweep)
        {
            if (!TrainerCatalog.Names.Contains(trainer))
                throw new TrainingException($"Unknown trainer '{trainer}'; use one of {string.Join(", ", TrainerCatalog.Names)} or '{Sweep}'.");
            TrainerCatalog.Get(trainer).Resolve(request.Params);
        }
        var budget = request.BudgetSeconds ?? 45;
        if (budget is < 1 or > 3600) throw new TrainingException($"budgetSeconds must be 1..3600; got {budget}.");
        var seed = request.Seed ?? 42;

        var experimentId = await ExperimentIdAsync(request.Experiment ?? dataset.Name, actor, ct);
        var run = await tracking.CreateRunAsync(experimentId, actor.Name, null, null,
        [
            new(RunnerTag, EmbeddedRunner), new("dataset", dataset.Name),
            new("snapshot_id", snapshot.Id.ToString(CultureInfo.InvariantCulture)),
            new("parent_snapshot_id", snapshot.ParentId?.ToString(CultureInfo.InvariantCulture) ?? ""),
            new("since_snapshot_id", since?.Id.ToString(CultureInfo.InvariantCulture) ?? ""),
            new("trainer", trainer), new("label", label), new("mlflow.user", actor.Name),
            new("portal_version", typeof(TrainingQueue).Assembly.GetName().Version?.ToString() ?? ""),
        ], actor, ct);
        // The run's input as MLflow records it: the snapshot, named by its content hash.
        await tracking.LogInputsAsync(run.Info.RunId, [new([new("mlflow.data.context", since is null ? "training" : "training-increment")],
            new RunDataset(dataset.Name, snapshot.ContentHash, "portal-snapshot", $"portal-snapshot://{Uri.EscapeDataString(dataset.Name)}/{snapshot.Id.ToString(CultureInfo.InvariantCulture)}", null, null))], ct);
        await tracking.UpdateRunAsync(run.Info.RunId, "SCHEDULED", null, null, actor, ct);
        runLog.Append(run.Info.RunId, $"Queued by {actor.Name}: {trainer} on {dataset.Name} snapshot {snapshot.Id}.");
        await _jobs.Writer.WriteAsync(new TrainingJob(run.Info.RunId, dataset, snapshot, since, label, trainer, request.Params, seed,
            TimeSpan.FromSeconds(budget), actor), ct);
        return run.Info.RunId;
    }

    private async Task<long> ExperimentIdAsync(string name, AuditActor actor, CancellationToken ct)
    {
        try
        {
            return (await tracking.GetExperimentByNameAsync(name, ct)).ExperimentId;
        }
        catch (TrackingException e) when (e.ErrorCode == TrackingErrors.NotFound)
        {
            return await tracking.CreateExperimentAsync(name, null, [], actor, ct);
        }
    }
}
