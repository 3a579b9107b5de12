using Dapper;
using Telco.InsightPortal.Core.Registry;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.TestSupport;

namespace Telco.InsightPortal.Data.Tests.Deployments;

public sealed class DeploymentStoreTests
{
    internal static readonly AuditActor Scientist = new("dora");
    internal static readonly ModelVersionRef V1 = new("churn", "1", "run-1", "runs/run-1/model.zip", new string('a', 64), 7);
    internal static readonly ModelVersionRef V2 = new("churn", "2", "run-2", "runs/run-2/model.zip", new string('b', 64), 8);

    private static DeploymentStore StoreOver(TestStore store) => new(store.Factory, new AuditTrail(store.Factory, TimeProvider.System), TimeProvider.System);

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task CreateRedeployAndRollbackKeepGenerationsAuditedAndBumpTheRevision(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var deployments = StoreOver(store);

        var created = await deployments.CreateAsync("churn", 2, [DeploymentTarget.Of(V1, 100)], new NewKey("default", "h1", "tsk_1"), Scientist);
        var twice = await deployments.CreateAsync("churn", 2, [DeploymentTarget.Of(V1, 100)], new NewKey("default", "h2", "tsk_2"), Scientist);
        var canary = await deployments.SetTargetsAsync(created!, created!.Generation, [DeploymentTarget.Of(V1, 80), DeploymentTarget.Of(V2, 20)], "deployment.canary", Scientist);
        var stale = await deployments.SetTargetsAsync(created, created.Generation, [DeploymentTarget.Of(V2, 100)], "deployment.redeploy", Scientist);
        var previous = await deployments.PreviousTargetsAsync(canary!.Deployment);
        var rolledBack = await deployments.SetTargetsAsync(canary.Deployment, canary.Deployment.Generation, previous!, "deployment.rollback", Scientist);
        var revisions = await deployments.RevisionsAsync();

        Assert.Null(twice);
        Assert.Equal(2, created.EnginesPerProcess);
        Assert.Equal([("1", 80), ("2", 20)], canary.Targets.Select(t => (t.Version, t.Weight)));
        Assert.Equal(V2, canary.Targets[1].Ref);
        Assert.Null(stale);
        Assert.Equal([("1", 100)], rolledBack!.Targets.Select(t => (t.Version, t.Weight)));
        Assert.Equal(3, rolledBack.Deployment.Generation);
        Assert.Equal(3, revisions["churn"]);
        Assert.Equal(["deployment.create", "deployment.canary", "deployment.rollback"], await ActionsAsync(store));
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task KeysAreFoundByHashAndARevokedKeyStaysRevoked(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var deployments = StoreOver(store);
        var d = (await deployments.CreateAsync("churn", 1, [DeploymentTarget.Of(V1, 100)], new NewKey("default", "hash-1", "tsk_a"), Scientist))!;
        var other = (await deployments.CreateAsync("towers", 1, [DeploymentTarget.Of(V2, 100)], new NewKey("default", "hash-9", "tsk_z"), Scientist))!;

        var second = await deployments.AddKeyAsync(d, new NewKey("app", "hash-2", "tsk_b"), Scientist);
        var revoked = await deployments.RevokeKeyAsync(d, second, Scientist);
        var again = await deployments.RevokeKeyAsync(d, second, Scientist);
        var notItsKey = await deployments.RevokeKeyAsync(other, (await deployments.FindKeyAsync("hash-1"))!.Id, Scientist);

        Assert.Equal("churn", (await deployments.FindKeyAsync("hash-1"))!.Deployment);
        Assert.NotNull((await deployments.FindKeyAsync("hash-2"))!.RevokedAt);
        Assert.Null(await deployments.FindKeyAsync("hash-unknown"));
        Assert.True(revoked);
        Assert.False(again);
        Assert.False(notItsKey);
        Assert.Equal(["default", "app"], (await deployments.KeysAsync(d)).Select(k => k.Name));
        Assert.Contains("deployment.key.revoke", await ActionsAsync(store));
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task PredictionsAreReadByWindowWithTheirLabelsAndCountersAdd(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var deployments = StoreOver(store);
        var d = (await deployments.CreateAsync("churn", 1, [DeploymentTarget.Of(V1, 100)], new NewKey("default", "h", "tsk_"), Scientist))!;
        var layout = new PredictionLayout(d.Id, "churn/1", "[\"tenure\",\"contract\"]");
        var ids = Enumerable.Range(0, 5).Select(i => Guid.CreateVersion7(DateTimeOffset.FromUnixTimeMilliseconds(1_000 * i))).ToArray();
        var predictions = Enumerable.Range(0, 5).Select(i => new LoggedPrediction(layout, ids[i], i, Utf8($"[{i},\"Two year\"]"), i / 10f, i % 2)).ToList();

        await deployments.WritePredictionsAsync(predictions, [new CounterDelta(d.Id, 7, 4, 1, 2), new CounterDelta(d.Id, 9, 1, 1, 0)]);
        var labels = await deployments.AddLabelsAsync(d,
            [new DelayedLabel(ids[1].ToString(), 1), new DelayedLabel(ids[1].ToString(), 0), new DelayedLabel("nope", 1), new DelayedLabel(Guid.CreateVersion7().ToString(), 1)]);
        var window = await deployments.PredictionsAsync(d, 1000, 4000, 100);
        var counters = (await deployments.GetAsync("churn"))!;
        var minutes = await deployments.MinutesAsync(d, 8 * 60_000);

        Assert.Equal([ids[3], ids[2], ids[1]], window.Select(p => Guid.Parse(p.Uuid)));
        Assert.Equal([3_000L, 2_000, 1_000], window.Select(p => p.CreatedAt));
        Assert.Equal("{\"tenure\":2,\"contract\":\"Two year\"}", window[1].Inputs);
        Assert.Equal(("churn/1", 0.2, 0), (window[1].ModelVersion, Math.Round(window[1].Probability, 3), window[1].Label));
        Assert.Equal(0, window.Single(p => p.Uuid == ids[1].ToString()).TrueLabel);
        Assert.Null(window.Single(p => p.Uuid == ids[2].ToString()).TrueLabel);
        Assert.Equal(2, labels.Stored);
        Assert.Equal(2, labels.Unknown.Count);
        Assert.Equal("nope", labels.Unknown[0]);
        Assert.Equal((5L, 2L, 2L), (counters.Requests, counters.FailedRequests, counters.DroppedPredictions));
        Assert.Equal([new MinuteCounts(9, 1, 1, 0)], minutes);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task ABatchWithALayoutTheStoreRefusesLeavesNothingAndTheNextBatchStillWrites(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var deployments = StoreOver(store);
        var d = (await deployments.CreateAsync("churn", 1, [DeploymentTarget.Of(V1, 100)], new NewKey("default", "h", "tsk_"), Scientist))!;
        var good = new PredictionLayout(d.Id, "churn/1", "[\"tenure\"]");
        var orphan = new PredictionLayout(d.Id + 1000, "churn/1", "[\"tenure\"]");
        var id = Guid.CreateVersion7();

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => deployments.WritePredictionsAsync(
            [new LoggedPrediction(good, Guid.CreateVersion7(), 1, Utf8("[1]"), 0.5f, 1), new LoggedPrediction(orphan, Guid.CreateVersion7(), 1, Utf8("[1]"), 0.5f, 1)],
            [new CounterDelta(d.Id, 1, 2, 0, 0)]));
        var afterFailure = await deployments.PredictionsAsync(d, 0, long.MaxValue, 10);
        await deployments.WritePredictionsAsync([new LoggedPrediction(good, id, 1, Utf8("[1]"), 0.5f, 1)], [new CounterDelta(d.Id, 1, 1, 0, 0)]);

        Assert.Empty(afterFailure);
        Assert.Equal(id.ToString(), Assert.Single(await deployments.PredictionsAsync(d, 0, long.MaxValue, 10)).Uuid);
        Assert.Equal(1, (await deployments.GetAsync("churn"))!.Requests);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task APortalKeyIsAKeyOfTheDeploymentAndOnlyTheKeyItReplacesIsReplaced(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var deployments = StoreOver(store);
        var d = (await deployments.CreateAsync("churn", 1, [DeploymentTarget.Of(V1, 100)], new NewKey("default", "hash-1", "tsk_a"), Scientist))!;

        var none = await deployments.PortalKeyAsync(d);
        var made = await deployments.SetPortalKeyAsync(d, new NewKey("portal", "hash-p1", "tsk_p1"), "sealed-1", replacing: null, Scientist);
        var first = (await deployments.PortalKeyAsync(d))!.KeyId;
        var raced = await deployments.SetPortalKeyAsync(d, new NewKey("portal", "hash-px", "tsk_px"), "sealed-x", replacing: null, AuditActor.System);
        await deployments.RevokeKeyAsync(d, first, Scientist);
        var revoked = await deployments.PortalKeyAsync(d);
        var replaced = await deployments.SetPortalKeyAsync(d, new NewKey("portal", "hash-p2", "tsk_p2"), "sealed-2", replacing: first, Scientist);
        var current = await deployments.PortalKeyAsync(d);

        Assert.Null(none);
        Assert.True(made);
        Assert.False(raced);
        Assert.Null(await deployments.FindKeyAsync("hash-px"));
        Assert.Equal((first, "sealed-1"), (revoked!.KeyId, revoked.ProtectedKey));
        Assert.NotNull(revoked.RevokedAt);
        Assert.True(replaced);
        Assert.Equal("sealed-2", current!.ProtectedKey);
        Assert.Null(current.RevokedAt);
        Assert.Equal(["default", "portal", "portal"], (await deployments.KeysAsync(d)).Select(k => k.Name));
        Assert.Equal("churn", (await deployments.FindKeyAsync("hash-p2"))!.Deployment);
        Assert.Equal(["deployment.create", "deployment.key.create", "deployment.key.revoke", "deployment.key.create"], await ActionsAsync(store));
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task LatencyPointsAreTheDeploymentsNewestSinceTheStart(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var deployments = StoreOver(store);
        var d = (await deployments.CreateAsync("churn", 1, [DeploymentTarget.Of(V1, 100)], new NewKey("default", "hash-1", "tsk_a"), Scientist))!;
        var other = (await deployments.CreateAsync("towers", 1, [DeploymentTarget.Of(V1, 100)], new NewKey("default", "hash-2", "tsk_b"), Scientist))!;
        LoggedPrediction At(long deployment, long time, double ms) =>
            new(new PredictionLayout(deployment, "churn/1", "[]"), Guid.CreateVersion7(DateTimeOffset.FromUnixTimeMilliseconds(time)), ms, Utf8("[]"), 0.5f, 1);
        await deployments.WritePredictionsAsync([At(d.Id, 1_000, 1.5), At(d.Id, 2_000, 2.5), At(d.Id, 3_000, 3.5), At(d.Id, 500, 9), At(other.Id, 2_500, 7)], []);

        var points = await deployments.LatencyPointsAsync(d, from: 1_000, limit: 2);

        Assert.Equal([new LatencyPoint(3_000, 3.5), new LatencyPoint(2_000, 2.5)], points);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task StopScaleAndStartAreAuditedBumpTheRevisionAndAStaleChangeWritesNothing(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var deployments = StoreOver(store);
        var created = (await deployments.CreateAsync("churn", 2, [DeploymentTarget.Of(V1, 100)], new NewKey("default", "h1", "tsk_1"), Scientist))!;

        var stopped = await deployments.SetLifecycleAsync(created, DeploymentStatus.Stopped, 2, "deployment.stop", Scientist);
        var stale = await deployments.SetLifecycleAsync(created, DeploymentStatus.Active, 9, "deployment.scale", Scientist);
        var scaled = await deployments.SetLifecycleAsync(stopped!, DeploymentStatus.Stopped, 4, "deployment.scale", Scientist);
        var started = await deployments.SetLifecycleAsync(scaled!, DeploymentStatus.Active, 4, "deployment.start", Scientist);
        var outOfRange = await Record.ExceptionAsync(() => deployments.SetLifecycleAsync(started!, DeploymentStatus.Active, 65, "deployment.scale", Scientist));
        var state = (await deployments.GetStateAsync("churn"))!;

        Assert.Equal((DeploymentStatus.Stopped, 2, created.Revision + 1), (stopped!.Status, stopped.EnginesPerProcess, stopped.Revision));
        Assert.Null(stale);
        Assert.Equal((DeploymentStatus.Stopped, 4), (scaled!.Status, scaled.EnginesPerProcess));
        Assert.Equal((DeploymentStatus.Active, 4, created.Revision + 3), (started!.Status, started.EnginesPerProcess, started.Revision));
        Assert.NotNull(outOfRange);
        Assert.Equal((DeploymentStatus.Active, 4, created.Revision + 3, created.Generation),
            (state.Deployment.Status, state.Deployment.EnginesPerProcess, state.Deployment.Revision, state.Deployment.Generation));
        Assert.Equal(["deployment.create", "deployment.stop", "deployment.scale", "deployment.start"], await ActionsAsync(store));
    }

    private static byte[] Utf8(string json) => System.Text.Encoding.UTF8.GetBytes(json);

    private static async Task<List<string>> ActionsAsync(TestStore store)
    {
        await using var c = await store.Factory.OpenAsync();
        return (await c.QueryAsync<string>("SELECT action FROM audit_entries ORDER BY seq")).ToList();
    }
}
