using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.Ml.Trainers;
using Telco.InsightPortal.Ml;

namespace Telco.InsightPortal.Web.Experiments.Training;

/// <summary>
/// Accepts training runs: checks what can be checked without reading the data (dataset, snapshot,
/// label column, trainer, parameter ranges) and records the run as SCHEDULED with its lineage tags and what
/// the trainer needs. The queue is the store: the <see cref="TrainingWorker"/> of any portal instance on it
/// claims the run; this instance's is woken at once. Callable from a page, the API or a background job.
/// </summary>
public sealed class TrainingQueue(DatasetStore datasets, TrackingStore tracking, RunLog runLog)
{
    public const string Sweep = "sweep";
    public const string RunnerTag = "portal_runner";
    public const string EmbeddedRunner = "embedded-trainer";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // One pending nudge is enough: a woken worker claims runs until none is left.
    private readonly Channel<bool> _nudges = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

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
        var runId = Guid.NewGuid().ToString("N");
        // The log starts before any instance can claim the run, so that this is its first line wherever it trains.
        runLog.Append(runId, $"Queued by {actor.Name}: {trainer} on {dataset.Name} snapshot {snapshot.Id}.");
        var queued = new QueuedTraining(dataset.Name, snapshot.Id, since?.Id, label, trainer, request.Params, seed, budget);
        await tracking.QueueRunAsync(runId, experimentId,
        [
            new(RunnerTag, EmbeddedRunner), new("dataset", dataset.Name),
            new("snapshot_id", snapshot.Id.ToString(CultureInfo.InvariantCulture)),
            new("parent_snapshot_id", snapshot.ParentId?.ToString(CultureInfo.InvariantCulture) ?? ""),
            new("since_snapshot_id", since?.Id.ToString(CultureInfo.InvariantCulture) ?? ""),
            new("trainer", trainer), new("label", label), new("mlflow.user", actor.Name),
            new("portal_version", typeof(TrainingQueue).Assembly.GetName().Version?.ToString() ?? ""),
        ],
        // The run's input as MLflow records it: the snapshot, named by its content hash.
        [new([new("mlflow.data.context", since is null ? "training" : "training-increment")],
            new RunDataset(dataset.Name, snapshot.ContentHash, "portal-snapshot", $"portal-snapshot://{Uri.EscapeDataString(dataset.Name)}/{snapshot.Id.ToString(CultureInfo.InvariantCulture)}", null, null))],
        JsonSerializer.Serialize(queued, Json), actor, ct);
        _nudges.Writer.TryWrite(true);
        return runId;
    }

    /// <summary>Waits until a run is submitted to this instance or <paramref name="poll"/> has passed, whichever
    /// comes first: runs submitted to other instances are found by polling.</summary>
    public async Task WaitForWorkAsync(TimeSpan poll, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(poll);
        try
        {
            await _nudges.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // Time to poll.
        }
    }

    /// <summary>What a claimed run needs, resolved again now: the dataset or a snapshot may be gone since it was queued.</summary>
    /// <exception cref="TrainingException">The run cannot train; the message says why (its error tag).</exception>
    public async Task<TrainingJob> ResolveAsync(ClaimedRun claim, CancellationToken ct)
    {
        var queued = JsonSerializer.Deserialize<QueuedTraining>(claim.Request, Json)
                     ?? throw new TrainingException("The run was queued without a request.");
        var dataset = await datasets.GetAsync(queued.Dataset, ct) ?? throw new TrainingException($"Dataset '{queued.Dataset}' no longer exists.");
        var snapshot = await datasets.SnapshotAsync(dataset.Id, queued.SnapshotId, ct)
                       ?? throw new TrainingException($"Dataset '{dataset.Name}' no longer has snapshot {queued.SnapshotId}.");
        var since = queued.SinceSnapshotId is { } sinceId
            ? await datasets.SnapshotAsync(dataset.Id, sinceId, ct) ?? throw new TrainingException($"Dataset '{dataset.Name}' no longer has snapshot {sinceId}.")
            : null;
        return new TrainingJob(claim.RunId, dataset, snapshot, since, queued.Label, queued.Trainer, queued.Params, queued.Seed,
            TimeSpan.FromSeconds(queued.BudgetSeconds), claim.QueuedBy);
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
