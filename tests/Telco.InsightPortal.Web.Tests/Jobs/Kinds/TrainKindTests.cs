using System.Globalization;
using Telco.InsightPortal.Core.Jobs;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Data.Tracking;

namespace Telco.InsightPortal.Web.Tests.Jobs.Kinds;

[Collection(nameof(KindsPortalCollection))]
public sealed class TrainKindTests(KindsPortal portal)
{
    [Fact]
    public async Task ARunIsTrainedTaggedWithTheJobAndItsTestRocAucReturned()
    {
        var snapshot = await portal.GenerateAsync("train-full", 300);

        var step = await portal.RunAsync(JobKindCatalog.Train, new() { ["dataset"] = "train-full", ["trainer"] = "logistic" });

        var run = await Tracking.GetRunAsync((string)step["runId"]!, Ct);
        Assert.Equal("FINISHED", run.Info.Status);
        Assert.Equal(snapshot, step["snapshotId"]);
        Assert.Equal(run.Metrics.Single(m => m.Key == "roc_auc").Value, step["rocAuc"]);
        Assert.InRange((double)step["rocAuc"]!, 0.5, 1);
        Assert.Contains(new TrackingTag("job", "nightly"), run.Tags);
        Assert.Contains(new TrackingTag("job_run_id", step.RunId.ToString(CultureInfo.InvariantCulture)), run.Tags);
        Assert.Contains(new TrackingTag("mlflow.user", "job:nightly"), run.Tags);
        Assert.Contains(step.Log, l => l.Contains("FINISHED: test roc_auc", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnIncrementTrainsOnTheRowsAddedSinceTheParent()
    {
        var first = await portal.GenerateAsync("train-inc", 200);
        var second = await portal.GenerateAsync("train-inc", 300, seed: 2);

        var step = await portal.RunAsync(JobKindCatalog.Train, new() { ["dataset"] = "train-inc", ["data"] = "increment", ["trainer"] = "logistic" });

        var run = await Tracking.GetRunAsync((string)step["runId"]!, Ct);
        Assert.Equal(second, step["snapshotId"]);
        Assert.Contains(new TrackingTag("since_snapshot_id", first.ToString(CultureInfo.InvariantCulture)), run.Tags);
        Assert.Contains(new TrackingTag("row_count", "300"), run.Tags);
    }

    [Fact]
    public async Task ARunThatFailsFailsTheStepWithItsError()
    {
        await portal.GenerateAsync("train-fails", 200);

        // Contract has three values: not a binary label, which only the trainer finds out.
        var step = await portal.RunAsync(JobKindCatalog.Train, new() { ["dataset"] = "train-fails", ["label"] = "Contract", ["trainer"] = "logistic" });

        Assert.Matches("^Training run [0-9a-f]{32} ended FAILED: .*not binary", step.Reason);
    }

    [Fact]
    public async Task BadRequestsQueueNoRun()
    {
        await portal.GenerateAsync("train-bad", 100);
        var before = await RunCountAsync();

        var unknown = await portal.RunAsync(JobKindCatalog.Train, new() { ["dataset"] = "train-nowhere" });
        var firstIncrement = await portal.RunAsync(JobKindCatalog.Train, new() { ["dataset"] = "train-bad", ["data"] = "increment" });
        var trainer = await portal.RunAsync(JobKindCatalog.Train, new() { ["dataset"] = "train-bad", ["trainer"] = "perceptron" });
        var since = await portal.RunAsync(JobKindCatalog.Train, new() { ["dataset"] = "train-bad", ["sinceSnapshotId"] = 1L });

        Assert.Equal("No run was queued on train-nowhere: Unknown dataset 'train-nowhere'.", unknown.Reason);
        Assert.Contains("is its first: there is no increment to train on", firstIncrement.Reason, StringComparison.Ordinal);
        Assert.Contains("Unknown trainer 'perceptron'", trainer.Reason, StringComparison.Ordinal);
        Assert.Contains("sinceSnapshotId is only for data=increment", since.Reason, StringComparison.Ordinal);
        Assert.Equal(before, await RunCountAsync());
    }

    [Fact]
    public async Task CancellingTheStepCancelsItsRun()
    {
        await portal.GenerateAsync("train-cancel", 300);
        using var cancel = new CancellationTokenSource();
        var runId = "";

        // A sweep runs for its whole budget: long enough to be cancelled while queued or training.
        var running = portal.RunAsync(JobKindCatalog.Train, new() { ["dataset"] = "train-cancel", ["trainer"] = "sweep", ["budgetSeconds"] = 120L }, cancel.Token,
            onLog: line =>
            {
                if (line.StartsWith("Queued training run ", StringComparison.Ordinal)) runId = line.Split(' ')[3];
                if (line.Contains(" is RUNNING", StringComparison.Ordinal)) cancel.Cancel();
            });
        var step = await running.WaitAsync(TimeSpan.FromMinutes(2), Ct);

        Assert.StartsWith($"Cancelled: training run {runId} was cancelled (KILLED)", step.Reason, StringComparison.Ordinal);
        Assert.Equal("KILLED", (await Tracking.GetRunAsync(runId, Ct)).Info.Status);
    }

    private async Task<int> RunCountAsync()
    {
        var experiments = await Tracking.SearchExperimentsAsync(ViewType.All, 1000, null, Ct);
        var runs = await Tracking.SearchRunsAsync(experiments.Experiments.Select(e => e.ExperimentId).ToList(), null, ViewType.All, 1000, null, null, Ct);
        return runs.Runs.Count;
    }

    private TrackingStore Tracking => portal.Get<TrackingStore>();

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;
}
