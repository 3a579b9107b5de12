using System.Globalization;
using Telco.InsightPortal.Core.Jobs;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.Web.Experiments.Training;

namespace Telco.InsightPortal.Web.Jobs.Kinds;

/// <summary>
/// Queues a training run like any other (it shows in Experiments with its log) and waits for it to end by reading the
/// tracking store, since any portal instance may train it; this instance's own end is noticed at once. The run is tagged
/// with the job and the job run, so the version it becomes can be traced back. A cancelled step cancels the run.
/// </summary>
public sealed class TrainKind(TrainingQueue queue, TrackingStore tracking, RunControl control, RunCancellation cancellation, DatasetStore datasets)
    : IJobKind
{
    /// <summary>The test ROC AUC the trainer records (cross-validated and sweep metrics have other keys).</summary>
    public const string RocAucMetric = "roc_auc";

    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    public string Name => JobKindCatalog.Train;

    public async Task<IReadOnlyDictionary<string, object?>> RunAsync(JobStepContext step, CancellationToken ct)
    {
        var p = step.Parameters;
        var dataset = p.RequiredText("dataset");
        string runId;
        try
        {
            var since = await SinceAsync(step, dataset, ct);
            var request = new TrainRequestDto(p.Text("experiment"), dataset, p.Integer("snapshotId"), p.Text("label"), p.Text("trainer"), null, step.Seed,
                (int?)p.Integer("budgetSeconds"), since);
            runId = await StepFailures.RefusedAsync($"No run was queued on {dataset}", () => queue.SubmitAsync(request, step.Actor, ct));
        }
        catch (OperationCanceledException e) when (ct.IsCancellationRequested)
        {
            throw StepFailures.Cancelled("no run was queued.", e);
        }
        try
        {
            await tracking.LogBatchAsync(runId, [], [], [new(RegisterKind.JobTag, step.Job), new(RegisterKind.JobRunTag, step.RunId.ToString(CultureInfo.InvariantCulture))], ct);
            step.Log($"Queued training run {runId} on {dataset}.");
            var run = await EndAsync(step, runId, ct);
            return Outcome(step, run);
        }
        catch (OperationCanceledException e) when (ct.IsCancellationRequested)
        {
            var cancelled = await cancellation.CancelAsync(runId, step.Actor, CancellationToken.None);
            step.Log($"Step cancelled; training run {runId}: {cancelled.Message}");
            throw StepFailures.Cancelled($"training run {runId} was cancelled ({cancelled.Status ?? cancelled.Outcome.ToString()}).", e);
        }
    }

    /// <summary>For data=increment, the snapshot the increment starts after: the one given, else the snapshot's parent.</summary>
    private async Task<long?> SinceAsync(JobStepContext step, string dataset, CancellationToken ct)
    {
        var data = step.Parameters.Text("data") ?? "snapshot";
        var given = step.Parameters.Integer("sinceSnapshotId");
        if (data == "snapshot")
        {
            if (given is not null) throw new JobStepException("sinceSnapshotId is only for data=increment; with data=snapshot every row is trained on.");
            return null;
        }
        if (data != "increment") throw new JobStepException($"Unknown data '{data}': use snapshot or increment.");
        if (given is not null) return given;
        var record = await datasets.GetAsync(dataset, ct) ?? throw new JobStepException($"Unknown dataset '{dataset}'.");
        var snapshotId = step.Parameters.Integer("snapshotId") ?? record.CurrentSnapshotId ?? throw new JobStepException($"Dataset '{dataset}' has no snapshot yet.");
        var snapshot = await datasets.SnapshotAsync(record.Id, snapshotId, ct) ?? throw new JobStepException($"Dataset '{dataset}' has no snapshot {snapshotId}.");
        return snapshot.ParentId ?? throw new JobStepException(
            $"Snapshot {snapshotId} of {dataset} is its first: there is no increment to train on. Use data=snapshot, or name sinceSnapshotId.");
    }

    private async Task<Run> EndAsync(JobStepContext step, string runId, CancellationToken ct)
    {
        var seen = "";
        while (true)
        {
            var run = await tracking.GetRunAsync(runId, ct);
            if (run.Info.Status is "FINISHED" or "FAILED" or "KILLED") return run;
            if (run.Info.Status != seen) step.Log($"Training run {runId} is {run.Info.Status}.");
            seen = run.Info.Status;
            await Task.WhenAny(control.WhenDoneAsync(runId), Task.Delay(PollInterval, ct));
            ct.ThrowIfCancellationRequested();
        }
    }

    private static IReadOnlyDictionary<string, object?> Outcome(JobStepContext step, Run run)
    {
        var runId = run.Info.RunId;
        var tags = run.Tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        if (run.Info.Status != "FINISHED")
        {
            var reason = tags.GetValueOrDefault("error") ?? (run.Info.Status == "KILLED" ? "it was cancelled" : "see its log in Experiments");
            throw new JobStepException($"Training run {runId} ended {run.Info.Status}: {reason}");
        }
        var rocAuc = run.Metrics.Where(m => m.Key == RocAucMetric).OrderByDescending(m => m.Step).ThenByDescending(m => m.Timestamp).FirstOrDefault()
                     ?? throw new JobStepException($"Training run {runId} finished without a {RocAucMetric} metric.");
        var snapshotId = long.Parse(tags["snapshot_id"], NumberStyles.None, CultureInfo.InvariantCulture);
        step.Log($"Training run {runId} FINISHED: test roc_auc {rocAuc.Value.ToString("0.0000", CultureInfo.InvariantCulture)} on snapshot {snapshotId}" +
                 (tags.GetValueOrDefault("since_snapshot_id") is { Length: > 0 } since ? $" (rows added since snapshot {since})." : "."));
        return new Dictionary<string, object?> { ["runId"] = runId, ["rocAuc"] = rocAuc.Value, ["snapshotId"] = snapshotId };
    }
}
