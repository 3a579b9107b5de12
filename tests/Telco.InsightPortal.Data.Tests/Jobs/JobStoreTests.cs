using Dapper;
using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Core.Jobs;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Jobs;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.TestSupport;

namespace Telco.InsightPortal.Data.Tests.Jobs;

/// <summary>Jobs and runs in the store (migration 0016) on both databases: versions with a stale save refused, a run
/// claimed by one instance only, finished once, interrupted, cancelled, retried once, each audited.</summary>
public sealed class JobStoreTests
{
    private static readonly AuditActor Dora = new("dora");

    private static JobDefinition Job(string name, int rows = 10) => JobDefinitionParser.Parse(
        $$$"""{"name":"{{{name}}}","kind":"pipeline","steps":[{"kind":"ingest","parameters":{"dataset":"d","rows":{{{rows}}}}},{"kind":"train","parameters":{"dataset":"d","snapshotId":"$ingest.snapshotId"}}],"retry":{"maxAttempts":2}}""");

    private static JobStore Jobs(TestStore store) => new(store.Factory, new AuditTrail(store.Factory, TimeProvider.System), TimeProvider.System);

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task JobsAreVersionedAndAStaleSaveIsRefused(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var jobs = Jobs(store);

        var created = await jobs.CreateAsync(Job("nightly"), Dora);
        var duplicate = await Assert.ThrowsAsync<PortalException>(() => jobs.CreateAsync(Job("nightly"), Dora));
        var updated = await jobs.UpdateAsync(Job("nightly", 20), 1, new AuditActor("carl"));
        var stale = await Assert.ThrowsAsync<PortalException>(() => jobs.UpdateAsync(Job("nightly", 30), 1, Dora));

        Assert.Equal((1L, true, "pipeline"), (created.Version, created.Enabled, created.Kind));
        Assert.Equal(ErrorKind.Conflict, duplicate.Kind);
        Assert.Equal((2L, "carl"), (updated!.Version, updated.UpdatedBy));
        Assert.Contains("version 2 by carl", stale.Message);
        Assert.Equal(20L, JobDefinitionParser.Parse((await jobs.GetAsync("nightly"))!.Body).Steps[0].Parameters["rows"]);
        Assert.Null(await jobs.UpdateAsync(Job("missing"), null, Dora));
        Assert.True(await jobs.DeleteAsync("nightly", Dora));
        Assert.False(await jobs.DeleteAsync("nightly", Dora));
        Assert.Equal(["job.create:dora", "job.update:carl", "job.delete:dora"], await AuditAsync(store));
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task ARunIsClaimedOnceFinishedOnceAndListedWithItsSteps(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var jobs = Jobs(store);
        var job = Job("nightly");
        await jobs.CreateAsync(job, Dora);

        var id = (await jobs.QueueAsync(new JobRunRequest(job, 1, JobRunTrigger.Manual, "dora"), Dora))!.Value;
        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => jobs.ClaimAsync(id, $"node-{i}")));
        await jobs.StartStepAsync(id, 0);
        await jobs.WriteLogAsync(id, 0, "line 1\n");
        await jobs.FinishStepAsync(id, 0, JobRunStatus.Succeeded, """{"snapshotId":4}""", null, "line 1\nline 2\n");
        Assert.False(await jobs.HeartbeatAsync(id, claims.Single(c => c is not null)!.Node!));
        var finished = await jobs.FinishAsync(id, "nightly", JobRunStatus.Failed, "Step 'train' failed: no.", Dora);
        var again = await jobs.FinishAsync(id, "nightly", JobRunStatus.Succeeded, null, Dora);
        var (run, steps) = (await jobs.RunAsync(id))!.Value;

        Assert.Single(claims, c => c is not null);
        Assert.True(finished);
        Assert.False(again);
        Assert.Equal((JobRunStatus.Failed, "Step 'train' failed: no.", 1L), (run.Status, run.Error, run.Attempt));
        Assert.NotNull(run.StartedAt);
        Assert.Equal([(JobRunStatus.Succeeded, "line 1\nline 2\n"), (JobRunStatus.Skipped, "")], steps.Select(s => (s.Status, s.Log)));
        Assert.Equal(4L, JobOutputs.Read(steps[0].Outputs)["snapshotId"]);
        Assert.Equal([id], (await jobs.RunsAsync("nightly", 10)).Select(r => r.Id));
        Assert.Equal(id, Assert.Single(await jobs.ListAsync()).LastRun!.Id);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task InterruptedRunsAreFoundByTheirHeartbeatAndRetriedOnceReusingSucceededSteps(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var jobs = Jobs(store);
        var job = Job("nightly");
        var id = (await jobs.QueueAsync(new JobRunRequest(job, 1, JobRunTrigger.Schedule, "schedule"), AuditActor.System))!.Value;
        await jobs.ClaimAsync(id, "gone");
        await jobs.FinishStepAsync(id, 0, JobRunStatus.Succeeded, """{"snapshotId":4}""", null, "");

        var stale = await jobs.StaleAsync(DateTimeOffset.UtcNow.AddSeconds(1));
        var interrupted = await jobs.InterruptAsync(id, "nightly", "its instance stopped");
        var retry = await jobs.QueueAsync(new JobRunRequest(job, 1, JobRunTrigger.Retry, "schedule", 2, id, null, DateTimeOffset.UtcNow.AddMinutes(1),
            new Dictionary<int, string> { [0] = """{"snapshotId":4}""" }), AuditActor.System);
        var second = await jobs.QueueAsync(new JobRunRequest(job, 1, JobRunTrigger.Retry, "schedule", 2, id), AuditActor.System);
        var (run, steps) = (await jobs.RunAsync(retry!.Value))!.Value;

        Assert.Equal([id], stale.Select(r => r.Id));
        Assert.True(interrupted);
        Assert.Equal(JobRunStatus.Interrupted, (await jobs.RunAsync(id))!.Value.Run.Status);
        Assert.Null(second);
        Assert.Equal((2L, id, JobRunStatus.Queued), (run.Attempt, run.RetryOf, run.Status));
        Assert.Equal([JobRunStatus.Succeeded, JobRunStatus.Queued], steps.Select(s => s.Status));
        Assert.Empty(await jobs.DueAsync()); // not before a minute from now
        Assert.Contains("job.run.interrupt:system", await AuditAsync(store));
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task AQueuedRunIsCancelledAtOnceAndARunningOneIsAskedToStop(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var jobs = Jobs(store);
        var job = Job("nightly");
        var queued = (await jobs.QueueAsync(new JobRunRequest(job, 1, JobRunTrigger.Manual, "dora"), Dora))!.Value;
        var running = (await jobs.QueueAsync(new JobRunRequest(job, 1, JobRunTrigger.Manual, "dora"), Dora))!.Value;
        await jobs.ClaimAsync(running, "here");

        Assert.True(await jobs.CancelAsync(queued, Dora));
        Assert.Null(await jobs.ClaimAsync(queued, "here"));
        Assert.True(await jobs.CancelAsync(running, Dora));
        Assert.True(await jobs.HeartbeatAsync(running, "here"));
        Assert.Equal(JobRunStatus.Cancelled, (await jobs.RunAsync(queued))!.Value.Run.Status);
        Assert.Equal([JobRunStatus.Skipped, JobRunStatus.Skipped], (await jobs.RunAsync(queued))!.Value.Steps.Select(s => s.Status));
        Assert.True(await jobs.FinishAsync(running, "nightly", JobRunStatus.Cancelled, "Cancelled while it ran.", Dora));
        Assert.False(await jobs.CancelAsync(running, Dora));
    }

    private static async Task<List<string>> AuditAsync(TestStore store)
    {
        await using var c = await store.Factory.OpenAsync();
        return (await c.QueryAsync<string>("SELECT action || ':' || actor FROM audit_entries WHERE action LIKE 'job.%' AND action NOT LIKE 'job.run.queue%' ORDER BY seq")).AsList();
    }
}
