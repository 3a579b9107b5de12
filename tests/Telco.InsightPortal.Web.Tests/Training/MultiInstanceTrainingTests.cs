using System.Net;
using System.Text.RegularExpressions;
using Telco.InsightPortal.TestSupport;

namespace Telco.InsightPortal.Web.Tests.Training;

/// <summary>
/// Two portal processes on one PostgreSQL store train, cancel and fail runs without stepping on each other. A sweep
/// on this many rows trains for minutes, long enough to act on it while it runs; nothing here paces the trainer.
/// </summary>
public sealed partial class MultiInstanceTrainingTests
{
    private const int Rows = 40_000;

    /// <summary>Short leases, so that a killed instance's run is failed within seconds.</summary>
    private static readonly Dictionary<string, string?> ShortLeases = new()
    {
        ["Training:HeartbeatInterval"] = "00:00:01", ["Training:LeaseDuration"] = "00:00:04",
    };

    [Fact]
    public async Task ASecondInstanceStartingUpLeavesARunTheFirstTrainsAndACancelSentToItStopsThatRun()
    {
        await using var cluster = await TrainingCluster.CreateAsync();
        await using var a = await cluster.StartAsync("A");
        var dora = await a.ClientForAsync("dora", PortalUsers.Password);
        await TrainingCluster.GenerateAsync(dora, Rows);
        var runId = await TrainingCluster.SubmitAsync(dora, "sweep");
        await cluster.WaitForRunAsync(runId, l => l.Status == "RUNNING" && TrainingCluster.Owns(a, l), "training on A");

        await using var b = await cluster.StartAsync("B");
        var afterStart = await cluster.Tracking.GetRunLeaseAsync(runId);
        var carl = await b.ClientForAsync("carl", PortalUsers.Password);
        var cancel = await carl.PostAsync($"/api/v1/runs/{runId}/cancel", null);
        var ended = await cluster.WaitForEndAsync(runId);

        Assert.Equal("RUNNING", afterStart?.Status);
        Assert.True(TrainingCluster.Owns(a, afterStart!));
        Assert.True(cancel.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, await cancel.Content.ReadAsStringAsync());
        Assert.Equal("KILLED", ended.Status);
        Assert.Equal("carl", ended.CancelRequestedBy?.Name);
        Assert.Equal("carl", (await cluster.StatusChangesAsync(runId))[^1].Actor);
        var log = cluster.Log(runId);
        Assert.Contains("KILLED: cancelled by carl.", log);
        Assert.DoesNotContain("test ROC AUC", log, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain((await cluster.Tracking.GetRunAsync(runId)).Metrics, m => m.Key == "roc_auc");
    }

    [Fact]
    public async Task RunsQueuedOnABusyInstanceAreTrainedExactlyOnceByAnIdleOne()
    {
        await using var cluster = await TrainingCluster.CreateAsync();
        var instances = await Task.WhenAll(cluster.StartAsync("A"), cluster.StartAsync("B"));
        var clients = await Task.WhenAll(instances.Select(i => i.ClientForAsync("dora", PortalUsers.Password)));
        await TrainingCluster.GenerateAsync(clients[0], Rows);
        var sweep = await TrainingCluster.SubmitAsync(clients[0], "sweep");
        var training = await cluster.WaitForRunAsync(sweep, l => l.Status == "RUNNING", "training");
        var busy = TrainingCluster.Owns(instances[0], training) ? 0 : 1;

        var queued = new[] { await TrainingCluster.SubmitAsync(clients[busy], "logistic"), await TrainingCluster.SubmitAsync(clients[busy], "fasttree") };
        var ended = new[] { await cluster.WaitForEndAsync(queued[0]), await cluster.WaitForEndAsync(queued[1]) };

        Assert.All(ended, run => Assert.Equal("FINISHED", run.Status));
        Assert.All(ended, run => Assert.True(TrainingCluster.Owns(instances[1 - busy], run), $"{run.Owner} trained it; the idle instance is pid {instances[1 - busy].Id}."));
        foreach (var runId in queued)
        {
            Assert.Single(StartedLine().Matches(cluster.Log(runId)));
            Assert.Single(await cluster.StatusChangesAsync(runId), change => change.Details.Contains("\"after\":\"RUNNING\"", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task AKilledInstancesRunIsFailedByTheOtherOnceItsLeaseExpires()
    {
        await using var cluster = await TrainingCluster.CreateAsync(ShortLeases);
        var instances = await Task.WhenAll(cluster.StartAsync("A"), cluster.StartAsync("B"));
        var dora = await instances[0].ClientForAsync("dora", PortalUsers.Password);
        await TrainingCluster.GenerateAsync(dora, Rows);
        var runId = await TrainingCluster.SubmitAsync(dora, "sweep");
        var training = await cluster.WaitForRunAsync(runId, l => l.Status == "RUNNING", "training");
        var owner = instances.Single(i => TrainingCluster.Owns(i, training));

        await owner.KillAsync();
        var ended = await cluster.WaitForEndAsync(runId);

        Assert.Equal("FAILED", ended.Status);
        Assert.Equal(training.Owner, ended.Owner);
        var error = (await cluster.Tracking.GetRunAsync(runId)).Tags.Single(t => t.Key == "error").Value;
        Assert.StartsWith($"The portal instance that was training this run ({training.Owner}) stopped: its lease expired at ", error);
        Assert.Equal("system", (await cluster.StatusChangesAsync(runId))[^1].Actor);
        Assert.Contains("FAILED: " + error, cluster.Log(runId));
    }

    [Fact]
    public async Task QueuedRunsSurviveTheOnlyInstanceBeingKilledAndRestarted()
    {
        await using var cluster = await TrainingCluster.CreateAsync(ShortLeases);
        var first = await cluster.StartAsync("A");
        var dora = await first.ClientForAsync("dora", PortalUsers.Password);
        await TrainingCluster.GenerateAsync(dora, Rows);
        var sweep = await TrainingCluster.SubmitAsync(dora, "sweep");
        await cluster.WaitForRunAsync(sweep, l => l.Status == "RUNNING", "training");
        var queued = await TrainingCluster.SubmitAsync(dora, "logistic");

        await first.KillAsync();
        var whileDown = await cluster.Tracking.GetRunLeaseAsync(queued);
        await using var restarted = await cluster.StartAsync("A again");
        var trained = await cluster.WaitForEndAsync(queued);
        var abandoned = await cluster.WaitForEndAsync(sweep);

        Assert.Equal("SCHEDULED", whileDown?.Status);
        Assert.Equal("FINISHED", trained.Status);
        Assert.True(TrainingCluster.Owns(restarted, trained));
        Assert.Equal("FAILED", abandoned.Status);
        Assert.True(TrainingCluster.Owns(first, abandoned));
    }

    [GeneratedRegex(@"\bStarted: ")]
    private static partial Regex StartedLine();
}
