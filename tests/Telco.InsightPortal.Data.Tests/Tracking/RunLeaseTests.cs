using Dapper;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.TestSupport;

namespace Telco.InsightPortal.Data.Tests.Tracking;

/// <summary>The embedded trainer's queue, leases and cancel requests, as several portal instances use them on one store.</summary>
public sealed class RunLeaseTests
{
    private static readonly TimeSpan Long = TimeSpan.FromHours(1);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private static readonly AuditActor Carl = new("carl", "10.0.0.7");

    private static async Task<string> QueueAsync(TrackingFixture f, string request = "{}")
    {
        var runId = Guid.NewGuid().ToString("N");
        await f.Tracking.QueueRunAsync(runId, 0, [new("portal_runner", "embedded-trainer")], [], request, TrackingFixture.Scientist);
        return runId;
    }

    private static async Task<IReadOnlyList<(string Action, string Actor, string? Details)>> AuditOfAsync(TrackingFixture f, string runId)
    {
        await using var connection = await f.Store.Factory.OpenAsync();
        return (await connection.QueryAsync<(string, string, string?)>(
            "SELECT action, actor, details FROM audit_entries WHERE target_id = @RunId ORDER BY seq", new { RunId = runId })).ToList();
    }

    /// <summary>Fails expired leases, as another instance would, until one is failed or the deadline passes.</summary>
    private static async Task<ExpiredRun> FirstExpiredAsync(TrackingFixture f)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (true)
        {
            if ((await f.Tracking.FailExpiredRunsAsync([])).FirstOrDefault() is { } failed) return failed;
            await Task.Delay(20, deadline.Token);
        }
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task AQueuedRunIsClaimedByExactlyOneOfManyInstances(StoreProvider provider)
    {
        await using var f = await TrackingFixture.CreateAsync(provider);
        var runId = await QueueAsync(f, """{"trainer":"logistic"}""");

        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => f.Tracking.ClaimNextRunAsync($"instance-{i}", Long))));

        var claim = Assert.Single(claims, c => c is not null)!;
        Assert.Equal((runId, """{"trainer":"logistic"}""", "scientist"), (claim.RunId, claim.Request, claim.QueuedBy.Name));
        var lease = (await f.Tracking.GetRunLeaseAsync(runId))!;
        Assert.Equal("RUNNING", lease.Status);
        Assert.Equal($"instance-{Array.IndexOf(claims, claim)}", lease.Owner);
        var audit = await AuditOfAsync(f, runId);
        Assert.Equal(["run.create", "run.status"], audit.Select(a => a.Action));
        Assert.Equal("scientist", audit[1].Actor);
        Assert.Contains("\"after\":\"RUNNING\"", audit[1].Details);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task ClaimsTakeTheOldestQueuedRunFirstAndNothingOnceTheQueueIsEmpty(StoreProvider provider)
    {
        await using var f = await TrackingFixture.CreateAsync(provider);
        var first = await QueueAsync(f);
        var second = await QueueAsync(f);
        var client = await f.NewRunAsync(0, "an MLflow client's run");
        await f.Tracking.UpdateRunAsync(client, "SCHEDULED", null, null, TrackingFixture.Scientist);

        var claimed = new[] { await f.Tracking.ClaimNextRunAsync("a", Long), await f.Tracking.ClaimNextRunAsync("b", Long), await f.Tracking.ClaimNextRunAsync("c", Long) };

        Assert.Equal([first, second, null], claimed.Select(c => c?.RunId));
        Assert.Equal("SCHEDULED", (await f.Tracking.GetRunAsync(client)).Info.Status);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task OnlyAnExpiredLeaseFailsARunAndNeverOneTheCallerTrains(StoreProvider provider)
    {
        await using var f = await TrackingFixture.CreateAsync(provider);
        var stale = await QueueAsync(f);
        var live = await QueueAsync(f);
        await f.Tracking.ClaimNextRunAsync("gone-host/41/a1", TimeSpan.Zero);
        await f.Tracking.ClaimNextRunAsync("live-host/42/b2", Long);

        var byItsTrainer = await f.Tracking.FailExpiredRunsAsync([stale]);
        var failed = await FirstExpiredAsync(f);

        Assert.Empty(byItsTrainer);
        Assert.Equal((stale, "gone-host/41/a1"), (failed.RunId, failed.Owner));
        var run = await f.Tracking.GetRunAsync(stale);
        Assert.Equal("FAILED", run.Info.Status);
        Assert.NotNull(run.Info.EndTime);
        Assert.Matches(@"^The portal instance that was training this run \(gone-host/41/a1\) stopped: its lease expired at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ and was not renewed\.$",
            run.Tags.Single(t => t.Key == "error").Value);
        var entry = (await AuditOfAsync(f, stale))[^1];
        Assert.Equal(("run.status", "system"), (entry.Action, entry.Actor));
        Assert.Contains("\"after\":\"FAILED\"", entry.Details);
        Assert.Equal("RUNNING", (await f.Tracking.GetRunAsync(live)).Info.Status);
        Assert.Empty(await f.Tracking.FailExpiredRunsAsync([]));
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task RenewingALeaseKeepsTheRunAndBringsItsOwnerTheCancelRequest(StoreProvider provider)
    {
        await using var f = await TrackingFixture.CreateAsync(provider);
        var runId = await QueueAsync(f);
        var orphan = await QueueAsync(f);
        await f.Tracking.ClaimNextRunAsync("owner", TimeSpan.Zero);
        await f.Tracking.ClaimNextRunAsync("owner", TimeSpan.Zero);

        var renewed = await f.Tracking.RenewLeasesAsync("owner", [runId], Long);
        var byAnother = await f.Tracking.RenewLeasesAsync("another", [runId], Long);
        var failed = await FirstExpiredAsync(f);
        var requested = await f.Tracking.RequestCancelAsync(runId, Carl);
        var again = await f.Tracking.RequestCancelAsync(runId, TrackingFixture.Scientist);
        var held = await f.Tracking.RenewLeasesAsync("owner", [runId, orphan], Long);
        var polled = await f.Tracking.CancelRequestsAsync("owner");

        Assert.Equal([new HeldRun(runId, null)], renewed);
        Assert.Empty(byAnother);
        Assert.Equal(orphan, failed.RunId);
        Assert.Equal(new CancelRequestResult(CancelRequestOutcome.Requested, "RUNNING", "owner"), requested);
        Assert.Equal(CancelRequestOutcome.Pending, again.Outcome);
        Assert.Equal([new HeldRun(runId, Carl)], held);
        Assert.Equal([new HeldRun(runId, Carl)], polled);
        Assert.Empty(await f.Tracking.CancelRequestsAsync("someone-else"));
        Assert.Equal("RUNNING", (await f.Tracking.GetRunAsync(runId)).Info.Status);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task OnlyTheOwnerEndsARunAndOnlyWhileItHoldsIt(StoreProvider provider)
    {
        await using var f = await TrackingFixture.CreateAsync(provider);
        var runId = await QueueAsync(f);
        await f.Tracking.ClaimNextRunAsync("owner", Long);
        await f.Tracking.RequestCancelAsync(runId, Carl);

        var byAnother = await f.Tracking.EndOwnedRunAsync(runId, "another", "FINISHED", 1, TrackingFixture.Scientist);
        var byOwner = await f.Tracking.EndOwnedRunAsync(runId, "owner", "KILLED", 2, Carl);
        var twice = await f.Tracking.EndOwnedRunAsync(runId, "owner", "FINISHED", 3, TrackingFixture.Scientist);
        var cancelAfter = await f.Tracking.RequestCancelAsync(runId, Carl);

        Assert.Equal((false, true, false), (byAnother, byOwner, twice));
        Assert.Equal(("KILLED", 2L), ((await f.Tracking.GetRunAsync(runId)).Info.Status, (await f.Tracking.GetRunAsync(runId)).Info.EndTime!.Value));
        Assert.Equal(new CancelRequestResult(CancelRequestOutcome.Ended, "KILLED", "owner"), cancelAfter);
        var audit = await AuditOfAsync(f, runId);
        Assert.Equal(["run.create", "run.status", "run.cancel", "run.status"], audit.Select(a => a.Action));
        Assert.Equal(("carl", "carl"), (audit[2].Actor, audit[3].Actor));
        Assert.Contains("\"after\":\"KILLED\"", audit[3].Details);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task ACancelAndAClaimRacingForAQueuedRunHaveExactlyOneWinner(StoreProvider provider)
    {
        await using var f = await TrackingFixture.CreateAsync(provider);
        for (var i = 0; i < 10; i++)
        {
            var runId = await QueueAsync(f);

            var claiming = Task.Run(() => f.Tracking.ClaimNextRunAsync("owner", Long));
            var cancelling = Task.Run(() => f.Tracking.RequestCancelAsync(runId, Carl));
            var (claim, cancel) = (await claiming, await cancelling);

            var status = (await f.Tracking.GetRunAsync(runId)).Info.Status;
            if (claim is null) Assert.Equal((CancelRequestOutcome.Killed, "KILLED"), (cancel.Outcome, status));
            else Assert.Equal((CancelRequestOutcome.Requested, "RUNNING"), (cancel.Outcome, status));
            await f.Tracking.EndOwnedRunAsync(runId, "owner", "KILLED", 1, Carl);
        }
        Assert.Null(await f.Tracking.ClaimNextRunAsync("late", Long));
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task ARunReleasedByAStoppingInstanceIsQueuedAgainUnlessSomeoneAskedToCancelIt(StoreProvider provider)
    {
        await using var f = await TrackingFixture.CreateAsync(provider);
        var released = await QueueAsync(f);
        var cancelled = await QueueAsync(f);
        await f.Tracking.ClaimNextRunAsync("stopping", Long);
        await f.Tracking.ClaimNextRunAsync("stopping", Long);
        await f.Tracking.RequestCancelAsync(cancelled, Carl);

        var results = (await f.Tracking.ReleaseRunAsync(released, "stopping"), await f.Tracking.ReleaseRunAsync(cancelled, "stopping"));
        var next = await f.Tracking.ClaimNextRunAsync("restarted", Long);

        Assert.Equal((true, false), results);
        Assert.Equal(released, next?.RunId);
        Assert.Equal(("RUNNING", "restarted"), ((await f.Tracking.GetRunLeaseAsync(released))!.Status, (await f.Tracking.GetRunLeaseAsync(released))!.Owner));
        Assert.Equal("stopping", (await f.Tracking.GetRunLeaseAsync(cancelled))!.Owner);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task LiveEmbeddedRunsOfAPortalFromBeforeLeasesAreFailedAtTheFirstCheck(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, migrate: false);
        await new MigrationRunner(store.Factory).ApplyAsync(through: 9);
        var tracking = new TrackingStore(store.Factory, new AuditTrail(store.Factory, TimeProvider.System), TimeProvider.System);
        var embedded = (await tracking.CreateRunAsync(0, "dora", "left running", null, [new("portal_runner", "embedded-trainer")], TrackingFixture.Scientist)).Info.RunId;
        var client = (await tracking.CreateRunAsync(0, "dora", "a notebook's run", null, [], TrackingFixture.Scientist)).Info.RunId;

        await new MigrationRunner(store.Factory).ApplyAsync();
        var failed = await tracking.FailExpiredRunsAsync([]);

        Assert.Equal([embedded], failed.Select(r => r.RunId));
        Assert.Contains("(a portal from before migration 0010) stopped", failed[0].Error);
        Assert.Equal("FAILED", (await tracking.GetRunAsync(embedded)).Info.Status);
        Assert.Equal("RUNNING", (await tracking.GetRunAsync(client)).Info.Status);
    }
}
