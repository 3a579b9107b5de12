using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Experiments.Training;

namespace Telco.InsightPortal.Web.Tests.Training;

/// <summary>One portal host and the store it shares with other (simulated) instances: leases decide which runs are
/// failed, and a stopping instance hands its run back to the queue.</summary>
public sealed class LeaseTests
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(3);

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    /// <summary>A run another instance claimed, as that instance would.</summary>
    private static async Task<string> ClaimedByAsync(TrackingStore other, string owner, TimeSpan lease)
    {
        var runId = Guid.NewGuid().ToString("N");
        await other.QueueRunAsync(runId, 0, [new(TrainingQueue.RunnerTag, TrainingQueue.EmbeddedRunner)], [], "{}", new AuditActor("dora"), Ct);
        Assert.Equal(runId, (await other.ClaimNextRunAsync(owner, lease, Ct))?.RunId);
        return runId;
    }

    [Fact]
    public async Task OnlyRunsWhoseLeaseExpiredAreFailedAtStartUpAndWhileThePortalRuns()
    {
        await using var portal = await PortalFactory.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["Training:HeartbeatInterval"] = "00:00:00.2", ["Training:LeaseDuration"] = "00:00:01",
        });
        await new MigrationRunner(portal.Store.Factory).ApplyAsync(Ct);
        var other = new TrackingStore(portal.Store.Factory, new AuditTrail(portal.Store.Factory, TimeProvider.System), TimeProvider.System);
        var dead = await ClaimedByAsync(other, "dead-host/1/aa", TimeSpan.Zero);
        var stopsLater = await ClaimedByAsync(other, "busy-host/2/bb", TimeSpan.FromHours(1));
        var live = await ClaimedByAsync(other, "live-host/3/cc", TimeSpan.FromHours(1));
        var worker = portal.Services.GetRequiredService<TrainingWorker>();

        var deadStatus = await worker.WhenDoneAsync(dead).WaitAsync(RunLimit, Ct);
        var stillRunning = (await other.GetRunLeaseAsync(stopsLater, Ct))?.Status;
        await other.RenewLeasesAsync("busy-host/2/bb", [stopsLater], TimeSpan.Zero, Ct);
        var laterStatus = await worker.WhenDoneAsync(stopsLater).WaitAsync(RunLimit, Ct);

        Assert.Equal(("FAILED", "RUNNING", "FAILED"), (deadStatus, stillRunning, laterStatus));
        Assert.Contains("(busy-host/2/bb) stopped", (await other.GetRunAsync(stopsLater, Ct)).Tags.Single(t => t.Key == "error").Value);
        Assert.Equal("RUNNING", (await other.GetRunAsync(live, Ct)).Info.Status);
        var log = File.ReadAllText(Path.Combine(portal.Store.Directory, "artifacts", "runs", dead, RunLog.FileName));
        Assert.StartsWith("FAILED: The portal instance that was training this run (dead-host/1/aa) stopped", log[(log.IndexOf(' ') + 1)..]);
    }

    [Fact]
    public async Task ARunWhoseInstanceStopsGoesBackToTheQueueAndTheNextStartTrainsIt()
    {
        await using var store = await PortalFactory.CreateAsync();
        var stopping = store.SecondInstance();
        var services = stopping.Services;
        string? runId = null;
        var firstTrial = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stopRequested = new ManualResetEventSlim();
        // Holds the sweep (on its training thread) at its first trial until the worker is told to stop, so the stop
        // lands mid-sweep.
        using var hold = services.GetRequiredService<RunProgress>().Subscribe(state =>
        {
            if (state.RunId != runId || state.Trial is null) return;
            firstTrial.TrySetResult();
            stopRequested.Wait(RunLimit);
        });
        runId = await services.GetRequiredService<TrainingQueue>().SubmitAsync(
            new TrainRequestDto("stops", "telco-churn", null, "Churn", "sweep", null, 42, 1, null), new AuditActor("dora"), Ct);
        await firstTrial.Task.WaitAsync(RunLimit, Ct);

        // The worker's token is cancelled before StopAsync returns its task, so the sweep sees it at its next fit (a
        // sweep's first trial always runs; with a budget of 1 s it is the only one).
        var stopped = services.GetRequiredService<TrainingWorker>().StopAsync(Ct);
        stopRequested.Set();
        await stopped;
        await stopping.DisposeAsync();
        var tracking = new TrackingStore(store.Store.Factory, new AuditTrail(store.Store.Factory, TimeProvider.System), TimeProvider.System);
        var released = await tracking.GetRunLeaseAsync(runId, Ct);
        Assert.Equal(("SCHEDULED", null), (released?.Status, released?.Owner));
        var status = await store.Services.GetRequiredService<TrainingWorker>().WhenDoneAsync(runId).WaitAsync(RunLimit, Ct);

        Assert.Equal("FINISHED", status);
        await using var connection = await store.Store.Factory.OpenAsync(Ct);
        var changes = (await connection.QueryAsync<(string Actor, string Details)>(
            "SELECT actor, details FROM audit_entries WHERE action = 'run.status' AND target_id = @RunId ORDER BY seq", new { RunId = runId })).ToList();
        Assert.Equal(4, changes.Count);
        Assert.Contains("\"after\":\"SCHEDULED\"", changes[1].Details);
        Assert.Equal("system", changes[1].Actor);
        var log = File.ReadAllText(Path.Combine(store.Store.Directory, "artifacts", "runs", runId, RunLog.FileName));
        Assert.Contains(" is stopping.", log);
        Assert.Equal(2, log.Split("Started: ").Length - 1);
        Assert.EndsWith(" FINISHED.\n", log);
    }
}
